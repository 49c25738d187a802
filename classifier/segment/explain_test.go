package segment

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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

// score sums the splitter's weights of the features fs, in their order.
func (s *Splitter) score(fs []Feature) float32 {
	var v float32
	for _, f := range fs {
		v += s.Weights[f]
	}
	return v
}
