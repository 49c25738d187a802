package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

var dataRE = regexp.MustCompile(`(?s)<script type="application/json" id="winnow-data">(.*?)</script>`)

// TestFormatHTML checks the self-contained page: the response is inlined
// with UTF-16 offsets, the text and explanations, the model's default
// threshold (or --threshold) comes with it, the same from a server, and
// page text can never close the data element.
func TestFormatHTML(t *testing.T) {
	addr := startServer(t)
	hostile := "Headline </script><script>alert(1)</script>\nA body paragraph that is long enough to be kept as body text.\n"
	for _, tc := range []struct {
		name      string
		stdin     string
		args      []string
		threshold float64
	}{
		{"seed in-process", "", []string{"classify", "--format", "html", seedPath}, -1},
		{"seed from a server", "", []string{"classify", "--server", addr, "--format", "html", seedPath}, -1},
		{"threshold", "", []string{"classify", "--format", "html", "--threshold", "0.3", seedPath}, 0.3},
		{"hostile text", hostile, []string{"classify", "--format", "html", "-"}, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := winnow(t, tc.stdin, tc.args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if !strings.HasPrefix(out, "<!doctype html>") || strings.Contains(out, `src="app.js"`) || strings.Contains(out, `href="app.css"`) {
				t.Fatalf("not a self-contained page: %.300s", out)
			}
			if strings.Contains(out, "alert(1)</script>") {
				t.Fatal("page text closed the data element")
			}
			m := dataRE.FindStringSubmatch(out)
			if m == nil {
				t.Fatal("no inlined data")
			}
			var data struct {
				Response struct {
					Text           string `json:"text"`
					OffsetEncoding string `json:"offsetEncoding"`
					Blocks         []struct {
						Explanation []any `json:"explanation"`
					} `json:"blocks"`
				} `json:"response"`
				Model *struct {
					Version          string  `json:"version"`
					DefaultThreshold float64 `json:"defaultThreshold"`
				} `json:"model"`
			}
			if err := json.Unmarshal([]byte(m[1]), &data); err != nil {
				t.Fatal(err)
			}
			r := data.Response
			if r.OffsetEncoding != "OFFSET_ENCODING_UTF16" || r.Text == "" || len(r.Blocks) == 0 || len(r.Blocks[0].Explanation) == 0 {
				t.Errorf("response: encoding %q, %d bytes of text, %d blocks", r.OffsetEncoding, len(r.Text), len(r.Blocks))
			}
			if data.Model == nil || data.Model.Version == "" || data.Model.DefaultThreshold <= 0 {
				t.Fatalf("model: %+v", data.Model)
			}
			if tc.threshold >= 0 && float32(data.Model.DefaultThreshold) != float32(tc.threshold) {
				t.Errorf("slider starts at %v, want --threshold %v", data.Model.DefaultThreshold, tc.threshold)
			}
		})
	}
}
