package model

import (
	"testing"

	"github.com/winnowhq/winnow/classifier/segment"
)

func TestTitleFeatures(t *testing.T) {
	for _, tc := range []struct {
		name, title, og string
		words           int // 0: no title
	}{
		{"none", "", "", 0},
		{"blank", "  ", "", 0},
		{"headline and site", "Slow Start Cost the Majors in Ottawa | The Hockey News", "", 7},
		{"site first", "Example News - Slow start cost the Majors", "", 5},
		{"hyphenated words stay whole", "Long-awaited Vista-era upgrade", "", 3},
		{"short service page", "Building Department | Burns Harbor, IN", "", 3},
		{"documentation chapter", "PostgreSQL: Documentation: 17: Chapter 11. Indexes", "", 3},
		{"og:title first", "Home", "Rebels seize a missile depot near Damascus", 7},
		{"Persian", "خبرگزاری نمونه | افزایش قیمت بلیط هواپیما در آستانه نوروز", "", 7},
		{"Chinese by its letters", "中国经济稳步增长", "", 4},
		{"capped", "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j", "", maxTitleWords},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var f [numTitleFeats]float32
			titleFeatures(&segment.Doc{HTML: true, Title: tc.title, OGTitle: tc.og}, &f)
			want := [numTitleFeats]float32{}
			if tc.words > 0 {
				want = [numTitleFeats]float32{float32(tc.words) / maxTitleWords, 1}
			}
			if f != want {
				t.Errorf("got %v, want %v", f, want)
			}
		})
	}
}

// FuzzTitleFeatures: any title (the page's, untrusted) gives a length in
// [0, 1] and a presence bit of 0 or 1, never a panic.
func FuzzTitleFeatures(f *testing.F) {
	for _, s := range []string{"", " | ", "Slow Start Cost the Majors in Ottawa | The Hockey News", "中国经济稳步增长", "a - b – c — d", "\xff\xfe|\x00"} {
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, title, og string) {
		var v [numTitleFeats]float32
		titleFeatures(&segment.Doc{HTML: true, Title: title, OGTitle: og}, &v)
		if v[0] < 0 || v[0] > 1 || v[1] != 0 && v[1] != 1 || v[1] == 0 && v[0] != 0 {
			t.Fatalf("title %q, og %q: features %v", title, og, v)
		}
	})
}
