package dataset

import (
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestPersianListings(t *testing.T) {
	dir := shared(t) + "/persian"
	ls, err := PersianHeldoutListings(dir, 1)
	if err != nil {
		t.Fatal(err)
	}
	again, err := PersianHeldoutListings(dir, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != heldoutListings {
		t.Fatalf("%d held-out listings, want %d", len(ls), heldoutListings)
	}
	doubled := 0
	for i, p := range ls {
		if p.Text(true) != again[i].Text(true) || p.Text(false) != again[i].Text(false) {
			t.Fatalf("listing %d: not deterministic", i)
		}
		cards := 0
		for _, u := range p.Units {
			if u.Class == model.ClassBody {
				t.Fatalf("listing %d: a body unit %q", i, u.Text)
			}
			if u.Class == model.ClassRelated {
				cards++
				if w := strings.Fields(u.Text); len(w) >= 4 && len(w)%2 == 0 && strings.Join(w[:len(w)/2], " ") == strings.Join(w[len(w)/2:], " ") {
					doubled++
				}
			}
		}
		if cards < 4 {
			t.Errorf("listing %d: %d card units", i, cards)
		}
		// held-out listings use held-out class names only
		for _, name := range []string{"related-news", "news-list", "crp_related"} {
			if strings.Contains(p.Text(true), `class="`+name+`"`) {
				t.Errorf("listing %d: training class name %q", i, name)
			}
		}
	}
	if doubled == 0 {
		t.Error("no doubled (X X) card titles in the held-out listings")
	}
	docs, err := listingDocs(ls[:3], true, true, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := 3 * (1 + len(HeldoutStyles)); len(docs) != want {
		t.Fatalf("%d documents, want %d (HTML and every style)", len(docs), want)
	}
	for _, d := range docs {
		if d.Kind != model.PageListing || d.Gold != "" || d.Source != "persian-heldout-listing.html" && d.Source != "persian-heldout-listing.text" {
			t.Errorf("document %s: kind %d, gold %q", d.Source, d.Kind, d.Gold)
		}
		for j, l := range d.Labels {
			if l != Unlabelled {
				t.Fatalf("document %s block %d: label %d, want none", d.Source, j, l)
			}
		}
	}
}
