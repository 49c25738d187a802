package segment

import "testing"

func TestEndMark(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		has      bool
		cut      int // endMarkCut: in[:cut] ends with the marker; 0: no cut
	}{
		{"marker alone", "انتهای پیام/", true, 0},
		{"marker then a space", "انتهای خبر/  ", true, 0},
		{"marker then a teaser", "انتهای متن/ تیتر بعدی", true, len("انتهای متن/")},
		{"sentence, marker, teaser", "پایان. انتهای پیام/ تیتر", true, len("پایان. انتهای پیام/")},
		{"editor's code", "انتهای پیام/م", true, 0},
		{"editor's code then a teaser", "انتهای پیام/63002/ تیتر", true, len("انتهای پیام/63002/")},
		{"no-break space after the marker", "انتهای خبر/\u00a0تیتر", true, len("انتهای خبر/")},
		{"a word glued to the marker", "انتهای پیام/دلیل‌عصبانی‌شدن تیتر", true, len("انتهای پیام/")},
		{"no slash", "انتهای پیام تیتر", false, 0},
		{"stem twice", "انتهای راه انتهای پیام/ تیتر", true, len("انتهای راه انتهای پیام/")},
		{"Arabic yeh", "انتهاي پيام/ تیتر", true, len("انتهاي پيام/")},
		{"Arabic yeh in the stem only", "انتهاي خبر/ تیتر", true, len("انتهاي خبر/")},
		{"Arabic yeh, editor's code", "انتهاي پيام/م", true, 0},
		{"stem without its yeh", "انتهاپیام/ تیتر", false, 0},
		{"stem cut short", "متن انته", false, 0},
		{"none", "the end of the article", false, 0},
		{"empty", "", false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := HasEndMark(tc.in); got != tc.has {
				t.Errorf("HasEndMark(%q) = %v, want %v", tc.in, got, tc.has)
			}
			if got := endMarkCut(tc.in); got != tc.cut {
				t.Errorf("endMarkCut(%q) = %d, want %d", tc.in, got, tc.cut)
			}
		})
	}
}

// TestEndMarkNoSplit: with NoSplit every line stays one block, marker or
// not.
func TestEndMarkNoSplit(t *testing.T) {
	d, err := Text("متن. انتهای پیام/ تیتر بعدی", TextOptions{NoSplit: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Blocks) != 1 {
		t.Fatalf("got %q", units(d))
	}
}

func TestEndMarkLine(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     bool
	}{
		{"marker alone", "انتهای پیام/", true},
		{"white space around", "  انتهای خبر/ \n", true},
		{"editor's code", "انتهای پیام/63002/", true},
		{"slash first", "/انتهای پیام", true},
		{"slash first, space after it", "/ انتهای متن", true},
		{"slash first, Arabic yeh", "/انتهاي پيام", true},
		{"Arabic yeh", "انتهاي پيام/", true},
		{"end of news", "پایان خبر", true},
		{"end of news, Arabic yeh", "پايان خبر", true},
		{"end of news in a sentence", "پایان خبر خوش بود", false},
		{"marker then a teaser", "انتهای پیام/ تیتر بعدی", false},
		{"sentence then marker", "پایان. انتهای پیام/", false},
		{"no slash", "انتهای پیام", false},
		{"slash first, then more", "/انتهای پیام تیتر", false},
		{"slashes on both sides", "/انتهای پیام/", true},
		{"empty", "", false},
		{"a slash", "/", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := EndMarkLine(tc.in); got != tc.want {
				t.Errorf("EndMarkLine(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}
