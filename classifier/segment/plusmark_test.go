package segment

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestPlusMarkEnd(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // the text up to the mark's end; "" for none
	}{
		{"film mark", "کنترل علائم فلج + فیلم تمرینی بسیار قوی", "کنترل علائم فلج + فیلم"},
		{"first of two", "عنوان اول + عکس عنوان دوم + فیلم عنوان سوم", "عنوان اول + عکس"},
		{"mark at the end", "درمان زانو درد بدون دارو + فیلم", ""},
		{"mark then spaces", "درمان زانو درد + فیلم   ", ""},
		{"digits", "حاصل ۲ + ۳ برابر است با پنج", ""},
		{"latin", "salt + pepper and more words", ""},
		{"no spaces", "عنوان+فیلم عنوان دیگر", ""},
		{"latin first then mark", "a + b عنوان + عکس بعدی", "a + b عنوان + عکس"},
		{"plus at the end", "عنوان + ", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			end, ok := plusMarkEnd(tt.text, 0, len(tt.text))
			got := ""
			if ok {
				got = tt.text[:end]
			}
			if got != tt.want {
				t.Errorf("plusMarkEnd(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestGluedTitleMarks: a page glued onto one line is cut after each
// title mark as after a sentence end, and the cut loses no text.
func TestGluedTitleMarks(t *testing.T) {
	body := "این متن بلند یک مقاله است که در یک خط نوشته شده و باید یک بلوک بماند. "
	var text string
	for len(text) < LongLine {
		text += body
	}
	titles := []string{"درمان زانو درد بدون دارو با نسخه های خانگی + فیلم", "کنترل علائم فلج بلز صورت با نسخه های گیاهی + فیلم", "تمرینی بسیار قوی برای افزایش تمرکز و دقت + آموزش", "سندروم خستگی صوتی چیست؟"}
	for _, s := range titles {
		text += s + " "
	}
	doc, err := Text(text, TextOptions{Reflow: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range doc.Blocks {
		got = append(got, doc.Text[b.Start:b.End])
	}
	for _, s := range titles {
		found := false
		for _, g := range got {
			if g == s {
				found = true
			}
		}
		if !found {
			t.Errorf("title %q is no block of its own; blocks:\n%q", s, got[len(got)-min(len(got), 6):])
		}
	}
}

// plusMarkEndRef is plusMarkEnd read position by position.
func plusMarkEndRef(text string, from, to int) (int, bool) {
	for p := from; p+3 <= to; p++ {
		if text[p:p+3] != " + " {
			continue
		}
		w, end := p+3, p+3
		for end < to && !isASCIISpace(text[end]) {
			end++
		}
		if end == w || strings.TrimSpace(text[end:to]) == "" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(text[w:end])
		if r >= 0x600 && r <= 0x6ff && unicode.IsLetter(r) {
			return end, true
		}
	}
	return 0, false
}

func FuzzPlusMarkEnd(f *testing.F) {
	for _, s := range []string{"", "a + b", "عنوان + فیلم بعدی", " +  + عکس x", "x + \xd8 y", "+ + + عکس عکس", "عنوان + فیلم"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, s string, from int) {
		if from < 0 || from > len(s) {
			return
		}
		end, ok := plusMarkEnd(s, from, len(s))
		refEnd, refOK := plusMarkEndRef(s, from, len(s))
		if end != refEnd || ok != refOK {
			t.Fatalf("plusMarkEnd(%q, %d) = %d, %v; position by position: %d, %v", s, from, end, ok, refEnd, refOK)
		}
		if ok && (end <= from || end >= len(s)) {
			t.Fatalf("plusMarkEnd(%q, %d) = %d: outside the text's inside", s, from, end)
		}
	})
}
