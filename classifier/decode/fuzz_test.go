package decode

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func FuzzDecode(f *testing.F) {
	f.Add([]byte("<!doctype html><meta charset=windows-1256><p>\xe3\xd3\xdf\xe6"), "")
	f.Add([]byte{0xFF, 0xFE, 0x00, 0xD8, 'a', 0}, "")
	f.Add([]byte{0xFE, 0xFF, 0xD8}, "text/plain")
	f.Add([]byte("\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0"), "text/html; charset=koi8-r")
	f.Add([]byte("\xc4\xe3\xba\xc3\xa3\xac\xca\xc0\xbd\xe7"), "")
	f.Add([]byte("a < b\x00\xff"), "text/plain; charset=utf-16")
	f.Add([]byte(`<meta http-equiv=content-type content="text/html;charset='gb2312'">`), ";;charset=")
	f.Fuzz(func(t *testing.T, data []byte, mediaType string) {
		r, err := Decode(data, mediaType)
		if err != nil {
			var ce *CharsetError
			var de *DecompressError
			if !errors.As(err, &ce) && !errors.As(err, &de) && !errors.Is(err, ErrNotText) {
				t.Fatalf("error %v is not a *CharsetError, *DecompressError or *NotTextError", err)
			}
			return
		}
		if !utf8.ValidString(r.Text) {
			t.Fatalf("invalid UTF-8 output %q", r.Text)
		}
		if r.Encoding == "" {
			t.Fatal("no encoding")
		}
		if len(data) > 0 && r.Text == "" && r.Encoding != "utf-16le" && r.Encoding != "utf-16be" && r.Source != SourceBOM {
			t.Fatalf("%d bytes decoded to nothing (%s)", len(data), r.Encoding)
		}
		r2, err := Decode(data, mediaType)
		if err != nil || r2 != r {
			t.Fatalf("not deterministic: %+v vs %+v (%v)", r, r2, err)
		}
		if r.HTML != SniffHTML(r.Text) && !hasMediaType(mediaType) {
			t.Fatalf("HTML flag %v differs from SniffHTML of the text", r.HTML)
		}
	})
}

// hasMediaType reports whether the media type decides the HTML flag.
func hasMediaType(s string) bool {
	mt, _, _ := parseMediaType(s)
	return mt == "text/html" || mt == "application/xhtml+xml" || mt == "text/plain"
}

// FuzzFirstNonASCII checks firstNonASCII against a byte loop.
func FuzzFirstNonASCII(f *testing.F) {
	for _, s := range []string{"", "a", "abcdefgh", "abcdefgh\x80", "\xffabc", "abcdefghijklmno\xc3\xa9"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		want := -1
		for i, c := range p {
			if c >= 0x80 {
				want = i
				break
			}
		}
		if got := firstNonASCII(p); got != want {
			t.Fatalf("firstNonASCII(%q) = %d, want %d", p, got, want)
		}
	})
}
