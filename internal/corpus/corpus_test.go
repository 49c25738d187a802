package corpus

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAligner(t *testing.T) {
	var a Aligner
	a.Add(strings.Fields("home news sport"), 2)
	a.Add(strings.Fields("the river changed course overnight"), 1)
	a.Add(strings.Fields("share this"), 3)
	a.Add(strings.Fields("home news"), 2)
	for _, tc := range []struct {
		name  string
		words string
		want  int
		found bool
	}{
		{"whole unit", "the river changed course overnight", 1, true},
		{"inside a unit", "changed course", 1, true},
		{"across units, majority", "course overnight share", 1, true},
		{"after the cursor first", "home news", 2, true},
		{"not present", "a river", 0, false},
		{"empty", "", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, found := a.Majority(strings.Fields(tc.words), 4)
			if got != tc.want || found != tc.found {
				t.Errorf("Majority(%q) = %d, %v; want %d, %v", tc.words, got, found, tc.want, tc.found)
			}
		})
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("manifest.jsonl", `{"id": "a", "url": "https://example.com/a", "encoding": "utf-8"}`+"\n\n"+`{"id": "b"}`+"\n")
	write("gold/a.txt", "Gold text.\n")
	write("snippets/a.json", `{"with": ["Gold"], "without": ["Menu"]}`)
	if err := os.MkdirAll(filepath.Join(dir, "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "docs", "a.html.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write([]byte("<p>Gold text.</p>"))
	zw.Close()
	f.Close()

	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Pages) != 2 || s.Pages[0].URL != "https://example.com/a" {
		t.Fatalf("pages = %+v", s.Pages)
	}
	if html, err := s.HTML(s.Pages[0]); err != nil || string(html) != "<p>Gold text.</p>" {
		t.Errorf("HTML = %q, %v", html, err)
	}
	if gold, ok, err := s.Gold(s.Pages[0]); err != nil || !ok || gold != "Gold text.\n" {
		t.Errorf("Gold = %q, %v, %v", gold, ok, err)
	}
	if _, ok, err := s.Gold(s.Pages[1]); err != nil || ok {
		t.Errorf("Gold of a page without gold: ok %v, err %v", ok, err)
	}
	if sn, ok, err := s.Snippets(s.Pages[0]); err != nil || !ok || len(sn.With) != 1 || len(sn.Without) != 1 {
		t.Errorf("Snippets = %+v, %v, %v", sn, ok, err)
	}
	if _, err := s.HTML(s.Pages[1]); err == nil {
		t.Error("HTML of a missing page: no error")
	}
	write("bad/manifest.jsonl", "{not json\n")
	if _, err := Open(filepath.Join(dir, "bad")); err == nil || !strings.Contains(err.Error(), "manifest.jsonl:1") {
		t.Errorf("bad manifest: %v", err)
	}
}
