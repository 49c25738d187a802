package classifier

import (
	"slices"
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
