package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// warcResponse renders a WARC/1.1 response record holding an HTTP response.
func warcResponse(id, uri, contentType, body string) string {
	block := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", contentType, len(body), body)
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: 2026-12-01T00:00:00Z\r\nWARC-Target-URI: %s\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		id, uri, len(block), block)
}

const page = "<html><body><h1>A headline about the river</h1><p>The river rose by two metres overnight and the town council met at dawn to plan the evacuation of the lower streets.</p><div>Share on Facebook</div></body></html>"

func TestBatchInputs(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page))
		case "/moved":
			http.Redirect(w, r, "/page", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	dir := t.TempDir()
	pages := filepath.Join(dir, "pages")
	os.MkdirAll(filepath.Join(pages, "sub"), 0o755)
	os.WriteFile(filepath.Join(pages, "a.html"), []byte(page), 0o644)
	os.WriteFile(filepath.Join(pages, "sub", "b.html.gz"), gzipBytes([]byte(page)), 0o644)
	os.WriteFile(filepath.Join(pages, "empty.txt"), nil, 0o644)

	warc := filepath.Join(dir, "crawl.warc.gz")
	var w []byte
	w = append(w, gzipBytes([]byte(warcResponse("00000000-0000-0000-0000-000000000001", "http://a.example/", "text/html; charset=utf-8", page)))...)
	w = append(w, gzipBytes([]byte(warcResponse("00000000-0000-0000-0000-000000000002", "http://a.example/i.png", "image/png", "\x89PNG")))...)
	os.WriteFile(warc, w, 0o644)

	urls := filepath.Join(dir, "urls.txt")
	os.WriteFile(urls, []byte(srv.URL+"/page\n"+srv.URL+"/moved\n"+srv.URL+"/missing\nnot-a-url\n"), 0o644)

	jsonl := filepath.Join(dir, "in.jsonl")
	os.WriteFile(jsonl, []byte(`{"id":"h","html":"`+strings.ReplaceAll(page, `"`, `\"`)+`"}
{"id":"u","url":"`+srv.URL+`/page"}
{"id":"t","text":"Just a line of text about the weather today."}
broken
`), 0o644)

	for _, tc := range []struct {
		name  string
		args  []string
		ids   []string
		kinds map[string]int
	}{
		{"dir", []string{"--in", pages}, []string{"a.html", "empty.txt", "sub/b.html.gz"}, map[string]int{"bad_input": 1}},
		{"warc", []string{"--in", warc}, []string{"urn:uuid:00000000-0000-0000-0000-000000000001"}, map[string]int{}},
		{"urls", []string{"--in", urls, "--allow-private"}, []string{srv.URL + "/page", srv.URL + "/moved", srv.URL + "/missing", "line:4"}, map[string]int{"fetch_status": 1, "bad_input": 1}},
		{"urls-blocked", []string{"--in", urls}, []string{srv.URL + "/page", srv.URL + "/moved", srv.URL + "/missing", "line:4"}, map[string]int{"fetch_blocked": 3, "bad_input": 1}},
		{"jsonl", []string{"--in", jsonl, "--allow-private", "--blocks"}, []string{"h", "u", "t", "line:4"}, map[string]int{"bad_input": 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out.jsonl")
			code, stdout, stderr := winnow(t, "", append([]string{"batch", "--out", out, "--progress", "lines"}, tc.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout %q", stdout)
			}
			if !strings.Contains(stderr, "documents written") {
				t.Errorf("no summary on stderr: %q", stderr)
			}
			errs := checkExactlyOnce(t, out, tc.ids)
			if fmt.Sprint(errs) != fmt.Sprint(tc.kinds) {
				t.Errorf("errors %v, want %v", errs, tc.kinds)
			}
			// A rerun finds everything done.
			code, _, stderr = winnow(t, "", append([]string{"batch", "--out", out, "--progress", "none"}, tc.args...)...)
			if code != exitOK || !strings.Contains(stderr, "0 documents written") {
				t.Errorf("rerun: exit %d: %s", code, stderr)
			}
			checkExactlyOnce(t, out, tc.ids)
		})
	}
}

func TestBatchUsage(t *testing.T) {
	notOurs := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notOurs, []byte("my notes\n"), 0o644)
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"help", []string{"-h"}, exitOK},
		{"no-in", []string{"--out", "x.jsonl"}, exitUsage},
		{"bad-flag", []string{"--nope"}, exitUsage},
		{"bad-workers", []string{"--in", seedPath, "--out", filepath.Join(t.TempDir(), "o"), "--workers", "0"}, exitUsage},
		{"zero-progress-every", []string{"--in", seedPath, "--out", filepath.Join(t.TempDir(), "o"), "--progress-every", "0"}, exitUsage},
		{"negative-fetch-timeout", []string{"--in", seedPath, "--out", filepath.Join(t.TempDir(), "o"), "--fetch-timeout", "-1s"}, exitUsage},
		{"missing-in", []string{"--in", "/nonexistent", "--out", filepath.Join(t.TempDir(), "o")}, exitBadInput},
		{"out-not-ours", []string{"--in", seedPath, "--out", notOurs}, exitBadInput},
		{"remote-needs-tls", []string{"--in", seedPath, "--out", filepath.Join(t.TempDir(), "o"), "--server", "10.1.2.3:7390"}, exitUsage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := winnow(t, "", append([]string{"batch"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d: %s", code, tc.code, stderr)
			}
		})
	}
}
