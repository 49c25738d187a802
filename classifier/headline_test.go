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
		{"sure it is boilerplate", []string{"Storm hits the coast"}, []int{nav, other, other, meta, body, nav}, []float64{0.5, 0.1, 0.5, 0.5, 0.5, 0.5}, []int{nav, other, other, meta, body, nav}},
		{"no body after it", []string{"Storm hits the coast"}, []int{nav, other, other, meta, meta, nav}, nil, []int{nav, other, other, meta, meta, nav}},
		{"a short part of a long name", []string{"Storm hits the coast as thousands are left without power for a second night"}, []int{nav, other, other, meta, body, nav}, nil, []int{nav, other, other, meta, body, nav}},
		{"no name", []string{"", "Short"}, []int{nav, other, other, meta, body, nav}, nil, []int{nav, other, other, meta, body, nav}},
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
			headline(text, blocks, classes, cp, tc.names...)
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
