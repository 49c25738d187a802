package classifier

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzClassify runs the whole pipeline (decode, segment, both passes of
// the model, the page model, the article-span decoder, the decoding rules
// and the declared article body, title and main text) on arbitrary bytes in each mode, raw and as text, with and
// without an address and a title hint: it never
// panics, answers a clear error of a known kind or a result whose blocks
// lie in order inside Result.Text on rune boundaries, with valid labels
// and probabilities, and answers the same twice.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{
		"", "\x00\x01\x02", "<p>Hello</p>",
		"<html><body><article><h1>Title here</h1><p>One paragraph of the article, long enough to read.</p></article>" +
			"<ol class=\"comments\"><li class=\"comment\"><div><p>A comment.</p></div></li><li class=\"comment\"><div><p>Another comment.</p></div></li><li class=\"comment\"><div><p>A third.</p></div></li></ol></body></html>",
		"<ul><li><a href=/a>One</a></li><li><a href=/b>Two</a></li><li><a href=/c>Three</a></li></ul>",
		"کد خبر ۴۴۰۱۹۹\nهمکاری اطلاعاتی مسکو با طالبان علیه داعش\nارسال به دوستان",
		"The council voted on Tuesday to expand the city's bus network, adding\nfour new routes that will serve the eastern suburbs and the airport, the\nmayor said. Officials said the plan would cost about twelve million.",
		strings.Repeat("<div>", 300) + "deep" + strings.Repeat("</div>", 10),
		"\xff\xfe<\x00p\x00>\x00",
		// a declared article body (followBody)
		`<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"The council voted on Tuesday to expand the bus network.\n\nFour new routes will serve the eastern suburbs and the airport, the mayor said."}</script>` +
			"<article><h1>Buses</h1><p>The council voted on Tuesday to expand the bus network.</p><p>Four new routes will serve the eastern suburbs and the airport, the mayor said.</p></article>" +
			"<div class=more><p>A bakery opened near the coast, and the queues start before dawn every day.</p></div>",
		// the article's end (a share bar, a comment form), an aside and form controls
		"<main><article><h1>Buses</h1><button>Read aloud</button><p>" + strings.Repeat("The council voted on Tuesday to expand the bus network. ", 12) + "</p>" +
			"<aside><p>Most read: a bakery opened near the coast and the queues start before dawn.</p></aside></article>" +
			"<ul class=share><li>Facebook</li><li>Twitter</li><li>Email</li></ul>" +
			"<form class=comment-form><label>Your email address will not be published.</label><label>Comment</label><button>Post comment</button></form>" +
			"<div class=more><h3>Next story</h3><p>A bakery opened near the coast, and the queues start before dawn every day.</p></div></main>",
		// a paragraph of links inside the article, and its last paragraph
		// after a promo box (linkParagraphs, siblingTail)
		"<article><h1>Buses</h1><p>" + strings.Repeat("The council voted on Tuesday to expand the bus network. ", 4) + "</p>" +
			"<p><a href=/a>Buy cheap pills online</a> <a href=/b>best online casino bonus</a></p>" +
			"<div class=promo><p>Flight deals, book now and save today only.</p></div>" +
			"<p>The first segment is scheduled to open by the end of next year.</p></article>",
		"# Buses\n\nThe council voted on Tuesday to expand the bus network, the mayor said.\n\n[Buy cheap pills](https://a.example) [casino bonus](https://b.example)\n",
		// a pointer to another story, a label without words and a
		// fullwidth colon (pointerLines)
		"<article><h1>Buses</h1><p>" + strings.Repeat("The council voted on Tuesday to expand the bus network. ", 4) + "</p>" +
			"<p><b>Read more:</b> <a href=/p>Parking rules change next month</a></p><p>:<a href=/q>x</a></p><p>関連：<a href=/r>記事</a></p></article>",
		"# Buses\n\nThe council voted on Tuesday to expand the bus network.\n\n**Read more:** [Parking rules change next month](https://p.example)\n",
		// a grid of cards whose titles come twice around a label
		// (echoCards)
		"Buses\n" + strings.Repeat("The council voted on Tuesday to expand the bus network. ", 4) + "\nDo spiders dream at night?\nScience\nDo spiders dream at night?\nCan crops grow in the dark?\nScience\nCan crops grow in the dark?\n",
		// a live blog whose first entry closes the text (closingParagraph)
		"Live: Parliament votes\nThe speaker has called the vote, and the result is expected within the next fifteen minutes.\n17:30\nGood evening and welcome to our live coverage of the budget vote today.\nShare\n",
		// an article element and a teaser's summary outside it (outsideArticle)
		"<main><article><h1>Buses</h1><p>" + strings.Repeat("The council voted on Tuesday to expand the bus network. ", 6) + "</p></article><section><ul><li><a href=/a>Trams</a><p>New trams arrive next year.</p></li></ul></section></main>",
		// a thread under its count (countedThreads)
		"Buses\n" + strings.Repeat("The council voted on Tuesday to expand the bus network. ", 12) + "\n27 Comments\nI take this bus every day and it is always late.\nReply\nGood news for everyone here.\n",
		// a footer menu the model may call share (shareMenus)
		"همه اخبار | عضویت | درباره ما\nکلیه حقوق این سایت محفوظ است",
	} {
		f.Add([]byte(s), uint8(0))
	}
	f.Add([]byte("https://example.com/2024/05/16/council-votes-bus-routes/\n<p>The council voted.</p>"), uint8(16|2))
	f.Add([]byte("https://forums.example.org/threads/x.1/\nA post.\nA reply."), uint8(16|4))
	// the caller's title (Input.Title), the second line, in text and in an HTML fragment
	f.Add([]byte("Home\nRiver floods the old town again | Daily\nTen towns lost bridges\nRiver floods the old town again\nThe river rose two metres overnight and flooded the old town."), uint8(32|4))
	f.Add([]byte("<p>Home</p>\nRiver floods | Daily\n<p>River floods</p><p>The river rose two metres overnight and flooded the old town.</p>"), uint8(32|2))
	// markdown, read as the plain text it renders (segment.PlainMarkdown)
	f.Add([]byte("* [Home](/)\n\n# [Buses](https://example.com/b)\n\nThe council voted on **Tuesday** to expand the [bus network](https://example.com/n).\n\n![A bus](https://example.com/bus.jpg)\n\n[![Logo](/l.png)](/)"), uint8(4))
	// a text browser's dump: numbered links and their list (LinkList)
	f.Add([]byte("   [1]Home\n\nBuses\n\n   The council voted on Tuesday to expand the [2]bus network.\n\nReferences\n\n   1. https://example.com/\n   2. mailto:?body=a\nb\n"), uint8(4))
	// text nodes run together (segment's glue joints), and a CJK paragraph
	// a text browser wrapped between characters and indented (MainText
	// joins its lines)
	f.Add([]byte("HomeWorldSportThe council voted on Tuesday.It said the plan was fair.Critics disagreed.Then it passed.Why?Because.Next storyMore"), uint8(4))
	f.Add([]byte("   人心不会熄灭，但它可能蒙上灰烬而不再燃烧。灰烬本来是燃烧的产物，但它\n   反过来又抑制了燃烧。\n"), uint8(4))
	c, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, sel uint8) {
		in := Input{Data: data, Raw: sel&1 != 0, Mode: []Mode{ModeAuto, ModeHTML, ModeText}[int(sel>>1)%3],
			Options: Options{KeepContentWithoutArticle: sel&8 != 0}}
		if sel&16 != 0 {
			// the page's address: the first line of the data, as a
			// caller might pass anything
			line, _, _ := strings.Cut(string(data), "\n")
			in.URL = line
		}
		if sel&32 != 0 {
			// the caller's title: the data's second line (any bytes)
			_, rest, _ := strings.Cut(string(data), "\n")
			in.Title, _, _ = strings.Cut(rest, "\n")
		}
		// The first call reads a copy of the data, which is then
		// overwritten: no part of the result may share its memory
		// (decode.DecodeShared).
		buf := bytes.Clone(data)
		in.Data = buf
		res, err := c.Classify(context.Background(), in)
		if err != nil {
			if k := KindOf(err); k == KindOther || k == KindCanceled {
				t.Fatalf("error of kind %v: %v", k, err)
			}
			return
		}
		checkResult(t, res)
		for i := range buf {
			buf[i] = 0xff
		}
		in.Data = data
		again, err := c.Classify(context.Background(), in)
		if err != nil {
			t.Fatalf("second call: %v", err)
		}
		if !reflect.DeepEqual(again, res) {
			t.Fatal("the same input answered differently, or the result shares the input's memory")
		}
	})
}

