package classifier

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestShingles(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    string
		want int
	}{
		{"empty", "", 0},
		{"one word", "word", 0},
		{"three words", "Three words here.", 2},
		{"punctuation and spaces between", "a, b; c", 2},
		{"other scripts", "Привет мир, Ελλάδα", 2},
		{"letters of a script without spaces", "日本語の文", 4},
		{"mixed", "AI の時代", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := len(appendShingles(nil, tc.s)); got != tc.want {
				t.Errorf("shingles(%q) = %d pairs, want %d", tc.s, got, tc.want)
			}
		})
	}
	// Case does not matter; the order of the words does.
	hashes := func(s string) []uint64 { return appendShingles(nil, s) }
	if !slices.Equal(hashes("The Quick Fox"), hashes("the quick fox")) {
		t.Error("case changes the shingles")
	}
	if slices.Equal(hashes("quick fox the"), hashes("the quick fox")) {
		t.Error("word order does not change the shingles")
	}
}

func TestShingleSet(t *testing.T) {
	hs := appendShingles(nil, "one two three four five six seven eight nine ten")
	hs = append(hs, 0, 1, hs[0]) // 0 and 1 share a slot; duplicates
	s := newShingleSet(hs)
	if len(s)&(len(s)-1) != 0 || len(s) < 2*len(hs) {
		t.Fatalf("table of %d slots for %d hashes", len(s), len(hs))
	}
	for _, h := range hs {
		if !s.has(h) {
			t.Errorf("%x is missing", h)
		}
	}
	for _, h := range appendShingles(nil, "eleven twelve thirteen fourteen") {
		if s.has(h) {
			t.Errorf("%x is in the set", h)
		}
	}
	if newShingleSet(nil).has(42) {
		t.Error("the empty set holds 42")
	}
}

func TestFollowBody(t *testing.T) {
	const (
		T = model.ClassTitle
		B = model.ClassBody
		M = model.ClassMetadata
		R = model.ClassRelated
		O = model.ClassOther
	)
	// paragraph i of the declared body, and prose that is not in it
	para := func(i int) string {
		return fmt.Sprintf("Paragraph %d of the story tells how the council voted on the plan for the river bank in year %d.", i, 2000+i)
	}
	teaser := func(i int) string {
		return fmt.Sprintf("Another story number %d reports that a bakery opened in a small town near the coast.", i)
	}
	body := strings.Join([]string{para(1), para(2), para(3), para(4)}, "\n")
	lines := []string{"The headline", "A standfirst that the declared body leaves out of its text.", para(1), para(2), "A subheading left out", para(3), para(4), "More stories", teaser(1), teaser(2)}
	base := []int{T, B, B, B, B, B, B, R, B, B}
	for _, tc := range []struct {
		name    string
		body    string
		lines   []string
		classes []int
		want    []int
	}{
		{"teasers after the body are taken out", body, lines, base, []int{T, B, B, B, B, B, B, R, R, R}},
		{"a paragraph the model dropped is put back", body, lines, []int{T, B, B, O, B, B, B, R, B, B}, []int{T, B, B, B, B, B, B, R, R, R}},
		{"prose inside the body that it does not hold", body,
			[]string{"The headline", para(1), para(2), teaser(1), para(3), para(4)}, []int{T, B, B, B, B, B}, []int{T, B, B, R, B, B}},
		{"a block written twice is not put back", body + "\n" + "Read the whole story of the council vote here now",
			[]string{"The headline", para(1), para(2), para(3), para(4), "Read the whole story of the council vote here now", "Read the whole story of the council vote here now"},
			[]int{T, B, B, B, B, O, O}, []int{T, B, B, B, B, O, O}},
		{"a body the page does not show (a paywall's)", body + "\n" + strings.Repeat(para(9)+"\n", 8), lines, base, base},
		{"a body that holds little of what was kept",
			para(1) + "\n" + para(2) + "\n" + para(3),
			[]string{"The headline", para(1), para(2), para(3), teaser(1), teaser(2), teaser(3), teaser(4), teaser(5), teaser(6)},
			[]int{T, B, B, B, B, B, B, B, B, B}, []int{T, B, B, B, B, B, B, B, B, B}},
		{"the same body when the model kept less", para(1) + "\n" + para(2) + "\n" + para(3),
			[]string{"The headline", para(1), para(2), para(3), teaser(1), teaser(2)},
			[]int{T, B, B, B, B, B}, []int{T, B, B, B, R, R}},
		{"markup inside the declared body", "<p>" + strings.Join([]string{para(1), para(2), para(3), para(4)}, "</p><p>") + "</p>", lines, base, []int{T, B, B, B, B, B, B, R, R, R}},
		{"a short body", para(1), lines, base, base},
		{"no body", "", lines, base, base},
		{"the title keeps its class", body, []string{para(1), para(2), para(3), para(4), "A title the body does not hold at all"}, []int{B, B, B, B, T}, []int{B, B, B, B, T}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks(tc.lines)
			classes := slices.Clone(tc.classes)
			followBody(text, blocks, classes, tc.body, func(int) int { return R })
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes = %v, want %v", classes, tc.want)
			}
		})
	}
}

