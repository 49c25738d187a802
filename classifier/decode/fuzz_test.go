package decode

import (
	"errors"
	"strings"
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

// scanUTF8Ref is scanUTF8's counting loop written with utf8.DecodeRune.
func scanUTF8Ref(p []byte) utf8Stats {
	var st utf8Stats
	if utf8.Valid(p) {
		for _, c := range p {
			if c >= utf8.RuneSelf {
				st.multi = 1
				break
			}
		}
		return st
	}
	for i := 0; i < len(p); {
		if p[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && size == 1 {
			st.invalid++
		} else {
			st.multi++
		}
		i += size
	}
	return st
}

// FuzzScanUTF8 checks scanUTF8 (eight ASCII bytes at a time, seqLen)
// against utf8.DecodeRune.
func FuzzScanUTF8(f *testing.F) {
	for _, s := range []string{"", "abc\xff", "\xc4\xe3\xba\xc3 abcdefghijk \xa3\xac\xca\xc0", "\xe0\xa0\x80\xed\xa0\x80\xf0\x90\x80\x80\xf4\x90\x80\x80\xc2", "\xef\xbf\xbd\xe4\xb8"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		if got, want := scanUTF8(p), scanUTF8Ref(p); got != want {
			t.Fatalf("scanUTF8(%q) = %+v, want %+v", p, got, want)
		}
	})
}

// TestSeqLen compares seqLen with utf8.DecodeRune on every sequence of
// up to three bytes and on every four-byte one that starts with a valid
// three-byte prefix of a four-byte lead, cut short at each length.
func TestSeqLen(t *testing.T) {
	check := func(p []byte) {
		r, size := utf8.DecodeRune(p)
		want := size
		if r == utf8.RuneError && size == 1 {
			want = 1
		}
		if got := seqLen(p); got != want {
			t.Fatalf("seqLen(% x) = %d, want %d", p, got, want)
		}
	}
	buf := make([]byte, 4)
	for a := 0x80; a < 0x100; a++ {
		buf[0] = byte(a)
		check(buf[:1])
		for b := 0; b < 0x100; b++ {
			buf[1] = byte(b)
			check(buf[:2])
			for c := 0; c < 0x100; c++ {
				buf[2] = byte(c)
				check(buf[:3])
				if a >= 0xF0 && b >= 0x80 && b <= 0xBF && c >= 0x80 && c <= 0xBF {
					for d := 0; d < 0x100; d++ {
						buf[3] = byte(d)
						check(buf[:4])
					}
				}
			}
		}
	}
}

// FuzzScanDecide checks that scanDecide's early stop gives the answer of
// the full count.
func FuzzScanDecide(f *testing.F) {
	for _, s := range []string{"", "abc\xff", "\xc4\xe3\xba\xc3 abcdefghijk \xa3\xac\xca\xc0", "\xff\xff\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		got, want := scanDecide(p), scanUTF8Ref(p)
		if (got.multi >= 4*got.invalid) != (want.multi >= 4*want.invalid) || (got.multi == 0 && got.invalid == 0) != (want.multi == 0 && want.invalid == 0) {
			t.Fatalf("scanDecide(%q) = %+v, full count %+v", p, got, want)
		}
	})
}

// FuzzUTF8Count compares utf8Count (and replaceInvalid, which skips its
// validation) with replacing, rune by rune as utf8.DecodeRune reads them,
// every invalid byte by U+FFFD.
func FuzzUTF8Count(f *testing.F) {
	for _, s := range []string{"", "abc", "a\xffb", "\xed\xa0\x80", "ab\xe4\xb8", "\xef\xbf\xbd\xe4\xb8", "\xd8\xb3\xd9\x84\xd8\xa7\xd9\x85\xff \xe2\x80\x8c", "abcdefghijklmnop\xc3"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		var b strings.Builder
		n := 0
		for q := p; len(q) > 0; {
			r, size := utf8.DecodeRune(q)
			if r == utf8.RuneError && size == 1 {
				b.WriteString("\uFFFD")
				n++
			} else {
				b.Write(q[:size])
			}
			q = q[size:]
		}
		if got, gotN := utf8Count(p); got != b.String() || gotN != n {
			t.Fatalf("utf8Count(%q) = %q, %d; want %q, %d", p, got, gotN, b.String(), n)
		}
		if got, gotN := replaceInvalid(p); got != b.String() || gotN != n {
			t.Fatalf("replaceInvalid(%q) = %q, %d; want %q, %d", p, got, gotN, b.String(), n)
		}
	})
}
