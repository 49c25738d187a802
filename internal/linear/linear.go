// Package linear checks, in tests, that work grows about linearly with
// its input: the CPU time of a large input against a small one.
package linear

import "time"

// Retries is how many times Within measures a pair again when its ratio
// passes the bound.
const Retries = 2

// Within measures cost(small) and cost(large) and reports their ratio,
// the two costs, and whether the ratio stays within bound. A ratio over
// the bound is measured again, Retries times at most, so that a burst of
// load on a shared machine passes and a cost that grows faster than the
// input does not; the costs returned are the last pair's.
func Within(cost func(n int) time.Duration, small, large int, bound float64) (ratio float64, cs, cl time.Duration, ok bool) {
	for try := 0; ; try++ {
		cs, cl = cost(small), cost(large)
		ratio = float64(cl) / float64(max(cs, time.Microsecond))
		if ratio <= bound || try == Retries {
			return ratio, cs, cl, ratio <= bound
		}
	}
}
