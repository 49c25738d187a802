package classifier

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestHeadline(t *testing.T) {
	const title, body, meta, other, nav = model.ClassTitle, model.ClassBody, model.ClassMetadata, model.ClassOther, model.ClassNavigation
	lines := []string{"Home > World", "Storm  hits the COAST", "Share", "By A. Writer", "The storm came at night and left thousands without power.", "More"}
	for _, tc := range []struct {
		name    string
		names   []string
		classes []int
		probs   []float64 // content probabilities (nil: 0.5 each)
		want    []int
	}{
		{"taken out by the decoding", []string{"Storm hits the coast"}, []int{nav, other, other, meta, body, nav}, nil, []int{nav, title, other, meta, body, nav}},
		{"called body", []string{"Storm hits the coast"}, []int{nav, body, other, meta, body, nav}, nil, []int{nav, title, other, meta, body, nav}},
		{"already title", []string{"Storm hits the coast"}, []int{nav, title, other, meta, body, nav}, nil, []int{nav, title, other, meta, body, nav}},
		{"site name after the title", []string{"Storm hits the coast | The Daily Example"}, []int{nav, other, other, meta, body, nav}, nil, []int{nav, title, other, meta, body, nav}},
		{"og:title first, then <title>", []string{"", "Storm hits the coast - Example"}, []int{nav, other, other, meta, body, nav}, nil, []int{nav, title, other, meta, body, nav}},
		{"a second name with white space around it", []string{"The Daily Example", "  Storm hits the coast  "}, []int{nav, other, other, meta, body, nav}, nil, []int{nav, title, other, meta, body, nav}},
		{"sure it is boilerplate", []string{"Storm hits the coast"}, []int{nav, other, other, meta, body, nav}, []float64{0.5, 0.1, 0.5, 0.5, 0.5, 0.5}, []int{nav, other, other, meta, body, nav}},
		{"no body after it", []string{"Storm hits the coast"}, []int{nav, other, other, meta, meta, nav}, nil, []int{nav, other, other, meta, meta, nav}},
		{"a short part of a long name", []string{"Storm hits the coast as thousands are left without power for a second night"}, []int{nav, other, other, meta, body, nav}, nil, []int{nav, other, other, meta, body, nav}},
		{"no name", []string{"", "Short"}, []int{nav, other, other, meta, body, nav}, nil, []int{nav, other, other, meta, body, nav}},
		{"a section's name called title before it", []string{"Storm hits the coast"}, []int{title, other, other, meta, body, nav}, nil, []int{other, title, other, meta, body, nav}},
		{"content before the whole name", []string{"Storm hits the coast"}, []int{body, other, other, meta, body, nav}, nil, []int{other, title, other, meta, body, nav}},
		{"content before the title's first part", titleNames("", "Storm hits the coast | The Daily Example"), []int{body, other, other, meta, body, nav}, nil, []int{other, title, other, meta, body, nav}},
		{"content before a part of the name stays", []string{"Storm hits the coast today"}, []int{body, other, other, meta, body, nav}, nil, []int{body, title, other, meta, body, nav}},
		{"a title after it stays", []string{"Storm hits the coast"}, []int{nav, other, other, title, body, nav}, nil, []int{nav, title, other, title, body, nav}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks(lines)
			classes := slices.Clone(tc.classes)
			cp := func(i int) float64 {
				if tc.probs == nil {
					return 0.5
				}
				return tc.probs[i]
			}
			headline(text, blocks, classes, cp, func(int) int { return other }, tc.names...)
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes %v, want %v", classes, tc.want)
			}
		})
	}
}

