package source

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"
	"unicode/utf8"
)

// fuzzItems reads data as format f and checks the invariants every format
// keeps: no panic, every item has an ID, and no item holds more than the
// limit.
func fuzzItems(t *testing.T, f Format, data []byte) {
	const limit = 1 << 12
	s := &Source{Format: f, opts: Options{MaxBytes: limit, MaxLineBytes: 2 * limit}.withDefaults(), stdin: bytes.NewReader(data)}
	n := 0
	for it := range s.Items() {
		n++
		if it.ID == "" {
			t.Fatalf("item %d has no ID", n)
		}
		if len(it.Data) > limit {
			t.Fatalf("item %q holds %d bytes, over the %d limit", it.ID, len(it.Data), limit)
		}
		if it.Err == nil && it.Data == nil && it.URL == "" {
			t.Fatalf("item %q has neither data, URL nor error", it.ID)
		}
		if f == JSONL && it.Err == nil && !utf8.Valid(it.Data) {
			t.Fatalf("item %q: JSON text decoded to invalid UTF-8", it.ID)
		}
	}
	// every item takes at least a byte of the stream the format reads:
	// a gzipped input's decompressed bytes (15 bytes of gzip can hold
	// 117 lines)
	size := len(data)
	if zr, err := gzip.NewReader(bytes.NewReader(data)); err == nil {
		m, _ := io.Copy(io.Discard, io.LimitReader(zr, 1<<26))
		size = max(size, int(m))
	}
	if n > size+1 {
		t.Fatalf("%d items from %d bytes", n, size)
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"id": "a", "html": "<p>hi</p>"}` + "\n" + `{"url": "http://x/"}`))
	f.Add([]byte(`{"id": 1e400, "text": "x"}`))
	f.Add([]byte(`{"id": "x", "text": "\ud800"}` + "\n\n\n{"))
	f.Add(gz([]byte(`{"id": "z", "text": "zipped"}`)))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzItems(t, JSONL, data) })
}

func FuzzURLs(f *testing.F) {
	f.Add([]byte("http://a.example/\n# c\nhttps://b.example/x?y=1\nnot a url\n"))
	f.Add([]byte("http://[::1]:80/\nhttp://%zz/"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzItems(t, URLs, data) })
}

func FuzzWARC(f *testing.F) {
	f.Add(warcFixture(false))
	f.Add(warcFixture(true))
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 999999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzItems(t, WARC, data) })
}
