package segment

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/winnowhq/winnow/internal/wrap"
)

func TestReflow(t *testing.T) {
	para := "The council voted on Tuesday to expand the city's bus network, adding four new routes that will serve the eastern suburbs and the airport. Officials said the plan would cost about twelve million dollars over three years, paid for by the regional transport fund."
	fa := "همزمان با افزایش تعداد تروریست‌های داعش در افغانستان، رئیس جمهور روسیه دستور داد که همکاری اطلاعاتی مسکو با طالبان علیه این گروه گسترش یابد و مقامات دو طرف در این باره گفت‌وگو کرده‌اند."
	// two sentences, the second without its full stop (its end glued to a
	// heading on the held-out pages)
	faOpen := fa + " " + strings.TrimSuffix(fa, ".")
	wrapped := strings.Repeat(wrap.Text(fa, 64)+"\n\n", 3)
	// a sentence wrapped into two lines
	two := "The council voted on Tuesday to expand the city's bus network, adding four new routes that will serve the eastern suburbs."
	tests := []struct {
		name string
		text string
		want int // blocks
	}{
		{"english paragraph wrapped at 72", wrap.Text(para, 72), 1},
		{"english paragraph wrapped at 60 between lines", "Menu\n" + wrap.Text(para, 60) + "\nShare this article", 3},
		{"persian paragraph wrapped at 70", wrap.Text(fa, 70), 1},
		{"hard-wrapped page: a paragraph may end without punctuation", wrapped + wrap.Text(faOpen, 64), 4},
		{"not hard-wrapped: the same paragraph stays a block per line", wrap.Text(faOpen, 64), 6},
		{"hard-wrapped page: an open end needs lines of one width", wrapped + wrap.Text(faOpen, 50), 3 + 8},
		{"one line per paragraph", para + "\n" + para, 2},
		{"two-line paragraph stays", wrap.Text(para[:130], 72), 2},
		{"two lines set apart by blank lines: a paragraph", "Menu\n\n" + wrap.Text(two, 72) + "\n\nShare this article", 3},
		{"two lines between lines stay", "Menu\n" + wrap.Text(two, 72) + "\nShare this article", 4},
		{"hard-wrapped page: two lines between lines are a paragraph", strings.Repeat(wrap.Text(para, 60)+"\n\n", 3) + "Menu\n" + wrap.Text(two, 72) + "\nShare this article", 3 + 3},
		{"no sentence end: a list", "Elementary Sex Education for Ages 8 to 12\nEarly Sex Education for Ages 4 to 7 and more\nSex Education for Teenagers and Young Adults", 3},
		{"questions of one length", "What is different about the design of the new phone?\nHow is the battery life compared with the old one?\nWhich colours does it come in and what do they cost?", 3},
		{"blank line ends the paragraph", wrap.Text(para, 72) + "\n\n" + wrap.Text(para, 72), 2},
		{"chinese wrapped at 36 characters", wrapRunes36(zh), 1},
		// a Hindi paragraph ends with a danda
		{"hindi paragraph wrapped at 60", wrap.Text("नगर परिषद ने मंगलवार को शहर के बस नेटवर्क का विस्तार करने के लिए मतदान किया और चार नए मार्ग जोड़े जो पूर्वी उपनगरों और हवाई अड्डे तक जाएंगे। अधिकारियों ने कहा कि इस योजना पर तीन वर्षों में लगभग बारह करोड़ रुपये खर्च होंगे।", 60), 1},
		{"chinese wrapped at 36 between a title and a note", "比赛革命的革命\n" + wrapRunes36(zh) + "\n——作者手记", 3},
		{"chinese headlines of one length", "浙江成立张氏叔侄错案调查组未收国家赔偿申请\n普京回应女子裸胸示威最好穿着衣服讨论政治吗\n辽宁高度关注马三家女子劳教所报道已成立调查组。", 3},
		{"no spaces: chinese", strings.Repeat("文化革命是一场有着极为广泛的群众参与的政治运动，", 2) + "\n" + strings.Repeat("自本通告发布之日起上述区域内新迁入户口一律停止办理。", 2) + "\n" + "这是第三行，也是最后一行。", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkBlockCount(t, tt.text, TextOptions{Reflow: true}, tt.want)
			n, err := Text(tt.text, TextOptions{NoSplit: true, Reflow: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range n.Blocks {
				if strings.Contains(n.Text[b.Start:b.End], "\n") {
					t.Errorf("NoSplit joined lines: %q", n.Text[b.Start:b.End])
				}
			}
		})
	}
}

// TestReflowMarkdown checks that markdown hard-wrapped with its links'
// addresses (html2text's default) is measured as it was written: a line
// whose plain text lost a long address is full, and so is a line that is
// a link's address with its text (longer than a wrapped line, or not) and
// the line before it, broken where the address did not fit; without the
// markdown's widths each paragraph fell apart into its lines.
func TestReflowMarkdown(t *testing.T) {
	md := strings.Join([]string{
		"People who do not follow every item of clothing worn by the rich and famous",
		"for a living may not know that [Jane Roe](https://people.example/tag/janeroe/)",
		"was seen on the red carpet of a film premiere wearing a jacket that still had",
		"all its price tags on, a story she told on a late night talk show on Thursday.",
		"",
		"During the show the host asked her about a photo from the screening of [Office",
		"Party](https://people.example/style/office-party-premiere-new-york-screening/)",
		"where you can see some large, white price tags on the sleeve of her jacket, and",
		"she laughed that she had worn the jacket four times before anybody noticed it.",
		"",
		// a line short of the width before a link too long to fit on it,
		// and the link's line longer than any wrapped line
		"The donors last month nearly maxed out their campaign contributions, each",
		"giving $2,800, according to campaign finance",
		"[disclosures](https://www.fec.gov/data/receipts/?data_type=processed&committee_id=C00412304&contributor_name=roe)",
		"making the senator the only candidate to whom both the father and the son have",
		"given money this election cycle, as the filings of the last quarter show.",
	}, "\n")
	plain, pos, ok := PlainMarkdown(md)
	if !ok {
		t.Fatal("no markdown")
	}
	for _, tc := range []struct {
		name string
		pos  *MarkdownOffsets
		want int // blocks
	}{
		{"measured as written", pos, 3},
		{"measured as plain text", nil, 13},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkBlockCount(t, plain, TextOptions{Reflow: true, Markdown: tc.pos}, tc.want)
		})
	}
}

