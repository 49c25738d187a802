package token

import (
	"testing"
	"unicode"
)

// TestClassOf checks the tables and highClass's shortcuts against
// classOf, bit by bit, for every rune.
func TestClassOf(t *testing.T) {
	bad := 0
	for r := rune(0); r <= unicode.MaxRune && bad < 10; r++ {
		if got, want := ClassOf(r), classOf(r); got != want {
			t.Errorf("ClassOf(%U) = %011b, want %011b", r, got, want)
			bad++
		}
	}
	for _, r := range []rune{-1, unicode.MaxRune + 1} {
		if got := ClassOf(r); got != 0 {
			t.Errorf("ClassOf(%d) = %b, want 0", r, got)
		}
	}
}
