package decode

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf16"
)

func gzipped(t testing.TB, p []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(p)
	w.Close()
	return b.Bytes()
}

func TestNotText(t *testing.T) {
	rnd := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range rnd {
		rnd[i] = byte(r.Uint32())
	}
	pe := make([]byte, 0x80)
	copy(pe, "MZ")
	pe[0x3c] = 0x40
	copy(pe[0x40:], "PE\x00\x00")
	u16 := []byte{}
	for _, c := range utf16.Encode([]rune("<html><body>hello world, a UTF-16 page</body></html>")) {
		u16 = append(u16, byte(c), byte(c>>8))
	}
	for _, tc := range []struct {
		name, media string
		data        []byte
		notText     bool
	}{
		{"png", "", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), true},
		{"jpeg", "", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), true},
		{"gif", "", []byte("GIF89a\x01\x00\x01\x00"), true},
		{"pdf", "", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), true},
		{"zip", "", []byte("PK\x03\x04\x14\x00\x00\x00"), true},
		{"elf", "", []byte("\x7fELF\x02\x01\x01\x00"), true},
		{"pe", "", pe, true},
		{"zstd", "", []byte("\x28\xb5\x2f\xfd\x00\x00"), true},
		{"random", "", rnd, true},
		{"random-declared-1256", "text/plain; charset=windows-1256", rnd, true},
		{"mz-word", "", []byte("MZ is a word here, plain text"), false},
		{"utf16-nobom", "", u16, false},
		{"utf16-bom", "", append([]byte{0xff, 0xfe}, u16...), false},
		{"text-with-nul", "", []byte(strings.Repeat("plain text line\n", 20) + "\x00"), false},
		{"legacy-1256", "", []byte("\xc7\xe1\xd3\xe1\xc7\xe3 \xda\xe1\xed\xdf\xe3"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(tc.data, tc.media)
			if got := errors.Is(err, ErrNotText); got != tc.notText {
				t.Errorf("not text = %v (%v), want %v", got, err, tc.notText)
			}
		})
	}
}

func TestGzip(t *testing.T) {
	page := "<html><body><p>" + strings.Repeat("gzip body text ", 100) + "</p></body></html>"
	r, err := Decode(gzipped(t, []byte(page)), "")
	if err != nil || r.Text != page || !r.HTML || r.Compression != "gzip" {
		t.Fatalf("gzip page: %v html=%v compression=%q text ok=%v", err, r.HTML, r.Compression, r.Text == page)
	}
	// A bomb: 64 MiB of zeros is ~64 KB compressed; it must fail at the
	// limit, not after inflating all of it.
	bomb := gzipped(t, make([]byte, 4*MaxDecompressedBytes))
	if _, err := Decode(bomb, ""); !errors.Is(err, ErrTooLarge) {
		t.Errorf("bomb: err = %v, want ErrTooLarge", err)
	}
	trunc := gzipped(t, []byte(page))
	if _, err := Decode(trunc[:len(trunc)/2], ""); err == nil {
		t.Error("truncated gzip decoded without error")
	} else if !strings.Contains(err.Error(), "ends early") || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("truncated gzip: err = %v, want one that says the stream ends early", err)
	}
	two := append(gzipped(t, []byte("a")), gzipped(t, []byte("b"))...)
	if _, err := Decode(two, ""); err == nil {
		t.Error("two gzip members decoded without error")
	}
	if n, ok := CompressedSize(gzipped(t, []byte(page))); !ok || n != len(page) {
		t.Errorf("CompressedSize = %d %v, want %d", n, ok, len(page))
	}
}

// TestBinaryControl: the table holds the control characters sniffBinary
// counts, every byte checked against the rule it stands for.
func TestBinaryControl(t *testing.T) {
	for c := range 256 {
		want := c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1b
		if got := binaryControl[c] == 1; got != want {
			t.Errorf("binaryControl[%#x] = %v, want %v", c, got, want)
		}
	}
}
