package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestExp32 checks exp32 against float32(math.Exp) bit for bit: on every
// float32 in [-20, 0] below -1e-3 spaced 2^-10 apart in their bit
// patterns' low bits, on random ones over the whole range softmax sees,
// and at the edges.
func TestExp32(t *testing.T) {
	check := func(x float32) {
		t.Helper()
		want := float32(math.Exp(float64(x)))
		if got := exp32(x); math.Float32bits(got) != math.Float32bits(want) && !(got != got && want != want) {
			t.Fatalf("exp32(%v) = %v (%#x), want %v (%#x)", x, got, math.Float32bits(got), want, math.Float32bits(want))
		}
	}
	for _, x := range []float32{0, -0, 1, -1, -87, -87.3, -87.4, -100, -104, -200, float32(math.Inf(-1)), float32(math.NaN()),
		-math.SmallestNonzeroFloat32, -1e-30, -1e-8, -math.Ln2, -math.Ln2 / 64, 88, 89} {
		check(x)
	}
	// every 1024th float32 between -0.001 and -100
	for b := math.Float32bits(-0.001); b <= math.Float32bits(-100); b += 1 << 10 {
		check(math.Float32frombits(b))
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 1 << 20 {
		check(-float32(r.ExpFloat64() * 8))
		check(-float32(r.Float64() * 90))
	}
}

func BenchmarkExp32(b *testing.B) {
	xs := make([]float32, 1024)
	r := rand.New(rand.NewPCG(5, 6))
	for i := range xs {
		xs[i] = -float32(r.ExpFloat64() * 4)
	}
	var s float32
	b.Run("exp32", func(b *testing.B) {
		for b.Loop() {
			for _, x := range xs {
				s += exp32(x)
			}
		}
	})
	b.Run("math.Exp", func(b *testing.B) {
		for b.Loop() {
			for _, x := range xs {
				s += float32(math.Exp(float64(x)))
			}
		}
	})
	_ = s
}

// TestSoftmax1 checks softmax1, which inlines exp32's usual case, against
// the plain loop over exp32, bit for bit, on spreads that reach
// exp32's other cases (0, and below -87), with signed zeros and NaN.
func TestSoftmax1(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for trial := range 100000 {
		var z [NumClasses]float32
		spread := []float64{1, 8, 40, 200}[trial%4]
		for k := range z {
			z[k] = float32(r.NormFloat64() * spread)
			// signed zeros and NaN, where the max builtin and softmax1's
			// comparisons may pick another maximum
			if trial%8 == 7 {
				switch r.IntN(6) {
				case 0:
					z[k] = 0
				case 1:
					z[k] = float32(math.Copysign(0, -1))
				case 2:
					if r.IntN(20) == 0 {
						z[k] = float32(math.NaN())
					}
				}
			}
		}
		var got, want [NumClasses]float32
		softmax1(&z, &got)
		mx := z[0]
		for k := range z {
			mx = max(mx, z[k])
		}
		var sum float32
		for k := range z {
			want[k] = exp32(z[k] - mx)
			sum += want[k]
		}
		for k := range want {
			want[k] /= sum
			if math.Float32bits(got[k]) != math.Float32bits(want[k]) && !(got[k] != got[k] && want[k] != want[k]) {
				t.Fatalf("%v: class %d: %v, want %v", z, k, got[k], want[k])
			}
		}
	}
}
