package segment

import (
	"cmp"
	"slices"

	"github.com/winnowhq/winnow/classifier/token"
)

// The splitter is written in six files: splitter.go (the Splitter, its
// preparation and the cut of one line), splitfeature.go (the fixed gap
// features), splitgaps.go (a gap's features and score), splitedges.go (the
// End and Start tables), splitcache.go (per-call scratch and the word
// cache) and splitlists.go (title lists by dynamic programming, long units).

// Splitter scores the gaps between the words of a line and cuts a line
// into units: metadata at the start or end of a paragraph, and titles
// glued into a run-on list. It is a linear model over a fixed feature set
// (Feature) plus learned title-end and title-start word weights, keyed by
// token.Normalize of the word stripped of surrounding punctuation, and
// optionally by its shape: its last and first few runes, which give a
// rare word the weight of the words it ends or starts like (see
// newSplitter).
//
// A gap with no marker (no "?", "(+عکس)", capital, ...) is told from the
// gaps inside a title by the words on either side: whether they are
// typical title ends and starts, and how often the pair stands together
// in running text (Cohesion): two common words that never do are likely
// the end of one title and the start of the next.
//
// Limits: it sees one line at a time and only the words next to a gap, so
// a markerless boundary between rare words, or between a common pair, is
// missed or misplaced; a title that contains "?" then a subtitle
// (خواص تربچه چیست؟ یک سبزی ...) may come out as two units. Metadata is
// recognised from tables of label words, month and weekday names, digits,
// times and separators, not learned.
//
// A Splitter must not be modified while in use; it is then safe for
// concurrent use.
type Splitter struct {
	// Weights of the fixed features.
	Weights [NumFeatures]float32
	// End and Start weigh the word before and after a gap.
	End, Start map[string]float32
	// MinWords is the fewest words a title unit may have; 0 means 2.
	MinWords int
	// LongWords and LongMargin drive a second pass over lines already
	// cut as title lists (two cuts or more, few periods): a unit longer
	// than LongWords words is cut again at its best gap when that gap
	// scores above -LongMargin, since titles are short. LongWords 0 turns
	// the pass off.
	LongWords  int
	LongMargin float32
	// Cohesion holds word-pair counts; nil means none (every gap then has
	// level 0).
	Cohesion *Cohesion
	// List, when HasList, re-weighs the fixed features of every gap of a
	// line the first pass found to be a title list (two candidate cuts
	// or more, few periods): there a boundary is expected every few
	// words, so a gap without a marker needs less evidence. Trained on
	// such lines only (TrainSplitter); the word tables are shared.
	List    [NumFeatures]float32
	HasList bool
	// LenWeight > 0 cuts a title list by dynamic programming instead:
	// the cuts maximise the sum of the cut gaps' List scores plus
	// ListBias each, plus LenWeight × LenLogP[L] for every unit of L
	// words — titles have typical lengths (FitLengths). LenLogP[0] is
	// unused; units longer than the table go on down its last slope.
	LenWeight float32
	ListBias  float32
	LenLogP   [maxDPLen + 1]float32

	maxEnd, maxStart float32            // largest table weights, for pruning
	maxCoh           float32            // largest cohesion weight, for pruning
	endH, startH     map[uint64]float32 // the tables keyed by token.Hash
	edges            edgeTable          // endH and startH in one flat table
	affixes          bool               // the tables hold affix keys

	// markCoh[m] is the largest cohesion weight of a gap after a word of
	// mark m (markOf) plus pruneSlack, for pruning: most gaps follow a
	// plain word, whose cohesion weights are far below maxCoh. markCoh0
	// is the same for a splitter without a Cohesion table, whose gaps
	// all have level 0.
	markCoh, markCoh0 [8]float32
}

// newSplitter returns a splitter with the given weights; End and Start
// may be nil. Their keys are words: a gap's End weight is that of the last
// token (token.Iter) of the word before it, its Start weight that of the
// first token of the word after it. Keys are tokenised again when the
// splitter is made, so a table survives changes to the normaliser (keys
// that come to share a token have their weights summed).
//
// Keys marked with affixMark are shapes, for words too rare to have a
// weight of their own: End["*ها"] is added to the End weight of every word
// whose last token ends in "ها" and is longer, Start["چر*"] to the Start
// weight of every word whose first token starts with "چر" and is longer
// (see affixKey); they are not tokenised again.
func newSplitter(w [NumFeatures]float32, end, start map[string]float32) *Splitter {
	s := &Splitter{Weights: w, End: end, Start: start}
	s.prepare()
	return s
}

