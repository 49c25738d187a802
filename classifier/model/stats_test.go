package model

import (
	"strings"
	"testing"
)

// statsDiffer reports whether computeStats, with its loops over runs of
// ASCII and Arabic letters, and the rune-by-rune reading disagree on s.
func statsDiffer(s string) bool {
	var fast, slow blockStats
	statsOf(s, &fast, true)
	statsOf(s, &slow, false)
	return fast != slow
}

func TestStatsRuns(t *testing.T) {
	for _, tc := range []struct{ name, text string }{
		{"empty", ""},
		{"English", "The Quick brown FOX: 42 times | again."},
		{"Persian", "کتاب‌ها را می‌خوانم، ۱۲ بار؟ «سلام»"},
		{"harakat", "كَتَبَ الوَلَدُ"},
		{"mixed", "abcسلامXYZ۱۲۳ def"},
		{"cut rune", "سلا\xd8"},
		{"invalid", "\xd8\xd8ab\xdb"},
		{"long", strings.Repeat("word کلمه ", 200)},
	} {
		if statsDiffer(tc.text) {
			t.Errorf("%s: the statistics differ", tc.name)
		}
	}
}

func FuzzStatsRuns(f *testing.F) {
	f.Add("The Quick brown FOX: 42")
	f.Add("کتاب‌ها را می‌خوانم، ۱۲")
	f.Fuzz(func(t *testing.T, s string) {
		if statsDiffer(s) {
			t.Fatalf("%q: the statistics differ", s)
		}
	})
}
