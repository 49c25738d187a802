package classifier_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/classifier/model"
)

func newClassifier(t testing.TB) *classifier.Classifier {
	t.Helper()
	c, err := classifier.Default()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkResult asserts the offsets contract: blocks are ordered, do not
// overlap, lie inside Result.Text on UTF-8 boundaries, and are non-empty.
func checkResult(t *testing.T, res *classifier.Result) {
	t.Helper()
	prev := 0
	for i, b := range res.Blocks {
		if b.Start < prev || b.End <= b.Start || b.End > len(res.Text) {
			t.Fatalf("block %d: bad offsets [%d,%d) (prev end %d, text %d bytes)", i, b.Start, b.End, prev, len(res.Text))
		}
		if !utf8.ValidString(res.Text[b.Start:b.End]) {
			t.Fatalf("block %d: [%d,%d) does not fall on UTF-8 boundaries", i, b.Start, b.End)
		}
		if b.Score < 0 || b.Score > 1 || b.ContentProb < 0 || b.ContentProb > 1 {
			t.Fatalf("block %d: score %v / content prob %v outside [0,1]", i, b.Score, b.ContentProb)
		}
		if b.Label != b.Category.Label() || b.Label == classifier.LabelUnspecified {
			t.Fatalf("block %d: label %v does not match category %v", i, b.Label, b.Category)
		}
		prev = b.End
	}
}

func TestClassifySeedText(t *testing.T) {
	data, err := os.ReadFile("testdata/seed-fa-news.txt")
	if err != nil {
		t.Fatal(err)
	}
	c := newClassifier(t)
	for _, tc := range []struct {
		name string
		in   classifier.Input
	}{
		{"text", classifier.Input{Data: data, Mode: classifier.ModeText}},
		{"auto", classifier.Input{Data: data}},
		{"raw", classifier.Input{Data: data, Raw: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Classify(context.Background(), tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if res.Mode != classifier.ModeText {
				t.Errorf("mode = %v, want text", res.Mode)
			}
			if res.Text != string(data) {
				t.Fatalf("text input must be its own offset text, byte for byte")
			}
			checkResult(t, res)
			// Every non-empty line is covered by blocks, in order.
			var covered strings.Builder
			for _, b := range res.Blocks {
				covered.WriteString(res.Text[b.Start:b.End])
			}
			want := strings.Join(strings.Fields(string(data)), "")
			if got := strings.Join(strings.Fields(covered.String()), ""); got != want {
				t.Errorf("blocks lose text: got %d bytes of non-space text, want %d", len(got), len(want))
			}
		})
	}
}

func TestClassifyHTML(t *testing.T) {
	page := `<html lang="en"><head><title>Page</title><style>p{}</style></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<h1>Moscow and the Taliban</h1>
<p>Russia has turned to the Taliban, one of its old enemies, to exchange intelligence about the Islamic State in Afghanistan, officials said on Friday.</p>
<p>The contacts are limited to sharing information about the fight against the group, a spokeswoman for the foreign ministry said.</p>
<footer>© 2026 Example News. All rights reserved.</footer>
<script>var x = "<p>not text</p>";</script>
</body></html>`
	c := newClassifier(t)
	res, err := c.Classify(context.Background(), classifier.Input{Data: []byte(page), Raw: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Mode != classifier.ModeHTML {
		t.Fatalf("mode = %v, want html", res.Mode)
	}
	checkResult(t, res)
	if strings.Contains(res.Text, "not text") || strings.Contains(res.Text, "p{}") {
		t.Errorf("rendition keeps script or style: %q", res.Text)
	}
	if !strings.Contains(res.MainText(), "Russia has turned to the Taliban") {
		t.Errorf("main text lost the body: %q", res.MainText())
	}
}

func TestClassifyErrors(t *testing.T) {
	c := newClassifier(t).WithConfig(classifier.Config{MaxDocumentBytes: 100})
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tc := range []struct {
		name  string
		ctx   context.Context
		in    classifier.Input
		kind  classifier.Kind
		field string
	}{
		{"empty", context.Background(), classifier.Input{}, classifier.KindInvalid, "document"},
		{"too large", context.Background(), classifier.Input{Data: make([]byte, 101)}, classifier.KindTooLarge, "document"},
		{"threshold above one", context.Background(), classifier.Input{Data: []byte("x"), Options: classifier.Options{Threshold: ptr(1.5)}}, classifier.KindInvalid, "options.threshold"},
		{"negative threshold", context.Background(), classifier.Input{Data: []byte("x"), Options: classifier.Options{Threshold: ptr(-0.1)}}, classifier.KindInvalid, "options.threshold"},
		{"cancelled", cancelled, classifier.Input{Data: []byte("x")}, classifier.KindCanceled, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Classify(tc.ctx, tc.in)
			if err == nil {
				t.Fatal("no error")
			}
			if k := classifier.KindOf(err); k != tc.kind {
				t.Errorf("kind = %v, want %v (%v)", k, tc.kind, err)
			}
			var e *classifier.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not *classifier.Error", err)
			}
			if e.Field != tc.field {
				t.Errorf("field = %q, want %q", e.Field, tc.field)
			}
		})
	}
}

func TestBadInputs(t *testing.T) {
	c := newClassifier(t)
	nested := strings.Repeat("<div>", 100000) + "deep text" + strings.Repeat("</div>", 100000)
	for _, tc := range []struct {
		name string
		in   classifier.Input
		keep string
	}{
		{"nul bytes", classifier.Input{Data: []byte("a\x00b\x00\nline two"), Mode: classifier.ModeText}, "line two"},
		{"invalid utf8", classifier.Input{Data: []byte("ok \xff\xfe text\nmore"), Mode: classifier.ModeText}, "more"},
		{"only spaces", classifier.Input{Data: []byte(" \n\t\n "), Mode: classifier.ModeText}, ""},
		{"nested divs", classifier.Input{Data: []byte(nested), Mode: classifier.ModeHTML}, "deep text"},
		{"mixed direction", classifier.Input{Data: []byte("سلام world ۱۲۳ abc\nEnglish then فارسی"), Mode: classifier.ModeText}, "فارسی"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Classify(context.Background(), tc.in)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, res)
			if !utf8.ValidString(res.Text) {
				t.Error("offset text is not valid UTF-8")
			}
			if tc.keep != "" && !strings.Contains(res.Text, tc.keep) {
				t.Errorf("text lost %q", tc.keep)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	data, err := os.ReadFile("testdata/seed-fa-news.txt")
	if err != nil {
		t.Fatal(err)
	}
	c := newClassifier(t)
	a, err := c.Classify(context.Background(), classifier.Input{Data: data})
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.Classify(context.Background(), classifier.Input{Data: data})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Error("two runs on the same input differ")
	}
}

func TestCategories(t *testing.T) {
	for _, c := range classifier.Categories() {
		t.Run(c.String(), func(t *testing.T) {
			got, ok := classifier.ParseCategory(c.String())
			if !ok || got != c {
				t.Errorf("ParseCategory(%q) = %v, %v", c.String(), got, ok)
			}
			want := classifier.Boilerplate
			if c == classifier.Title || c == classifier.Body {
				want = classifier.Content
			}
			if c.Label() != want {
				t.Errorf("label = %v, want %v", c.Label(), want)
			}
		})
	}
}

func TestThresholdMovesCut(t *testing.T) {
	data, err := os.ReadFile("testdata/seed-fa-news.txt")
	if err != nil {
		t.Fatal(err)
	}
	c := newClassifier(t)
	count := func(th float64) int {
		res, err := c.Classify(context.Background(), classifier.Input{Data: data, Options: classifier.Options{Threshold: &th}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Summary.Counts[classifier.Title] + res.Summary.Counts[classifier.Body]
	}
	if lo, hi := count(0.01), count(0.99); lo < hi {
		t.Errorf("a lower threshold gave fewer content blocks: %d < %d", lo, hi)
	}
	res, err := c.Classify(context.Background(), classifier.Input{Data: data, Options: classifier.Options{Threshold: ptr(0)}})
	if err != nil {
		t.Fatal(err)
	}
	if n := res.Summary.Counts[classifier.Title] + res.Summary.Counts[classifier.Body]; n != len(res.Blocks) {
		t.Errorf("threshold 0: %d of %d blocks are content, want all", n, len(res.Blocks))
	}
}

func ExampleClassifier_Classify() {
	c, err := classifier.Default()
	if err != nil {
		panic(err)
	}
	text := "Home | News | Sport\n\nA quiet town woke up on Friday to find that its river had changed course overnight, and residents gathered on the new banks to watch.\n"
	res, err := c.Classify(context.Background(), classifier.Input{Data: []byte(text), Mode: classifier.ModeText})
	if err != nil {
		panic(err)
	}
	for _, b := range res.Blocks {
		fmt.Printf("[%d,%d) %q\n", b.Start, b.End, res.Text[b.Start:b.End][:9])
	}
	// Output:
	// [0,19) "Home | Ne"
	// [21,154) "A quiet t"
}

func ptr(f float64) *float64 { return &f }

// TestCategoryTable binds the model's class list to the category table:
// model class k is Category k+1, by name, and the content classes are the
// content categories.
func TestCategoryTable(t *testing.T) {
	if model.NumClasses != int(classifier.NumCategories)-1 {
		t.Fatalf("model.NumClasses = %d, classifier.NumCategories = %d: want one more category (unspecified)", model.NumClasses, classifier.NumCategories)
	}
	for k, name := range model.ClassNames {
		c := classifier.Category(k + 1)
		if c.String() != name {
			t.Errorf("model class %d is %q, classifier.Category(%d) is %q", k, name, k+1, c)
		}
		if model.Content(k) != (c.Label() == classifier.Content) {
			t.Errorf("class %q: model.Content %v, category label %v", name, model.Content(k), c.Label())
		}
	}
}

// TestBlockLimit: a document of more blocks than MaxBlocks allows fails
// with classifier.KindTooLarge, naming the limit; one at the limit is classified.
func TestBlockLimit(t *testing.T) {
	c, err := classifier.Default()
	if err != nil {
		t.Fatal(err)
	}
	over := strings.Repeat("word\n", classifier.MinBlockLimit+1)
	_, err = c.Classify(context.Background(), classifier.Input{Data: []byte(over), Mode: classifier.ModeText})
	if classifier.KindOf(err) != classifier.KindTooLarge || !strings.Contains(err.Error(), "more than 32768 blocks") {
		t.Fatalf("err = %v, want classifier.KindTooLarge naming the limit", err)
	}
	res, err := c.Classify(context.Background(), classifier.Input{Data: []byte(strings.Repeat("word\n", classifier.MinBlockLimit)), Mode: classifier.ModeText})
	if err != nil || len(res.Blocks) != classifier.MinBlockLimit {
		t.Fatalf("at the limit: %v", err)
	}
	if got := classifier.MaxBlocks(16 << 20); got != 262144 {
		t.Errorf("classifier.MaxBlocks(16 MiB) = %d", got)
	}
}

// TestClassifyKeepsListArticle sends a list article as text: a long
// introduction, then its items as cards (a name, then one sentence), then
// a share bar. The cards follow the introduction straight away, so they
// are no teaser list (model.introduced): every item's name is kept (before
// that rule only the first two were), and the share bar is not. The last
// item's sentence, the article's last line, is left to the model.
func TestClassifyKeepsListArticle(t *testing.T) {
	c, err := classifier.Default()
	if err != nil {
		t.Fatal(err)
	}
	items := [][2]string{
		{"Soundcore Life Note 3i for the best sound", "The bass is deep and the mids stay clear even at high volume."},
		{"JLab Go Air Pop for the smallest budget", "They cost less than a lunch and still last eight hours on a charge."},
		{"EarFun Air Pro 4 for noise cancelling", "The cancelling is not the best but it is the best at this price."},
		{"Sony WF-C500 for comfort all day long", "They sit lightly in the ear and never needed adjusting on a run."},
	}
	lines := []string{
		"The Best Budget Earbuds of the Year",
		"By Jane Doe | March 3, 2025",
		"We tested more than forty pairs of wireless earbuds under fifty dollars over three months, in the gym, on the train and at our desks, to find the ones that sound good, stay in your ears and last a full day. These are the ones we would buy with our own money.",
	}
	for _, it := range items {
		lines = append(lines, it[0], it[1])
	}
	lines = append(lines, "Share this article", "Facebook Twitter Email")
	res, err := c.Classify(context.Background(), classifier.Input{Data: []byte(strings.Join(lines, "\n")), Mode: classifier.ModeText})
	if err != nil {
		t.Fatal(err)
	}
	main := res.MainText()
	for i, it := range items {
		if !strings.Contains(main, it[0]) || i < len(items)-1 && !strings.Contains(main, it[1]) {
			t.Errorf("item %q missing from the main text:\n%s", it[0], main)
		}
	}
	if strings.Contains(main, "Facebook Twitter Email") {
		t.Errorf("share line kept:\n%s", main)
	}
}

// TestClassifyDropsContentAfterThread is afterEnd through the whole
// pipeline: the "top stories" after a page's comment thread (a headline,
// a byline and a summary each, as MacRumors shows them) are not the
// article's.
func TestClassifyDropsContentAfterThread(t *testing.T) {
	c := newClassifier(t)
	var b strings.Builder
	b.WriteString(`<!doctype html><html><head><title>Second-Generation Pencil Rumored for March</title></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/guides">Guides</a></nav></header>
<main><article><h1>Second-Generation Pencil Rumored for March</h1>
<p class="byline">Wednesday January 18, 2017 10:44 am PST by Juli Clover</p>
<p>The company may be planning to introduce a second-generation stylus this year, according to rumors out of the supply chain that were shared this morning by a well-known analyst with a good track record.</p>
<p>Prospective features for the new stylus are not known yet, but a previous report suggested that it could gain a clip, a magnetic attachment and a longer battery life, all of which users have asked for since the first model.</p>
<p>There has also been some speculation that the company could build in functionality outlined in several patents, such as pressure sensitive tips and a small touch surface on the barrel that changes tools with a tap.</p>
<p>While we do not yet have any concrete detail on what could be included in the new model, the analyst believes that it will be announced alongside new tablets in the spring, at an event that the company has not confirmed.</p>
<p>Rumors suggest the company will also introduce a new tablet model somewhere around ten inches with an almost bezel-free design, and the new stylus could be designed to work with it as well as with the larger models sold today.</p>
<p>The current stylus was introduced more than a year ago and has not been updated since. It charges from the tablet's port, a design that was widely mocked, and it has no place to be stored when it is not in use.</p>
<p>We will update this story as soon as we hear more from the supply chain or from the company itself, which as usual declined to comment on the rumors when we asked it on Wednesday morning.</p>
</article>
<section id="comments" class="comments"><h2>Comments</h2>`)
	for i, cm := range []string{
		"Let me guess: thinner, shorter battery life and a price bump.",
		"Hopefully it becomes more like the competition in many ways.",
		"And they need to get rid of the current charging method, it is silly.",
		"Cool, I like the stylus, if they can make it better, props to them.",
		"Maybe if they could make the charging port female, that would be great.",
		"The current one works fine for me, I do not see the need for a new one.",
		"I would buy one right away if it came with a clip for my notebook.",
	} {
		fmt.Fprintf(&b, `<div class="comment" id="c%d"><span class="author">reader%d</span> <span class="date">73 months ago</span><p>%s</p><a class="reply" href="#r%d">Reply</a></div>`+"\n", i, i, cm, i)
	}
	b.WriteString(`</section></main>
<div class="topStories--3kQ2xZ"><h2>Top Stories</h2>`)
	teasers := [][3]string{
		{"Event Pre-Recorded for September", "Sunday August 7, 2022 6:13 am PDT by Sami Fathi", "The company has started to record its virtual September event, where it is expected to announce the upcoming phones, new watches and a rugged model, according to a reporter who follows the company closely. Writing in his weekly newsletter, he says the event is already in production, which implies that the date is set..."},
		{"Color Options for All New Models: Everything We Know", "Monday August 8, 2022 3:59 am PDT by Hartley Charlton", "The new phones are rumored to be available in a refreshed range of color options, including an all-new purple. Most expectations about the lineup's colors come from an unverified post on a social media site earlier this year, and the selection could look fairly similar to that of last year's models, with a few changes..."},
		{"Battery Percentage Now Displayed in the Status Bar", "Monday August 8, 2022 10:43 am PDT by Juli Clover", "With the fifth beta of the new software, the company has updated the battery icon on phones with face unlock to display the percentage of charge left right in the status bar. It was a feature that was removed years ago when the notch came, and users have asked for it back ever since, in forums and in reviews..."},
		{"Everything New in the Fifth Beta: Find My Changes and More", "Monday August 8, 2022 12:53 pm PDT by Juli Clover", "The company today seeded the fifth beta of its new operating system to developers for testing purposes, introducing some small but notable changes to the lock screen, to the way notifications stack and to the settings of the tracking app, along with the usual fixes for bugs that testers reported in the fourth beta..."},
		{"Bigger Camera Bump Shown Alongside Last Year's Model", "Monday August 8, 2022 4:33 am PDT by Tim Hardwick", "The camera bump on the upcoming large phone is expected to be the biggest rear lens housing the company has ever put on a phone, and a new set of photos shared online shows how it compares with last year's model side by side, with the new lenses sticking out further from the back of the case..."},
		{"Live Scores Will Show on the Lock Screen", "Monday August 8, 2022 9:12 am PDT by Sami Fathi", "The new lock screen will be able to show live scores from basketball, baseball and football games as they happen, the company said in a statement to the press, with updates that arrive without the phone being unlocked and without a separate app being opened, starting with the leagues that it already partners with..."},
	}
	for i, tz := range teasers {
		fmt.Fprintf(&b, `<div class="block--2_RlJqhg"><div class="body--1atSUTC3"><h3 class="heading--1cooZo6n"><a href="/story%d">%s</a></h3><div class="textRow--3IWlPgCD meta--TIuZ8fDU">%s</div><div class="textRow--3IWlPgCD content--24wu6sGS">%s</div><div class="comments--LTB1t961"><a href="/story%d">Read Full Article</a> &#x2022; <a href="/forum/%d">40 comments</a></div></div></div>`+"\n", i, tz[0], tz[1], tz[2], i, i)
	}
	b.WriteString(`</div><footer><p>Copyright © 2017 Example Media. All rights reserved.</p></footer></body></html>`)
	res, err := c.Classify(context.Background(), classifier.Input{Data: []byte(b.String()), Mode: classifier.ModeHTML})
	if err != nil {
		t.Fatal(err)
	}
	main := res.MainText()
	if !strings.Contains(main, "declined to comment on the rumors") {
		t.Errorf("the article's last paragraph is missing:\n%s", main)
	}
	for _, tz := range teasers {
		if strings.Contains(main, tz[2]) {
			t.Errorf("a top story after the comments is kept: %q\n%s", tz[0], main)
		}
	}
}

// TestClassifyLinkSpam: a paragraph of spam links inside an article a CMS
// sends, as an HTML fragment and as markdown, is related links, not body
// (linkParagraphs), and so is a pointer to another story ("Read more:
// <headline>", pointerLines); the article's paragraphs stay.
func TestClassifyLinkSpam(t *testing.T) {
	c := newClassifier(t)
	paragraphs := []string{
		"The city council voted 7 to 2 on Tuesday to approve dedicated bus lanes along Main Street, a plan that transit advocates have pushed for more than five years. Construction is expected to begin in the spring.",
		"Council member Ana Ruiz said the lanes would cut commute times for thousands of riders. \"This is about giving people a faster, more reliable way to get to work,\" she said.",
		"Opponents argued the lanes would hurt businesses by removing parking spaces. The plan removes about 40 spots, according to city documents released this week.",
	}
	const pointer = "Downtown parking rules change next month"
	for _, tc := range []struct {
		name string
		data string
		// links is the text of the block the test looks for
		links string
	}{
		{"html fragment", "<h1>City council approves new bus lanes on Main Street</h1>\n<p>" + paragraphs[0] + "</p>\n<p>" + paragraphs[1] + "</p>\n" +
			`<p><a href="https://pills.example/buy">Buy cheap pills online</a> <a href="https://casino.example">best online casino bonus</a> <a href="https://loans.example">payday loans fast approval</a></p>` +
			"\n<p>" + paragraphs[2] + "</p>\n", "casino"},
		{"markdown", "# City council approves new bus lanes on Main Street\n\n" + paragraphs[0] + "\n\n" + paragraphs[1] + "\n\n" +
			"[Buy cheap pills online](https://pills.example/buy) [best online casino bonus](https://casino.example) [payday loans fast approval](https://loans.example)\n\n" +
			paragraphs[2] + "\n", "casino"},
		{"html fragment, a pointer to another story", "<h1>City council approves new bus lanes on Main Street</h1>\n<p>" + paragraphs[0] + "</p>\n<p>" + paragraphs[1] + "</p>\n" +
			`<p><strong>Read more:</strong> <a href="/news/parking">Downtown parking rules change next month</a></p>` +
			"\n<p>" + paragraphs[2] + "</p>\n", pointer},
		{"markdown, a pointer to another story", "# City council approves new bus lanes on Main Street\n\n" + paragraphs[0] + "\n\n" + paragraphs[1] + "\n\n" +
			"**Read more:** [Downtown parking rules change next month](https://news.example/parking)\n\n" +
			paragraphs[2] + "\n", pointer},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Classify(context.Background(), classifier.Input{Data: []byte(tc.data)})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, b := range res.Blocks {
				if text := res.Text[b.Start:b.End]; strings.Contains(text, tc.links) {
					found = true
					if b.Label != classifier.Boilerplate || b.Category != classifier.Related {
						t.Errorf("links %q: %s %s, want boilerplate related", text, b.Label, b.Category)
					}
				}
			}
			if !found {
				t.Fatalf("no block holds %q", tc.links)
			}
			main := res.MainText()
			if strings.Contains(main, tc.links) {
				t.Errorf("main text keeps the links:\n%s", main)
			}
			for _, p := range paragraphs {
				if !strings.Contains(strings.Join(strings.Fields(main), " "), p) {
					t.Errorf("main text lost %q:\n%s", p[:40], main)
				}
			}
		})
	}
}

// TestClassifyKeepsTailAfterWidget: the article's last short paragraph,
// after a promo box inside the article and before a "most read" list, is
// the article's (siblingTail), and the box is not.
func TestClassifyKeepsTailAfterWidget(t *testing.T) {
	c := newClassifier(t)
	const last = "The first segment is scheduled to open by the end of next year."
	page := `<html><head><title>City council approves new bus lanes on Main Street - Springfield News</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sports">Sports</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
<article><h1>City council approves new bus lanes on Main Street</h1>
<p>The city council voted 7 to 2 on Tuesday to approve dedicated bus lanes along Main Street, a plan that transit advocates have pushed for more than five years. Construction is expected to begin in the spring.</p>
<p>Council member Ana Ruiz said the lanes would cut commute times for thousands of riders. "This is about giving people a faster, more reliable way to get to work," she said.</p>
<p>Opponents argued the lanes would hurt businesses by removing parking spaces. The plan removes about 40 spots, according to city documents.</p>
<div class="promo"><p>Flight deals! Fly to Paris from $299 — book now at CheapFlights and save 30% today only.</p></div>
<p>` + last + `</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a/1">Storm knocks out power across county</a></li><li><a href="/a/2">School board weighs later start times</a></li></ul></aside>
<footer><p>© 2025 Springfield News. All rights reserved.</p></footer>
</body></html>`
	res, err := c.Classify(context.Background(), classifier.Input{Data: []byte(page), Mode: classifier.ModeHTML})
	if err != nil {
		t.Fatal(err)
	}
	main := res.MainText()
	if !strings.Contains(main, last) {
		t.Errorf("the article's last paragraph is missing:\n%s", main)
	}
	if strings.Contains(main, "Flight deals") {
		t.Errorf("the promo box is kept:\n%s", main)
	}
}
