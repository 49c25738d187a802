package segment

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/token"
)

var (
	explainFlag = flag.Bool("explain", false, "print the default splitter's gap scores on the seed example's last line")
	splitterBin = flag.String("splitter", "", "with -explain, the splitter file to explain instead of the default (e.g. splitter-affix.bin)")
)

// explainSplitter returns the splitter named by -splitter, or the
// default one.
func explainSplitter(t *testing.T) *Splitter {
	if *splitterBin == "" {
		return DefaultSplitter()
	}
	data, err := os.ReadFile(*splitterBin)
	if err != nil {
		t.Fatal(err)
	}
	sp := new(Splitter)
	if err := sp.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	return sp
}

// TestExplainSeedGaps prints, with -explain, every gap of the seed
// example's run-on title line with its features and word weights.
func TestExplainSeedGaps(t *testing.T) {
	if !*explainFlag {
		t.Skip("run with -explain")
	}
	raw, _ := os.ReadFile(filepath.Join(sharedDir(t), "examples", "seed-fa-news.txt"))
	lines := strings.Split(string(raw), "\n")
	line := lines[len(lines)-1]
	sp := explainSplitter(t)
	ws := scanWords(nil, line, 0, len(line))
	left, right, hard, dots := hardRuns(ws, nil, nil)
	for k := 0; k+1 < len(ws); k++ {
		var sc lineScratch
		fs := gapFeatures(nil, ws, k, left[k], right[k], hard, dots)
		fs = append(fs, sp.cohesionFeature(line, ws, k, &sc))
		v, l := sp.score(fs), float32(0)
		for _, f := range fs {
			l += sp.List[f]
		}
		e := sp.wordWeights(line, &ws[k], &sc)[0]
		s := sp.wordWeights(line, &ws[k+1], &sc)[1]
		var parts []string
		for _, f := range fs {
			parts = append(parts, fmt.Sprintf("%s%+.1f/%+.1f", f, sp.Weights[f], sp.List[f]))
		}
		fmt.Printf("%-14s|%-14s %+.2f e%+.2f s%+.2f = %+.2f list %+.2f  %s\n", line[ws[k].start:ws[k].end], line[ws[k+1].start:ws[k+1].end], v, e, s, v+e+s, l+e+s, strings.Join(parts, " "))
	}
}

// TestExplainSeedEvidence prints, with -explain, what the splitter's
// training data (loadSplitData: both training folds) holds about the
// words on either side of the seed example's markerless title
// boundaries: how many training titles end with the word before (by its
// last token) and start with the word after (by its first token), and
// how often each occurs in titles and paragraphs. A word table can only
// learn from these counts.
func TestExplainSeedEvidence(t *testing.T) {
	if !*explainFlag {
		t.Skip("run with -explain")
	}
	sh := sharedDir(t)
	sd, err := loadSplitData(filepath.Join(sh, "corpora"), filepath.Join(sh, "persian"))
	if err != nil {
		t.Fatal(err)
	}
	var it token.Iter
	ends, starts, inTitles, inParas := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	count := func(m map[string]int, s string) {
		for it.Reset(s); it.Next(); {
			m[string(it.Token())]++
		}
	}
	titles := 0
	for f := range 2 {
		for _, s := range sd.trainT[f] {
			first, last := edgeKeys(&it, s)
			ends[last]++
			starts[first]++
			count(inTitles, s)
			titles++
		}
		for _, s := range sd.trainP[f] {
			count(inParas, s)
		}
	}
	t.Logf("%d training titles", titles)
	for _, g := range [][2]string{{"سلامتی", "حملات"}, {"الله", "دعای"}, {"تشخیص", "چرا"}, {"آن", "ریزصاعقهها"}, {"زمین", "خواص"}} {
		_, e := edgeKeys(&it, g[0])
		s, _ := edgeKeys(&it, g[1])
		t.Logf("%s|%s: titles ending with %q %d (in titles %d, paragraphs %d); starting with %q %d (in titles %d, paragraphs %d)",
			g[0], g[1], e, ends[e], inTitles[e], inParas[e], s, starts[s], inTitles[s], inParas[s])
	}
}

// TestExplainOutOfDomain reports, with -explain, how the splitter (or
// -splitter FILE) cuts synthetic lines made of the namnak site's titles
// and paragraphs (health and lifestyle, like the seed's titles): a site
// the splitter never trains on, and the one the model's Persian dev
// pages are built from. It is a report, not a selection criterion: the
// splitter is chosen on its own validation lines.
func TestExplainOutOfDomain(t *testing.T) {
	if !*explainFlag {
		t.Skip("run with -explain")
	}
	raw, err := os.ReadFile(filepath.Join(sharedDir(t), "persian", "corpora", "course-nlp-ir", "namnak-5.json"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []struct {
		Title      string   `json:"title"`
		Paragraphs []string `json:"paragraphs"`
	}
	if err := json.Unmarshal(raw, &docs); err != nil {
		t.Fatal(err)
	}
	var titles, paras, oneLine []string
	for _, d := range docs {
		titles = append(titles, d.Title)
		paras = append(paras, d.Paragraphs...)
		oneLine = append(oneLine, d.Title+" "+strings.Join(d.Paragraphs, " "))
	}
	sp := explainSplitter(t)
	t.Logf("namnak: %d titles, %d paragraphs: %v; %s", len(titles), len(paras), gapStats(sp, titles, paras), docStats(sp, oneLine))
}
