package model

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestIsCJKRanges checks IsCJK's fast ranges against the Unicode tables.
func TestIsCJKRanges(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := r >= cjkLow && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
			unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Thai, r))
		if got := IsCJK(r); got != want {
			t.Fatalf("IsCJK(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestMoreRunes compares moreRunes with utf8.RuneCount.
func TestMoreRunes(t *testing.T) {
	for _, s := range []string{"", "a", "ab", "abc", "中", "中文", "中文字", "中\xff", "\xff\xfe\xfd", "\xe4\xb8", "\xe4\xb8ab", "中a文字"} {
		for n := 0; n < 5; n++ {
			if got, want := moreRunes([]byte(s), n), utf8.RuneCount([]byte(s)) > n; got != want {
				t.Fatalf("moreRunes(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}
