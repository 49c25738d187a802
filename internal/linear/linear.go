// Package linear checks, in tests, that work grows about linearly with
// its input: the CPU time of a large input against a small one.
package linear

import "time"

// Retries is how many times Within measures a pair again when it passes
// the bound.
const Retries = 2

// Within measures cost(small) and cost(large) and reports their ratio,
// the two costs, and whether the large cost stays within bound times the
// small one plus slack (slack: a few milliseconds that a noisy machine
// may add to inputs that take little time). A pair over the bound is
// measured again, Retries times at most, so that a burst of load on a
// shared machine passes and a cost that grows faster than the input does
// not; the costs returned are the last pair's.
func Within(cost func(n int) time.Duration, small, large int, bound float64, slack time.Duration) (ratio float64, cs, cl time.Duration, ok bool) {
	for try := 0; ; try++ {
		cs, cl = cost(small), cost(large)
		ratio = float64(cl) / float64(max(cs, 1))
		ok = float64(cl) <= bound*float64(cs)+float64(slack)
		if ok || try == Retries {
			return ratio, cs, cl, ok
		}
	}
}
