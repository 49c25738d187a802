package decode

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/internal/corpus"
)

// sharedDir returns the shared material beside the repository, or skips
// the test when it is absent.
func sharedDir(t testing.TB) string {
	t.Helper()
	sh, err := corpus.SharedDir()
	if err != nil {
		t.Skip(err)
	}
	return sh
}

// manifestCharset normalises a corpus manifest's encoding name (Python
// codec names) to the canonical name Decode reports, folding the gbk family.
func manifestCharset(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "utf-8-sig" || n == "utf8" {
		return "utf-8"
	}
	if ci := lookup(n); ci != nil {
		return family(ci.name)
	}
	if ci := lookup(strings.ReplaceAll(n, "_", "-")); ci != nil {
		return family(ci.name)
	}
	return n
}

// family folds charsets that decode the same text for real pages.
func family(name string) string {
	switch name {
	case "gb18030":
		return "gbk"
	}
	return name
}

var fullCorpus = flag.Bool("full", false, "check every corpus page even under the race detector")

// encodingHow reads the manifest's encoding_how field (how the corpus
// builder sniffed the charset) for every page.
func encodingHow(t *testing.T, dir string) map[string]string {
	data, err := os.ReadFile(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	how := map[string]string{}
	for line := range bytes.Lines(data) {
		var m struct {
			ID  string `json:"id"`
			How string `json:"encoding_how"`
		}
		if json.Unmarshal(line, &m) == nil {
			how[m.ID] = m.How
		}
	}
	return how
}

// TestCorpora decodes every page of every shared corpus and compares the
// chosen charset with the manifest's sniffed one. Disagreements are logged;
// the test fails on errors, on invalid output, and when a disagreement
// changes the text and one side is UTF-8 (real UTF-8 read as a legacy
// charset, or the reverse): that is garbled text.
//
// Under the race detector, which makes gunzip about 15 times slower, it
// checks only the pages the manifest did not find to be plain valid UTF-8
// (declared legacy charsets, BOMs, UTF-8 overriding a declaration) and
// every 8th other page, unless -full is given.
func TestCorpora(t *testing.T) {
	root := filepath.Join(sharedDir(t), "corpora")
	sets, err := corpus.Sets(root)
	if err != nil || len(sets) == 0 {
		t.Skipf("no corpora under %s: %v", root, err)
	}
	for _, dir := range sets {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			set, err := corpus.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			var how map[string]string
			if raceEnabled && !*fullCorpus {
				how = encodingHow(t, dir)
			}
			agree, sameText, differ, checked := 0, 0, 0, 0
			sources := map[Source]int{}
			for i, p := range set.Pages {
				if how != nil && how[p.ID] == "utf8-valid" && i%8 != 0 {
					continue
				}
				checked++
				data, err := set.HTML(p)
				if err != nil {
					t.Errorf("%s: %v", p.ID, err)
					continue
				}
				r, err := Decode(data, "")
				if err != nil {
					t.Errorf("%s: %v", p.ID, err)
					continue
				}
				if !utf8Valid(r.Text) {
					t.Errorf("%s: invalid UTF-8 output", p.ID)
				}
				sources[r.Source]++
				want := manifestCharset(p.Encoding)
				got := family(r.Encoding)
				if got == want {
					agree++
					continue
				}
				// Same text either way (ASCII-only pages): no disagreement.
				other := lookup(want)
				if other == nil {
					t.Logf("%s: manifest encoding %q unknown; chose %s (%s)", p.ID, p.Encoding, r.Encoding, r.Source)
					differ++
					continue
				}
				body := data
				if bytes.HasPrefix(body, bomUTF8) {
					body = body[len(bomUTF8):]
				}
				alt, altBad := decodeWith(other, body)
				if alt == r.Text {
					sameText++
					continue
				}
				differ++
				t.Logf("%s: chose %s (%s, declared %q, %d replaced); manifest %s (%d replaced)",
					p.ID, r.Encoding, r.Source, r.Declared, r.Replaced, p.Encoding, altBad)
				if got == "utf-8" && r.Replaced > 0 && altBad == 0 || want == "utf-8" && altBad == 0 {
					t.Errorf("%s: garbled: chose %s, page is %s", p.ID, r.Encoding, want)
				}
			}
			t.Logf("%d of %d pages: %d same charset, %d other charset but same text, %d differ; sources %v",
				checked, len(set.Pages), agree, sameText, differ, sources)
		})
	}
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
