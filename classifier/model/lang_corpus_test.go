package model

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/decode"
	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
)

// langPage is one page or text of the language-identification evaluation.
type langPage struct {
	set, id, want string
	doc           *segment.Doc
}

// langSets names each labelled source and whether it may tune the
// detector: daniel, l3s_gn1 and htmltotext_bench are evaluation-only.
var langSets = []struct {
	name    string
	heldOut bool
	label   func(m map[string]any) string // "" skips the page
}{
	{"fundus", false, func(m map[string]any) string {
		if l, ok := fundusPublisherLang[str(m["publisher"])]; ok {
			return l
		}
		return fundusLang[str(m["country_group"])]
	}},
	{"newspaper4k_fixtures", false, func(m map[string]any) string { return str(m["meta_lang"]) }},
	{"zh_webce", false, func(map[string]any) string { return "zh" }},
	{"daniel", true, func(m map[string]any) string { return danielLang[str(m["language_given"])] }},
	{"htmltotext_bench", true, func(m map[string]any) string { return str(m["language_given"]) }},
	{"l3s_gn1", true, func(map[string]any) string { return "en" }},
}

var danielLang = map[string]string{"English": "en", "Chinese": "zh", "Greek": "el", "Polish": "pl", "Russian": "ru"}

// fundusLang maps fundus's publisher countries whose press writes one
// language; bilingual countries (ca, ch, be, lu, ind, za, ...) are left out.
var fundusLang = map[string]string{
	"de": "de", "at": "de", "us": "en", "uk": "en", "au": "en", "es": "es", "jp": "ja", "fr": "fr",
	"tr": "tr", "it": "it", "kr": "ko", "pl": "pl", "cz": "cs", "ru": "ru", "se": "sv", "no": "no",
	"dk": "da", "pt": "pt", "mx": "es", "lt": "lt", "cn": "zh", "tw": "zh", "vn": "vi", "id": "id",
}

// fundusPublisherLang corrects fundusLang for publishers that write
// another language than their country's (checked by reading the gold).
var fundusPublisherLang = map[string]string{
	"MallorcaMagazin": "de", "MallorcaZeitung": "de", "Tageszeitung": "de", "TheJapanNews": "en",
	"MexicoNewsDaily": "en", "ThePortugalNews": "en", "TaipeiTimes": "en",
}

func str(v any) string { s, _ := v.(string); return s }

// readLangPages loads the labelled pages of the shared corpora (HTML mode)
// and Persian texts (text mode); it skips the test when ../shared is absent.
// Under the race detector it reads every tenth page of each set.
func readLangPages(t testing.TB) []langPage {
	t.Helper()
	sh := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(filepath.Join(sh, "corpora")); err != nil {
		t.Skip("no shared corpora:", err)
	}
	var out []langPage
	for _, s := range langSets {
		dir := filepath.Join(sh, "corpora", s.name)
		f, err := os.Open(filepath.Join(dir, "manifest.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for line := 0; sc.Scan(); line++ {
			if raceEnabled && line%10 != 0 {
				continue // every tenth page: the race detector makes decoding slow
			}
			var m map[string]any
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
				t.Fatal(err)
			}
			want := s.label(m)
			if want == "" {
				continue
			}
			id := str(m["id"])
			raw, err := readGz(filepath.Join(dir, "docs", id+".html.gz"))
			if err != nil {
				t.Fatal(err)
			}
			d, err := decode.Decode(raw, "")
			if err != nil {
				continue
			}
			doc, err := segment.HTML(d.Text, segment.HTMLOptions{})
			if err != nil {
				continue
			}
			out = append(out, langPage{s.name, id, want, doc})
		}
		f.Close()
	}
	return append(out, persianPages(t, sh)...)
}

func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(z)
}

// persianPages takes the first 100 articles of each course-nlp-ir file
// (title and paragraphs, one per line) and the seed example as text-mode
// documents labelled fa.
func persianPages(t testing.TB, sh string) []langPage {
	var out []langPage
	files, _ := filepath.Glob(filepath.Join(sh, "persian", "corpora", "course-nlp-ir", "*.json"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var arts []struct {
			Title      string   `json:"title"`
			Paragraphs []string `json:"paragraphs"`
		}
		if err := json.Unmarshal(b, &arts); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i, a := range arts {
			if i == 100 {
				break
			}
			text := a.Title + "\n" + strings.Join(a.Paragraphs, "\n")
			doc, err := segment.Text(text, segment.TextOptions{NoSplit: true})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, langPage{"persian/" + strings.TrimSuffix(filepath.Base(name), ".json")[:5], fmt.Sprint(i), "fa", doc})
		}
	}
	if b, err := os.ReadFile(filepath.Join(sh, "examples", "seed-fa-news.txt")); err == nil {
		doc, _ := segment.Text(string(b), segment.TextOptions{NoSplit: true})
		out = append(out, langPage{"persian/seed", "seed", "fa", doc})
	}
	return out
}

