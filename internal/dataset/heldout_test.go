package dataset

import (
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestPersianHeldout(t *testing.T) {
	dir := shared(t) + "/persian"
	pages, err := PersianHeldoutPages(dir, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 50 {
		t.Fatalf("%d pages", len(pages))
	}
	again, err := PersianHeldoutPages(dir, 1)
	if err != nil {
		t.Fatal(err)
	}
	cards, crumbs := 0, 0
	for i, p := range pages {
		if p.Text(false) != again[i].Text(false) || p.Text(true) != again[i].Text(true) {
			t.Fatalf("page %d: not deterministic", i)
		}
		if p.Gold() == "" {
			t.Fatalf("page %d: no content", i)
		}
		// the lines style is the page's own text; units are in order
		if got := p.HeldoutText("lines", 0); got != strings.ReplaceAll(p.Text(false), "\n\n", "\n") {
			t.Fatalf("page %d: lines style differs from the text", i)
		}
		text := p.Text(false)
		at := 0
		for _, u := range p.Units {
			j := strings.Index(text[at:], u.Text)
			if j < 0 {
				t.Fatalf("page %d: unit %q not found in order", i, u.Text)
			}
			at += j + len(u.Text)
		}
		if one := p.HeldoutText("oneline", 0); strings.Contains(one, "\n") {
			t.Fatalf("page %d: oneline style has a newline", i)
		}
		for _, u := range p.Units {
			if u.Class == model.ClassNavigation && strings.HasPrefix(u.Text, "خانه") {
				crumbs++
			}
		}
		if strings.Contains(p.Text(true), "jeg_postblock") || strings.Contains(p.Text(true), "td_block_related_posts") || strings.Contains(p.Text(true), "c-teasers") || strings.Contains(p.Text(true), "views-row") {
			cards++
		}
	}
	if cards == 0 || crumbs == 0 {
		t.Errorf("held-out families missing: %d pages with teaser containers, %d breadcrumbs", cards, crumbs)
	}
	if testing.Verbose() {
		t.Logf("page 0, markdown style:\n%s", pages[0].HeldoutText("markdown", 0))
	}
}

func TestPersianTrainingListingsOneline(t *testing.T) {
	dir := shared(t) + "/persian"
	lines, cuts, err := PersianTrainingListingsOneline(dir, 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	checkTrainingOneline(t, lines, cuts, 10)
	summaries := 0
	for i, l := range lines {
		starts := append(append([]int{0}, cuts[i]...), len(l)+1)
		for k := 1; k+1 < len(starts); k++ {
			c := starts[k]
			if c <= starts[k-1] || c >= len(l) || l[c-1] != ' ' {
				t.Fatalf("listing %d: cut %d out of order or not after a space", i, c)
			}
			// a unit without a sentence's end, then one that ends a
			// sentence: a card's title, then its summary
			before, after := strings.TrimSpace(l[starts[k-1]:c]), strings.TrimSpace(l[c:starts[k+1]-1])
			if !strings.ContainsAny(before, ".؟!") && strings.HasSuffix(after, ".") {
				summaries++
			}
		}
	}
	if summaries == 0 {
		t.Error("no unit boundaries after an unpunctuated unit (a card's title)")
	}
	// the training listings themselves stay as they were: a stream of
	// their own
	again, _, err := PersianTrainingListingsOneline(dir, 10, 1)
	if err != nil || !slices.Equal(again, lines) {
		t.Fatalf("not deterministic (%v)", err)
	}
}

func TestPersianTrainingOneline(t *testing.T) {
	dir := shared(t) + "/persian"
	lines, cuts, err := PersianTrainingOneline(dir, 20, 1)
	if err != nil {
		t.Fatal(err)
	}
	checkTrainingOneline(t, lines, cuts, 20)
	for i, l := range lines {
		prev := 0
		for _, c := range cuts[i] {
			if c <= prev || c >= len(l) || l[c-1] == ' ' && l[c] == ' ' {
				t.Fatalf("page %d: cut %d out of order or in white space", i, c)
			}
			prev = c
		}
	}
}

// checkTrainingOneline checks what every training page written on one
// line holds to: perSite pages of each training site, no line break, no
// held-out phrase of more than one word (one word, "ببینید", may be in an
// article).
func checkTrainingOneline(t *testing.T, lines []string, cuts [][]int, perSite int) {
	t.Helper()
	if want := perSite * len(trainSites); len(lines) != want || len(cuts) != want {
		t.Fatalf("%d lines, %d cut lists; want %d (%d per training site)", len(lines), len(cuts), want, perSite)
	}
	heldPhrases := append(append(append([]string{}, heldShare...), heldAds...), heldRelHead...)
	for i, l := range lines {
		if strings.Contains(l, "\n") {
			t.Fatalf("page %d: a newline", i)
		}
		for _, h := range heldPhrases {
			if strings.Contains(h, " ") && strings.Contains(l, h) {
				t.Fatalf("page %d: a held-out phrase %q in a training page", i, h)
			}
		}
	}
}
