package classifier

import (
	"slices"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestAfterEnd(t *testing.T) {
	const (
		T = model.ClassTitle
		B = model.ClassBody
		C = model.ClassComments
		R = model.ClassRelated
		N = model.ClassNavigation
		F = -1 // a comments block inside a <form>
		S = model.ClassShare
	)
	// block sizes: a title 60 bytes, a paragraph 300, a comment 80
	size := map[int]int{T: 60, B: 300, C: 80, R: 40, N: 20, F: 30, S: 10}
	thread := func(n int) []int { return slices.Repeat([]int{C}, n) }
	cat := func(parts ...[]int) []int { return slices.Concat(parts...) }
	for _, tc := range []struct {
		name    string
		classes []int
		want    []int
	}{
		{"teasers after the thread", cat([]int{T, B, B}, thread(6), []int{B, B, N}), cat([]int{T, B, B}, thread(6), []int{R, R, N})},
		{"a short run is no thread", cat([]int{T, B, B}, thread(5), []int{B, B}), cat([]int{T, B, B}, thread(5), []int{B, B})},
		{"a thread before the article", cat([]int{T}, thread(8), []int{B, B, B}), cat([]int{T}, thread(8), []int{B, B, B})},
		{"the first thread after the article counts", cat([]int{N}, thread(7), []int{T, B, B}, thread(6), []int{B}), cat([]int{N}, thread(7), []int{T, B, B}, thread(6), []int{R})},
		{"nothing after the thread", cat([]int{T, B, B}, thread(9)), cat([]int{T, B, B}, thread(9))},
		{"an article of short blocks", cat([]int{T, T, T}, thread(6), []int{B}), cat([]int{T, T, T}, thread(6), []int{B})},
		{"a comment form", cat([]int{T, B, B}, []int{C, F, F}, []int{B, B}), cat([]int{T, B, B}, []int{C, F, F}, []int{R, R})},
		{"one form block is no form", cat([]int{T, B, B}, []int{C, F, C}, []int{B}), cat([]int{T, B, B}, []int{C, F, C}, []int{B})},
		{"a form before the article", cat([]int{T}, []int{F, F}, []int{B, B, B}), cat([]int{T}, []int{F, F}, []int{B, B, B})},
		{"teasers after a share bar", cat([]int{T, B, B, B}, []int{S, S, S}, []int{B, N, B}), cat([]int{T, B, B, B}, []int{S, S, S}, []int{R, N, R})},
		{"a share bar under the lede", cat([]int{T, B, B}, []int{S, S, S}, []int{B, B, B}), cat([]int{T, B, B}, []int{S, S, S}, []int{B, B, B})},
		{"two share buttons are no bar", cat([]int{T, B, B, B}, []int{S, S}, []int{B}), cat([]int{T, B, B, B}, []int{S, S}, []int{B})},
		{"a share bar before the article", cat([]int{T}, []int{S, S, S}, []int{B, B, B}), cat([]int{T}, []int{S, S, S}, []int{B, B, B})},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			blocks := make([]segment.Block, len(tc.classes))
			classes := slices.Clone(tc.classes)
			for i, k := range tc.classes {
				blocks[i] = segment.Block{Start: 0, End: size[k]}
				if k == F {
					blocks[i].Flags = segment.InForm
					classes[i] = C
				}
			}
			want := slices.Clone(tc.want)
			for i, k := range want {
				if k == F {
					want[i] = C
				}
			}
			afterEnd(blocks, classes, func(int) int { return R })
			if !slices.Equal(classes, want) {
				t.Errorf("classes = %v, want %v", classes, want)
			}
		})
	}
}