// TestLanguageCorpora measures Model.Language against the labelled
// languages of the shared corpora, per set and language, and fails when a
// cell with at least 20 pages falls under langFloor. The second column
// ignores the page's lang attribute (text evidence only). daniel, l3s_gn1
// and htmltotext_bench are evaluation-only: reported, never tuned on. Run with -v for
// the table:
//
//	go test ./classifier/model -run LanguageCorpora -v
func TestLanguageCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("reads every labelled page of ../shared")
	}
	pages := readLangPages(t)
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ set, lang string }
	type cell struct{ n, ok, okText int }
	cells := map[key]*cell{}
	confused := map[key]map[string]int{}
	for _, p := range pages {
		got := m.Language(p.doc)
		set := p.set
		if i := strings.IndexByte(set, '/'); i > 0 {
			set = set[:i]
		}
		k := key{set, p.want}
		c := cells[k]
		if c == nil {
			c = &cell{}
			cells[k] = c
			confused[k] = map[string]int{}
		}
		c.n++
		textOnly := *p.doc
		textOnly.Lang = ""
		if sameLang(m.Language(&textOnly), p.want) {
			c.okText++
		}
		if sameLang(got, p.want) {
			c.ok++
		} else {
			confused[k][got]++
			if os.Getenv("LANG_MISSES") != "" {
				t.Logf("miss %s %s: want %s got %q (lang attr %q)", p.set, p.id, p.want, got, p.doc.Lang)
			}
		}
	}
	keys := make([]key, 0, len(cells))
	for k := range cells {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].set != keys[j].set {
			return keys[i].set < keys[j].set
		}
		return keys[i].lang < keys[j].lang
	})
	var all cell
	for _, k := range keys {
		c := cells[k]
		all.n += c.n
		all.ok += c.ok
		all.okText += c.okText
		t.Logf("| %s | %s | %d | %.3f | %.3f | %v |", k.set, k.lang, c.n, float64(c.ok)/float64(c.n), float64(c.okText)/float64(c.n), confused[k])
		minCell := 20
		if raceEnabled {
			minCell = 100 // a tenth of the pages: too few for a floor on the small cells
		}
		if c.n >= minCell && float64(c.ok) < langFloor*float64(c.n) {
			t.Errorf("%s %s: accuracy %.3f under the floor %.2f", k.set, k.lang, float64(c.ok)/float64(c.n), langFloor)
		}
	}
	t.Logf("all: %d pages, accuracy %.3f (text only, lang attribute ignored: %.3f)", all.n, float64(all.ok)/float64(all.n), float64(all.okText)/float64(all.n))
}

// sameLang reports whether got names the language want; Norwegian's
// macrolanguage no matches Bokmål nb and Nynorsk nn.
func sameLang(got, want string) bool {
	if want == "no" && (got == "nb" || got == "nn") {
		return true
	}
	return got == want
}

// langFloor is the lowest accepted accuracy of a (set, language) cell of
// at least 20 pages; the lowest measured is 0.979 (fundus de, with
// token.DetectLimit 1 KiB).
const langFloor = 0.97

// BenchmarkLanguage is Model.Language's cost per page next to Predict's on
// the same document (in one run, so the ratio holds on a busy machine), on
// the pages of the classifier's benchmarks (l3s_gn1's smallest page, two
// wcxb-dev-clean pages) and the Persian seed as text:
//
//	go test -run='^$' -bench=Language -cpu 1 -count 3 ./classifier/model/
func BenchmarkLanguage(b *testing.B) {
	sh := filepath.Join("..", "..", "..", "shared")
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range []struct{ size, corpus, id string }{
		{"small", "l3s_gn1", "885c3db6-4717-4842-b85f-46123026019d"},
		{"medium", "wcxb-dev-clean", "dev-4251"},
		{"large", "wcxb-dev-clean", "dev-0719"},
		{"seed-text", "", ""},
	} {
		b.Run(p.size, func(b *testing.B) {
			var doc *segment.Doc
			if p.corpus == "" {
				raw, err := os.ReadFile(filepath.Join(sh, "examples", "seed-fa-news.txt"))
				if err != nil {
					b.Skip(err)
				}
				doc, err = segment.Text(string(raw), segment.TextOptions{NoSplit: true})
				if err != nil {
					b.Fatal(err)
				}
			} else {
				raw, err := readGz(filepath.Join(sh, "corpora", p.corpus, "docs", p.id+".html.gz"))
				if err != nil {
					b.Skip(err)
				}
				d, err := decode.Decode(raw, "")
				if err != nil {
					b.Fatal(err)
				}
				if doc, err = segment.HTML(d.Text, segment.HTMLOptions{}); err != nil {
					b.Fatal(err)
				}
			}
			b.Run("language", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					m.Language(doc)
				}
			})
			b.Run("predict", func(b *testing.B) {
				for b.Loop() {
					m.Predict(doc, 0)
				}
			})
		})
	}
}

// TestInfoLanguagesDetectable checks that the embedded model advertises
// only languages that Language can return from text evidence.
func TestInfoLanguagesDetectable(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range m.Info().Languages {
		if !slices.Contains(token.DetectLanguages(), l) {
			t.Errorf("Info().Languages has %q, which the detector cannot tell apart", l)
		}
	}
}
