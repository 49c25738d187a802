package evalrun

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/classifier/eval"
	"github.com/winnowhq/winnow/internal/corpus"
)

// unitsResult is a result of three blocks (a title, a body sentence and a
// share line) for the unit tests.
func unitsResult() *classifier.Result {
	return &classifier.Result{
		Text: "Title here\nBody sentence one.\nShare",
		Blocks: []classifier.Block{
			{Start: 0, End: 10, Category: classifier.Title, Label: classifier.Content},
			{Start: 11, End: 29, Category: classifier.Body, Label: classifier.Content},
			{Start: 30, End: 35, Category: classifier.Share, Label: classifier.Boilerplate},
		},
		HasArticle: true,
		PageKind:   classifier.PageArticle,
	}
}

func TestAddUnits(t *testing.T) {
	res := unitsResult()
	tests := []struct {
		name          string
		units         []Unit
		cat, lab, all int
	}{
		{"all right", []Unit{{"Title here", classifier.Title}, {"Body sentence one.", classifier.Body}, {"Share", classifier.Share}}, 3, 3, 3},
		{"wrong category, right label", []Unit{{"Share", classifier.Ad}}, 0, 1, 1},
		{"any boilerplate", []Unit{{"Share", classifier.CategoryUnspecified}}, 1, 1, 1},
		{"wrong label", []Unit{{"Body sentence one.", classifier.Related}}, 0, 0, 1},
		{"not found", []Unit{{"missing text", classifier.Body}}, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := newResult("x", "text")
			r.addUnits(res, tc.units)
			if r.CatCorrect != tc.cat || r.LabelCorrect != tc.lab || r.Units != tc.all {
				t.Errorf("got cat %d label %d units %d, want %d %d %d", r.CatCorrect, r.LabelCorrect, r.Units, tc.cat, tc.lab, tc.all)
			}
		})
	}
}

// TestNewsDev checks the pooling of news-dev and news-dev/new-lang: only
// article pages of the news-dev sets count, new-lang only in languages
// without training text, and undetermined languages in neither's
// per-language rows.
func TestNewsDev(t *testing.T) {
	page := func(f float64) *eval.Mean { return &eval.Mean{N: 1, P: f, R: f, F: f} }
	set := func(name string, langs map[string]float64) *SetResult {
		r := newResult(name, "html")
		r.PerType["article"] = &eval.Mean{}
		for lang, f := range langs {
			r.ArticleLang[lang] = page(f)
			r.PerType["article"].Merge(page(f))
		}
		return r
	}
	results := []*SetResult{
		set("fundus", map[string]float64{"de": 0.9, "ja": 0.6, "latn-und": 0.8}),
		set("postlight", map[string]float64{"en": 0.9, "sv": 0.8}),
		set("l3s_gn1", map[string]float64{"ru": 0.1}), // not a news-dev set
	}
	out := newsDev(results, []string{"html"})
	if len(out) != 2 || out[0].Set != "news-dev" || out[1].Set != "news-dev/new-lang" {
		t.Fatalf("sets %v", out)
	}
	for _, tc := range []struct {
		name  string
		r     *SetResult
		pages int
		f     float64
		langs int
	}{
		{"news-dev", out[0], 5, (0.9 + 0.6 + 0.8 + 0.9 + 0.8) / 5, 4},
		{"new-lang", out[1], 2, (0.6 + 0.8) / 2, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, f := tc.r.Tokens.Means()
			if tc.r.Pages != tc.pages || math.Abs(f-tc.f) > 1e-9 || len(tc.r.PerLang) != tc.langs {
				t.Errorf("pages %d F1 %.4f languages %d, want %d %.4f %d", tc.r.Pages, f, len(tc.r.PerLang), tc.pages, tc.f, tc.langs)
			}
		})
	}
}

