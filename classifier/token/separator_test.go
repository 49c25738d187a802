package token

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// tokensOf returns every token of s, with its kind.
func tokensOf(s string) []string {
	var it Iter
	it.Reset(s)
	var out []string
	for it.Next() {
		out = append(out, it.Kind().String()+":"+string(it.Token()))
	}
	return out
}

// TestSeparator checks every tabulated separator against the iterator:
// between ASCII letters and digits, and between non-ASCII letters, it cuts
// as an ASCII space does, and adds no token.
func TestSeparator(t *testing.T) {
	n := 0
	for r := rune(0); r < SeparatorRunes+64; r++ {
		if !Separator(r) {
			continue
		}
		n++
		if r < utf8.RuneSelf || r >= SeparatorRunes || r == utf8.RuneError {
			t.Fatalf("%U is a separator", r)
		}
		for _, ctx := range []string{"ab%s12", "x%sy", "a%s%sb", "%sDon't%s", "é%sß", "%s"} {
			s := strings.ReplaceAll(ctx, "%s", string(r))
			sp := strings.ReplaceAll(ctx, "%s", " ")
			if got, want := tokensOf(s), tokensOf(sp); !slices.Equal(got, want) {
				t.Errorf("%U in %q: tokens %q, with a space %q", r, ctx, got, want)
			}
		}
	}
	// the common ones, by name
	for _, r := range []rune{0xA0, 0xAB, 0xBB, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026} {
		if !Separator(r) {
			t.Errorf("%U %q is not a separator", r, r)
		}
	}
	// letters, marks, digits, ignorables and expansions to tokens are not
	for _, r := range []rune{'é', 'ß', 'Ж', 'ا', '۱', 0x301, 0x200C, 0xAD, 0xAC, 0xB2, 0xBD, 0xFB01, 0x2460, utf8.RuneError, 0x3000, 0x4E00} {
		if Separator(r) {
			t.Errorf("%U %q is a separator", r, r)
		}
	}
	t.Logf("%d separators below %U", n, SeparatorRunes)
}
