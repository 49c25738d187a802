package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestDotBitIdentical checks dotQ and dotF (SSE2 or AVX2 on amd64) against the
// scalar loops, bit for bit, on random rows, values and starting sums,
// tiny (subnormal), huge and negative ones among them.
func TestDotBitIdentical(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const rows = 64
	wq := make([]int16, rows*NumClasses)
	wf := make([]float32, rows*NumClasses)
	odd := []float32{0, 1, -1, 1e-40, -3e-39, 3e38, 0.5, 1 / float32(math.Sqrt(7))}
	pick := func() float32 {
		if r.IntN(4) == 0 {
			return odd[r.IntN(len(odd))]
		}
		return float32(r.NormFloat64())
	}
	for i := range wq {
		wq[i] = int16(r.IntN(1<<16) - 1<<15)
		wf[i] = pick()
	}
	for trial := range 2000 {
		n := 1 + r.IntN(150)
		idx := make([]uint32, n)
		val := make([]float32, n)
		for j := range idx {
			idx[j] = uint32(r.IntN(rows))
			val[j] = pick()
		}
		scale := float32(r.ExpFloat64() * 1e-3)
		var z0 [NumClasses]float32
		for k := range z0 {
			z0[k] = pick()
		}
		a, b := z0, z0
		dotQ(wq, idx, val, scale, &a)
		dotQGo(wq, idx, val, scale, &b)
		same := func(what string, a, b *[NumClasses]float32) {
			for k := range a {
				if math.Float32bits(a[k]) != math.Float32bits(b[k]) && !(a[k] != a[k] && b[k] != b[k]) {
					t.Fatalf("trial %d: %s class %d: %v, scalar %v", trial, what, k, a[k], b[k])
				}
			}
		}
		same("dotQ", &a, &b)
		a, b = z0, z0
		dotF(wf, idx, val, &a)
		dotFGo(wf, idx, val, &b)
		same("dotF", &a, &b)
	}
}

// TestDotRowsChecked checks that an index outside the table panics
// instead of reading past it.
func TestDotRowsChecked(t *testing.T) {
	const rows = 16
	wq := make([]int16, rows*NumClasses)
	wf := make([]float32, rows*NumClasses)
	for _, idx := range [][]uint32{{rows}, {0, 1, rows + 3}, {1 << 31}, {rows - 1, 1<<32 - 1}} {
		val := make([]float32, len(idx))
		for name, f := range map[string]func(){
			"dotQ": func() { var z [NumClasses]float32; dotQ(wq, idx, val, 1, &z) },
			"dotF": func() { var z [NumClasses]float32; dotF(wf, idx, val, &z) },
		} {
			func() {
				defer func() {
					if recover() == nil {
						t.Errorf("%s %v: no panic", name, idx)
					}
				}()
				f()
			}()
		}
	}
	// the last row is inside
	var z [NumClasses]float32
	dotQ(wq, []uint32{rows - 1}, []float32{1}, 1, &z)
	dotF(wf, []uint32{rows - 1}, []float32{1}, &z)
}
