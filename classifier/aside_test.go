package classifier

import (
	"slices"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestAsides(t *testing.T) {
	const (
		B = model.ClassBody
		T = model.ClassTitle
		N = model.ClassNavigation
		R = model.ClassRelated
	)
	type blk struct {
		class, size int
		aside       bool
	}
	for _, tc := range []struct {
		name   string
		blocks []blk
		want   []int
	}{
		{"a sidebar beside the article", []blk{{T, 60, false}, {B, 300, false}, {B, 300, false}, {B, 120, true}, {B, 80, true}}, []int{T, B, B, R, R}},
		{"a box inside the article", []blk{{T, 60, false}, {B, 300, false}, {B, 200, true}, {B, 300, false}}, []int{T, B, R, B}},
		{"a page all in asides", []blk{{B, 300, true}, {B, 300, true}}, []int{B, B}},
		{"too little outside", []blk{{T, 60, false}, {B, 300, false}, {B, 400, true}}, []int{T, B, B}},
		{"boilerplate in an aside keeps its class", []blk{{B, 600, false}, {N, 20, true}}, []int{B, N}},
		{"no aside", []blk{{T, 60, false}, {B, 600, false}}, []int{T, B}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			blocks := make([]segment.Block, len(tc.blocks))
			classes := make([]int, len(tc.blocks))
			for i, b := range tc.blocks {
				blocks[i] = segment.Block{Start: 0, End: b.size}
				if b.aside {
					blocks[i].Flags = segment.InAside
				}
				classes[i] = b.class
			}
			asides(blocks, classes, func(int) int { return R })
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes = %v, want %v", classes, tc.want)
			}
		})
	}
}
