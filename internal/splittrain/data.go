// Package splittrain trains the plain-text splitter that
// classifier/segment embeds (splitter.bin) from the shared corpora:
// synthetic run-on lines of titles and paragraphs (RunOnExamples), the
// default recipe and the variants tried for it, and the gap statistics
// that choose between candidates. `winnow train splitter` runs it. It is
// tooling, not API.
package splittrain

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
)

// splitData is the material of the default splitter: titles and
// paragraphs for training (in two folds, A and B), validation (choosing
// the second-pass settings and the shipped table) and test, and the
// cohesion counts of each training fold and of both.
type splitData struct {
	trainT, trainP [2][]string // folds A and B
	valT, valP     []string
	testT, testP   []string
	testDocs       []string                  // test documents on one line: title, abstract, paragraphs
	coh            [2]*segment.Cohesion      // counted on fold A, on fold B
	pages          [2][]segment.SplitExample // one-line synthetic pages' pieces per fold (recipe Pages)
	cohAll         *segment.Cohesion         // counted on both folds
}

// loadSplitData reads titles and paragraphs from the trainable corpora:
// Persian news (persian/corpora/course-nlp-ir in the Persian folder; not the
// namnak site, which the model's Persian dev set is built from) and
// English wcxb-dev-clean titles (manifest) and gold paragraphs of 12 words
// or more (every other page). Documents are split, never their parts:
// i%10 == 0 test, 1 validation, the rest training, in fold A (i/10 even)
// or B (odd). Each fold's cohesion table counts all its titles and
// paragraphs, so that the other fold's lines see words it never counted,
// as the splitter does at run time.
func loadSplitData(corpora, persian string) (*splitData, error) {
	type doc struct {
		title string
		paras []string
	}
	var docs []doc
	files, err := filepath.Glob(filepath.Join(persian, "corpora", "course-nlp-ir", "*.json"))
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "namnak") {
			continue
		}
		raw, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var ds []struct {
			Title      string   `json:"title"`
			Abstract   string   `json:"abstract"`
			Paragraphs []string `json:"paragraphs"`
		}
		if err := json.Unmarshal(raw, &ds); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, d := range ds {
			var ps []string
			if d.Abstract != "" {
				ps = append(ps, d.Abstract)
			}
			docs = append(docs, doc{d.Title, append(ps, d.Paragraphs...)})
		}
	}
	wc := filepath.Join(corpora, "wcxb-dev-clean")
	mf, err := os.Open(filepath.Join(wc, "manifest.jsonl"))
	if err != nil {
		return nil, err
	}
	defer mf.Close()
	sc := bufio.NewScanner(mf)
	sc.Buffer(nil, 1<<20)
	for n := 0; sc.Scan(); n++ {
		var m struct {
			ID    string `json:"id"`
			Title string `json:"title"`
		}
		if json.Unmarshal(sc.Bytes(), &m) != nil {
			continue
		}
		d := doc{title: m.Title}
		if n%2 == 0 { // half the pages give paragraphs: enough, and faster
			if g, err := os.ReadFile(filepath.Join(wc, "gold", m.ID+".txt")); err == nil {
				for l := range strings.SplitSeq(string(g), "\n") {
					if len(strings.Fields(l)) >= 12 {
						d.paras = append(d.paras, l)
					}
				}
			}
		}
		docs = append(docs, d)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(docs) < 20 {
		return nil, fmt.Errorf("segment: %d documents for the splitter in %s and %s", len(docs), corpora, persian)
	}
	sd := &splitData{}
	var counters [2]segment.CohesionCounter
	var all segment.CohesionCounter
	for i, d := range docs {
		var ts, ps *[]string
		switch i % 10 {
		case 0:
			ts, ps = &sd.testT, &sd.testP
		case 1:
			ts, ps = &sd.valT, &sd.valP
		default:
			f := i / 10 % 2
			ts, ps = &sd.trainT[f], &sd.trainP[f]
			for _, c := range []*segment.CohesionCounter{&counters[f], &all} {
				c.Add(d.title)
				for _, p := range d.paras {
					c.Add(p)
				}
			}
		}
		if d.title != "" {
			*ts = append(*ts, d.title)
			if i%10 == 0 && len(d.paras) > 0 {
				sd.testDocs = append(sd.testDocs, d.title+" "+strings.Join(d.paras, " "))
			}
		}
		*ps = append(*ps, d.paras...)
	}
	sd.coh = [2]*segment.Cohesion{counters[0].Cohesion(), counters[1].Cohesion()}
	sd.cohAll = all.Cohesion()
	return sd, nil
}