// checkResult checks a Result's invariants.
func checkResult(t *testing.T, res *Result) {
	t.Helper()
	end := 0
	for i, b := range res.Blocks {
		if b.Start < end || b.End < b.Start || b.End > len(res.Text) {
			t.Fatalf("block %d spans [%d,%d) after %d in %d bytes", i, b.Start, b.End, end, len(res.Text))
		}
		if !boundary(res.Text, b.Start) || !boundary(res.Text, b.End) {
			t.Fatalf("block %d [%d,%d) cuts a rune", i, b.Start, b.End)
		}
		if b.Label != Content && b.Label != Boilerplate {
			t.Fatalf("block %d label %v", i, b.Label)
		}
		if !(b.Score >= 0 && b.Score <= 1) || !(b.ContentProb >= 0 && b.ContentProb <= 1) {
			t.Fatalf("block %d score %v, content probability %v", i, b.Score, b.ContentProb)
		}
		end = b.End
	}
	if !utf8.ValidString(res.Text) {
		t.Fatal("Result.Text is not valid UTF-8")
	}
	// MainText holds the content blocks' text, one a line: only white
	// space may differ (oneLine), nothing is lost or added.
	var blocks strings.Builder
	n := 0
	for _, b := range res.Blocks {
		if b.Label == Content {
			blocks.WriteString(res.Text[b.Start:b.End])
			n++
		}
	}
	mt := res.MainText()
	if strings.Join(strings.Fields(mt), "") != strings.Join(strings.Fields(blocks.String()), "") {
		t.Fatalf("MainText differs from the content blocks but for white space:\n%q\n%q", mt, blocks.String())
	}
	if n > 0 && strings.Count(mt, "\n") < n-1 {
		t.Fatalf("MainText has %d lines for %d content blocks", strings.Count(mt, "\n")+1, n)
	}
}

// boundary reports whether i is a rune boundary of s.
func boundary(s string, i int) bool {
	return i == 0 || i == len(s) || utf8.RuneStart(s[i])
}
