package classifier

import (
	"slices"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestFormControls(t *testing.T) {
	const (
		B = model.ClassBody
		T = model.ClassTitle
		R = model.ClassRelated
	)
	type blk struct {
		class, size int
		flags       segment.Flags
	}
	for _, tc := range []struct {
		name   string
		blocks []blk
		want   []int
	}{
		{"a button's label", []blk{{T, 60, 0}, {B, 600, 0}, {B, 30, segment.InButton}}, []int{T, B, R}},
		{"a label and a select", []blk{{B, 600, 0}, {B, 80, segment.InLabel}, {B, 40, segment.InSelect}}, []int{B, R, R}},
		{"an accordion's question", []blk{{B, 600, 0}, {B, 40, segment.InButton}, {B, 150, 0}}, []int{B, B, B}},
		{"a button before a short line", []blk{{B, 600, 0}, {B, 40, segment.InButton}, {B, 50, 0}}, []int{B, R, B}},
		{"a title in a button", []blk{{T, 60, segment.InButton}, {B, 600, 0}}, []int{T, B}},
		{"too little outside", []blk{{B, 300, 0}, {B, 30, segment.InButton}}, []int{B, B}},
		{"no control", []blk{{B, 600, 0}}, []int{B}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			blocks := make([]segment.Block, len(tc.blocks))
			classes := make([]int, len(tc.blocks))
			for i, b := range tc.blocks {
				blocks[i] = segment.Block{Start: 0, End: b.size, Flags: b.flags}
				classes[i] = b.class
			}
			formControls(blocks, classes, func(int) int { return R })
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes = %v, want %v", classes, tc.want)
			}
		})
	}
}
