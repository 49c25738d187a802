package model

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// statsDiffer reports whether computeStats, with its loops over runs of
// ASCII and Arabic letters and of CJK ideographs, and the rune-by-rune
// reading disagree on s.
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
		{"Chinese", "中国人民银行今天宣布，降低存款准备金率0.5个百分点。「一」"},
		{"Japanese", "東京都の天気は晴れ、ときどきくもりでしょう。"},
		{"ideograph edges", "\u4dff\u4e00\u9fff\ua000一"},
		{"cut ideograph", "中国\xe4\xb8"},
		{"broken ideograph", "中\xe5\x80\xc0国\xe4\xb7\xbf"},
	} {
		if statsDiffer(tc.text) {
			t.Errorf("%s: the statistics differ", tc.name)
		}
	}
}

func FuzzStatsRuns(f *testing.F) {
	f.Add("The Quick brown FOX: 42")
	f.Add("کتاب‌ها را می‌خوانم، ۱۲")
	f.Add("中国人民银行\xe4\xb8今天")
	f.Fuzz(func(t *testing.T, s string) {
		if statsDiffer(s) {
			t.Fatalf("%q: the statistics differ", s)
		}
	})
}

// TestShareB checks shareB's integer comparisons against the division, on
// every pair of counts up to 3,000 and on random ones up to 2^40 (and
// past, where shareB divides).
func TestShareB(t *testing.T) {
	for whole := 0; whole <= 3000; whole++ {
		for part := 0; part <= whole+2; part++ {
			if a, b := shareB(part, whole), shareBFloat(part, whole); a != b {
				t.Fatalf("shareB(%d, %d) = %d, by division %d", part, whole, a, b)
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000000 {
		whole := int(r.Int64N(1 << uint(1+r.IntN(42))))
		part := int(r.Int64N(int64(whole) + 1))
		if r.IntN(4) == 0 {
			// near the thresholds: part/whole close to k/20
			part = min(whole, max(0, whole*(1+r.IntN(20))/20+r.IntN(3)-1))
		}
		if a, b := shareB(part, whole), shareBFloat(part, whole); a != b {
			t.Fatalf("shareB(%d, %d) = %d, by division %d", part, whole, a, b)
		}
	}
}
