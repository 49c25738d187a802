package eval_test

import (
	"fmt"
	"testing"

	"github.com/winnowhq/winnow/classifier/eval"
)

func TestComparePRF(t *testing.T) {
	for _, tc := range []struct {
		name             string
		extracted, gold  string
		common, ext, gld int
		f                float64
	}{
		{"both empty", "", "", 0, 0, 0, 1},
		{"nothing extracted", "", "a b", 0, 0, 2, 0},
		{"nothing in common", "x y", "a b", 0, 2, 2, 0},
		{"same", "The cat, the cat.", "the CAT the cat", 4, 4, 4, 1},
		{"half", "a b c d", "a b", 2, 4, 2, 2 * 0.5 * 1 / 1.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := eval.Compare(tc.extracted, tc.gold)
			if c.Common != tc.common || c.Extracted != tc.ext || c.Gold != tc.gld {
				t.Fatalf("Compare = %+v, want common %d extracted %d gold %d", c, tc.common, tc.ext, tc.gld)
			}
			if _, _, f := c.PRF(); f != tc.f {
				t.Errorf("F1 = %v, want %v", f, tc.f)
			}
		})
	}
}

func ExampleMean() {
	var m eval.Mean
	m.Add(eval.Compare("a b", "a b"))
	m.Add(eval.Compare("a b c d", "a b"))
	p, r, f := m.Means()
	fmt.Printf("pages %d, P %.3f R %.3f F1 %.3f\n", m.N, p, r, f)
	// Output: pages 2, P 0.750 R 1.000 F1 0.833
}
