package classifier_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/internal/linear"
)

// TestClassifyGluedTitlesLinear checks that text mode's work grows with
// the length of a page glued on one line of run-on titles, not with its
// square: the seed example's last line (a related list glued together)
// repeated into one line of 512 KiB and of 4 MiB. It compares their CPU
// time (fastest of two runs each; linear: about 8 times; titleRuns read
// the whole line once per title, 12 s for 4 MiB, about 64 times) and
// fails beyond 24 times in each of linear.Within's tries.
func TestClassifyGluedTitlesLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("classifies a 4 MiB line")
	}
	b, err := os.ReadFile("testdata/seed-fa-news.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	last := lines[len(lines)-1] + " "
	c := newClassifier(t)
	cost := func(n int) time.Duration {
		in := classifier.Input{Data: []byte(strings.Repeat(last, n/len(last))), Mode: classifier.ModeText}
		best := time.Duration(1 << 62)
		for range 2 {
			c0 := benchCPU()
			if _, err := c.Classify(context.Background(), in); err != nil {
				t.Fatal(err)
			}
			best = min(best, benchCPU()-c0)
		}
		return max(best, time.Microsecond)
	}
	if r, small, large, ok := linear.Within(cost, 512<<10, 4<<20, 24, 0); !ok {
		t.Errorf("8 times the text took %.0f times the CPU (%v, %v), %d times", r, small, large, 1+linear.Retries)
	}
}