// TestClassifyFollowsArticleBody runs the whole pipeline on a page whose
// JSON-LD declares its article body: the teasers' summaries after the
// article read like prose, and the declared body says they are not the
// article's.
func TestClassifyFollowsArticleBody(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	paras := []string{
		"The city council voted on Tuesday to rebuild the old river wall before the winter floods, after two years of delays and a long public debate.",
		"Engineers told the council that the wall had cracked in several places and that a repair would no longer be enough to protect the houses behind it.",
		"The work will start in March and should take eight months, the mayor said, adding that the road along the river will stay open during the works.",
		"Residents who lost their cellars in last year's flood welcomed the decision but asked the council to pay for the damage that the delays had caused.",
	}
	teasers := []string{
		"A new bakery in the market square sells bread made with grain from farms around the town, and the queues start before dawn.",
		"The school choir won a national prize last weekend with a programme of folk songs that the children collected from their grandparents.",
		"Volunteers planted four hundred trees along the cycle path, and the park service hopes to plant as many again in the spring.",
	}
	ld, _ := json.Marshal(map[string]any{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council votes to rebuild the river wall", "articleBody": strings.Join(paras, "\n\n")})
	var b strings.Builder
	b.WriteString(`<html><head><title>Council votes to rebuild the river wall</title><script type="application/ld+json">` + string(ld) + `</script></head><body><article><h1>Council votes to rebuild the river wall</h1>`)
	for _, p := range paras {
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString(`</article><section class="more"><h2>More stories</h2>`)
	for i, p := range teasers {
		fmt.Fprintf(&b, `<div class="card"><h3><a href="/story/%d">Story %d</a></h3><p>%s</p></div>`, i, i, p)
	}
	b.WriteString(`</section></body></html>`)
	res, err := c.Classify(context.Background(), Input{Data: []byte(b.String()), Mode: ModeHTML})
	if err != nil {
		t.Fatal(err)
	}
	main := res.MainText()
	for _, p := range paras {
		if !strings.Contains(main, p) {
			t.Errorf("the article's paragraph %.40q… is missing from the main text", p)
		}
	}
	for _, p := range teasers {
		if strings.Contains(main, p) {
			t.Errorf("the teaser's summary %.40q… is in the main text", p)
		}
	}
}

func TestFollowMarkedBody(t *testing.T) {
	const (
		T = model.ClassTitle
		B = model.ClassBody
		R = model.ClassRelated
	)
	long := "A paragraph of the story that tells what the council decided about the river bank this week."
	teaser := "Another story reports that a bakery opened in a small town near the coast last month."
	for _, tc := range []struct {
		name    string
		lines   []string
		marked  []bool
		classes []int
		want    []int
	}{
		{"body blocks after the marked element are taken out",
			[]string{"Headline", long, long, teaser, "Three short words", "Two words"}, []bool{false, true, true, false, false, false},
			[]int{T, B, B, B, B, B}, []int{T, B, B, R, R, B}},
		{"the lead before it stays",
			[]string{"Headline", teaser, long, long}, []bool{false, false, true, true},
			[]int{T, B, B, B}, []int{T, B, B, B}},
		{"inside its span, long blocks outside it are taken out, short ones stay",
			[]string{long, teaser, "Short subheading", long}, []bool{true, false, false, true},
			[]int{B, B, B, B}, []int{B, R, B, B}},
		{"a mark on a small part of what was kept changes nothing",
			[]string{long, teaser, teaser, teaser}, []bool{true, false, false, false},
			[]int{B, B, B, B}, []int{B, B, B, B}},
		{"nothing is made body",
			[]string{long, long, teaser}, []bool{true, true, false},
			[]int{B, R, R}, []int{B, R, R}},
		{"no mark", []string{long, teaser}, []bool{false, false}, []int{B, B}, []int{B, B}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks(tc.lines)
			for i := range blocks {
				blocks[i].MarkedBody = tc.marked[i]
			}
			classes := slices.Clone(tc.classes)
			followMarkedBody(text, blocks, classes, func(int) int { return R })
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes = %v, want %v", classes, tc.want)
			}
		})
	}
}
