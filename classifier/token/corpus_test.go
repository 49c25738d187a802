package token

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// languageGiven maps the daniel corpus's language names to BCP-47.
var languageGiven = map[string]string{
	"English": "en", "Chinese": "zh", "Greek": "el", "Polish": "pl", "Russian": "ru",
}

// TestCorpusGold runs the span and normalisation invariants over every
// tenth gold text of the daniel corpus (en, zh, el, pl, ru) and logs how
// often DetectLanguage agrees with the corpus's language_given; the
// agreement is reported, not asserted (go test -run CorpusGold -v).
func TestCorpusGold(t *testing.T) {
	sh := sharedDir(t)
	dir := filepath.Join(sh, "corpora", "daniel")
	f, err := os.Open(filepath.Join(dir, "manifest.jsonl"))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	type page struct {
		ID       string `json:"id"`
		Language string `json:"language_given"`
	}
	var pages []page
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var p page
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	agree := map[string][2]int{}
	confused := map[string]int{}
	for i := 0; i < len(pages); i += 10 {
		p := pages[i]
		data, err := os.ReadFile(filepath.Join(dir, "gold", p.ID+".txt"))
		if err != nil {
			continue
		}
		s := string(data)
		checkSpans(t, s)
		want := languageGiven[p.Language]
		got := DetectLanguage(s)
		a := agree[want]
		a[1]++
		if got == want {
			a[0]++
		} else {
			confused[want+"→"+got]++
		}
		agree[want] = a
	}
	var langs []string
	for l := range agree {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var b strings.Builder
	for _, l := range langs {
		a := agree[l]
		b.WriteString(l + ": " + itoa(a[0]) + "/" + itoa(a[1]) + "  ")
	}
	var cs []string
	for c, n := range confused {
		cs = append(cs, c+" "+itoa(n))
	}
	sort.Strings(cs)
	t.Logf("DetectLanguage agrees with language_given: %s; confusions: %v", b.String(), cs)
}

func itoa(n int) string { return strconv.Itoa(n) }
