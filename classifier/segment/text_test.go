package segment

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/token"
)

func units(d *Doc) []string {
	var out []string
	for _, b := range d.Blocks {
		out = append(out, fmt.Sprintf("%s:%s", b.Split, d.Text[b.Start:b.End]))
	}
	return out
}

func TestTextSplits(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string
	}{
		{"metadata before lead",
			"شناسه خبر: 96106 ۲۴ مرداد ۱۳۹۶ - ۱۹:۴۰ به گزارش خبرگزاری فارس، رئیس سازمان امروز در نشستی خبری گفت که طرح جدید اجرا می‌شود.",
			[]string{"meta:شناسه خبر: 96106 ۲۴ مرداد ۱۳۹۶ - ۱۹:۴۰", "line:به گزارش خبرگزاری فارس، رئیس سازمان امروز در نشستی خبری گفت که طرح جدید اجرا می‌شود."}},
		{"source after body",
			"رئیس سازمان امروز در نشستی خبری گفت که طرح جدید از هفته آینده اجرا می‌شود. منبع: ایسنا",
			[]string{"line:رئیس سازمان امروز در نشستی خبری گفت که طرح جدید از هفته آینده اجرا می‌شود.", "meta:منبع: ایسنا"}},
		{"desk prefix",
			"گروه اقتصادی: قیمت طلا امروز در بازار تهران افزایش یافت و به رکورد تازه‌ای رسید.",
			[]string{"meta:گروه اقتصادی:", "line:قیمت طلا امروز در بازار تهران افزایش یافت و به رکورد تازه‌ای رسید."}},
		{"lead is not metadata",
			"به گزارش خبرگزاری فارس، رئیس سازمان امروز گفت که طرح جدید اجرا می‌شود.",
			[]string{"line:به گزارش خبرگزاری فارس، رئیس سازمان امروز گفت که طرح جدید اجرا می‌شود."}},
		{"date opening a sentence",
			"۲۴ مرداد ماه، رئیس سازمان در نشستی خبری گفت که طرح جدید اجرا می‌شود.",
			[]string{"line:۲۴ مرداد ماه، رئیس سازمان در نشستی خبری گفت که طرح جدید اجرا می‌شود."}},
		{"question inside a paragraph",
			"Why would anyone do that? Nobody really knows, but the committee said on Tuesday that it would look into the matter again next year and report back to parliament.",
			[]string{"line:Why would anyone do that? Nobody really knows, but the committee said on Tuesday that it would look into the matter again next year and report back to parliament."}},
		{"media markers",
			"غار نمکی گرمسار جاذبه‌ای برای عاشقان طبیعت (+عکس) این خودرو گرانترین روف تاریخ است (+عکس) دعای روز شانزدهم ماه رمضان (+صوت)",
			[]string{"title:غار نمکی گرمسار جاذبه‌ای برای عاشقان طبیعت (+عکس)", "title:این خودرو گرانترین روف تاریخ است (+عکس)", "title:دعای روز شانزدهم ماه رمضان (+صوت)"}},
		{"short line", "کد خبر ۴۴۰۱۹۹", []string{"line:کد خبر ۴۴۰۱۹۹"}},
		{"end marker glued to a teaser",
			"رئیس سازمان گفت که طرح جدید از هفته آینده اجرا می‌شود. انتهای پیام/ دلیل عصبانی شدن در هوای گرم چیست؟",
			[]string{"line:رئیس سازمان گفت که طرح جدید از هفته آینده اجرا می‌شود.", "meta:انتهای پیام/", "line:دلیل عصبانی شدن در هوای گرم چیست؟"}},
		{"end marker ending the line", "انتهای خبر/", []string{"line:انتهای خبر/"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Text(c.in, TextOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, d)
			got := units(d)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
		})
	}
}

func TestTextNoSplit(t *testing.T) {
	in := "a? b c d e? f g h i\n\n  j  \n"
	d, err := Text(in, TextOptions{NoSplit: true})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, d)
	if got := units(d); strings.Join(got, "|") != "line:a? b c d e? f g h i|line:j" || !d.Blocks[1].BlankBefore || d.Blocks[1].Line != 2 {
		t.Fatalf("got %q %+v", got, d.Blocks)
	}
}

// TestHuge segments a 50 MB page and a 50 MB text (5 MB under -race or
// -short) and checks the invariants; it does not time them.
func TestHuge(t *testing.T) {
	size := 50 << 20
	if raceEnabled || testing.Short() {
		size = 5 << 20
	}
	para := "<div class=\"item\"><p>Some <b>bold</b> text, a <a href=\"/x\">link</a> and more words? Yes.</p><br>line two</div>\n"
	page := strings.Repeat(para, size/len(para))
	d, err := HTML(page, HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, d)
	if want := 2 * (size / len(para)); len(d.Blocks) != want {
		t.Fatalf("%d blocks, want %d", len(d.Blocks), want)
	}
	td, err := Text(d.Text, TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, td)
	// One 5 MB line with no line breaks.
	line := strings.Repeat("word another? Title here (+عکس) ", (5<<20)/40)
	ld, err := Text(line, TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, ld)
}

// TestIsSpace binds isSpace, the fast test of white space, to the rune
// classes scanWords reads, for every rune.
func TestIsSpace(t *testing.T) {
	for r := rune(-1); r <= unicode.MaxRune+1; r++ {
		if got, want := isSpace(r), token.ClassOf(r)&cSpace != 0; got != want {
			t.Fatalf("isSpace(%U) = %v, token.ClassOf has %v", r, got, want)
		}
		// walker.textRunes decodes only the runes that start with these
		if isSpace(r) && r >= utf8.RuneSelf {
			if c := string(r)[0]; c != 0xC2 && (c < 0xE1 || c > 0xE3) && c != 0xEF {
				t.Errorf("white space %U starts with %#x", r, c)
			}
		}
	}
}
