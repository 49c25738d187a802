package model

import (
	"bytes"
	"testing"
	"unicode"
	"unicode/utf8"
)

// coversDiffer reports whether byteGrams.covers(s), on the byte pairs of
// collapseLower(t), disagrees with checking each pair of collapseLower(s).
func coversDiffer(s, t string) bool {
	var g byteGrams
	g.reset(collapseLower(nil, t))
	c := collapseLower(nil, s)
	want := true
	for i := 1; i < len(c); i++ {
		want = want && g.has(c[i-1], c[i])
	}
	return g.covers(s) != want
}

func TestByteGramsCovers(t *testing.T) {
	title := "  Breaking: Ünïcode   NEWS — سلام دنیا  "
	for _, s := range []string{
		"", " ", "breaking", "BREAKING news", "news", "Ünïcode  news", "سلام", "دنیا  سلام",
		"x", "breaking\tnewsx", "\xff\xfe", "ß İ", " \u00a0 news \u2003 ",
	} {
		if coversDiffer(s, title) {
			t.Errorf("%q: covers disagrees with the pairs of the collapsed text", s)
		}
	}
}

func FuzzByteGramsCovers(f *testing.F) {
	f.Add("Breaking NEWS", "breaking news today")
	f.Add("سلام دنیا", "  سلام   دنیا ")
	f.Fuzz(func(t *testing.T, s, title string) {
		if coversDiffer(s, title) {
			t.Fatalf("%q in %q: covers disagrees with the pairs of the collapsed text", s, title)
		}
	})
}

// TestCaselessRunes checks every rune caseless admits: its own lower case,
// and no white space.
func TestCaselessRunes(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if caseless(r) && (unicode.ToLower(r) != r || unicode.IsSpace(r)) {
			t.Fatalf("caseless(%U) but it has a lower case or is space", r)
		}
	}
}

// collapseLowerRef is collapseLower as it was before caseless runes were
// copied: the reference for TestCollapseLowerSame.
func collapseLowerRef(s string) []byte {
	var dst []byte
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = len(dst) > 0
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// TestCollapseLowerSame compares collapseLower with the reference on every
// rune, alone and between other text, and on invalid UTF-8.
func TestCollapseLowerSame(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := collapseLower(nil, s), collapseLowerRef(s); !bytes.Equal(got, want) {
			t.Fatalf("collapseLower(%q) = %q, want %q", s, got, want)
		}
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		c := string(r)
		check(c)
		check("A " + c + "\u3000خبر" + c + " Ü")
	}
	for _, s := range []string{"\xff", "ab\xe4\xb8", "\xe4\xb8\xad\xff \xd8", "\xe3\x80", "\xe9\xbf\xc0", "\xe5\x80", "  \u00a0x\u2003 ", "سلام \u200cدنیا"} {
		check(s)
	}
}

func FuzzCollapseLower(f *testing.F) {
	for _, s := range []string{"Hello  World", "خبر فوری", "中文 新闻", "\xff\xfe", "Ünïcode\u3000x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseLower(nil, s), collapseLowerRef(s); !bytes.Equal(got, want) {
			t.Fatalf("collapseLower(%q) = %q, want %q", s, got, want)
		}
	})
}
