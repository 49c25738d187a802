package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strconv"
	"strings"
	"testing"
	"time"
)

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	persian := "<html><body><p>همکاری اطلاعاتی مسکو با طالبان</p></body></html>"
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<p>hello</p>"))
	})
	mux.HandleFunc("/wrong-charset", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1256") // the body is UTF-8
		w.Write([]byte(persian))
	})
	mux.HandleFunc("/gzip", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			http.Error(w, "want gzip", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(gzipped([]byte(persian)))
	})
	bomb := gzipped(bytes.Repeat([]byte("a"), 1<<20))
	mux.HandleFunc("/gzip-bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		for range 64 {
			w.Write(bytes.Repeat([]byte("b"), 1024)) // no Content-Length: streamed
		}
	})
	mux.HandleFunc("/big-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(1<<20))
		w.Write(bytes.Repeat([]byte("c"), 1<<20))
	})
	mux.HandleFunc("/redirect/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n == 0 {
			http.Redirect(w, r, "/ok", http.StatusFound)
			return
		}
		http.Redirect(w, r, "/redirect/"+strconv.Itoa(n-1), http.StatusFound)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.com/", http.StatusFound)
	})
	mux.HandleFunc("/slow-headers", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 50 {
			w.Write([]byte("x"))
			w.(http.Flusher).Flush()
			select {
			case <-time.After(100 * time.Millisecond):
			case <-r.Context().Done():
				return
			}
		}
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/cut", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", "20000")
		w.Write([]byte("<p>short body</p>")) // the handler returns: the connection closes
	})
	mux.HandleFunc("/bad-gzip", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage, not deflate"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestGet(t *testing.T) {
	srv := testServer(t)
	f := New(Options{AllowPrivate: true, MaxBytes: 32 << 10, MaxRedirects: 3, Timeout: time.Second})
	for _, tc := range []struct {
		path      string
		kind      Kind
		mediaType string
		contains  string
	}{
		{"/ok", "", "text/html; charset=utf-8", "<p>hello</p>"},
		{"/wrong-charset", "", "text/html; charset=windows-1256", "طالبان"},
		{"/gzip", "", "text/html", "طالبان"},
		{"/gzip-bomb", KindTooLarge, "", ""},
		{"/big", KindTooLarge, "", ""},
		{"/big-declared", KindTooLarge, "", ""},
		{"/redirect/2", "", "text/html; charset=utf-8", "<p>hello</p>"},
		{"/redirect/5", KindRedirects, "", ""},
		{"/to-ftp", KindBadURL, "", ""},
		{"/slow-headers", KindTimeout, "", ""},
		{"/slow-body", KindTimeout, "", ""},
		{"/missing", KindStatus, "", ""},
		{"/cut", KindNetwork, "", "the connection closed after 17 of the 20000 bytes the Content-Length announced"},
		{"/bad-gzip", KindNetwork, "", "the body's gzip content coding is corrupt"},
	} {
		t.Run(strings.TrimPrefix(tc.path, "/"), func(t *testing.T) {
			start := time.Now()
			p, err := f.Get(context.Background(), srv.URL+tc.path)
			if el := time.Since(start); el > 3*time.Second {
				t.Errorf("took %v", el)
			}
			if tc.kind != "" {
				var fe *Error
				if !errors.As(err, &fe) || fe.Kind != tc.kind || !strings.Contains(err.Error(), tc.contains) {
					t.Fatalf("error %v, want kind %s saying %q", err, tc.kind, tc.contains)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.MediaType != tc.mediaType || !strings.Contains(string(p.Data), tc.contains) {
				t.Errorf("media type %q, data %q", p.MediaType, p.Data)
			}
		})
	}
}

func TestBlocked(t *testing.T) {
	srv := testServer(t)
	f := New(Options{Timeout: 2 * time.Second})
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	for _, u := range []string{
		srv.URL + "/ok",                   // 127.0.0.1
		"http://localhost" + port + "/ok", // a name that resolves to loopback
		"http://[::1]" + port + "/ok",
		"http://0.0.0.0" + port + "/ok",
	} {
		_, err := f.Get(context.Background(), u)
		var fe *Error
		if !errors.As(err, &fe) || fe.Kind != KindBlocked {
			t.Errorf("%s: %v, want kind blocked", u, err)
		}
	}
	if _, err := f.Get(context.Background(), "file:///etc/passwd"); err == nil {
		t.Error("file URL fetched")
	}
}

func TestPublic(t *testing.T) {
	for addr, want := range map[string]bool{
		"8.8.8.8": true, "2001:4860:4860::8888": true,
		"127.0.0.1": false, "10.1.2.3": false, "172.16.0.1": false, "192.168.1.1": false,
		"169.254.169.254": false, "100.64.0.1": false, "0.0.0.0": false, "::1": false,
		"fe80::1": false, "fc00::1": false, "::ffff:127.0.0.1": false, "::ffff:10.0.0.1": false,
		"224.0.0.1": false, "255.255.255.255": false,
	} {
		if got := Public(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Public(%s) = %v, want %v", addr, got, want)
		}
	}
}