// checkBlockCount segments text with opt and fails unless the document
// is sound (docError) and has want blocks.
func checkBlockCount(t *testing.T, text string, opt TextOptions, want int) {
	t.Helper()
	if got := blockTexts(t, text, opt); len(got) != want {
		t.Errorf("%d blocks, want %d: %q", len(got), want, got)
	}
}

func TestReflowOneLine(t *testing.T) {
	sentence := "The council voted on Tuesday to expand the city's bus network, adding four new routes. "
	page := "Home News Sport Weather " + strings.Repeat(sentence, 60) + "Share on Facebook Share on X"
	tests := []struct {
		name         string
		text         string
		reflow       bool
		minBlocks    int
		maxBlocks    int
		lastHasShare bool
	}{
		{"page on one line is cut at sentence ends", page, true, 60, 62, true},
		{"without Reflow it stays one run", page, false, 1, 2, true},
		{"short line untouched", strings.Repeat(sentence, 3), true, 1, 1, false},
		{"no sentence punctuation: one piece", strings.Repeat("word ", 1000), true, 1, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Text(tt.text, TextOptions{Reflow: tt.reflow})
			if err != nil {
				t.Fatal(err)
			}
			if err := docError(d); err != nil {
				t.Fatal(err)
			}
			if n := len(d.Blocks); n < tt.minBlocks || n > tt.maxBlocks {
				t.Fatalf("%d blocks, want %d to %d", n, tt.minBlocks, tt.maxBlocks)
			}
			last := d.Blocks[len(d.Blocks)-1]
			if got := strings.Contains(d.Text[last.Start:last.End], "Share on X"); got != tt.lastHasShare {
				t.Errorf("last block %q: has the share line %v, want %v", d.Text[last.Start:last.End], got, tt.lastHasShare)
			}
			for _, b := range d.Blocks {
				if b.Line != 0 {
					t.Errorf("block on line %d, want 0", b.Line)
				}
			}
		})
	}
}

