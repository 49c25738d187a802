package segment

import (
	"errors"
	"strings"
	"testing"
)

// TestCheck: a failing Check stops Text and HTML, which return its error;
// a Check that never fails changes nothing.
func TestCheck(t *testing.T) {
	stop := errors.New("stop")
	text := strings.Repeat("word\n", 5*checkEvery)
	page := "<html><body>" + strings.Repeat("<p>para</p>", 5*checkEvery) + "</body></html>"
	deep := strings.Repeat("<div>", 1000) + "deep" + strings.Repeat("</div>", 1000)
	for _, tc := range []struct {
		name string
		run  func(check func() error) (*Doc, error)
	}{
		{"text", func(c func() error) (*Doc, error) { return Text(text, TextOptions{Check: c}) }},
		{"text-nosplit", func(c func() error) (*Doc, error) { return Text(text, TextOptions{NoSplit: true, Check: c}) }},
		{"html", func(c func() error) (*Doc, error) { return HTML(page, HTMLOptions{Check: c}) }},
		{"html-tokens", func(c func() error) (*Doc, error) { return HTML(deep, HTMLOptions{Check: c}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			d, err := tc.run(func() error {
				if calls++; calls > 2 {
					return stop
				}
				return nil
			})
			if !errors.Is(err, stop) || d != nil {
				t.Errorf("failing check: %v, %v; want the check's error", d, err)
			}
			want, _ := tc.run(nil)
			got, err := tc.run(func() error { return nil })
			if err != nil || len(got.Blocks) != len(want.Blocks) {
				t.Errorf("passing check: %d blocks (%v), want %d", len(got.Blocks), err, len(want.Blocks))
			}
		})
	}
}