// TestRunSeed evaluates the default model on the seed example through the
// public classifier, as `winnow eval` does, and writes a report.
func TestRunSeed(t *testing.T) {
	sh, err := corpus.SharedDir()
	if err != nil {
		t.Skip(err)
	}
	examples := filepath.Join(sh, "examples")
	if _, err := os.Stat(examples); err != nil {
		t.Skip("no shared examples")
	}
	c, err := classifier.Default()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), c, Options{Sets: []string{"seed"}, Modes: []string{"text"}, Examples: examples})
	if err != nil {
		t.Fatal(err)
	}
	// One unit per block the classifier cut: the 20 labelled lines, the
	// run-on line giving one unit per title it found.
	if len(rep.Results) != 1 || rep.Results[0].Units < 20 {
		t.Fatalf("seed: got %+v, want one result over 20 labelled lines or more", rep.Results)
	}
	var buf bytes.Buffer
	if err := rep.Markdown(&buf, "winnow eval --sets seed"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "| seed-fa-news | text | 1 |") {
		t.Errorf("report lacks the seed row:\n%s", buf.String())
	}
}

// newspaperRun runs mode on the first four pages of newspaper4k_fixtures
// with the default classifier and returns the report's results, the
// set's first; it skips the test when the shared corpora are not there.
func newspaperRun(t *testing.T, mode string) []*SetResult {
	t.Helper()
	sh, err := corpus.SharedDir()
	if err != nil {
		t.Skip(err)
	}
	corpora := filepath.Join(sh, "corpora")
	if _, err := os.Stat(filepath.Join(corpora, "newspaper4k_fixtures")); err != nil {
		t.Skip("no shared corpora")
	}
	c, err := classifier.Default()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Run(context.Background(), c, Options{Corpora: corpora, Sets: []string{"newspaper4k_fixtures"}, Modes: []string{mode}, MaxPages: 4})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) < 1 || rep.Results[0].Mode != mode {
		t.Fatalf("got %d results, want the set's in %s mode first", len(rep.Results), mode)
	}
	return rep.Results
}

// TestRunClean checks the clean mode: an article page's gold text alone,
// classified as text, scores a precision of 1 (every word it keeps is the
// gold's) and counts only pages with a gold.
func TestRunClean(t *testing.T) {
	rs := newspaperRun(t, "clean")
	if len(rs) < 2 || rs[1].Set != "news-dev" {
		t.Fatalf("got %d results, want the set's, then news-dev's, in clean mode", len(rs))
	}
	r := rs[0]
	p, rc, _ := r.Tokens.Means()
	if r.Pages != 4 || r.Tokens.N != 4 || p < 0.999 || rc < 0.5 {
		t.Errorf("clean: %d pages, %d scored, P %.3f R %.3f; want 4, 4, 1 and a recall over 0.5", r.Pages, r.Tokens.N, p, rc)
	}
}

// TestRunBrief checks the brief mode: an article's headline and first
// paragraph alone, classified as text, scored against those two lines.
func TestRunBrief(t *testing.T) {
	for _, tc := range []struct {
		name, title, gold, want string
	}{
		{"headline in the gold", "", "\nHeadline\n\n  \nFirst paragraph.\nSecond paragraph.\n", "Headline\nFirst paragraph."},
		{"the manifest's headline", "Headline", "First paragraph.\nSecond paragraph.", "Headline\nFirst paragraph."},
		{"the manifest's headline, in the gold too", "Headline", "Headline\nFirst paragraph.\nSecond paragraph.", "Headline\nFirst paragraph."},
		{"one line", "", "Headline only\n", ""},
	} {
		got, ok := briefOf(tc.title, tc.gold)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("%s: briefOf = %q, %v; want %q", tc.name, got, ok, tc.want)
		}
	}
	r := newspaperRun(t, "brief")[0]
	_, rc, _ := r.Tokens.Means()
	if r.Pages != 4 || r.Tokens.N != 4 || rc < 0.5 {
		t.Errorf("brief: %d pages, %d scored, R %.3f; want 4, 4 and a recall over 0.5", r.Pages, r.Tokens.N, rc)
	}
}