func TestGlued(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
		only bool
		want bool
	}{
		{"long line", LongLine, false, true},
		{"long line alone", LongLine, true, true},
		{"short page alone", ShortPage, true, true},
		{"short page among lines", ShortPage, false, false},
		{"under a short page alone", ShortPage - 1, true, false},
		{"under a long line", LongLine - 1, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Glued(tc.n, tc.only); got != tc.want {
				t.Errorf("Glued(%d, %v) = %v, want %v", tc.n, tc.only, got, tc.want)
			}
		})
	}
}

// TestReflowShortPage checks that a text of one line of ShortPage bytes
// or more is cut at sentence ends, and that the same line beside another
// one is not.
func TestReflowShortPage(t *testing.T) {
	sentence := "The council voted on Tuesday to expand the city's bus network, adding four new routes. "
	page := "Home News Sport " + strings.Repeat(sentence, 14) + "Share on X"
	if len(page) < ShortPage || len(page) >= LongLine {
		t.Fatalf("the test page has %d bytes, want %d to %d", len(page), ShortPage, LongLine)
	}
	for _, tc := range []struct {
		name       string
		text       string
		lineBlocks int // blocks of the page's line
	}{
		{"alone", page, 15},
		{"alone, blank lines around", "\n \n" + page + "\n\n", 15},
		{"beside another line", page + "\nFooter line", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Text(tc.text, TextOptions{Reflow: true})
			if err != nil {
				t.Fatal(err)
			}
			if err := docError(d); err != nil {
				t.Fatal(err)
			}
			n, line := 0, d.Blocks[0].Line
			for _, b := range d.Blocks {
				if b.Line == line {
					n++
				}
			}
			if n != tc.lineBlocks {
				t.Errorf("%d blocks on the page's line, want %d", n, tc.lineBlocks)
			}
		})
	}
}

func TestReflowLimit(t *testing.T) {
	// a line of a million tiny sentences stops at the block limit
	text := strings.Repeat("a. ", 1<<20)
	_, err := Text(text, TextOptions{Reflow: true, MaxBlocks: 1000})
	var tm *TooManyBlocksError
	if !errors.As(err, &tm) || tm.Max != 1000 {
		t.Fatalf("err = %v, want a TooManyBlocksError at 1000", err)
	}
}

// TestRuneCount checks runeCount against utf8.RuneCountInString on text
// of every script width and on random bytes (invalid UTF-8 included).
func TestRuneCount(t *testing.T) {
	cases := []string{"", "abc", "سلام دنیا", "Привет", "日本語", "😀x", "\xc2", "\xc2a", "\xdf\xbf\xc0\x80", "\xe2\x80", "a\xffb\xfe",
		"abcdefgh", "abcdefghijklmnopq", "abcdefg\xffabcdefghij", "سلامabcdefghijklm", "The council voted on Tuesday — to expand"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = byte(rng.IntN(256))
			switch rng.IntN(4) {
			case 0:
				b[i] = 0xC2 + byte(rng.IntN(30))
			case 1, 2:
				b[i] = 'a' + byte(rng.IntN(26)) // runs of ASCII
			}
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		want := utf8.RuneCountInString(s)
		if got := runeCount(s); got != want {
			t.Fatalf("runeCount(%q) = %d, want %d", s, got, want)
		}
		for _, limit := range []int{0, 1, 7, 8, 9, 20} {
			if got := runeCountMax(s, limit); want <= limit && got != want || want > limit && got <= limit {
				t.Fatalf("runeCountMax(%q, %d) = %d, want %d or, past the limit, more than it", s, limit, got, want)
			}
		}
	}
}

