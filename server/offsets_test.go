package server

import (
	"context"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

const (
	utf8Enc  = winnowv1.OffsetEncoding_OFFSET_ENCODING_UTF8
	utf16Enc = winnowv1.OffsetEncoding_OFFSET_ENCODING_UTF16
	utf32Enc = winnowv1.OffsetEncoding_OFFSET_ENCODING_UTF32
)

func TestOffsetConverter(t *testing.T) {
	tests := []struct {
		name string
		text string
		// byte offsets and the expected UTF-16 and code point offsets
		bytes, u16, u32 []int
	}{
		{name: "ascii", text: "ab\ncd", bytes: []int{0, 2, 3, 5}, u16: []int{0, 2, 3, 5}, u32: []int{0, 2, 3, 5}},
		// "می‌خواهم": م ی ZWNJ خ و ا ه م; Arabic letters are 2 bytes, ZWNJ (U+200C) 3.
		{name: "persian zwnj", text: "می\u200cخواهم خبر", bytes: []int{0, 4, 7, 17, 18, 24},
			u16: []int{0, 2, 3, 8, 9, 12}, u32: []int{0, 2, 3, 8, 9, 12}},
		// 😀 U+1F600 is 4 bytes, a surrogate pair in UTF-16, one code point.
		{name: "emoji", text: "a😀b\n👍🏽x", bytes: []int{0, 1, 5, 6, 7, 15, 16},
			u16: []int{0, 1, 3, 4, 5, 9, 10}, u32: []int{0, 1, 2, 3, 4, 6, 7}},
		// CJK ideographs are 3 bytes, one UTF-16 unit; U+20BB7 𠮷 is outside the BMP.
		{name: "cjk", text: "新闻𠮷報", bytes: []int{0, 3, 6, 10, 13}, u16: []int{0, 1, 2, 4, 5}, u32: []int{0, 1, 2, 3, 4}},
		// "é" as e + U+0301 (2 bytes): combining marks are their own code points.
		{name: "combining", text: "cafe\u0301 ok", bytes: []int{0, 4, 6, 7, 9}, u16: []int{0, 4, 5, 6, 8}, u32: []int{0, 4, 5, 6, 8}},
		{name: "invalid utf8 byte counts one", text: "a\xffb", bytes: []int{0, 1, 2, 3}, u16: []int{0, 1, 2, 3}, u32: []int{0, 1, 2, 3}},
		{name: "inside a rune rounds down", text: "aé", bytes: []int{2, 3}, u16: []int{1, 2}, u32: []int{1, 2}},
		{name: "backwards restarts", text: "😀😀", bytes: []int{8, 4, 0, 8}, u16: []int{4, 2, 0, 4}, u32: []int{2, 1, 0, 2}},
		{name: "clamped", text: "ab", bytes: []int{-1, 9}, u16: []int{0, 2}, u32: []int{0, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, c := range []struct {
				enc  winnowv1.OffsetEncoding
				want []int
			}{{utf16Enc, tt.u16}, {utf32Enc, tt.u32}} {
				conv := newOffsetConverter(tt.text, c.enc)
				for i, off := range tt.bytes {
					if got := conv.convert(off); got != c.want[i] {
						t.Errorf("%s: convert(%d) = %d, want %d", c.enc, off, got, c.want[i])
					}
				}
			}
			var none *offsetConverter = newOffsetConverter(tt.text, utf8Enc)
			if none != nil || none.convert(7) != 7 {
				t.Errorf("UTF8 converter is %v, want nil (identity)", none)
			}
		})
	}
}

// FuzzOffsetConverter checks the property clients rely on: slicing the text
// in the target encoding by converted offsets gives the same text as
// slicing the UTF-8 bytes by the original offsets.
func FuzzOffsetConverter(f *testing.F) {
	for _, s := range []string{"", "abc", "می\u200cخواهم", "a😀b👍🏽", "新闻𠮷報", "cafe\u0301", "x\xff\xfey"} {
		f.Add(s, uint16(1), uint16(3))
	}
	f.Fuzz(func(t *testing.T, s string, a, b uint16) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		// snap a and b to rune boundaries, as block offsets are
		lo, hi := snap(s, int(a)%(len(s)+1)), snap(s, int(b)%(len(s)+1))
		if lo > hi {
			lo, hi = hi, lo
		}
		want := s[lo:hi]
		c16 := newOffsetConverter(s, utf16Enc)
		units := utf16.Encode([]rune(s))
		l16, h16 := c16.convert(lo), c16.convert(hi)
		if got := string(utf16.Decode(units[l16:h16])); got != want {
			t.Fatalf("UTF-16 [%d:%d] = %q, want %q (bytes [%d:%d])", l16, h16, got, want, lo, hi)
		}
		c32 := newOffsetConverter(s, utf32Enc)
		runes := []rune(s)
		l32, h32 := c32.convert(lo), c32.convert(hi)
		if got := string(runes[l32:h32]); got != want {
			t.Fatalf("code points [%d:%d] = %q, want %q (bytes [%d:%d])", l32, h32, got, want, lo, hi)
		}
	})
}

// snap moves i back to the start of the rune it falls in.
func snap(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// TestClassifyOffsetEncoding classifies text in every encoding and slices
// the response text the way a client in that encoding would.
func TestClassifyOffsetEncoding(t *testing.T) {
	cls, err := classifier.Default()
	if err != nil {
		t.Fatal(err)
	}
	svc := New(cls, Options{})
	text := "خبر فوری 📰: همکاری اطلاعاتی مسکو با طالبان\n" +
		"همزمان با افزایش تعداد تروریست‌های داعش در افغانستان 🇦🇫، رئیس جمهور گفت که 新闻 и café\u0301.\n" +
		"ارسال به دوستان 👍🏽\n"
	base, err := svc.Classify(context.Background(), &winnowv1.ClassifyRequest{
		Document: &winnowv1.Document{Content: &winnowv1.Document_Text{Text: text}},
		Options:  &winnowv1.ClassifyOptions{IncludeText: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := base.GetOffsetEncoding(); got != utf8Enc {
		t.Fatalf("default offset_encoding = %s, want UTF8", got)
	}
	var want []string
	for _, b := range base.GetBlocks() {
		want = append(want, base.GetText()[b.GetStart():b.GetEnd()])
	}
	if len(want) < 3 {
		t.Fatalf("got %d blocks, want at least 3", len(want))
	}
	for _, enc := range []winnowv1.OffsetEncoding{utf8Enc, utf16Enc, utf32Enc} {
		resp, err := svc.Classify(context.Background(), &winnowv1.ClassifyRequest{
			Document: &winnowv1.Document{Content: &winnowv1.Document_Text{Text: text}},
			Options:  &winnowv1.ClassifyOptions{IncludeText: true, OffsetEncoding: enc},
		})
		if err != nil {
			t.Fatal(err)
		}
		if resp.GetOffsetEncoding() != enc {
			t.Errorf("%s: response offset_encoding = %s", enc, resp.GetOffsetEncoding())
		}
		units16 := utf16.Encode([]rune(resp.GetText()))
		runes := []rune(resp.GetText())
		for i, b := range resp.GetBlocks() {
			var got string
			switch enc {
			case utf8Enc:
				got = resp.GetText()[b.GetStart():b.GetEnd()]
			case utf16Enc:
				got = string(utf16.Decode(units16[b.GetStart():b.GetEnd()]))
			case utf32Enc:
				got = string(runes[b.GetStart():b.GetEnd()])
			}
			if got != want[i] {
				t.Errorf("%s block %d = %q, want %q", enc, i, got, want[i])
			}
		}
	}
}
