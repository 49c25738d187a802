package segment

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"", "<p>a</p>", "<div>x<br>y</div>", "<pre>a\n b</pre>", "<ul><li>a<li>b</ul>",
		"<p hidden>x</p><p style='display:none'>y</p>z", "<a href=x>l</a> t",
		strings.Repeat("<div>", 600) + "deep" + strings.Repeat("<span>", 10),
		"<table><td>a<td>b</table>", "<svg><p>x</p></svg><math>y</math>",
		"<html lang=fa><head><title>t</title></head><body><p dir=rtl>سلام world</p>",
		"\x00<p>\x00</p>", "<p>a\xffb</p>", "<select><option>a<option>b</select>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, err := HTML(src, HTMLOptions{})
		if err != nil {
			return
		}
		checkDoc(t, d)
		if utf8.ValidString(src) && !utf8.ValidString(d.Text) {
			t.Fatal("invalid UTF-8 rendition from valid input")
		}
		// The rendition segments as text into the same lines.
		td, err := Text(d.Text, TextOptions{NoSplit: true})
		if err != nil {
			t.Fatal(err)
		}
		checkSameSpans(t, "rendition as text against HTML", td.Blocks, d.Blocks)
	})
}

func FuzzText(f *testing.F) {
	for _, s := range []string{
		"", "\n", "a\n\nb", "چرا؟ یک دو سه چهار؟ پنج شش هفت", "shocking newsNext story you won't believe",
		"شناسه خبر: 96106 ۲۴ مرداد ۱۳۹۶ - ۱۹:۴۰ به گزارش خبرگزاری فارس، متن خبر اینجا است.",
		"متن خبر اینجا است و ادامه دارد. منبع: ایسنا", "گروه اقتصادی: قیمت طلا امروز بالا رفت و بازار",
		"a\x00b?\xffc (+عکس) d e f g", "x (+عکس)(+فیلم) y z w", "\u00a0\u2028 a \u3000",
		"one two three four five six seven eight nine ten eleven\ntwelve thirteen fourteen fifteen sixteen seventeen\nend of it all.",
		strings.Repeat("Home News. خبر اول است؟ ", 200),
		strings.Repeat("عنوان خبر + فیلم ", 80) + "+ + + عکس",
		// text nodes one a line (joinFragments)
		"Home\nThe council voted on\nTuesday\nto approve the budget for the buses\n.\nIt said\nthis\n, then\nthat\n; and more\n.",
		// text nodes run together (gluedText)
		strings.Repeat("HomeWorldSportThe council voted.It said no.Then yes!Why?Because.Next storyMore", 3),
		// teasers with their dates and view counts run together (stampNext)
		strings.Repeat("来たぜ、折りたたみ2022.08.11 00:083,512見ると欲しくなるやつ2022.08.10T23:34:0512,595", 20),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d, err := Text(text, TextOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if d.Text != text {
			t.Fatal("Doc.Text differs from the input")
		}
		checkDoc(t, d)
		nd, _ := Text(text, TextOptions{NoSplit: true})
		if len(d.Blocks) < len(nd.Blocks) {
			t.Fatalf("splitting lost lines: %d < %d", len(d.Blocks), len(nd.Blocks))
		}
		// reflowing keeps the invariants and loses no text
		ud, err := Text(text, TextOptions{Reflow: true})
		if err != nil {
			t.Fatal(err)
		}
		checkDoc(t, ud)
		if ud.Text != text {
			t.Fatal("Doc.Text differs from the input")
		}
	})
}
