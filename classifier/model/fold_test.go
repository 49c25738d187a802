package model

import "testing"

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
