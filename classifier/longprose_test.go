package classifier

import (
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestLongProse(t *testing.T) {
	const (
		para = "A paragraph of the article that ends a sentence."
		B    = model.ClassBody
		O    = model.ClassOther
		R    = model.ClassRelated
		C    = model.ClassComments
		A    = model.ClassAd
		L    = model.ClassLegal
		M    = model.ClassMetadata
	)
	long := strings.Repeat("word ", longProseWords-1) + "end."
	short := strings.Repeat("word ", longProseWords-2) + "end."
	open := strings.Repeat("word ", longProseWords)
	for _, tc := range []struct {
		name    string
		lines   []string
		classes []int
		probs   []float64
		links   []int // link bytes per block; nil: none
		want    []int
	}{
		{"long prose after body", []string{para, long}, []int{B, O}, []float64{0.9, 0.47}, nil, []int{B, B}},
		{"related called so too", []string{para, long}, []int{B, R}, []float64{0.9, 0.3}, nil, []int{B, B}},
		{"one word short", []string{para, short}, []int{B, O}, []float64{0.9, 0.47}, nil, []int{B, O}},
		{"no sentence end", []string{para, open}, []int{B, O}, []float64{0.9, 0.47}, nil, []int{B, O}},
		{"low probability", []string{para, long}, []int{B, O}, []float64{0.9, 0.1}, nil, []int{B, O}},
		{"comments stay", []string{para, long}, []int{B, C}, []float64{0.9, 0.47}, nil, []int{B, C}},
		{"ads stay", []string{para, long}, []int{B, A}, []float64{0.9, 0.47}, nil, []int{B, A}},
		{"legal stays", []string{para, long}, []int{B, L}, []float64{0.9, 0.47}, nil, []int{B, L}},
		{"after boilerplate", []string{para, "by a writer", long}, []int{B, M, O}, []float64{0.9, 0.1, 0.47}, nil, []int{B, M, O}},
		{"link text", []string{para, long}, []int{B, O}, []float64{0.9, 0.47}, []int{0, len(long)/10 + 1}, []int{B, O}},
		{"a few links", []string{para, long}, []int{B, O}, []float64{0.9, 0.47}, []int{0, len(long)/10 - 1}, []int{B, B}},
		{"first block", []string{long, para}, []int{O, B}, []float64{0.47, 0.9}, nil, []int{O, B}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks(tc.lines)
			for i, n := range tc.links {
				blocks[i].LinkBytes = n
			}
			classes := append([]int(nil), tc.classes...)
			longProse(text, blocks, classes, func(i int) float64 { return tc.probs[i] })
			for i := range classes {
				if classes[i] != tc.want[i] {
					t.Fatalf("classes = %v, want %v", classes, tc.want)
				}
			}
		})
	}
}