// trainFolds trains on both folds, each fold's lines scored with the
// other fold's cohesion table (none when coh is nil); the splitter keeps
// table coh, and its length prior is fitted on the training titles.
func trainFolds(sd *splitData, coh *segment.Cohesion, r splitterRecipe) (*segment.Splitter, error) {
	var ex []segment.SplitExample
	cfg := r.Train
	for f := range 2 {
		e := RunOnExamples(sd.trainT[f], sd.trainP[f], RunOnConfig{Seed: uint64(1 + f), Lists: len(sd.trainT[f]), MaxTitles: 25, DropZWNJ: 0.5, Docs: len(sd.trainT[f]) / 4, MarkedShare: r.MarkedShare})
		e = append(e, sd.pages[f]...)
		if coh != nil {
			for i := range e {
				e[i].Cohesion = sd.coh[1-f]
			}
		}
		ex = append(ex, e...)
	}
	cfg.Seed, cfg.Cohesion = 1, coh
	sp, err := segment.TrainSplitter(ex, cfg)
	if err != nil {
		return nil, err
	}
	sp.FitLengths(append(slices.Clone(sd.trainT[0]), sd.trainT[1]...))
	return sp, nil
}

// GapCounts counts a splitter's cuts against the true ones.
type GapCounts struct{ TP, FP, FN int }

// P, R, F1 and F05 are gap precision, recall, F1 and F0.5 (precision
// weighs more: a wrong cut shreds a title or a sentence).
func (g GapCounts) P() float64  { return float64(g.TP) / float64(max(1, g.TP+g.FP)) }
func (g GapCounts) R() float64  { return float64(g.TP) / float64(max(1, g.TP+g.FN)) }
func (g GapCounts) F1() float64 { return 2 * g.P() * g.R() / max(1e-9, g.P()+g.R()) }
func (g GapCounts) F05() float64 {
	return 1.25 * g.P() * g.R() / max(1e-9, 0.25*g.P()+g.R())
}

func (g GapCounts) String() string {
	return fmt.Sprintf("P=%.3f R=%.3f F0.5=%.3f (tp %d fp %d fn %d)", g.P(), g.R(), g.F05(), g.TP, g.FP, g.FN)
}

// GapStats counts how a splitter cuts a set of synthetic lines.
type GapStats struct {
	GapCounts
	// Shredded counts the paragraph lines (no true cut) it cut, of Lines.
	Shredded, Lines int
	// Kind breaks the counts down as [persian][markerless]: persian when
	// the line has an Arabic-script letter, markerless when the word
	// before the cut (true or made) ends in a letter or digit, with no
	// ? ! . (+عکس) or other mark to show the boundary.
	Kind [2][2]GapCounts
}

func (g GapStats) String() string {
	return fmt.Sprintf("gaps P=%.3f R=%.3f F1=%.3f F0.5=%.3f (tp %d fp %d fn %d); paragraphs cut: %d of %d; Persian markerless %v, marked %v",
		g.P(), g.R(), g.F1(), g.F05(), g.TP, g.FP, g.FN, g.Shredded, g.Lines, g.Kind[1][1], g.Kind[1][0])
}

