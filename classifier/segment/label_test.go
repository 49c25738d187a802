package segment

import (
	"strings"
	"testing"
)

func TestLabelNext(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // the label as cut; "" for none
	}{
		{"title then date line", "اطلاعات دارویی در رابطه با “سنکل” آخرین بروزرسانی: ۲۹ شهریور ۱۴۰۲", "بروزرسانی:"},
		{"two-word label", "عنوان خبر امروز کد خبر: ۱۲۳۴", "کد خبر:"},
		{"label at the start", "منبع: ایسنا متن خبر", "منبع:"},
		{"english", "A headline here Updated: 3 May 2024", "Updated:"},
		{"no colon", "عنوان خبر منبع ایسنا", ""},
		{"colon on another word", "عنوان: متن خبر", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if s, e, ok := labelNext(tt.text, 0, len(tt.text)); ok {
				got = tt.text[s:e]
			}
			if got != tt.want {
				t.Errorf("labelNext(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// FuzzLabelNext checks that a label labelNext finds ends with a colon,
// lies inside the text, and is made of whole words.
func FuzzLabelNext(f *testing.F) {
	for _, s := range []string{"", "a Updated: b", "کد خبر: ۱", "x: y:", ":: : source:", "\u00a0منبع:\u2028"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, text string, from int) {
		if from < 0 || from > len(text) {
			return
		}
		s, e, ok := labelNext(text, from, len(text))
		if !ok {
			return
		}
		if s < from || e > len(text) || s >= e || !strings.HasSuffix(text[s:e], ":") {
			t.Fatalf("labelNext(%q, %d) = %d, %d", text, from, s, e)
		}
		if ws, we := nextField(text, s, len(text)); ws != s || we > e {
			t.Fatalf("labelNext(%q, %d) = %d, %d: not at a word", text, from, s, e)
		}
	})
}

// TestGluedLabel: on a page glued onto one line, the article's title is
// cut from the date line it runs into.
func TestGluedLabel(t *testing.T) {
	body := "این متن بلند یک مقاله است که در یک خط نوشته شده و باید یک بلوک بماند. "
	text := "اطلاعات دارویی در رابطه با سنکل آخرین بروزرسانی: ۲۹ شهریور ۱۴۰۲ - ۱۱:۴۰ " + strings.Repeat(body, LongLine/len(body)+1)
	doc, err := Text(text, TextOptions{Reflow: true, LongSplitter: DefaultLongSplitter()})
	if err != nil {
		t.Fatal(err)
	}
	first := doc.Text[doc.Blocks[0].Start:doc.Blocks[0].End]
	if strings.Contains(first, "بروزرسانی") {
		t.Errorf("first block %q holds the date line's label", first)
	}
}

// labelNextRef is labelNext read word by word.
func labelNextRef(text string, from, to int) (start, end int, ok bool) {
	var before span
	for pos := from; ; {
		s, e := nextField(text, pos, to)
		if s == e {
			return 0, 0, false
		}
		if w := text[s:e]; strings.HasSuffix(w, ":") && metaIn(w)&inLabels != 0 {
			if before.end > before.start && metaIn(text[before.start:before.end])&inLabels != 0 {
				return before.start, e, true
			}
			return s, e, true
		}
		before, pos = span{s, e}, e
	}
}

// FuzzLabelNextRef compares labelNext with a word-by-word reading.
func FuzzLabelNextRef(f *testing.F) {
	for _, s := range []string{"", "a Updated: b", "کد خبر: ۱", "x: y:", ":: : source:", "\u00a0منبع:\u2028", "a:b: کد\u00a0خبر: x", "  خبر:  date:"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, text string, from int) {
		if from < 0 || from > len(text) {
			return
		}
		s, e, ok := labelNext(text, from, len(text))
		rs, re, rok := labelNextRef(text, from, len(text))
		if s != rs || e != re || ok != rok {
			t.Fatalf("labelNext(%q, %d) = %d, %d, %v; word by word %d, %d, %v", text, from, s, e, ok, rs, re, rok)
		}
	})
}
