package segment

import (
	"regexp"
	"strings"
	"testing"
)

func TestStampNext(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // the stamp as cut; "" for none
	}{
		{"teaser date, time and views", "残骸っぽい2022.08.09 22:0012,595クーラー", "2022.08.09 22:0012,595"},
		{"time with seconds", "headline2024-05-12 10:00:15Next story", "2024-05-12 10:00:15"},
		{"ISO time", "Updated2024-05-12T10:00Next", "2024-05-12T10:00"},
		{"date alone after a word", "Published2024/5/1", "2024/5/1"},
		{"glued before only", "x عنوان2022.08.09 x", "2022.08.09"},
		{"glued after only", "x 2022.08.09عنوان", "2022.08.09"},
		{"apart, Persian", "عنوان 2022.08.09 x", ""},
		{"apart", "on 2022.08.09 the council met", ""},
		{"punctuation around", "(2022.08.09), then", ""},
		{"year last", "news03.05.2024story", ""},
		{"mixed separators", "x2022.08-09y", ""},
		{"a longer number", "id12022.08.09y", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if s, e, ok := stampNext(tt.text, 0, len(tt.text)); ok {
				got = tt.text[s:e]
			}
			if got != tt.want {
				t.Errorf("stampNext(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// stampRE is what stampNext reads, written as a regular expression.
var stampRE = regexp.MustCompile(`^[0-9]{4}([./-])[0-9]{1,2}([./-])[0-9]{1,2}([ T]?[0-9]{1,2}:[0-9]{2}(:[0-9]{2})?[0-9,]*)?`)

// FuzzStampNext checks that a stamp stampNext finds lies inside the text,
// is a date (stampRE, the same separator twice) not run into more digits
// before it, and touches a letter or a digit on one side.
func FuzzStampNext(f *testing.F) {
	for _, s := range []string{"", "x2022.08.09 22:0012,595y", "2024-05-12T10:00:15Z", "a 2024/5/1 b", "19999.9.99x", "2022.08.0"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, text string, from int) {
		if from < 0 || from > len(text) {
			return
		}
		s, e, ok := stampNext(text, from, len(text))
		if !ok {
			return
		}
		if s < from || e > len(text) || s >= e {
			t.Fatalf("stampNext(%q, %d) = %d, %d", text, from, s, e)
		}
		m := stampRE.FindStringSubmatch(text[s:e])
		if m == nil || m[1] != m[2] || s > from && isDigit(text[s-1]) {
			t.Fatalf("stampNext(%q, %d) = %q: no date stamp", text, from, text[s:e])
		}
		if !(s > from && gluedByte(text[s-1]) || e < len(text) && gluedByte(text[e])) {
			t.Fatalf("stampNext(%q, %d) = %q: not glued", text, from, text[s:e])
		}
	})
}

// TestGluedStamps: on a page whose text nodes ran together, a teaser
// list's headlines are cut from the dates and view counts between them.
func TestGluedStamps(t *testing.T) {
	body := "Ceci est le long texte d'un article, écrit sur une seule ligne, qui reste un bloc. "
	teasers := "来たぜ、2022年の折りたたみ2022.08.11 00:083,512｢Galaxy Z Flip4｣は見ると欲しくなるやつ2022.08.10 23:3412,595中国じゃなくて米国2022.08.09 22:0012,595"
	text := strings.Repeat(body, LongLine/len(body)+1) + teasers
	doc, err := Text(text, TextOptions{Reflow: true, LongSplitter: DefaultLongSplitter()})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range doc.Blocks {
		if bt := doc.Text[b.Start:b.End]; !strings.Contains(bt, "article") {
			got = append(got, bt)
		}
	}
	want := []string{"来たぜ、2022年の折りたたみ", "2022.08.11 00:083,512", "｢Galaxy Z Flip4｣は見ると欲しくなるやつ", "2022.08.10 23:3412,595", "中国じゃなくて米国", "2022.08.09 22:0012,595"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("teaser blocks\n%q\nwant\n%q", got, want)
	}
}
