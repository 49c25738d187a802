package decode

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/winnowhq/winnow/internal/corpus"
)

// TestSniffGold measures the legacy-charset sniffer: gold texts of the
// shared corpora (and the Persian seed) are encoded in the charsets their
// language used before UTF-8 and sniffed without any declaration. A page
// counts as right when its sniffed decoding gives the same text as the
// true one. The accuracy is logged per language and charset (go test -v
// -run TestSniffGold); the test fails only if the Persian seed is missed.
func TestSniffGold(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus-wide")
	}
	shared := sharedDir(t)
	charsets := map[string][]*charsetInfo{
		"ru": {info("windows-1251"), info("koi8-r")},
		"el": {info("windows-1253"), info("iso-8859-7")},
		"pl": {info("windows-1250"), info("iso-8859-2")},
		"cs": {info("windows-1250"), info("iso-8859-2")},
		"hr": {info("windows-1250")},
		"de": {info("windows-1252")},
		"fr": {info("windows-1252")},
		"es": {info("windows-1252")},
		"pt": {info("windows-1252")},
		"it": {info("windows-1252")},
		"en": {info("windows-1252")},
		"zh": {info("gbk"), info("big5")},
		"ja": {info("shift_jis"), info("euc-jp")},
		"ar": {info("windows-1256")},
	}
	perLang := 40 // gold texts per language
	if raceEnabled {
		perLang = 10
	}
	type key struct{ lang, charset string }
	right, total := map[key]int{}, map[key]int{}
	wrong := map[key]map[string]int{}
	try := func(lang string, ci *charsetInfo, text string) {
		data, err := encoding.ReplaceUnsupported(ci.enc.NewEncoder()).Bytes([]byte(text))
		if err != nil || firstNonASCII(data) < 0 {
			return
		}
		k := key{lang, ci.name}
		total[k]++
		want, _ := decodeWith(ci, data)
		got := sniffLegacy(data)
		if got.name == ci.name {
			right[k]++
			return
		}
		if s, _ := decodeWith(got, data); s == want {
			right[k]++
			return
		}
		if wrong[k] == nil {
			wrong[k] = map[string]int{}
		}
		wrong[k][got.name]++
	}
	sets, err := corpus.Sets(filepath.Join(shared, "corpora"))
	if err != nil || len(sets) == 0 {
		t.Skipf("no corpora: %v", err)
	}
	seen := map[string]int{}
	for _, dir := range sets {
		set, err := corpus.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range set.Pages {
			cs := charsets[p.LangHint]
			if cs == nil || seen[p.LangHint] >= perLang {
				continue
			}
			gold, ok, err := set.Gold(p)
			if err != nil || !ok {
				continue
			}
			seen[p.LangHint]++
			gold = gold[:validPrefix([]byte(gold[:min(len(gold), 4096)]))]
			for _, ci := range cs {
				try(p.LangHint, ci, gold)
			}
		}
	}
	if seed, err := os.ReadFile(filepath.Join(shared, "examples", "seed-fa-news.txt")); err == nil {
		try("fa", info("windows-1256"), cp1256Persian.Replace(string(seed)))
		if k := (key{"fa", "windows-1256"}); right[k] != 1 {
			t.Errorf("Persian seed in windows-1256 sniffed as %v", wrong[k])
		}
	}
	keys := make([]key, 0, len(total))
	for k := range total {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmpString(a.lang, b.lang); c != 0 {
			return c
		}
		return cmpString(a.charset, b.charset)
	})
	allRight, all := 0, 0
	for _, k := range keys {
		allRight += right[k]
		all += total[k]
		t.Logf("%-3s %-13s %3d/%3d right; wrong: %v", k.lang, k.charset, right[k], total[k], fmt.Sprint(wrong[k]))
	}
	t.Logf("all: %d/%d right", allRight, all)
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// info returns the sniffer's candidate or lookup's charset for name.
func info(name string) *charsetInfo {
	for i := range candidates {
		if candidates[i].info.name == name {
			return &candidates[i].info
		}
	}
	if ci := lookup(name); ci != nil {
		return ci
	}
	panic("no charset " + name)
}

// Unused encoders are referenced so that a missing candidate shows up as a
// compile error here rather than a skipped row.
var _ = []encoding.Encoding{charmap.Windows1250, japanese.ShiftJIS, simplifiedchinese.GBK, traditionalchinese.Big5}
