package classifier

import (
	"slices"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestLinkParagraphs(t *testing.T) {
	const (
		B = model.ClassBody
		T = model.ClassTitle
		R = model.ClassRelated
		N = model.ClassNavigation
	)
	// linked is a block of a test: its class, length, link bytes and
	// links.
	type linked struct{ class, size, linkBytes, links int }
	for _, tc := range []struct {
		name   string
		blocks []linked
		want   []int
	}{
		{"link spam inside the article", []linked{{T, 50, 0, 0}, {B, 300, 0, 0}, {B, 75, 72, 3}, {B, 300, 20, 1}}, []int{T, B, R, B}},
		{"one link is a sentence's", []linked{{B, 300, 0, 0}, {B, 60, 60, 1}, {B, 300, 0, 0}}, []int{B, B, B}},
		{"a paragraph with a link or two in its words", []linked{{B, 300, 0, 0}, {B, 200, 100, 2}, {B, 300, 0, 0}}, []int{B, B, B}},
		{"a page of shop links keeps them", []linked{{B, 100, 0, 0}, {B, 120, 120, 2}, {B, 120, 118, 3}, {B, 120, 120, 2}}, []int{B, B, B, B}},
		{"boilerplate keeps its class", []linked{{B, 600, 0, 0}, {N, 60, 60, 4}}, []int{B, N}},
		{"a title stays", []linked{{T, 60, 60, 2}, {B, 600, 0, 0}}, []int{T, B}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bs := make([]segment.Block, len(tc.blocks))
			classes := make([]int, len(tc.blocks))
			for i, b := range tc.blocks {
				bs[i] = segment.Block{Start: 0, End: b.size, LinkBytes: b.linkBytes, Links: b.links}
				classes[i] = b.class
			}
			linkParagraphs(bs, classes)
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes = %v, want %v", classes, tc.want)
			}
		})
	}
}
