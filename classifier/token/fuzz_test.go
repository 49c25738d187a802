package token

import (
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"",
	"می‌کند میکند می کند کتاب ها",
	"ﻻ ﷺ ﷲ ½ ㋀ ｶﾞ",
	"مُحَمَّدٌ بـــــر ا\u0653ب ي\u0654",
	"北京大学 東京タワー ที่นี่ 2024年",
	"The cat's hat, l'homme; ΛΟΓΟΣ İstanbul Straße",
	"a\x00b\xff\xfe\xc0\x80",
	"می\nکند، ها",
	"\u200c\u200d\u200e\u200f\ufeff¬",
	"cafe\u0301 \u0301a \u00b4x",
}

// FuzzNormalize checks that Normalize is idempotent and returns valid
// UTF-8, and that the tokens of Normalize(s) are the tokens of s.
func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n)
		}
		if nn := Normalize(n); nn != n {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, n, nn)
		}
	})
}

// FuzzIter checks the span invariants on arbitrary bytes: in bounds,
// non-empty, ordered, no overlap but the documented ones.
func FuzzIter(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSpans(t, s)
	})
}