func (s *Splitter) prepare() {
	var it token.Iter
	s.affixes = false
	// hashed returns m keyed by token.Hash, and the bound on the weight
	// of one word: the largest whole-token weight plus the largest of
	// each affix length, none counted below 0.
	hashed := func(m map[string]float32, last bool) (map[uint64]float32, float32) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys) // sum collisions in a fixed order
		out := make(map[uint64]float32, len(m))
		whole := make(map[uint64]float32, len(m))
		var top [1 + maxAffix]float32 // whole tokens, then affixes by length
		for _, k := range keys {
			if n := affixLen(k, last); n > 0 {
				if n <= maxAffix {
					out[token.HashString(k)] += m[k]
					top[n] = max(top[n], m[k])
					s.affixes = true
				}
				continue
			}
			f, l, ok := edgeHashes(&it, k)
			if !ok {
				continue
			}
			if last {
				whole[l] += m[k]
			} else {
				whole[f] += m[k]
			}
		}
		for h, v := range whole {
			out[h] += v
			top[0] = max(top[0], v)
		}
		bound := float32(0)
		for _, v := range top {
			bound += v
		}
		return out, bound
	}
	s.endH, s.maxEnd = hashed(s.End, true)
	s.startH, s.maxStart = hashed(s.Start, false)
	s.edges = newEdgeTable(s.endH, s.startH)
	s.maxCoh = s.Weights[FMarkCohesion]
	for f := FMarkCohesion; f < NumFeatures; f++ {
		s.maxCoh = max(s.maxCoh, s.Weights[f])
	}
	for m := range s.markCoh {
		f := FMarkCohesion + Feature(m)*numCohLevels
		s.markCoh[m] = slices.Max(s.Weights[f:f+numCohLevels]) + pruneSlack
		s.markCoh0[m] = s.Weights[f] + pruneSlack
	}
}

// pruneSlack is added to the per-mark bounds (markCoh) so that float32
// rounding, which may add the parts of a gap's score in another order
// than the bound adds its largest values, never prunes a gap whose score
// is positive: the parts are at most about 10, their rounding errors
// about 1e-6.
const pruneSlack = 1e-3

func (s *Splitter) minWords() int {
	if s.MinWords > 0 {
		return s.MinWords
	}
	return 2
}

// handWeights are hand-set weights, for tests that need a splitter without
// a trained table.
func handWeights() [NumFeatures]float32 {
	var w [NumFeatures]float32
	w[FBias] = -3
	w[FPrevQuestion] = 2
	w[FPrevExclaim] = 2
	w[FPrevDot] = 0.5
	w[FPrevMedia] = 4
	w[FCamel] = 3
	w[FNoSpacePunct] = 1.5
	w[FUpperAfterLower] = 0.5
	w[FNextLower] = -3
	w[FNextSep] = -3
	w[FPrevSep] = -3
	w[FPrevComma] = -3
	w[FPrevColon] = -3
	w[FHardShortBoth] = 1.5
	w[FHardLong] = -2
	return w
}

// appendLine appends the blocks of the trimmed line text[s:e].
func (s *Splitter) appendLine(bs []Block, text string, st, e, line int, sc *lineScratch) []Block {
	// Cheap exit: a line with no white space and no candidate cuts.
	maxWords := -1
	if e-st > longLineBytes {
		// Size the words buffer of a long line at once (grown by append, a
		// quarter at a time, it would hold old and new copies of every
		// word together), for at most one word per minWordBytes.
		maxWords = (e - st) / minWordBytes
		sc.words = slices.Grow(sc.words[:0], maxWords+1)
	}
	ws, ok := scanWordsMax(sc.words, text, st, e, maxWords)
	sc.words = ws
	if !ok {
		// A long line of words shorter than minWordBytes on average is
		// no list of titles; keep it whole rather than spend on every word.
		return append(bs, Block{Start: st, End: e, Line: line})
	}
	n := len(ws)
	if maxWords >= 0 {
		sc.grow(n)
	}
	if n < 2 {
		return append(bs, Block{Start: st, End: e, Line: line})
	}
	p, q := metaPrefix(text, ws), n
	if p == 0 {
		p = deskPrefix(text, ws)
	}
	q = metaSuffix(text, ws, p)
	cuts := sc.cut[:0]
	for range n {
		cuts = append(cuts, false)
	}
	sc.cut = cuts
	titles := false
	if mid := ws[p:q]; len(mid) >= 2*s.minWords() {
		titles = s.cutTitles(text, mid, cuts[p:q], sc)
	}
	split := SplitNone
	if titles {
		split = SplitTitle
	}
	if p > 0 {
		bs = append(bs, Block{Start: ws[0].start, End: ws[p-1].end, Line: line, Split: SplitMetadata})
	}
	if p < q {
		from := p
		for k := p + 1; k <= q; k++ {
			if k == q || cuts[k] {
				sp := split
				if p == 0 && q == n && !titles {
					sp = SplitNone
				}
				bs = append(bs, Block{Start: ws[from].start, End: ws[k-1].end, Line: line, Split: sp})
				from = k
			}
		}
	}
	if q < n {
		bs = append(bs, Block{Start: ws[q].start, End: ws[n-1].end, Line: line, Split: SplitMetadata})
	}
	return bs
}

