//go:build unix

package source

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestPipe reads every format through a FIFO, as `winnow batch --in
// <(zcat crawl.jsonl.gz)` hands the reader a pipe: the format is sniffed
// from bytes that stay in the stream, so no document is lost (opened
// twice, the sniff's 4 KiB were lost and the next line was cut).
func TestPipe(t *testing.T) {
	jsonl := jsonlDocs(200)
	for _, tc := range []struct {
		name   string
		data   []byte
		format Format
		want   int
	}{
		{"jsonl", []byte(jsonl), JSONL, 200},
		{"jsonl gzipped", gz([]byte(jsonl)), JSONL, 200},
		{"urls", []byte("http://a.example/1\nhttp://b.example/2\n"), URLs, 2},
		{"warc", warcFixture(false), WARC, 4},
		{"warc gzipped", warcFixture(true), WARC, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fifo := filepath.Join(t.TempDir(), "in")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skip(err)
			}
			werr := make(chan error, 1)
			go func() {
				w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
				if err != nil {
					werr <- err
					return
				}
				_, err = w.Write(tc.data)
				w.Close()
				werr <- err
			}()
			s, err := Open(fifo, "", Options{})
			if err != nil {
				t.Fatal(err)
			}
			n := drain(t, s, tc.format)
			if err := <-werr; err != nil {
				t.Fatal(err)
			}
			if n != tc.want {
				t.Errorf("%d items, want %d", n, tc.want)
			}
		})
	}
}

// TestStdinFormat: stdin's format is sniffed as a pipe's is, through gzip
// (gzipped JSONL on stdin was read as a URL list, every line an error),
// and a WARC on stdin is refused, not read as URLs.
func TestStdinFormat(t *testing.T) {
	jsonl := jsonlDocs(50)
	for _, tc := range []struct {
		name   string
		data   []byte
		format Format
		want   int // items, or -1: Open fails
	}{
		{"jsonl", []byte(jsonl), JSONL, 50},
		{"jsonl gzipped", gz([]byte(jsonl)), JSONL, 50},
		{"urls", []byte("http://a.example/1\n"), URLs, 1},
		{"warc", warcFixture(false), WARC, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			go func() {
				w.Write(tc.data)
				w.Close()
			}()
			old := os.Stdin
			os.Stdin = r
			defer func() { os.Stdin = old }()
			s, err := Open("-", "", Options{})
			if tc.want < 0 {
				if err == nil || !strings.Contains(err.Error(), "stdin can hold JSONL or a URL list") {
					t.Fatalf("Open: %v, want stdin's refusal", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n := drain(t, s, tc.format); n != tc.want {
				t.Errorf("%d items, want %d", n, tc.want)
			}
		})
	}
}

// jsonlDocs returns n JSONL text documents, each long enough that a few
// fill a pipe's buffer.
func jsonlDocs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "{\"id\": \"d%d\", \"text\": \"document %d, long enough to fill a buffer or two of the pipe\"}\n", i, i)
	}
	return b.String()
}

// drain checks that s was read as format, reads its items (an item error
// is a failure but for a URL list, whose lines are fetched later and may
// be anything) and its final error, and returns how many items it gave.
func drain(t *testing.T, s *Source, format Format) int {
	t.Helper()
	if s.Format != format {
		t.Errorf("format %s, want %s", s.Format, format)
	}
	n := 0
	for it := range s.Items() {
		if it.Err != nil && format != URLs {
			t.Errorf("item %s: %v", it.ID, it.Err)
		}
		n++
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}
