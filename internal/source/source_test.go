package source

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// items opens data written to a temp file (as name) and returns its items
// and the source's error.
func items(t *testing.T, name string, data []byte, f Format, o Options) ([]Item, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(p, f, o)
	if err != nil {
		return nil, err
	}
	var out []Item
	for it := range s.Items() {
		out = append(out, it)
	}
	if r, total := s.Progress(); r != total {
		t.Errorf("progress %d of %d bytes after the end", r, total)
	}
	return out, s.Err()
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// summary renders items as "id|url|mediatype|data|err" lines.
func summary(its []Item) string {
	var b strings.Builder
	for _, it := range its {
		e := ""
		if it.Err != nil {
			e = "ERR"
		}
		fmt.Fprintf(&b, "%s|%s|%s|%s|%s\n", it.ID, it.URL, it.MediaType, it.Data, e)
	}
	return b.String()
}

func TestJSONL(t *testing.T) {
	in := `{"id": "a", "html": "<p>hi</p>", "url": "http://x/a"}
{"id": 7, "text": "plain", "lang": "fa", "title": "T"}

{"url": "https://example.com/p"}
not json
{"id": "b", "html": "x", "text": "y"}
{"id": "c"}
{"id": {"no": 1}, "text": "t"}
{"id": "d", "text": ""}
{"id": "e", "text": "` + strings.Repeat("z", 100) + `"}
{"id": "f", "text": "last line without newline"}`
	want := `a|http://x/a|text/html; charset=utf-8|<p>hi</p>|
7||text/plain; charset=utf-8|plain|
line:4|https://example.com/p|||
line:5||||ERR
b||||ERR
c||||ERR
line:8||||ERR
d||text/plain; charset=utf-8||ERR
line:10||||ERR
f||text/plain; charset=utf-8|last line without newline|
`
	for _, tc := range []struct {
		name string
		file string
		data []byte
	}{
		{"plain", "in.jsonl", []byte(in)},
		{"gzipped", "in.jsonl.gz", gz([]byte(in))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			its, err := items(t, tc.file, tc.data, "", Options{MaxBytes: 50, MaxLineBytes: 90})
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(its); got != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			if its[1].Lang != "fa" || its[1].Title != "T" {
				t.Errorf("lang %q, title %q", its[1].Lang, its[1].Title)
			}
			var tl *TooLargeError
			if !errors.As(its[8].Err, &tl) && !strings.Contains(its[8].Err.Error(), "longer") {
				t.Errorf("item e: %v, want too large", its[8].Err)
			}
		})
	}
}

// TestTruncatedGzip: a gzipped input cut short yields the lines it holds
// and ends with an error that says the stream ends early; a corrupt one
// says so too.
func TestTruncatedGzip(t *testing.T) {
	var lines strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&lines, "{\"id\": \"%d\", \"text\": \"line %d of a long input\"}\n", i, i*7919)
	}
	full := gz([]byte(lines.String()))
	corrupt := slices.Clone(full)
	corrupt[len(corrupt)/2] ^= 0xff
	for _, tc := range []struct {
		name, file string
		data       []byte
		f          Format
		want       string
	}{
		{"jsonl cut", "in.jsonl.gz", full[:len(full)*2/3], "", "gzip stream ends early"},
		{"urls cut", "urls.txt.gz", gz([]byte(strings.Repeat("http://a.example/x\n", 3000)))[:60], URLs, "gzip stream ends early"},
		{"jsonl corrupt", "in.jsonl.gz", corrupt, "", "gzip stream"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			its, err := items(t, tc.file, tc.data, tc.f, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Err = %v, want one that says %q", err, tc.want)
			}
			if !errors.Is(err, io.ErrUnexpectedEOF) && tc.want == "gzip stream ends early" {
				t.Errorf("Err = %v, want it to wrap io.ErrUnexpectedEOF", err)
			}
			if tc.name == "jsonl cut" && (len(its) < 100 || its[0].ID != "0" || its[0].Err != nil) {
				t.Errorf("%d items before the cut, first %+v", len(its), its[0])
			}
		})
	}
}

