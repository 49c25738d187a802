package decode

import (
	"bytes"
	"compress/gzip"
	"testing"
	"unsafe"
)

// TestDecodeShared checks when DecodeShared's Text is the input's own
// bytes: valid UTF-8 and ASCII are, text that had to be converted or
// repaired is not, and Decode's Text never is.
func TestDecodeShared(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("<p>gzip</p>"))
	zw.Close()
	for _, tc := range []struct {
		name      string
		data      string
		mediaType string
		shared    bool
		text      string
	}{
		{"ascii", "<p>Hello</p>", "", true, "<p>Hello</p>"},
		{"utf-8", "<p>سلام</p>", "", true, "<p>سلام</p>"},
		{"declared utf-8", "<p>سلام</p>", "text/html; charset=utf-8", true, "<p>سلام</p>"},
		{"bom", "\xef\xbb\xbf<p>سلام</p>", "", true, "<p>سلام</p>"},
		{"ascii declared legacy", "<p>Hello</p>", "text/html; charset=windows-1256", true, "<p>Hello</p>"},
		{"invalid byte", "<p>Hel\xfflo سلام</p>", "", false, "<p>Hel\uFFFDlo سلام</p>"},
		{"legacy", "<p>\xd3\xe1\xc7\xe3</p>", "text/html; charset=windows-1256", false, "<p>سلام</p>"},
		{"gzip", gz.String(), "", false, "<p>gzip</p>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.data)
			r, err := DecodeShared(data, tc.mediaType)
			if err != nil {
				t.Fatal(err)
			}
			if r.Text != tc.text || r.Shared != tc.shared {
				t.Errorf("DecodeShared = %q, shared %v; want %q, %v", r.Text, r.Shared, tc.text, tc.shared)
			}
			if r.Shared != within(r.Text, data) {
				t.Errorf("Shared is %v, but the text is at %p, the data at %p", r.Shared, unsafe.StringData(r.Text), &data[0])
			}
			plain, err := Decode(data, tc.mediaType)
			if err != nil {
				t.Fatal(err)
			}
			if plain.Text != tc.text || plain.Shared || within(plain.Text, data) {
				t.Errorf("Decode = %q, shared %v", plain.Text, plain.Shared)
			}
		})
	}
}

// within reports whether s's bytes lie inside b's memory.
func within(s string, b []byte) bool {
	p, lo := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(&b[0]))
	return p >= lo && p < lo+uintptr(len(b))
}

// TestUTF8Shared checks that valid text is shared and repaired text is
// not.
func TestUTF8Shared(t *testing.T) {
	for _, tc := range []struct {
		name, data, text string
		shared           bool
	}{
		{"valid", "سلام <p>", "سلام <p>", true},
		{"invalid", "a\xffb", "a\uFFFDb", false},
		{"empty", "", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.data)
			got, shared := UTF8Shared(data)
			if got != tc.text || shared != tc.shared || shared && !within(got, data) {
				t.Errorf("UTF8Shared(%q) = %q, %v; want %q, %v", tc.data, got, shared, tc.text, tc.shared)
			}
		})
	}
}