func TestFoldName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"  Storm\n hits\tTHE coast  ", "storm hits the coast"},
		{"Ünïcode  Stays", "Ünïcode stays"},
		{"", ""},
	} {
		if got := string(foldName(nil, tc.in)); got != tc.want {
			t.Errorf("foldName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestClassifyNamesHeadline runs the whole pipeline on a page whose
// headline stands apart from its body (a share bar, a byline, a picture's
// caption, a newsletter box and a list of links between them): the block that says the page's
// og:title is its title, and Result.Title says it.
func TestClassifyNamesHeadline(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const head = "Council votes to rebuild the river wall"
	paras := []string{
		"The city council voted on Tuesday to rebuild the old river wall before the winter floods, after two years of delays and a long public debate.",
		"Engineers told the council that the wall had cracked in several places and that a repair would no longer be enough to protect the houses behind it.",
		"The work will start in March and should take eight months, the mayor said, adding that the road along the river will stay open during the works.",
	}
	var b strings.Builder
	b.WriteString(`<html><head><title>` + head + ` | The Daily Example</title><meta property="og:title" content="` + head + `"></head><body>`)
	b.WriteString(`<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav><div class="headline"><h1>` + head + `</h1></div>`)
	b.WriteString(`<div class="share"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Email</a></div><div class="byline">By A. Writer, 3 March 2024</div>`)
	b.WriteString(`<figure><img src="wall.jpg"><figcaption>The river wall in February.</figcaption></figure>`)
	b.WriteString(`<aside class="newsletter"><p>Get our morning briefing</p><form><input type="email"><button>Sign up</button></form></aside>`)
	b.WriteString(`<ul class="most-read"><li><a href="/a">Bakery queues before dawn</a></li><li><a href="/b">Choir wins prize</a></li><li><a href="/c">Trees along the path</a></li><li><a href="/d">New bus routes</a></li></ul><div class="article-body">`)
	for _, p := range paras {
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString(`</div><footer>© The Daily Example</footer></body></html>`)
	res, err := c.Classify(context.Background(), Input{Data: []byte(b.String()), Mode: ModeHTML})
	if err != nil {
		t.Fatal(err)
	}
	if res.Title != head {
		t.Errorf("Title = %q, want %q", res.Title, head)
	}
	for _, bl := range res.Blocks {
		if res.Text[bl.Start:bl.End] == head && bl.Category != Title {
			t.Errorf("the headline's block is %v, want title", bl.Category)
		}
	}
}

func TestSlugWords(t *testing.T) {
	for _, tc := range []struct {
		name, url string
		want      []string
	}{
		{"slug", "https://example.com/2024/03/storm-hits-the-coast", []string{"storm", "hits", "the", "coast"}},
		{"slug and id", "https://example.com/news/storm-hits-the-coast-123456.html", []string{"storm", "hits", "the", "coast"}},
		{"slug before an id segment", "https://example.com/story/storm-hits-the-coast/3000000218734/", []string{"storm", "hits", "the", "coast"}},
		{"persian", "https://example.ir/fa/news/12345/%D8%B7%D9%88%D9%81%D8%A7%D9%86-%D8%AF%D8%B1-%D8%B3%D8%A7%D8%AD%D9%84", []string{"طوفان", "در", "ساحل"}},
		{"dots in the slug", "https://example.com/news/u.s.-election-results-delayed", []string{"u.s.", "election", "results", "delayed"}},
		{"no slug", "https://example.com/article/123456", nil},
		{"two words", "https://example.com/news/storm-coast", nil},
		{"not an address", "%zz", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := slugWords(tc.url); !slices.Equal(got, tc.want) {
				t.Errorf("slugWords(%q) = %q, want %q", tc.url, got, tc.want)
			}
		})
	}
}

func TestSlugHeadline(t *testing.T) {
	const title, body, meta, other, nav = model.ClassTitle, model.ClassBody, model.ClassMetadata, model.ClassOther, model.ClassNavigation
	lines := []string{"Home", "Storm Hits the Coast", "By A. Writer", "The storm came at night and left thousands without power.", "More"}
	const address = "https://example.com/2024/03/storm-hits-the-coast"
	for _, tc := range []struct {
		name    string
		address string
		classes []int
		want    []int
	}{
		{"taken out by the decoding", address, []int{nav, other, meta, body, nav}, []int{nav, title, meta, body, nav}},
		{"called body", address, []int{nav, body, meta, body, nav}, []int{nav, title, meta, body, nav}},
		{"no body after it", address, []int{nav, other, meta, meta, nav}, []int{nav, other, meta, meta, nav}},
		{"another slug", "https://example.com/2024/03/council-votes-on-the-river-wall", []int{nav, other, meta, body, nav}, []int{nav, other, meta, body, nav}},
		{"no slug", "https://example.com/article/123", []int{nav, other, meta, body, nav}, []int{nav, other, meta, body, nav}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks(lines)
			classes := slices.Clone(tc.classes)
			slugHeadline(text, blocks, classes, func(int) float64 { return 0.5 }, func(int) int { return other }, tc.address)
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes %v, want %v", classes, tc.want)
			}
		})
	}
}

func TestSaysSlug(t *testing.T) {
	slug := []string{"storm", "hits", "the", "coast"}
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Storm hits the coast", true},
		{"STORM HITS COAST!", true}, // 3 of 4
		{"Storm hits", false},
		{"The storm came at night, hit the coast and left thousands of people without power for days", false}, // too many words
		{"", false},
	} {
		if got := saysSlug(tc.text, slug, 10); got != tc.want {
			t.Errorf("saysSlug(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// FuzzSlugHeadline checks that an address and a text of any bytes never
// make slugHeadline panic, and that it only names a block title and gives
// titles before it their boilerplate class.
func FuzzSlugHeadline(f *testing.F) {
	f.Add("https://example.com/2024/03/storm-hits-the-coast", "Home\nStorm hits the coast\nThe storm came at night.")
	f.Add("%zz/a-b-c", "\xff\xfe-\n\n")
	f.Fuzz(func(t *testing.T, address, s string) {
		text, blocks, classes := fuzzBlocks(s)
		before := slices.Clone(classes)
		slugHeadline(text, blocks, classes, func(int) float64 { return 0.5 }, func(int) int { return model.ClassOther }, address)
		for i := range classes {
			if classes[i] != before[i] && classes[i] != model.ClassTitle && (before[i] != model.ClassTitle || classes[i] != model.ClassOther) {
				t.Fatalf("block %d: class %d -> %d", i, before[i], classes[i])
			}
		}
	})
}

func TestTitleNames(t *testing.T) {
	for _, tc := range []struct {
		name, og, title string
		want            []string
	}{
		{"headline then site", "", "That Way - The Opinionator - New York Times Blog", []string{"", "That Way - The Opinionator - New York Times Blog", "That Way", "New York Times Blog"}},
		{"section, headline, site", "Veteran, rookie are tops", "Sonics | Veteran, rookie are tops in Sonics win | Seattle Times", []string{"Veteran, rookie are tops", "Sonics | Veteran, rookie are tops in Sonics win | Seattle Times", "Sonics", "Veteran, rookie are tops in Sonics win"}},
		{"no separator", "Storm hits the coast", "Storm hits the coast", []string{"Storm hits the coast", "Storm hits the coast"}},
		{"a hyphen in a word", "", "Under-siege Kemble quits", []string{"", "Under-siege Kemble quits"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := titleNames(tc.og, tc.title); !slices.Equal(got, tc.want) {
				t.Errorf("titleNames(%q, %q) = %q, want %q", tc.og, tc.title, got, tc.want)
			}
		})
	}
}

// TestHeadlineReports: headline says whether it found the page's
// headline, so that HTML falls back on the address's slug when the
// names say nothing on the page.
func TestHeadlineReports(t *testing.T) {
	text, blocks := lineBlocks([]string{"Home", "Storm hits the coast", "The storm came at night and left thousands without power."})
	classes := []int{model.ClassNavigation, model.ClassOther, model.ClassBody}
	keep := func(int) int { return model.ClassOther }
	cp := func(int) float64 { return 0.5 }
	if headline(text, blocks, slices.Clone(classes), cp, keep, "Breaking news from the coast today") {
		t.Error("headline found a name the page does not say")
	}
	if !headline(text, blocks, slices.Clone(classes), cp, keep, "Storm hits the coast | Example") {
		t.Error("headline did not find the name the page says")
	}
}

// TestClassifyTitleHint sends a scraped text whose article follows a
// teaser and its summary, with and without the page's title as
// Input.Title: with it, the block that says the title's headline part is
// the title and the teaser before it is no longer content.
func TestClassifyTitleHint(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	const text = "Home\nNews\nSport\nTen towns that lost their bridges\n" +
		"Officials say more bridges are at risk this year after a wet winter across the region.\n" +
		"River floods the old town again\n" +
		"The river rose two metres overnight and flooded the old town for the second time this spring, residents said on Tuesday.\n" +
		"Shops along the main street were closed and the fire brigade pumped water out of cellars until the early hours of the morning.\n" +
		"The mayor said the town would ask the regional government for money to raise the flood wall before next winter.\n" +
		"\"We cannot go through this every year,\" she told reporters outside the town hall, where sandbags were still piled by the door.\n" +
		"Share this article"
	const teaser, head = "Ten towns that lost their bridges", "River floods the old town again"
	// the same as an HTML fragment without <head>, as a CMS sends a body
	var frag strings.Builder
	for _, l := range strings.Split(text, "\n") {
		frag.WriteString("<p>" + l + "</p>\n")
	}
	for _, tc := range []struct {
		name, title string
		html        bool
		want        string // the block labelled title
		teaserKept  bool
	}{
		{"no title", "", false, teaser, true},
		{"the title with the site's name", head + " | The Daily Example", false, head, false},
		{"the title alone", head, false, head, false},
		{"a title the text does not say", "Floods in the north", false, teaser, true},
		{"a title over the limit", head + strings.Repeat(" x", MaxTitleBytes), false, teaser, true},
		{"a fragment with the title", head + " | The Daily Example", true, head, false},
		{"a page's own title first", head, true, head, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Data: []byte(text), Mode: ModeText, Title: tc.title}
			if tc.html {
				in.Data, in.Mode = []byte(frag.String()), ModeHTML
				if tc.name == "a page's own title first" {
					// the page's <title> names the teaser: it is read, not
					// the caller's title
					in.Data = []byte("<html><head><title>" + teaser + "</title></head><body>" + frag.String() + "</body></html>")
					tc.want, tc.teaserKept = teaser, true
				}
			}
			res, err := c.Classify(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			if res.Title != tc.want {
				t.Errorf("Title %q, want %q", res.Title, tc.want)
			}
			if kept := strings.Contains(res.MainText(), teaser); kept != tc.teaserKept {
				t.Errorf("teaser kept %v, want %v; main text:\n%s", kept, tc.teaserKept, res.MainText())
			}
			if !strings.Contains(res.MainText(), "The river rose two metres") {
				t.Errorf("the article's first paragraph is lost:\n%s", res.MainText())
			}
		})
	}
}