func TestURLs(t *testing.T) {
	in := "# a comment\nhttp://a.example/1\n\n  https://b.example/2?q=1  \nftp://c.example/\nnot a url\n/relative\nhttps://d.example/last"
	its, err := items(t, "urls.txt", []byte(in), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := `http://a.example/1|http://a.example/1|||
https://b.example/2?q=1|https://b.example/2?q=1|||
line:5||||ERR
line:6||||ERR
line:7||||ERR
https://d.example/last|https://d.example/last|||
`
	if got := summary(its); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("b/page.html.gz", gz([]byte("<p>zipped</p>")))
	write("a.txt", []byte("text page"))
	write("c.bin", []byte("sniff me"))
	write("empty.html", nil)
	write(".hidden/x.html", []byte("skip"))
	write("bad.html.gz", []byte{0x1f, 0x8b, 1, 2, 3})
	write("big.html", bytes.Repeat([]byte("x"), 100))
	s, err := Open(dir, "", Options{MaxBytes: 50})
	if err != nil {
		t.Fatal(err)
	}
	var its []Item
	for it := range s.Items() {
		its = append(its, it)
	}
	if s.Err() != nil {
		t.Fatal(s.Err())
	}
	want := `a.txt||text/plain|text page|
b/page.html.gz||text/html|<p>zipped</p>|
bad.html.gz||text/html||ERR
big.html||text/html||ERR
c.bin|||sniff me|
empty.html||text/html||ERR
`
	if got := summary(its); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// warcRecord renders one WARC/1.1 record.
func warcRecord(typ, id, uri, contentType, block string) []byte {
	return fmt.Appendf(nil, "WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: 2026-12-01T00:00:00Z\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, id, uri, contentType, len(block), block)
}

func httpResponse(status, headers, body string) string {
	return "HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + fmt.Sprint(len(body)) + "\r\n\r\n" + body
}

// warcFixture is a small WARC file with pages and records to skip.
func warcFixture(gzipped bool) []byte {
	gzBody := string(gz([]byte("<p>gzip coded</p>")))
	recs := [][]byte{
		warcRecord("warcinfo", "00000000-0000-0000-0000-000000000000", "", "application/warc-fields", "software: test\r\n"),
		warcRecord("request", "00000000-0000-0000-0000-000000000001", "http://a.example/", "application/http;msgtype=request", "GET / HTTP/1.1\r\nHost: a.example\r\n\r\n"),
		warcRecord("response", "00000000-0000-0000-0000-000000000002", "http://a.example/", "application/http;msgtype=response",
			httpResponse("200 OK", "Content-Type: text/html; charset=windows-1256\r\n", "<p>\xe3\xd3\xdf\xe6</p>")),
		warcRecord("response", "00000000-0000-0000-0000-000000000003", "http://a.example/logo.png", "application/http;msgtype=response",
			httpResponse("200 OK", "Content-Type: image/png\r\n", "\x89PNG")),
		warcRecord("response", "00000000-0000-0000-0000-000000000004", "http://a.example/moved", "application/http;msgtype=response",
			httpResponse("301 Moved", "Location: /\r\n", "")),
		warcRecord("response", "00000000-0000-0000-0000-000000000005", "http://a.example/gz", "application/http;msgtype=response",
			httpResponse("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gzBody)),
		warcRecord("response", "00000000-0000-0000-0000-000000000006", "http://a.example/chunked", "application/http;msgtype=response",
			"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"),
		warcRecord("resource", "00000000-0000-0000-0000-000000000007", "file:///notes.txt", "text/plain", "a resource"),
	}
	var out []byte
	for _, r := range recs {
		if gzipped {
			r = gz(r) // one gzip member per record, as WARC.gz files are
		}
		out = append(out, r...)
	}
	return out
}

// TestWARCTruncated: a WARC file that ends inside its last record yields
// the records before it, and the cut record as an error that says so (its
// block is shorter than its Content-Length), not as a shorter page; a
// WARC.gz cut inside a record's gzip member ends with an error that says
// the record is cut short.
func TestWARCTruncated(t *testing.T) {
	page := "<html><body><p>" + strings.Repeat("a long last page ", 40) + "</p></body></html>"
	last := warcRecord("response", "00000000-0000-0000-0000-000000000009", "http://a.example/last", "application/http;msgtype=response",
		httpResponse("200 OK", "Content-Type: text/html\r\n", page))
	full := append(warcFixture(false), last...)
	its, err := items(t, "crawl.warc", full[:len(full)-len(last)/2], "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var te *TruncatedError
	if n := len(its); n != 5 || !errors.As(its[n-1].Err, &te) || its[n-1].Data != nil {
		t.Fatalf("%d items, last %+v; want 5, the last cut short", len(its), its[len(its)-1])
	}
	var bi *BadInputError
	if !errors.As(its[4].Err, &bi) || te.Got >= te.Want || !strings.Contains(its[4].Err.Error(), "cut short") {
		t.Errorf("last item's error %v (%+v), want a bad-input TruncatedError", its[4].Err, te)
	}
	for _, it := range its[:4] {
		if it.Err != nil {
			t.Errorf("item %s: %v", it.ID, it.Err)
		}
	}

	fullGz := append(warcFixture(true), gz(last)...)
	its, err = items(t, "crawl.warc.gz", fullGz[:len(fullGz)-30], "", Options{})
	if err == nil || !strings.Contains(err.Error(), "cut short") || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("WARC.gz cut inside a record: Err = %v, want one that says the record is cut short", err)
	}
	if len(its) != 4 {
		t.Errorf("WARC.gz cut inside the last record: %d items before it, want 4", len(its))
	}
}

func TestWARC(t *testing.T) {
	want := `urn:uuid:00000000-0000-0000-0000-000000000002|http://a.example/|text/html; charset=windows-1256|<p>` + "\xe3\xd3\xdf\xe6" + `</p>|
urn:uuid:00000000-0000-0000-0000-000000000005|http://a.example/gz|text/html|<p>gzip coded</p>|
urn:uuid:00000000-0000-0000-0000-000000000006|http://a.example/chunked|text/plain|hello world|
urn:uuid:00000000-0000-0000-0000-000000000007|file:///notes.txt|text/plain|a resource|
`
	for _, gzipped := range []bool{false, true} {
		t.Run(fmt.Sprint("gzip=", gzipped), func(t *testing.T) {
			its, err := items(t, "crawl.warc", warcFixture(gzipped), "", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(its); got != want {
				t.Errorf("got\n%q\nwant\n%q", got, want)
			}
		})
	}
	t.Run("no id or uri", func(t *testing.T) {
		// A record without WARC-Record-ID and WARC-Target-URI (the
		// fuzzer's find): its place in the file names it.
		data := []byte("WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 0\r\n\r\n\r\n\r\n" +
			"WARC/1.1\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n")
		its, err := items(t, "bare.warc", data, WARC, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := summary(its), "record:2||text/plain|hello|\n"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("truncated", func(t *testing.T) {
		data := warcFixture(true)
		_, err := items(t, "crawl.warc.gz", data[:len(data)*2/3], WARC, Options{})
		if err == nil {
			t.Log("a truncated WARC.gz ended without an error") // the library may stop at the last whole record
		}
	})
}

func TestOpenErrors(t *testing.T) {
	if _, err := Open(filepath.Join(t.TempDir(), "missing"), "", Options{}); err == nil {
		t.Error("a missing file opened")
	}
	if _, err := Open(t.TempDir(), WARC, Options{}); err == nil {
		t.Error("a folder opened as WARC")
	}
	if _, err := Open("-", Dir, Options{}); err == nil {
		t.Error("stdin opened as a folder")
	}
}
