package dataset

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/internal/corpus"
)

// shared returns ../shared beside the repository root.
func shared(t testing.TB) string {
	t.Helper()
	s, err := corpus.SharedDir()
	if err != nil {
		t.Skip(err)
	}
	return s
}

func TestLabelGold(t *testing.T) {
	page := `<html><head><title>Bus routes expand | Daily</title></head><body>
<nav class="menu"><a href="/">Home</a> <a href="/news">News</a></nav>
<h1>Bus routes expand</h1>
<div class="byline">By Jane Doe, 12 March 2024</div>
<p>The council voted on Tuesday to expand the city's bus network, adding four routes.</p>
<p>Officials said the plan would cost about 12 million dollars over three years.</p>
<div class="share-buttons">Share this article</div>
<ul class="related-posts"><li><a href="/x">Ten things you missed this week in the city</a></li></ul>
<footer>© 2024 Daily. All rights reserved.</footer>
</body></html>`
	gold := "Bus routes expand\nThe council voted on Tuesday to expand the city's bus network, adding four routes.\nOfficials said the plan would cost about 12 million dollars over three years.\n"
	doc, err := segment.HTML(page, segment.HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	labels := LabelGold(doc, gold, doc.Title)
	want := map[string]int{
		"Bus routes expand": model.ClassTitle,
		"The council voted on Tuesday to expand the city's bus network, adding four routes.": model.ClassBody,
		"By Jane Doe, 12 March 2024":                  model.ClassMetadata,
		"Share this article":                          model.ClassShare,
		"© 2024 Daily. All rights reserved.":          model.ClassLegal,
		"Ten things you missed this week in the city": model.ClassRelated,
	}
	for i, b := range doc.Blocks {
		text := doc.Text[b.Start:b.End]
		if k, ok := want[text]; ok {
			t.Run(text, func(t *testing.T) {
				if int(labels[i]) != k {
					t.Errorf("label %d, want %d (%s)", labels[i], k, model.ClassNames[k])
				}
			})
		}
	}
	// the text rendition carries the labels over
	td, tl, err := Rendition(doc, labels, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(tl) != len(td.Blocks) {
		t.Fatalf("%d labels for %d text blocks", len(tl), len(td.Blocks))
	}
	for i, b := range td.Blocks {
		if td.Text[b.Start:b.End] == "Officials said the plan would cost about 12 million dollars over three years." && tl[i] != model.ClassBody {
			t.Errorf("text rendition: body block labelled %d", tl[i])
		}
	}
}

func TestLabelGoldCopies(t *testing.T) {
	page := `<html><body>
<ul class="toc"><li><a href="#a">How the vote went</a></li><li><a href="#b">What it will cost</a></li></ul>
<h2 id="a">How the vote went</h2>
<p>The council voted on Tuesday to expand the city bus network with four routes.</p>
<h2 id="b">What it will cost</h2>
<p>Officials said the plan would cost about twelve million dollars over three years.</p>
<p class="by">By Jane Doe</p>
<div class="end"><p class="by">By Jane Doe</p></div>
</body></html>`
	gold := "How the vote went\nThe council voted on Tuesday to expand the city bus network with four routes.\n" +
		"What it will cost\nOfficials said the plan would cost about twelve million dollars over three years.\nBy Jane Doe\n"
	doc, err := segment.HTML(page, segment.HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	labels := LabelGold(doc, gold, "")
	var got []string
	for i, b := range doc.Blocks {
		got = append(got, fmt.Sprintf("%s=%d", doc.Text[b.Start:b.End], labels[i]))
	}
	want := []string{
		"How the vote went=" + fmt.Sprint(model.ClassNavigation), // the table of contents
		"What it will cost=" + fmt.Sprint(model.ClassNavigation),
		"How the vote went=" + fmt.Sprint(model.ClassTitle), // the title moved here
		"The council voted on Tuesday to expand the city bus network with four routes.=" + fmt.Sprint(model.ClassBody),
		"What it will cost=" + fmt.Sprint(model.ClassBody),
		"Officials said the plan would cost about twelve million dollars over three years.=" + fmt.Sprint(model.ClassBody),
		"By Jane Doe=" + fmt.Sprint(model.ClassBody),
		"By Jane Doe=" + fmt.Sprint(Unlabelled), // a second copy, not link text
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("labels:\n got %q\nwant %q", got, want)
	}
}

func TestLabelSnippetsComments(t *testing.T) {
	page := `<html><body>
<div class="story"><p>The council voted on Tuesday to expand the city bus network.</p>
<p>Officials said the plan would cost about twelve million dollars over three years.</p>
<p>Four new routes will start running in the spring, the transport office said.</p></div>
<ul class="teasers"><li><a href="/a">Ten things you missed this week in the city</a></li>
<li><a href="/b">Why the old bridge will close for the whole summer</a></li></ul>
<div class="thread"><div class="c"><p>Great news, finally a bus that goes to my street every day.</p></div>
<div class="c"><p>This will never happen, they promised the same thing last year too.</p></div></div>
<p>Short one.</p>
</body></html>`
	doc, err := segment.HTML(page, segment.HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sn := corpus.Snippets{
		With:    []string{"The council voted on Tuesday"},
		Without: []string{"Ten things you missed this week"},
	}
	got := LabelSnippetsComments(doc, sn, []string{"Great news, finally a bus"})
	plain := LabelSnippets(doc, sn)
	want := map[string]int8{
		"Officials said the plan would cost about twelve million dollars over three years.": model.ClassBody,
		"Why the old bridge will close for the whole summer":                                model.ClassRelated,
		"This will never happen, they promised the same thing last year too.":               model.ClassComments,
		"Short one.": Unlabelled,
	}
	for i, b := range doc.Blocks {
		text := doc.Text[b.Start:b.End]
		k, ok := want[text]
		if !ok {
			continue
		}
		t.Run(text, func(t *testing.T) {
			if got[i] != k {
				t.Errorf("label %d, want %d", got[i], k)
			}
			if plain[i] != Unlabelled {
				t.Errorf("LabelSnippets: label %d, want unlabelled", plain[i])
			}
		})
	}
}

func TestLabelSnippets(t *testing.T) {
	doc, _ := segment.Text("Real article sentence that matters a lot here.\nSubscribe to our newsletter\nunrelated", segment.TextOptions{})
	got := LabelSnippets(doc, corpus.Snippets{With: []string{"article sentence that matters"}, Without: []string{"Subscribe to our newsletter"}})
	if got[0] != model.ClassBody || got[1] < 2 || got[len(got)-1] != Unlabelled {
		t.Errorf("got %v", got)
	}
}

func TestGroupAndDev(t *testing.T) {
	tests := []struct {
		url, want string
	}{
		{"https://www.example.com/a/b", "example.com"},
		{"http://web.archive.org/web/2019/https://www.zeit.de/x", "zeit.de"},
		{"", "set/p1"},
	}
	for _, tc := range tests {
		t.Run(tc.want, func(t *testing.T) {
			if g := Group("set", corpus.Page{ID: "p1", URL: tc.url}); g != tc.want {
				t.Errorf("Group = %q, want %q", g, tc.want)
			}
		})
	}
	n := 0
	for i := range 1000 {
		if IsDev(string(rune('a'+i%26)) + string(rune('a'+i/26))) {
			n++
		}
	}
	if n < 120 || n > 280 {
		t.Errorf("%d of 1000 sites are dev, want about 200", n)
	}
}

func TestBuildRefusesEvalOnly(t *testing.T) {
	_, err := Build(context.Background(), Options{Corpora: "x", Sets: []string{"l3s_gn1"}})
	if err == nil {
		t.Fatal("eval-only set accepted for training")
	}
}

func TestPersianDeterministic(t *testing.T) {
	dir := filepath.Join(shared(t), "persian")
	a, err := PersianDevPages(dir, 3)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := PersianDevPages(dir, 3)
	if len(a) == 0 || !reflect.DeepEqual(a[:10], b[:10]) {
		t.Fatal("same seed gave different pages")
	}
	for _, p := range a[:20] {
		docs, err := p.docs(true, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			lab := 0
			for _, l := range d.Labels {
				if l >= 0 {
					lab++
				}
			}
			if lab*10 < len(d.Labels)*9 {
				t.Errorf("%s: only %d of %d blocks aligned", d.Source, lab, len(d.Labels))
			}
		}
		if p.Gold() == "" {
			t.Error("page without content")
		}
	}
}

func TestLoadSeed(t *testing.T) {
	s, err := LoadSeed(filepath.Join(shared(t), "examples"))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Units) != 20 {
		t.Errorf("%d labelled lines, want 20", len(s.Units))
	}
}

// TestCleanRendition checks that a page's clean rendition holds its title
// and body blocks alone, one a line, with their labels.
func TestCleanRendition(t *testing.T) {
	doc, err := segment.HTML(`<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<h1>Council approves the bus plan</h1><p>The council voted on Tuesday to add four routes.</p>
<p>Share this</p><p>The mayor said the money was found in the transport budget.</p>
<footer>© 2026 City Times</footer></body></html>`, segment.HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	labels := make([]int8, len(doc.Blocks))
	var want []string
	for i, b := range doc.Blocks {
		text := doc.Text[b.Start:b.End]
		switch {
		case text == "Council approves the bus plan":
			labels[i] = model.ClassTitle
		case len(text) > 40:
			labels[i] = model.ClassBody
		case text == "Share this":
			labels[i] = model.ClassShare
		default:
			labels[i] = Unlabelled
		}
		if labels[i] == model.ClassTitle || labels[i] == model.ClassBody {
			want = append(want, text)
		}
	}
	cd, cl, err := CleanRendition(doc, labels, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, b := range cd.Blocks {
		got = append(got, cd.Text[b.Start:b.End])
		if wantL := int8(model.ClassBody); i == 0 {
			if cl[i] != model.ClassTitle {
				t.Errorf("block 0 labelled %d, want title", cl[i])
			}
		} else if cl[i] != wantL {
			t.Errorf("block %d labelled %d, want body", i, cl[i])
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("clean rendition %q, want %q", got, want)
	}
	if cd, _, err := CleanRendition(doc, make([]int8, len(doc.Blocks)), nil); err != nil || cd == nil {
		t.Errorf("all title: %v, %v", cd, err)
	}
	none := make([]int8, len(doc.Blocks))
	for i := range none {
		none[i] = model.ClassNavigation
	}
	if cd, _, err := CleanRendition(doc, none, nil); err != nil || cd != nil {
		t.Errorf("no content: %v, %v; want nil", cd, err)
	}
}
