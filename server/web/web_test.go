package web

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func TestStandalone(t *testing.T) {
	page, err := Standalone([]byte(`{"text":"</script><b>x</b>","blocks":[]}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(page, []byte("</script><b>")) {
		t.Error("data can close its script element")
	}
	if !bytes.Contains(page, []byte(`"model":null`)) {
		t.Error("missing model is not null")
	}
	// the CSP names the hashes of exactly the inlined script and style
	csp := regexp.MustCompile(`script-src '(sha256-[^']+)'; style-src '(sha256-[^']+)'`).FindSubmatch(page)
	js, _ := assets.ReadFile("app.js")
	css, _ := assets.ReadFile("app.css")
	if csp == nil || string(csp[1]) != hash(js) || string(csp[2]) != hash(css) {
		t.Errorf("CSP hashes %q, want script %s and style %s", csp, hash(js), hash(css))
	}
	if !bytes.Contains(page, append(append([]byte("<script>"), js...), "</script>"...)) ||
		!bytes.Contains(page, append(append([]byte("<style>"), css...), "</style>"...)) {
		t.Error("script or stylesheet not inlined byte for byte")
	}
	for _, bad := range [][2]string{{"not json", ""}, {"{}", "{"}} {
		var model []byte
		if bad[1] != "" {
			model = []byte(bad[1])
		}
		if _, err := Standalone([]byte(bad[0]), model); err == nil {
			t.Errorf("Standalone(%q, %q) accepted invalid JSON", bad[0], bad[1])
		}
	}
}

func TestHandler(t *testing.T) {
	h := Handler()
	for _, tc := range []struct {
		method, path string
		status       int
		ctype        string
	}{
		{"GET", "/", 200, "text/html"},
		{"HEAD", "/", 200, "text/html"},
		{"GET", "/app.js", 200, "text/javascript"},
		{"GET", "/app.css", 200, "text/css"},
		{"GET", "/web.go", 404, ""},
		{"GET", "/openapi/winnow.swagger.json", 404, ""},
		{"POST", "/", 405, ""},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		if rec.Code != tc.status || !strings.HasPrefix(rec.Header().Get("Content-Type"), tc.ctype) {
			t.Errorf("%s %s: %d %q, want %d %q", tc.method, tc.path, rec.Code, rec.Header().Get("Content-Type"), tc.status, tc.ctype)
		}
		if tc.status == 200 && rec.Header().Get("Content-Security-Policy") != CSP {
			t.Errorf("%s %s: no CSP", tc.method, tc.path)
		}
	}
	rec := httptest.NewRecorder()
	OpenAPIHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/openapi.json", nil))
	if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), OpenAPI()) || len(OpenAPI()) < 1000 {
		t.Errorf("openapi: %d, %d bytes", rec.Code, rec.Body.Len())
	}
}