// nextSentenceEndRef is nextSentenceEnd ranging over every rune.
func nextSentenceEndRef(text string, i, e int) (int, bool) {
	s := text[i:e]
	for j, r := range s {
		if !slices.Contains(sentenceEnds, r) {
			continue // U+FFFD for an invalid byte is none either
		}
		end := j + utf8.RuneLen(r)
		next := true // white space or the end follows
		for _, r2 := range s[end:] {
			next = isSpace(r2)
			break
		}
		if next {
			return i + end, true
		}
	}
	return e, false
}

// FuzzNextSentenceEnd checks nextSentenceEnd, which skips to the bytes
// that may start a sentence end, against reading every rune, from every
// start, on arbitrary bytes.
func FuzzNextSentenceEnd(f *testing.F) {
	for _, s := range []string{"", "Hi. Yes! No? ok", "چرا؟ بله… 好。是！何？ x", "a.b. c", "\xe2\x80.\xe2\x80\xa6 \xd8\x9f\xd8", "\xf0\xe2\x80\xa6 x", "。\u00a0x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i <= len(s); i++ {
			j, ok := nextSentenceEnd(s, i, len(s))
			k, okRef := nextSentenceEndRef(s, i, len(s))
			if j != k || ok != okRef {
				t.Fatalf("nextSentenceEnd(%q, %d) = %d, %v; reading every rune: %d, %v", s, i, j, ok, k, okRef)
			}
		}
	})
}

// zh is a Chinese paragraph of several sentences.
const zh = "文化革命是一场有着极为广泛的群众参与的政治运动。因此，如何理解这种广泛的群众参与，就成为理解文革的一个重要内容。本文试图从政治心理学的角度，对文革中的群众参与给出解释。在我看来，群众参与文化革命的基本动机是为了争取承认，为了争取声望，为了证明自己革命，为了显示自己比别人更革命。这只是说，各种不同的思想行为大致都可归之於一个相同的心理动机。"

// wrapRunes36 hard-wraps s every 36 characters, as a scraper of CJK text
// wrapping at 72 columns does.
func wrapRunes36(s string) string {
	r := []rune(s)
	var b strings.Builder
	for i := 0; i < len(r); i += 36 {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(string(r[i:min(len(r), i+36)]))
	}
	return b.String()
}

// TestUnwrapSplitLine: a wrapped line that the splitter cut in two (a
// stretch of the paragraph read as a title) is read whole, and its pieces
// join the paragraph; lines around the paragraph keep their blocks.
func TestUnwrapSplitLine(t *testing.T) {
	para := "The council voted on Tuesday to expand the city's bus network, adding four new routes that will serve the eastern suburbs and the airport. Officials said the plan would cost about twelve million dollars over three years, paid for by the regional transport fund."
	text := "Menu Home\n" + wrap.Text(para, 60) + "\nShare this"
	d := segmentText(text, nil, nil, nil, nil, false, nil)
	if len(d.Blocks) < 6 {
		t.Fatalf("%d line blocks, want at least 6", len(d.Blocks))
	}
	// cut the paragraph's second line as the splitter would, and the
	// first line (not part of the paragraph) too
	cut := func(i int) {
		b := d.Blocks[i]
		s := d.Text[b.Start:b.End]
		k := strings.IndexByte(s, ' ')
		first, second := b, b
		first.End = b.Start + k
		second.Start, second.Split = b.Start+k+1, SplitTitle
		d.Blocks = slices.Insert(slices.Delete(d.Blocks, i, i+1), i, first, second)
	}
	cut(2)
	cut(0)
	unwrap(d, nil)
	if err := docError(d); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Blocks {
		got = append(got, d.Text[b.Start:b.End])
	}
	want := []string{"Menu", "Home", wrap.Text(para, 60), "Share this"}
	if !slices.Equal(got, want) {
		t.Errorf("blocks %q, want %q", got, want)
	}
	if d.Blocks[2].Split != SplitNone {
		t.Errorf("joined block's Split = %d, want SplitNone", d.Blocks[2].Split)
	}
}

