package classifier

import (
	"slices"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestEndMarked(t *testing.T) {
	const (
		para   = "متن خبر در این بند آمده است و جمله به پایان می رسد."
		mark   = "انتهای پیام/"
		teaser = "دلیل عصبانی شدن در هوای گرم چیست؟"
		B      = model.ClassBody
		T      = model.ClassTitle
		O      = model.ClassOther
		R      = model.ClassRelated
		M      = model.ClassMetadata
	)
	for _, tc := range []struct {
		name    string
		lines   []string
		classes []int
		want    []int
	}{
		{"content after the marker", []string{para, mark, teaser, para}, []int{B, O, B, B}, []int{B, O, R, R}},
		{"other markers", []string{para, "انتهای خبر/", para, "انتهای متن/", para}, []int{B, O, B, O, B}, []int{B, O, R, O, R}},
		{"marker in the body's last line", []string{para, para + " " + mark, teaser}, []int{B, B, B}, []int{B, B, R}},
		{"boilerplate stays as it is", []string{para, mark, "کد خبر: ۱۲۳", teaser}, []int{B, O, M, R}, []int{B, O, M, R}},
		{"marker before the body ends nothing", []string{mark, para, para}, []int{O, T, B}, []int{O, T, B}},
		{"no marker", []string{para, teaser, para}, []int{B, R, B}, []int{B, R, B}},
		{"the marker's words without its slash", []string{para, "انتهای پیام", para}, []int{B, O, B}, []int{B, O, B}},
		{"source line after the body", []string{para, "منبع: ایسنا", teaser, para}, []int{B, M, B, B}, []int{B, M, R, R}},
		{"source line with a space", []string{para, "منبع : ایسنا", teaser}, []int{B, M, B}, []int{B, M, R}},
		{"source line decided content", []string{para, "منبع: ایسنا " + para, para}, []int{B, B, B}, []int{B, B, B}},
		{"source line decided content after the body", []string{para, para, "منبع: تسنیم تگ ها: سلامت " + teaser, para}, []int{B, B, B, B}, []int{B, B, R, R}},
		{"source line decided content after one paragraph", []string{para, "منبع: تسنیم " + teaser, para}, []int{B, B, B}, []int{B, B, B}},
		{"tag line after the body", []string{para, "برچسب ها: سلامت ، دندان", teaser, para}, []int{B, M, B, B}, []int{B, M, R, R}},
		{"tag line with a zero-width non-joiner", []string{para, "کلیدواژه\u200cها: سلامت", teaser}, []int{B, M, B}, []int{B, M, R}},
		{"tag line decided content after the body", []string{para, para, "تگ ها: سلامت " + teaser, para}, []int{B, B, B, B}, []int{B, B, R, R}},
		{"tag line above the article", []string{"برچسب: سلامت", para, para}, []int{M, B, B}, []int{M, B, B}},
		{"source line above the article", []string{"منبع: مهر", para, para}, []int{M, B, B}, []int{M, B, B}},
		{"a title after the marker", []string{para, para, mark, teaser}, []int{T, B, O, T}, []int{T, B, O, R}},
		{"a marker alone written slash first", []string{para, "/انتهای پیام", teaser, para}, []int{B, O, B, B}, []int{B, O, R, R}},
		{"end of news alone", []string{para, "پایان خبر", teaser}, []int{B, O, B}, []int{B, O, R}},
		{"end of news inside a sentence ends nothing", []string{para, "این پایان خبر نیست و متن ادامه دارد.", para}, []int{B, B, B}, []int{B, B, B}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks(tc.lines)
			classes := slices.Clone(tc.classes)
			endMarked(text, blocks, classes, func(int) int { return R })
			if !slices.Equal(classes, tc.want) {
				t.Fatalf("classes = %v, want %v", classes, tc.want)
			}
		})
	}
}