// cutTitles marks cut[k] when a unit starts at ws[k]; it reports whether
// any cut was made.
func (s *Splitter) cutTitles(text string, ws []word, cut []bool, sc *lineScratch) bool {
	n := len(ws)
	left, right, hard, dots := hardRuns(ws, sc.left, sc.right)
	sc.left, sc.right = left, right
	gaps := sc.gaps[:0]
	cand := sc.order[:0]
	bound := s.maxEnd + s.maxStart + s.maxCoh
	markCoh := &s.markCoh
	if s.Cohesion == nil {
		markCoh = &s.markCoh0
	}
	for k := 0; k+1 < n; k++ {
		v := gapScore(&s.Weights, 0, ws, k, left[k], right[k], hard, dots)
		// Each test is two: the bound over every cohesion weight
		// (maxCoh), and the tighter bound over those the gap's mark and
		// the Cohesion table allow (markCoh). A gap that fails either
		// cannot be cut; one that passes both is scored as before.
		mc := markCoh[markOf(ws[k].attr)]
		if v+bound > 0 && v+s.maxEnd+s.maxStart+mc > 0 {
			v += s.wordWeights(text, &ws[k], sc)[0]
			if v+s.maxStart+s.maxCoh > 0 && v+s.maxStart+mc > 0 {
				v += s.wordWeights(text, &ws[k+1], sc)[1]
				if v+s.maxCoh > 0 && v+mc > 0 {
					v += s.Weights[s.cohesionFeature(text, ws, k, sc)]
				} else {
					v = min(v, -1)
				}
			} else {
				v = min(v, -1) // cannot be cut; the exact score is not needed
			}
		}
		gaps = append(gaps, gapFeat{score: v})
		if v > 0 {
			cand = append(cand, k)
		}
	}
	sc.gaps, sc.order = gaps, cand
	if len(cand) == 0 {
		return false
	}
	if s.HasList && isList(len(cand), dots, n) {
		cand = cand[:0]
		for k := 0; k+1 < n; k++ {
			wt := s.wordWeights(text, &ws[k], sc)[0] + s.wordWeights(text, &ws[k+1], sc)[1]
			v := gapScore(&s.List, wt, ws, k, left[k], right[k], hard, dots)
			v += s.List[s.cohesionFeature(text, ws, k, sc)]
			gaps[k].score = v
			if v > 0 {
				cand = append(cand, k)
			}
		}
		sc.order = cand
		if s.LenWeight > 0 {
			return s.cutDP(ws, gaps, cut, sc)
		}
	}
	slices.SortStableFunc(cand, func(a, b int) int { return cmp.Compare(gaps[b].score, gaps[a].score) })
	minW := s.minWords()
	any := false
	for _, k := range cand {
		// A unit starts at word k+1; both neighbouring units keep minW words.
		lo := k
		for lo > 0 && !cut[lo] {
			lo--
		}
		hi := k + 2
		for hi < n && !cut[hi] {
			hi++
		}
		if k+1-lo < minW || hi-(k+1) < minW {
			continue
		}
		cut[k+1] = true
		any = true
	}
	if any && s.LongWords > 0 && isList(len(cand), dots, n) && n <= maxLongLine {
		s.cutLong(text, ws, cut, left, right, hard, dots, sc)
	}
	return any
}