// TestLongSplitter: with Reflow, the sentences of a line of LongLine
// bytes or more go to TextOptions.LongSplitter, and every other line to
// Splitter, so that a text without such a line segments as without it.
func TestLongSplitter(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(sharedDir(t), "examples", "seed-fa-news.txt"))
	if err != nil {
		t.Skip(err)
	}
	lines := string(raw)
	oneLine := strings.Join(strings.Fields(lines), " ")
	if len(oneLine) < LongLine {
		t.Fatalf("the one-line page has %d bytes, want at least %d", len(oneLine), LongLine)
	}
	long := DefaultLongSplitter()
	blocks := func(text string, ls *Splitter) []string {
		return blockTexts(t, text, TextOptions{Reflow: true, LongSplitter: ls})
	}
	if a, b := blocks(lines, nil), blocks(lines, long); !slices.Equal(a, b) {
		t.Errorf("the page in lines segments differently with a long-line splitter: %d and %d blocks", len(a), len(b))
	}
	a, b := blocks(oneLine, nil), blocks(oneLine, long)
	if slices.Equal(a, b) {
		t.Errorf("the page on one line segments the same with the long-line splitter (%d blocks)", len(a))
	}
	t.Logf("the page on one line: %d blocks with the line splitter, %d with the long-line splitter", len(a), len(b))
}

func TestEndsSentence(t *testing.T) {
	for _, tc := range []struct {
		name, s string
		want    bool
	}{
		{"full stop", "The council voted.", true},
		{"quoted", "He said: “No.”", true},
		{"no mark", "Read more", false},
		{"persian question", "چرا؟", true},
		{"urdu full stop", "یہ خبر ہے۔", true},
		{"ideographic", "比赛结束。", true},
		{"full-width stop", "試合終了．", true},
		{"devanagari danda", "यह खबर है।", true},
		{"double danda", "श्लोक॥", true},
		{"myanmar", "သတင်းဖြစ်သည်။", true},
		{"armenian", "Լուր է։", true},
		{"ethiopic", "ዜና ነው።", true},
		{"khmer", "ព័ត៌មាន។", true},
		{"colon", "As follows:", false},
		{"german quote", "einen „dreckigen Straßenkampf“.“", true},
		{"german quote after a stop", "sagte Lang: „Aber nicht so.“", true},
		{"german single quote", "‚Nein!‘", true},
		{"guillemets reversed", "»Ja, gern.«", true},
		{"german quote, no stop", "den „Jahrhundertkampf“", false},
		{"chinese quote opens", "他却不恼。“", false},
		{"quote after a colon", "Er sagte: “", false},
		{"french guillemet", "« C'est la fin.\u00a0»", true},
		{"french guillemet, narrow space", "« Vraiment\u202f?\u202f»", true},
		{"french quote, no stop", "le « grand débat »", false},
		{"japanese corner bracket", "「来年も続けたい」と話した。」", true},
		{"japanese quote, no stop", "「新しい時代」", false},
		{"a direction mark after the stop", "این خبر است.\u200f", true},
		{"direction marks, no stop", "خبر فوری\u200f\u200e", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := EndsSentence(tc.s); got != tc.want {
				t.Errorf("EndsSentence(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
}

// TestSentenceCodes checks nextSentenceEnd's byte tables on every rune:
// a rune followed by a space ends a sentence exactly when it is one of
// sentenceEnds.
func TestSentenceCodes(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		s := string(r) + " "
		_, got := nextSentenceEnd(s, 0, len(s))
		if want := slices.Contains(sentenceEnds, r); got != want {
			t.Fatalf("nextSentenceEnd(%q) = %v, want %v", s, got, want)
		}
	}
}
