package segment

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/decode"
	"github.com/winnowhq/winnow/classifier/token"
)

var recallFlag = flag.Bool("recall", false, "report how much of each corpus's gold text the HTML renditions hold")

// TestRenditionRecall measures, per corpus, the bag-of-tokens recall of
// the gold main text in the visible-text rendition (every 5th page): the
// share of gold tokens the segmenter did not lose. It reports, it does
// not assert.
func TestRenditionRecall(t *testing.T) {
	if !*recallFlag {
		t.Skip("run with -recall")
	}
	sh := sharedDir(t)
	dirs, _ := filepath.Glob(filepath.Join(sh, "corpora", "*", "gold"))
	for _, gd := range dirs {
		corpus := filepath.Base(filepath.Dir(gd))
		golds, _ := filepath.Glob(filepath.Join(gd, "*.txt"))
		var hit, total, pages int
		worst, worstR := "", 2.0
		for i := 0; i < len(golds); i += 5 {
			g, err := os.ReadFile(golds[i])
			if err != nil {
				continue
			}
			id := strings.TrimSuffix(filepath.Base(golds[i]), ".txt")
			doc := filepath.Join(filepath.Dir(gd), "docs", id+".html.gz")
			if _, err := os.Stat(doc); err != nil {
				continue
			}
			dec, err := decode.Decode(readGz(t, doc), "")
			if err != nil {
				continue
			}
			d, err := HTML(dec.Text, HTMLOptions{})
			if err != nil {
				t.Fatal(err)
			}
			have := map[string]int{}
			var it token.Iter
			it.Reset(d.Text)
			for it.Next() {
				have[string(it.Token())]++
			}
			h, n := 0, 0
			it.Reset(string(g))
			for it.Next() {
				n++
				if k := string(it.Token()); have[k] > 0 {
					have[k]--
					h++
				}
			}
			if n > 0 {
				if r := float64(h) / float64(n); r < worstR {
					worst, worstR = id, r
				}
			}
			hit, total, pages = hit+h, total+n, pages+1
		}
		if total > 0 {
			t.Logf("%-22s %4d pages: gold token recall %.4f (worst %.3f %s)", corpus, pages, float64(hit)/float64(total), worstR, worst)
		}
	}
}
