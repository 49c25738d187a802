package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestDotBitIdentical checks dotQ and dotF (SSE2 on amd64) against the
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
