package model

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/token"
)

// tokensBoth runs the block-token features of s through token.Iter and
// through tokensASCII and reports how they differ ("" for not at all).
func tokensBoth(s string, explain bool) string {
	run := func(ascii bool) (sink, int, int) {
		x := &extractor{stop: testStopwords(), s: sink{mask: 1<<18 - 1}}
		x.s.reset(explain)
		x.tokens(s, ascii)
		return x.s, x.ntok, x.nstop
	}
	a, atok, astop := run(false)
	b, btok, bstop := run(true)
	switch {
	case atok != btok || astop != bstop:
		return "token or stop-word counts"
	case !slices.Equal(a.idx, b.idx):
		return "feature indexes"
	case !slices.Equal(a.val, b.val):
		return "feature values"
	case !slices.Equal(a.names, b.names):
		return "feature names"
	}
	return ""
}

var testStopwords = sync.OnceValue(token.DefaultStopwords)

// asciiOnly maps every byte of s into ASCII.
func asciiOnly(s string) string {
	b := []byte(s)
	for i := range b {
		b[i] &= 0x7f
	}
	return string(b)
}

func TestTokensASCII(t *testing.T) {
	long := strings.Repeat("The quick brown fox, 42 times; mp3 x86-64 ", 20)
	for _, tc := range []struct{ name, text string }{
		{"empty", ""},
		{"punctuation", " ,.;-- !"},
		{"stop words", "The cat and THE dog of it"},
		{"numbers", "1 12 123 1234 12345 12345678 123456789 1234567890123"},
		{"letters and digits", "mp3 A4 x86 2024th covid19 H2O"},
		{"apostrophes and hyphens", "don't l'homme well-known"},
		{"controls", "a\x00b\tc\nd\x7fe\x1ff"},
		{"head and tail", long},
		{"separators", "“Don’t” — it’s 3\u00a0km… «non» • 12–14 ¿que?"},
		{"separators at the ends", "‘quoted’\u2028x\u0085"},
	} {
		for _, explain := range []bool{false, true} {
			if d := tokensBoth(tc.text, explain); d != "" {
				t.Errorf("%s (explain %v): the %s differ", tc.name, explain, d)
			}
		}
	}
}

// withSeparators maps the bytes of s from 0x80 up to separators
// (token.Separator) and the others into ASCII.
func withSeparators(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x80 {
			b.WriteByte(c)
		} else {
			b.WriteRune(separators()[int(c)%len(separators())])
		}
	}
	return b.String()
}

// separators lists every rune token.Separator accepts.
var separators = sync.OnceValue(func() (out []rune) {
	for r := rune(0); r < token.SeparatorRunes; r++ {
		if token.Separator(r) {
			out = append(out, r)
		}
	}
	return out
})

func TestTokensSeparators(t *testing.T) {
	// every separator, in a few places
	for _, r := range separators() {
		s := "a" + string(r) + "b12" + string(r) + string(r) + "The" + string(r)
		if d := tokensBoth(s, false); d != "" {
			t.Fatalf("%U: the %s differ", r, d)
		}
		var st blockStats
		if computeStats(s, &st); !st.sepOnly {
			t.Fatalf("%U: not sepOnly", r)
		}
	}
	for _, s := range []string{"café", "a\u00adb", "x²", "½", "ﬁ", "دو", "\xff"} {
		var st blockStats
		if computeStats(s, &st); st.sepOnly {
			t.Errorf("%q: sepOnly", s)
		}
	}
}

func FuzzTokensSeparators(f *testing.F) {
	f.Add("The \x80cat\x81 and THE dog: 12345 mp3, don't\xa0")
	f.Fuzz(func(t *testing.T, s string) {
		s = withSeparators(s)
		if d := tokensBoth(s, false); d != "" {
			t.Fatalf("%q: the %s differ", s, d)
		}
	})
}

func FuzzTokensASCII(f *testing.F) {
	f.Add("The cat and THE dog: 12345 mp3, don't")
	f.Add(strings.Repeat("word 7 ", 80))
	f.Fuzz(func(t *testing.T, s string) {
		s = asciiOnly(s)
		if d := tokensBoth(s, false); d != "" {
			t.Fatalf("%q: the %s differ", s, d)
		}
	})
}

// TestTwoRunes3 checks twoRunes3 against its meaning: p is one or two
// runes that utf8 decodes three bytes each, over every three-byte lead
// and edge continuation bytes, alone and in pairs.
func TestTwoRunes3(t *testing.T) {
	var seqs [][]byte
	for c := 0xc0; c <= 0xff; c++ {
		for _, c1 := range []byte{0x7f, 0x80, 0x9f, 0xa0, 0xbf, 0xc0} {
			for _, c2 := range []byte{0x7f, 0x80, 0xbf, 0xc0} {
				seqs = append(seqs, []byte{byte(c), c1, c2})
			}
		}
	}
	want := func(p []byte) bool {
		n := 0
		for len(p) > 0 {
			_, size := utf8.DecodeRune(p)
			if size != 3 {
				return false
			}
			p, n = p[size:], n+1
		}
		return n == 1 || n == 2
	}
	for i, a := range seqs {
		if got := twoRunes3(a); got != want(a) {
			t.Fatalf("twoRunes3(% x) = %v, want %v", a, got, !got)
		}
		for _, b := range seqs[i%7:][:40] {
			p := append(slices.Clone(a), b...)
			if got := twoRunes3(p); got != want(p) {
				t.Fatalf("twoRunes3(% x) = %v, want %v", p, got, !got)
			}
		}
	}
	for _, p := range [][]byte{nil, []byte("ab"), []byte("中文字"), []byte("中a"), []byte("中ab")} {
		if twoRunes3(p) != want(p) {
			t.Errorf("twoRunes3(%q) = %v", p, twoRunes3(p))
		}
	}
}
