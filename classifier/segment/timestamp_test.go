package segment

import (
	"strings"
	"testing"
)

func TestTimeStampNext(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // the stamp as cut; "" for none
	}{
		{"Persian date and time after a headline", "تاثیر مطالعه بر سلامت روان ۲ آذر ۱۳۹۳ - ۰۰:۱۹ شما نمی توانید", "۲ آذر ۱۳۹۳ - ۰۰:۱۹"},
		{"ASCII digits, Persian month", "مغز چگونه کار می کند 25 آذر 1389 - 14:10 مغز چگونه", "25 آذر 1389 - 14:10"},
		{"weekday, commas and an hour label", "کد خبر ۵۲۶۹۲۲۹ چهارشنبه، ۳ آذر ۱۳۸۹، ساعت ۰۰:۴۷ زمان", "۵۲۶۹۲۲۹ چهارشنبه، ۳ آذر ۱۳۸۹، ساعت ۰۰:۴۷"},
		{"a labelled stamp", "عنوان خبر انتشار: ۱۶ بهمن ۱۳۹۳ - ۰۷:۴۳ متن", "انتشار: ۱۶ بهمن ۱۳۹۳ - ۰۷:۴۳"},
		{"ISO date and time", "headline 2013-06-23T22:02 body text", "2013-06-23T22:02"},
		{"date with separators", "x ۱۳۹۳/۰۳/۲۳ ۱۰:۱۵ y", "۱۳۹۳/۰۳/۲۳ ۱۰:۱۵"},
		{"English", "Council votes May 12, 2024 14:10 The council", "May 12, 2024 14:10"},
		{"seconds", "x 12 May 2024 14:10:05 y", "12 May 2024 14:10:05"},
		{"a time alone", "the meeting starts at 14:10 today", ""},
		{"an hour label and a time alone", "جلسه ساعت ۱۴:۱۰ برگزار شد", ""},
		{"no year", "x 12 May 14:10 y", ""},
		{"a year but no month or date", "code 52692 2024 14:10 y", ""},
		{"a ratio is no time", "won 2024 May 3:2 in", ""},
		{"three-digit minutes", "x 12 May 2024 14:100 y", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if s, e, ok := timeStampNext(tt.text, 0, len(tt.text)); ok {
				got = tt.text[s:e]
			}
			if got != tt.want {
				t.Errorf("timeStampNext(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestTimeStampGluedPage checks that a page glued on one line is cut
// before and after a date-and-time stamp written with spaces: the
// headline before it and the paragraph after it are blocks of their own.
func TestTimeStampGluedPage(t *testing.T) {
	head := "تاثیر مطالعه بر سلامت روان و احساسات"
	stamp := "۲ آذر ۱۳۹۳ - ۰۰:۱۹"
	para := strings.Repeat("مطالعه یکی از موثرترین راه ها برای آرامش و آمادگی برای خواب است. ", 30)
	text := head + " " + stamp + " " + para
	d, err := Text(text, TextOptions{Reflow: true})
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	for _, b := range d.Blocks {
		blocks = append(blocks, d.Text[b.Start:b.End])
	}
	if len(blocks) < 3 || blocks[0] != head || blocks[1] != stamp {
		t.Errorf("blocks start %q, want the headline, then the stamp", blocks[:min(3, len(blocks))])
	}
}

// FuzzTimeStampNext checks that a stamp timeStampNext finds lies inside
// the text, on word boundaries, and ends with a time.
func FuzzTimeStampNext(f *testing.F) {
	for _, s := range []string{"", "x ۲ آذر ۱۳۹۳ - ۰۰:۱۹ y", "a 2013-06-23T22:02 b", "۱۳۹۳/۰۳/۲۳ ۱۰:۱۵", ": : 1:1 2024 May 9:99:99", "\xff 2024 May 1:00\xff"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, text string, from int) {
		if from < 0 || from > len(text) {
			return
		}
		s, e, ok := timeStampNext(text, from, len(text))
		if !ok {
			return
		}
		if s < from || e > len(text) || s >= e {
			t.Fatalf("stamp [%d, %d) outside [%d, %d)", s, e, from, len(text))
		}
		if f := strings.Fields(text[s:e]); len(f) == 0 {
			t.Fatalf("empty stamp %q", text[s:e])
		} else if _, ok := timeWord(f[len(f)-1]); !ok {
			t.Fatalf("stamp %q does not end with a time", text[s:e])
		}
	})
}
