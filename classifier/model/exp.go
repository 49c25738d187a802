package model

import "math"

// exp32 returns float32(math.Exp(float64(x))), bit for bit, faster: it
// evaluates exp in float64 from a 256-entry table of 2^(j/256) and a
// degree-4 polynomial (relative error well under 2^-50, math.Exp's under
// 2^-52), and rounds that to float32. The two round to the same float32
// unless they straddle the midpoint between two float32s; when the fast
// value lies within expGuard float64 ulps of such a midpoint, far more
// than both errors together, exp32 calls math.Exp instead. Outside
// (-87, 0] (where float32 results would be subnormal, or above 1) it
// always calls math.Exp.
func exp32(x float32) float32 {
	if !(x > -87 && x < 0) {
		if x == 0 {
			return 1
		}
		return float32(math.Exp(float64(x)))
	}
	xd := float64(x)
	y := expNear(xd)
	if nearMidpoint(y) {
		return float32(math.Exp(xd))
	}
	return float32(y)
}

// expNear is exp32's evaluation of exp(xd) for xd in (-87, 0), small
// enough to inline into a loop (softmax1).
func expNear(xd float64) float64 {
	k := int(xd*expInvLn2N - 0.5) // xd < 0: truncation is the ceiling
	kf := float64(k)
	// k*expLn2HiN is exact (32 significant bits times |k| < 2^15) and
	// close to x, so x minus it is exact too
	r := (xd - kf*expLn2HiN) - kf*expLn2LoN
	r2 := r * r
	p := (1 + r) + r2*((1.0/2+r*(1.0/6))+r2*(1.0/24))
	return expTab[k&(expN-1)] * p * math.Float64frombits(uint64(1023+(k>>expShift))<<52)
}

// nearMidpoint reports whether expNear's y lies within expGuard float64
// ulps of a midpoint between two float32s, where exp32 asks math.Exp.
func nearMidpoint(y float64) bool {
	d := int64(math.Float64bits(y)&(1<<29-1)) - 1<<28
	return d <= expGuard && d >= -expGuard
}

const (
	expShift   = 8
	expN       = 1 << expShift
	expInvLn2N = expN / math.Ln2
	// ln2/expN split as in math.Exp: the high part has 32 significant
	// bits (its low 21 bits are zero)
	expLn2HiN = 6.93147180369123816490e-01 / expN
	expLn2LoN = 1.90821492927058770002e-10 / expN
	// expGuard is the distance, in float64 ulps, from a float32 rounding
	// midpoint below which exp32 falls back on math.Exp.
	expGuard = 1 << 10
)

// expTab[j] is 2^(j/expN).
var expTab = func() (t [expN]float64) {
	for j := range t {
		t[j] = math.Exp2(float64(j) / expN)
	}
	return t
}()
