package segment

import "math"

// Title lists (splitter.go): cuts by dynamic programming over typical title
// lengths, and long units cut again.

// maxDPLen is the longest unit LenLogP describes; cutDP tries units up to
// maxDPLen words (and the whole line).
const maxDPLen = 64

func (s *Splitter) lenLogP(l int) float32 {
	if l <= maxDPLen {
		return s.LenLogP[l]
	}
	slope := s.LenLogP[maxDPLen-1] - s.LenLogP[maxDPLen]
	return s.LenLogP[maxDPLen] - slope*float32(l-maxDPLen)
}

// FitLengths sets LenLogP from example units (titles): the log share of
// units of each length in words (add-half smoothed) up to the longest
// length seen at least 5 times past the most common one; beyond it the
// log share falls on in a straight line, as steeply as it fell from the
// most common length to there (at least 0.2 per word), so that a unit
// twice as long as any title costs far more than two titles do.
func (s *Splitter) FitLengths(units []string) {
	var n [maxDPLen + 1]float64
	var ws []word
	total := 0.0
	for _, u := range units {
		ws = scanWords(ws, u, 0, len(u))
		l := min(len(ws), maxDPLen)
		if l > 0 {
			n[l]++
			total++
		}
	}
	mode := 1
	for l := 1; l <= maxDPLen; l++ {
		s.LenLogP[l] = float32(math.Log((n[l] + 0.5) / (total + maxDPLen/2)))
		if n[l] > n[mode] {
			mode = l
		}
	}
	last := mode
	for last < maxDPLen && n[last+1] >= 5 {
		last++
	}
	slope := float32(0.2)
	if last > mode {
		slope = max(slope, (s.LenLogP[mode]-s.LenLogP[last])/float32(last-mode))
	}
	for l := last + 1; l <= maxDPLen; l++ {
		s.LenLogP[l] = s.LenLogP[last] - slope*float32(l-last)
	}
}

// cutDP cuts a title list as LenWeight describes, given every gap's List
// score; it reports whether any cut was made.
func (s *Splitter) cutDP(ws []word, gaps []gapFeat, cut []bool, sc *lineScratch) bool {
	n, minW := len(ws), s.minWords()
	const none = float32(-1e30)
	best, from := sc.dp[:0], sc.from[:0]
	for range n + 1 {
		best, from = append(best, none), append(from, 0)
	}
	sc.dp, sc.from = best, from
	best[0] = 0
	// lw[l] is the length term of a unit of l words, computed once a call
	// rather than once a pair of words.
	var lw [maxDPLen + 1]float32
	for l := range lw {
		lw[l] = s.LenWeight * s.lenLogP(l)
	}
	// cutV[i] is the score of a cut before word i (i ≥ 1).
	cutV := sc.cutV[:0]
	for i := range n + 1 {
		v := float32(0)
		if i > 0 && i <= len(gaps) {
			v = gaps[i-1].score + s.ListBias
		}
		cutV = append(cutV, v)
	}
	sc.cutV = cutV
	for j := 1; j <= n; j++ {
		bj, fj := none, 0
		lo := max(0, j-maxDPLen)
		if lo == 0 && j >= minW {
			// a unit from the line's start: no cut before it
			if v := best[0] + lw[j]; v > bj {
				bj = v
			}
		}
		for i := max(1, lo); i <= j-minW; i++ {
			bi := best[i]
			if bi == none {
				continue
			}
			if v := bi + lw[j-i] + cutV[i]; v > bj {
				bj, fj = v, i
			}
		}
		best[j], from[j] = bj, fj
		if best[j] == none { // longer than maxDPLen from the start
			best[j], from[j] = s.LenWeight*s.lenLogP(j), 0
		}
	}
	any := false
	for j := n; j > 0; j = from[j] {
		if i := from[j]; i > 0 {
			cut[i] = true
			any = true
		}
	}
	return any
}

// isList reports whether a line of n words with cand candidate cuts
// (first pass) and dots words ending in a period is taken for a title
// list: two candidates or more, at least one per 50 words (a whole
// article on one line may hold a few questions and exclamations), and
// fewer than one period per 25 words.
func isList(cand, dots, n int) bool { return cand >= 2 && cand*50 >= n && dots*25 < n }

// maxLongLine bounds the words of a line given the second pass, whose
// cost grows with the square of a unit's length.
const maxLongLine = 2000

// cutLong is the second pass described at Splitter.LongWords.
func (s *Splitter) cutLong(text string, ws []word, cut []bool, left, right []int, hard, dots int, sc *lineScratch) {
	n, minW := len(ws), s.minWords()
	// Exact scores, computed once per gap (the first pass may have pruned).
	const unset = -1e30
	exactV := sc.exact[:0]
	for range n {
		exactV = append(exactV, unset)
	}
	sc.exact = exactV
	exact := func(k int) float32 {
		if exactV[k] == unset {
			exactV[k] = gapScore(&s.Weights, 0, ws, k, left[k], right[k], hard, dots) + s.wordWeights(text, &ws[k], sc)[0] + s.wordWeights(text, &ws[k+1], sc)[1] +
				s.Weights[s.cohesionFeature(text, ws, k, sc)]
		}
		return exactV[k]
	}
	for lo := 0; lo < n; {
		hi := lo + 1
		for hi < n && !cut[hi] {
			hi++
		}
		if hi-lo <= s.LongWords {
			lo = hi
			continue
		}
		best, bestV := -1, float32(0)
		for k := lo + minW - 1; k+1 <= hi-minW; k++ {
			if v := exact(k); best < 0 || v > bestV {
				best, bestV = k, v
			}
		}
		if best < 0 || bestV <= -s.LongMargin {
			lo = hi
			continue
		}
		cut[best+1] = true // and look at [lo, best+1) again
	}
}