func TestBeforeEndMark(t *testing.T) {
	const (
		para = "متن خبر در این بند آمده است و جمله به پایان می رسد."
		head = "خلاقیت داشته باشید"
		mark = "انتهای پیام/"
		B    = model.ClassBody
		T    = model.ClassTitle
		O    = model.ClassOther
		R    = model.ClassRelated
		A    = model.ClassAd
		M    = model.ClassMetadata
	)
	for _, tc := range []struct {
		name    string
		lines   []string
		classes []int // after the decoder
		decided []int // the model's own decisions
		want    []int
	}{
		{"paragraphs the decoder cut come back", []string{para, head, para, head, para, mark, para}, []int{B, R, R, R, R, O, R}, []int{B, R, B, R, B, O, B}, []int{B, R, B, R, B, O, R}},
		{"the model's boilerplate stays", []string{para, head, para, mark}, []int{B, A, R, O}, []int{B, A, B, O}, []int{B, A, B, O}},
		{"a title the model decided stays cut", []string{para, head, para, mark}, []int{B, R, B, O}, []int{B, T, B, O}, []int{B, R, B, O}},
		{"nothing before the first body block", []string{para, para, para, mark}, []int{R, B, B, O}, []int{B, B, B, O}, []int{R, B, B, O}},
		{"no marker", []string{para, head, para}, []int{B, R, R}, []int{B, R, B}, []int{B, R, R}},
		{"a marker before the body", []string{mark, para, head, para}, []int{O, B, R, R}, []int{O, B, R, B}, []int{O, B, R, R}},
		{"the marker in the body's last line", []string{para, head, para, para + " " + mark}, []int{B, R, R, B}, []int{B, R, B, B}, []int{B, R, B, B}},
		{"a marker alone written slash first", []string{para, head, para, "/انتهای پیام", para}, []int{B, R, R, O, R}, []int{B, R, B, O, B}, []int{B, R, B, O, R}},
		{"a source line left boilerplate", []string{para, head, para, "منبع: ایسنا", para}, []int{B, R, R, M, R}, []int{B, R, B, M, B}, []int{B, R, B, M, R}},
		{"a tag line left boilerplate", []string{para, head, para, "برچسب ها: سلامت", para}, []int{B, R, R, M, R}, []int{B, R, B, M, B}, []int{B, R, B, M, R}},
		{"a source line decided content ends nothing", []string{para, head, para, "منبع: ایسنا " + para, para}, []int{B, R, R, B, R}, []int{B, R, B, B, B}, []int{B, R, R, B, R}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks(tc.lines)
			classes := slices.Clone(tc.classes)
			beforeEndMark(text, blocks, classes, func(i int) int { return tc.decided[i] })
			if !slices.Equal(classes, tc.want) {
				t.Fatalf("classes = %v, want %v", classes, tc.want)
			}
		})
	}
}

func TestEndMarkLines(t *testing.T) {
	const (
		para = "متن خبر در این بند آمده است و جمله به پایان می رسد."
		B    = model.ClassBody
		O    = model.ClassOther
		C    = model.ClassComments
		R    = model.ClassRelated
	)
	for _, tc := range []struct {
		name    string
		lines   []string
		classes []int
		want    []int
	}{
		{"a marker called comments", []string{para, "انتهای پیام/", "دیدگاه ها"}, []int{B, C, C}, []int{B, O, C}},
		{"slash first, called body", []string{para, "/انتهای پیام"}, []int{B, B}, []int{B, O}},
		{"end of news", []string{para, "پایان خبر", "تیتر بعدی"}, []int{B, R, R}, []int{B, O, R}},
		{"a marker glued to a teaser", []string{para, "انتهای پیام/ تیتر بعدی"}, []int{B, R}, []int{B, R}},
		{"the words in a sentence", []string{"پایان خبر خوش برای مردم بود."}, []int{B}, []int{B}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks(tc.lines)
			classes := slices.Clone(tc.classes)
			endMarkLines(text, blocks, classes)
			if !slices.Equal(classes, tc.want) {
				t.Fatalf("classes = %v, want %v", classes, tc.want)
			}
		})
	}
}

func TestMayEndMark(t *testing.T) {
	forms := append([]string{
		"انتهای پیام/", "انتهای خبر/", "انتهای متن/", "انتهاي پيام/", "/انتهای پیام", "/ انتهاي خبر",
		"پایان خبر", "پايان خبر", "منبع: ایسنا", "منبع : تسنیم", "کلید واژه ها: سلامت",
	}, tagLabels...)
	for _, f := range forms {
		if !endMark(f) && !closingLine(f) {
			t.Errorf("%q: neither an end mark nor a closing line", f)
		}
		if !mayEndMark(f) {
			t.Errorf("mayEndMark(%q) = false", f)
		}
	}
	for _, s := range []string{"", "The end.", "Source: Reuters", "全文完", "Конец"} {
		if mayEndMark(s) {
			t.Errorf("mayEndMark(%q) = true", s)
		}
	}
}

// FuzzMayEndMark checks that mayEndMark never skips a text the end-mark
// rules read.
func FuzzMayEndMark(f *testing.F) {
	for _, s := range []string{"انتهای پیام/", "/انتهای پیام", "پایان خبر", "منبع: ایسنا", "تگ ها: سلامت", "text"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if (endMark(s) || closingLine(s)) && !mayEndMark(s) {
			t.Fatalf("mayEndMark(%q) = false, but the rules read it", s)
		}
	})
}
