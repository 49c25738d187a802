package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// persianPage is an article page in UTF-8 that some tests serve with a
// wrong charset header.
const persianPage = "<html><body><h1>همکاری اطلاعاتی مسکو با طالبان علیه داعش</h1><p>همزمان با افزایش تعداد تروریست‌های داعش در افغانستان، رئیس جمهور روسیه بر همکاری اطلاعاتی تاکید کرد و مقامات دو کشور دیدار کردند.</p><div>ارسال به دوستان</div></body></html>"

func pageServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	})
	mux.HandleFunc("/wrong-charset", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		w.Write([]byte(persianPage))
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gzipBytes([]byte(persianPage)))
	})
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/page", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte("<p>filler</p>"), 1<<12)
		for range 2000 { // 100 MB if nobody stops reading
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(10 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestClassifyURLs(t *testing.T) {
	srv := pageServer(t)
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		contains string
	}{
		{"page", []string{srv.URL + "/page"}, exitOK, "river rose"},
		{"redirect", []string{srv.URL + "/redirect"}, exitOK, "river rose"},
		{"wrong-charset", []string{srv.URL + "/wrong-charset"}, exitOK, "طالبان"},
		{"gzip", []string{srv.URL + "/gzip"}, exitOK, "طالبان"},
		{"redirect-loop", []string{srv.URL + "/loop"}, exitBadInput, ""},
		{"oversize", []string{srv.URL + "/huge"}, exitBadInput, ""},
		{"slow", []string{"--timeout", "500ms", srv.URL + "/slow"}, exitServer, ""},
		{"missing", []string{srv.URL + "/missing"}, exitBadInput, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			code, stdout, stderr := winnow(t, "", append([]string{"classify", "--allow-private", "--format", "jsonl"}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d: %s", code, tc.code, stderr)
			}
			if el := time.Since(start); el > 8*time.Second {
				t.Errorf("took %v", el)
			}
			var r record
			if err := json.Unmarshal([]byte(stdout), &r); err != nil {
				t.Fatalf("stdout is not one record: %v: %q", err, stdout)
			}
			if tc.code == exitOK {
				if r.MainText == nil || !strings.Contains(*r.MainText, tc.contains) || r.URL == "" {
					t.Errorf("record %+v, want main text with %q and a url", r, tc.contains)
				}
			} else if r.Error == nil || !strings.HasPrefix(r.Error.Kind, "fetch_") {
				t.Errorf("record %+v, want a fetch error", r)
			}
		})
	}
	t.Run("blocked-by-default", func(t *testing.T) {
		code, _, stderr := winnow(t, "", "classify", srv.URL+"/page")
		if code != exitBadInput || !strings.Contains(stderr, "blocked") {
			t.Errorf("exit %d, stderr %q: want a blocked fetch", code, stderr)
		}
	})
}

func TestClassifyMany(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.html")
	os.WriteFile(a, []byte(page), 0o644)
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)

	t.Run("jsonl", func(t *testing.T) {
		code, stdout, stderr := winnow(t, "", "classify", "--format", "jsonl", "--lang", "fa", a, seedPath, empty, dir)
		if code != exitBadInput {
			t.Errorf("exit %d, want %d (two bad inputs)", code, exitBadInput)
		}
		lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
		if len(lines) != 4 {
			t.Fatalf("%d lines, want 4: %q", len(lines), stdout)
		}
		for i, want := range []string{a, seedPath, empty, dir} {
			var r record
			if err := json.Unmarshal([]byte(lines[i]), &r); err != nil || r.ID != want {
				t.Errorf("line %d: %v id %q, want %q", i, err, r.ID, want)
			}
			if (r.Error != nil) != (i >= 2) {
				t.Errorf("line %d: error %v", i, r.Error)
			}
			if i == 1 && (r.Language == nil || *r.Language != "fa" || r.Blocks != nil) {
				t.Errorf("seed: language %v, %d blocks: want the fa hint and no blocks", r.Language, len(r.Blocks))
			}
		}
		if n := strings.Count(stderr, "\n"); n != 2 || !strings.Contains(stderr, "winnow batch --in") {
			t.Errorf("stderr: %q, want two lines, one pointing to winnow batch", stderr)
		}
	})
	t.Run("jsonl-blocks", func(t *testing.T) {
		code, stdout, _ := winnow(t, "", "classify", "--format", "jsonl", "--blocks", seedPath)
		var r record
		if code != exitOK || json.Unmarshal([]byte(stdout), &r) != nil || len(r.Blocks) == 0 {
			t.Fatalf("exit %d, %d blocks", code, len(r.Blocks))
		}
		for _, b := range r.Blocks {
			if b.Start < 0 || b.End > int64(len(r.Text)) || b.Start >= b.End {
				t.Fatalf("block %+v outside the text", b)
			}
		}
		if !strings.Contains(stdout, `"start":0,`) {
			t.Error("offsets are not written as numbers")
		}
	})
	t.Run("text-headers", func(t *testing.T) {
		code, stdout, _ := winnow(t, "", "classify", a, seedPath)
		if code != exitOK || !strings.HasPrefix(stdout, "==> "+a+" <==\n") || !strings.Contains(stdout, "==> "+seedPath+" <==\n") {
			t.Errorf("exit %d: %.200q", code, stdout)
		}
	})
	t.Run("color", func(t *testing.T) {
		_, plain, _ := winnow(t, "", "classify", "--format", "blocks", seedPath)
		_, colored, _ := winnow(t, "", "classify", "--format", "blocks", "--color", "always", seedPath)
		if strings.Contains(plain, "\033[") {
			t.Error("colour on a non-terminal with --color auto")
		}
		if !strings.Contains(colored, categoryColor["ad"]+"ad"+sgrReset) {
			t.Error("--color always did not colour the ad category")
		}
		t.Setenv("NO_COLOR", "1")
		if useColor("auto", os.Stdout) {
			t.Error("NO_COLOR is not honoured")
		}
	})
}
