package segment

import (
	"errors"
	"strings"
	"testing"
)

func TestMaxBlocks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		max   int
		html  bool
		fails bool
	}{
		{"text at the limit", strings.Repeat("word\n", 100), 100, false, false},
		{"text over the limit", strings.Repeat("word\n", 101), 100, false, true},
		{"text far over the limit", strings.Repeat("word\n", 50_000), 100, false, true},
		{"text without a limit", strings.Repeat("word\n", 5000), 0, false, false},
		{"html at the limit", strings.Repeat("<p>x</p>", 100), 100, true, false},
		{"html over the limit", strings.Repeat("<p>x</p>", 5000), 100, true, true},
		{"html tree path over the limit", "<table><p>x</p></table>" + strings.Repeat("<p>x</p>", 5000), 100, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d *Doc
			var err error
			if tc.html {
				d, err = HTML(tc.text, HTMLOptions{MaxBlocks: tc.max})
			} else {
				d, err = Text(tc.text, TextOptions{MaxBlocks: tc.max})
			}
			var tm *TooManyBlocksError
			if got := errors.As(err, &tm); got != tc.fails {
				t.Fatalf("err = %v, want a TooManyBlocksError: %v", err, tc.fails)
			}
			if tc.fails {
				if tm.Max != tc.max || !strings.Contains(err.Error(), "more than 100 blocks") {
					t.Errorf("err = %v", err)
				}
				return
			}
			if tc.max > 0 && len(d.Blocks) > tc.max {
				t.Errorf("%d blocks over the limit of %d", len(d.Blocks), tc.max)
			}
		})
	}
}

// TestDenseLongLine: a long line of words shorter than minWordBytes on
// average is kept whole; a long line of ordinary words is still split
// where the splitter cuts.
func TestDenseLongLine(t *testing.T) {
	dense := strings.Repeat("a ", 10_000)
	d, err := Text(dense, TextOptions{})
	if err != nil || len(d.Blocks) != 1 || d.Text[d.Blocks[0].Start:d.Blocks[0].End] != strings.TrimSpace(dense) {
		t.Fatalf("dense line: %v, %d blocks", err, len(d.Blocks))
	}
	titles := strings.Repeat("Why do some memories stay while others fade away? ", 200)
	d, err = Text(titles, TextOptions{})
	if err != nil || len(d.Blocks) < 2 {
		t.Fatalf("long line of titles: %v, %d blocks, want it cut", err, len(d.Blocks))
	}
}
