package token

import (
	"strings"
	"testing"
)

// TestContainsASCII checks ContainsASCII against ContainsHash on every
// stop word, upper-cased and capitalised, and on tokens that are not.
func TestContainsASCII(t *testing.T) {
	sw := DefaultStopwords()
	n := 0
	for _, w := range sw.ws {
		if w == "" || strings.ContainsFunc(w, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') }) {
			continue
		}
		n++
		for _, s := range []string{w, strings.ToUpper(w), strings.ToUpper(w[:1]) + w[1:], w + "x", w[:len(w)-1]} {
			lower := strings.ToLower(s)
			if got, want := sw.ContainsASCII(s, HashString(lower)), sw.ContainsHash([]byte(lower), HashString(lower)); got != want {
				t.Errorf("%q: ContainsASCII %v, ContainsHash %v", s, got, want)
			}
		}
	}
	if n < 100 {
		t.Fatalf("only %d ASCII stop words", n)
	}
	var nilSet *Stopwords
	if nilSet.ContainsASCII("the", HashString("the")) || sw.ContainsASCII("", HashOffset) {
		t.Error("nil set or empty token")
	}
}