// TestRunFragment checks the fragment mode: the brief as an HTML
// fragment without <head>, classified in HTML mode.
func TestRunFragment(t *testing.T) {
	if got, want := fragmentOf("Rates & rents\nThe bank held rates at <5%."), "<h1>Rates &amp; rents</h1>\n<p>The bank held rates at &lt;5%.</p>\n"; got != want {
		t.Errorf("fragmentOf = %q, want %q", got, want)
	}
	r := newspaperRun(t, "fragment")[0]
	_, rc, _ := r.Tokens.Means()
	if r.Pages != 4 || r.Tokens.N != 4 || r.Errors != 0 || rc < 0.5 {
		t.Errorf("fragment: %d pages, %d scored, %d errors, R %.3f; want 4, 4, 0 and a recall over 0.5", r.Pages, r.Tokens.N, r.Errors, rc)
	}
}

// TestRunTitled checks the titled mode: the pages' visible text with
// their og:title or <title> as the title hint, scored like text mode.
func TestRunTitled(t *testing.T) {
	if got := pageTitle([]byte(`<html><head><title>Site | A headline</title><meta property="og:title" content="A headline"></head><body><p>x</p></body></html>`)); got != "A headline" {
		t.Errorf("pageTitle = %q, want the og:title", got)
	}
	if got := pageTitle([]byte(`<title>Only &amp; title</title><p>x</p>`)); got != "Only & title" {
		t.Errorf("pageTitle = %q, want the <title>", got)
	}
	if got := pageTitle([]byte("\x00\x01 not html")); got != "" {
		t.Errorf("pageTitle = %q, want none", got)
	}
	r := newspaperRun(t, "titled")[0]
	_, rc, f := r.Tokens.Means()
	if r.Mode != "titled" || r.Pages != 4 || r.Tokens.N != 4 || r.Errors != 0 || rc < 0.5 || f < 0.5 {
		t.Errorf("titled: mode %q, %d pages, %d scored, %d errors, R %.3f, F1 %.3f; want 4, 4, 0 and over 0.5", r.Mode, r.Pages, r.Tokens.N, r.Errors, rc, f)
	}
}

// TestRunMarkdown checks the markdown mode: pages rendered as markdown,
// classified as text, scored without the kept links' addresses.
func TestRunMarkdown(t *testing.T) {
	r := newspaperRun(t, "markdown")[0]
	_, rc, f := r.Tokens.Means()
	if r.Pages != 4 || r.Tokens.N != 4 || r.Errors != 0 || rc < 0.5 || f < 0.5 {
		t.Errorf("markdown: %d pages, %d scored, %d errors, R %.3f, F1 %.3f; want 4, 4, 0 and over 0.5", r.Pages, r.Tokens.N, r.Errors, rc, f)
	}
}

// TestRunPerPage checks the per-page scores: one for every page with a
// gold, whose F1 average is the set's mean F1, named by the page's id.
func TestRunPerPage(t *testing.T) {
	r := newspaperRun(t, "html")[0]
	if len(r.PerPage) != r.Tokens.N || r.Tokens.N == 0 {
		t.Fatalf("%d page scores for %d scored pages", len(r.PerPage), r.Tokens.N)
	}
	sum := 0.0
	seen := map[string]bool{}
	for _, ps := range r.PerPage {
		if ps.Set != r.Set || ps.Mode != "html" || ps.ID == "" || seen[ps.ID] || ps.PageKind == "" {
			t.Errorf("page score %+v", ps)
		}
		seen[ps.ID] = true
		sum += ps.F1
	}
	if _, _, f := r.Tokens.Means(); math.Abs(sum/float64(len(r.PerPage))-f) > 1e-12 {
		t.Errorf("per-page F1 mean %.6f, set mean %.6f", sum/float64(len(r.PerPage)), f)
	}
}

// TestPerPageUnits checks that a page's labelled units are counted on its
// page score, as on the set.
func TestPerPageUnits(t *testing.T) {
	res := unitsResult()
	r := newResult("x", "text")
	n, right := r.addUnits(res, []Unit{{"Title here", classifier.Title}, {"Share", classifier.Ad}})
	ps := r.newPageScore("p1", "en", "article", eval.Compare(res.MainText(), "Title here\nBody sentence one."), res, nil)
	if n != 2 || right != 1 || ps.F1 != 1 || !ps.HasArticle || ps.PageKind != "article" {
		t.Errorf("units %d right %d, page score %+v", n, right, ps)
	}
}
