package segment

import (
	"testing"
)

func TestAffixKey(t *testing.T) {
	for _, c := range []struct {
		tok    string
		n      int
		suffix bool
		want   string // "" when there is none
	}{
		{"خواص", 1, true, "*ص"},
		{"خواص", 3, true, "*واص"},
		{"خواص", 1, false, "خ*"},
		{"خواص", 4, false, ""},
		{"ab", 2, true, ""},
		{"why", 2, false, "wh*"},
	} {
		k, ok := affixKey(nil, []byte(c.tok), c.n, c.suffix)
		if got := string(k); ok != (c.want != "") || got != c.want {
			t.Errorf("affixKey(%q, %d, %v) = %q, %v; want %q", c.tok, c.n, c.suffix, got, ok, c.want)
		}
		if ok && affixLen(string(k), c.suffix) != c.n {
			t.Errorf("affixLen(%q) = %d, want %d", k, affixLen(string(k), c.suffix), c.n)
		}
	}
}

// BenchmarkDecodeSplitter is the splitter's share of the first
// classification after start: decoding the embedded splitter.bin (word
// tables, cohesion table), done once per process.
func BenchmarkDecodeSplitter(b *testing.B) {
	for b.Loop() {
		var s Splitter
		if err := s.UnmarshalBinary(defaultSplitterData); err != nil {
			b.Fatal(err)
		}
	}
}
