package linear

import (
	"testing"
	"time"
)

func TestWithin(t *testing.T) {
	ms := time.Millisecond
	for _, tc := range []struct {
		name  string
		cost  func(calls *int) func(n int) time.Duration
		slack time.Duration
		ok    bool
		calls int
	}{
		{"linear", func(*int) func(int) time.Duration {
			return func(n int) time.Duration { return time.Duration(n) * ms }
		}, 0, true, 2},
		{"quadratic", func(*int) func(int) time.Duration {
			return func(n int) time.Duration { return time.Duration(n*n) * ms }
		}, 0, false, 2 * (1 + Retries)},
		{"quadratic, within the slack", func(*int) func(int) time.Duration {
			return func(n int) time.Duration { return time.Duration(n*n) * time.Microsecond }
		}, ms, true, 2},
		{"one burst of load, then linear", func(calls *int) func(int) time.Duration {
			return func(n int) time.Duration {
				*calls++
				if *calls == 2 {
					return time.Duration(100*n) * ms // the first large run was slowed
				}
				return time.Duration(n) * ms
			}
		}, 0, true, 4},
		{"a zero small cost", func(*int) func(int) time.Duration {
			return func(n int) time.Duration {
				if n == 1 {
					return 0
				}
				return 10 * time.Microsecond
			}
		}, 0, false, 2 * (1 + Retries)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var calls, counted int
			f := tc.cost(&calls)
			cost := func(n int) time.Duration { counted++; return f(n) }
			if _, _, _, ok := Within(cost, 1, 8, 24, tc.slack); ok != tc.ok || counted != tc.calls {
				t.Errorf("ok %v after %d calls, want %v after %d", ok, counted, tc.ok, tc.calls)
			}
		})
	}
}