// add counts the cuts of one line.
func (g *GapStats) add(line string, tp, fp, fn []int) {
	g.TP, g.FP, g.FN = g.TP+len(tp), g.FP+len(fp), g.FN+len(fn)
	fa := b2i(hasArabicLetter(line))
	for _, c := range tp {
		g.Kind[fa][b2i(markerless(line, c))].TP++
	}
	for _, c := range fp {
		g.Kind[fa][b2i(markerless(line, c))].FP++
	}
	for _, c := range fn {
		g.Kind[fa][b2i(markerless(line, c))].FN++
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func hasArabicLetter(s string) bool {
	for _, r := range s {
		if token.ScriptOf(r) == token.ScriptArabic {
			return true
		}
	}
	return false
}

// markerless reports whether the word before line[c:] ends in a letter,
// digit or non-spacing mark, as aEndPlain says of a word.
func markerless(line string, c int) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(line[:c], isSpace))
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// gapStats scores sp on run-on lines made of titles and paragraphs.
func gapStats(sp *segment.Splitter, titles, paras []string) GapStats {
	var g GapStats
	for _, e := range RunOnExamples(titles, paras, RunOnConfig{Seed: 2, Lists: len(titles), MaxTitles: 25, DropZWNJ: 0.5, Docs: len(titles) / 4}) {
		tp, fp, fn := gapCuts(sp, e)
		g.add(e.Line, tp, fp, fn)
		if len(e.Cuts) == 0 {
			g.Lines++
			if len(fp) > 0 {
				g.Shredded++
			}
		}
	}
	return g
}

// docStats reports how sp cuts whole documents written on one line
// (title, then paragraphs): the lines, and the units it makes of them;
// the right answer is two per line (the title, then the text) or one.
func docStats(sp *segment.Splitter, docs []string) string {
	units := 0
	for _, d := range docs {
		t, _ := segment.Text(strings.Join(strings.Fields(d), " "), segment.TextOptions{Splitter: sp})
		units += len(t.Blocks)
	}
	return fmt.Sprintf("%d one-line documents cut into %d units", len(docs), units)
}

// Train trains the default splitter (variant "" or "base"; see
// splitterVariant for the others) from the shared corpora and Persian
// folders (../shared/corpora, ../shared/persian; see loadSplitData),
// deterministically: with no cohesion table, fold A's and both folds'
// tables, and for each the second-pass settings (LongWords and LongMargin,
// or the title-list LenWeight and ListBias), keeping the best by gap F0.5
// on the validation lines (ties go to the simpler candidate, listed
// first). logf (may be nil) gets every candidate's validation and test
// numbers. It takes about a minute; the default variant reproduces
// classifier/segment/splitter.bin byte for byte.
func Train(corpora, persian, variant string, logf func(format string, args ...any)) (*segment.Splitter, error) {
	r := defaultRecipe
	if variant != "" {
		var ok bool
		if r, ok = splitterVariant(variant); !ok {
			return nil, fmt.Errorf("splittrain: no splitter variant %q (want base, affix, affix1, affix3, suffix, suffix2+prefix1 or suffix3+prefix1, optionally with -l2e3 or -l2e2, then optionally +qNN, +pagesN, +notable)", variant)
		}
	}
	return trainDefaultSplitter(corpora, persian, r, logf)
}

// splitterRecipe is how a default splitter candidate is trained: the
// segment.TrainConfig (Seed and segment.Cohesion are set by trainFolds) and the
// RunOnConfig.MarkedShare of its training lists.
type splitterRecipe struct {
	Train       segment.TrainConfig
	MarkedShare float64
	// Pages is how many synthetic Persian pages of each training site,
	// written on one line, add their unit boundaries to the training lines
	// (pageExamples); 0 means none.
	Pages int
	// Listings is how many synthetic Persian listings of each training
	// site, written on one line, add their unit boundaries too
	// (listingExamples); 0 means none.
	Listings int
	// NoTable keeps only the candidate without a cohesion table.
	NoTable bool
}

// defaultRecipe trains the default splitter: whole words only, titles
// drawn alike (variant "base" of splitterVariant). Word shapes ("suffix3+prefix1-l2e3") raise gap
// recall on the held-out synthetic lines from 0.58 to 0.66 at the same
// precision, but a model trained with that splitter scored lower on the
// Persian dev pages in text mode (mean F1 0.975 → 0.969 and 0.974 →
// 0.968 with training seeds 1 and 2; docs/segmentation.md), so they are
// not the default.
var defaultRecipe = splitterRecipe{}

// splitterVariant returns the recipe of a variant tried for the default
// splitter, by name (winnow train splitter --variant NAME): "base"
// (the default), or word shapes: "affix" and "affix1", "affix3"
// (suffixes and prefixes of up to 2, 1, 3 runes), "suffix" (2), or
// "suffixN+prefix1" (N = 2, 3), optionally with "-l2e3" or "-l2e2" (an L2
// penalty of 1e-3 or 1e-2 on shape weights); then optionally "+qNN":
// NN % of list titles drawn from those ending in ? or ! (MarkedShare);
// then optionally "+pagesN": N synthetic Persian pages of each training
// site on one line add their unit boundaries (Pages; the long-line
// splitter's recipe); then optionally "+listingsN": N synthetic Persian
// listings of each training site on one line too (Listings); and
// "+notable": no cohesion table candidate.
func splitterVariant(name string) (splitterRecipe, bool) {
	var r splitterRecipe
	var ok bool
	name, r.NoTable = strings.CutSuffix(name, "+notable")
	if name, r.Listings, ok = cutCount(name, "+listings"); !ok {
		return r, false
	}
	if name, r.Pages, ok = cutCount(name, "+pages"); !ok {
		return r, false
	}
	name, q, hasQ := strings.Cut(name, "+q")
	if hasQ {
		n, err := strconv.Atoi(q)
		if err != nil || n <= 0 || n > 100 {
			return r, false
		}
		r.MarkedShare = float64(n) / 100
	}
	base, l2, _ := strings.Cut(name, "-l2")
	c := &r.Train
	switch base {
	case "base":
	case "affix":
		c.Suffixes, c.Prefixes = 2, 2
	case "affix1":
		c.Suffixes, c.Prefixes = 1, 1
	case "affix3":
		c.Suffixes, c.Prefixes = 3, 3
	case "suffix":
		c.Suffixes = 2
	case "suffix2+prefix1":
		c.Suffixes, c.Prefixes = 2, 1
	case "suffix3+prefix1":
		c.Suffixes, c.Prefixes = 3, 1
	default:
		return r, false
	}
	switch l2 {
	case "":
	case "e3":
		c.AffixL2 = 1e-3
	case "e2":
		c.AffixL2 = 1e-2
	default:
		return r, false
	}
	return r, true
}

// cutCount cuts "+tagN" off name: the rest, N (0 without the tag), and
// whether N, when there, is a positive number.
func cutCount(name, tag string) (string, int, bool) {
	rest, num, found := strings.Cut(name, tag)
	if !found {
		return name, 0, true
	}
	n, err := strconv.Atoi(num)
	return rest, n, err == nil && n > 0
}

// trainDefaultSplitter is Train with the given recipe.
func trainDefaultSplitter(corpora, persian string, cfg splitterRecipe, logf func(format string, args ...any)) (*segment.Splitter, error) {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	sd, err := loadSplitData(corpora, persian)
	if err != nil {
		return nil, err
	}
	if cfg.Pages > 0 {
		if sd.pages, err = pageExamples(persian, cfg.Pages); err != nil {
			return nil, err
		}
		logf("splitter: one-line pages: %d pieces in fold A, %d in fold B", len(sd.pages[0]), len(sd.pages[1]))
	}
	if cfg.Listings > 0 {
		ls, err := listingExamples(persian, cfg.Listings)
		if err != nil {
			return nil, err
		}
		for f := range 2 {
			sd.pages[f] = append(sd.pages[f], ls[f]...)
		}
		logf("splitter: one-line listings: %d pieces in fold A, %d in fold B", len(ls[0]), len(ls[1]))
	}
	for f := range 2 {
		p, w := sd.coh[f].Len()
		logf("splitter: fold %c: titles %d, paragraphs %d, cohesion %d pairs %d words", 'A'+f, len(sd.trainT[f]), len(sd.trainP[f]), p, w)
	}
	logf("splitter: validation: titles %d, paragraphs %d; test: titles %d, paragraphs %d", len(sd.valT), len(sd.valP), len(sd.testT), len(sd.testP))
	var best *segment.Splitter
	bestF := -1.0
	for _, c := range []struct {
		name string
		coh  *segment.Cohesion
	}{{"no table", nil}, {"table A", sd.coh[0]}, {"table A+B", sd.cohAll}} {
		if cfg.NoTable && c.coh != nil {
			continue
		}
		cand, err := trainFolds(sd, c.coh, cfg)
		if err != nil {
			return nil, err
		}
		g := gapStats(cand, sd.valT, sd.valP)
		logf("splitter: %s, one pass: validation %v", c.name, g)
		f, lw, lm := g.F05(), 0, float32(0)
		for _, w := range []int{12, 16, 20, 25, 30} {
			for _, m := range []float32{0.5, 1, 2, 3} {
				cand.LongWords, cand.LongMargin = w, m
				if g := gapStats(cand, sd.valT, sd.valP); g.F05() > f {
					f, lw, lm = g.F05(), w, m
				}
			}
		}
		cand.LongWords, cand.LongMargin = lw, lm
		logf("splitter: %s, LongWords %d LongMargin %g: validation F0.5 %.4f, test %v; %s", c.name, lw, lm, f, gapStats(cand, sd.testT, sd.testP), docStats(cand, sd.testDocs))
		dw, db := float32(0), float32(0)
		if cand.HasList {
			for _, w := range []float32{0.25, 0.5, 1, 2} {
				for _, b := range []float32{-1, -0.5, 0, 0.5, 1, 2} {
					cand.LenWeight, cand.ListBias = w, b
					if g := gapStats(cand, sd.valT, sd.valP); g.F05() > f {
						f, dw, db = g.F05(), w, b
					}
				}
			}
		}
		cand.LenWeight, cand.ListBias = dw, db
		if dw > 0 {
			logf("splitter: %s, LenWeight %g ListBias %g: validation F0.5 %.4f, test %v; %s", c.name, dw, db, f, gapStats(cand, sd.testT, sd.testP), docStats(cand, sd.testDocs))
		}
		if f > bestF {
			bestF, best = f, cand
		}
	}
	p, w := best.Cohesion.Len()
	logf("splitter: chosen (validation F0.5 %.4f): LenWeight %g ListBias %g, LongWords %d LongMargin %g, End %d words, Start %d words, cohesion %d pairs %d words",
		bestF, best.LenWeight, best.ListBias, best.LongWords, best.LongMargin, len(best.End), len(best.Start), p, w)
	logf("splitter: chosen: test %v; %s", gapStats(best, sd.testT, sd.testP), docStats(best, sd.testDocs))
	return best, nil
}

// isSpace is segment's white space: Unicode's, and the zero-width
// no-break space, zero-width space and word joiner.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b' || r == '\u2060'
}
