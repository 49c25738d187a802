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
		A = segment.InAside
	)
	for _, tc := range []struct {
		name   string
		blocks []flagged
		want   []int
	}{
		{"a sidebar beside the article", []flagged{{T, 60, 0}, {B, 300, 0}, {B, 300, 0}, {B, 120, A}, {B, 80, A}}, []int{T, B, B, R, R}},
		{"a box inside the article", []flagged{{T, 60, 0}, {B, 300, 0}, {B, 200, A}, {B, 300, 0}}, []int{T, B, R, B}},
		{"a page all in asides", []flagged{{B, 300, A}, {B, 300, A}}, []int{B, B}},
		{"too little outside", []flagged{{T, 60, 0}, {B, 300, 0}, {B, 400, A}}, []int{T, B, B}},
		{"boilerplate in an aside keeps its class", []flagged{{B, 600, 0}, {N, 20, A}}, []int{B, N}},
		{"no aside", []flagged{{T, 60, 0}, {B, 600, 0}}, []int{T, B}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) { checkFlagged(t, asides, tc.blocks, R, tc.want) })
	}
}

// flagged is a block of a test of the rules that read ancestor flags
// (asides, formControls): its class, length and flags.
type flagged struct {
	class, size int
	flags       segment.Flags
}

// checkFlagged runs rule on blocks, with every block it takes out given
// class out, and checks the classes against want.
func checkFlagged(t *testing.T, rule func([]segment.Block, []int, func(int) int), blocks []flagged, out int, want []int) {
	t.Helper()
	bs := make([]segment.Block, len(blocks))
	classes := make([]int, len(blocks))
	for i, b := range blocks {
		bs[i] = segment.Block{Start: 0, End: b.size, Flags: b.flags}
		classes[i] = b.class
	}
	rule(bs, classes, func(int) int { return out })
	if !slices.Equal(classes, want) {
		t.Errorf("classes = %v, want %v", classes, want)
	}
}
