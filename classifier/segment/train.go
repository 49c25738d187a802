package segment

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/winnowhq/winnow/classifier/token"
)

// SplitExample is one line with its true unit boundaries: Cuts holds the
// byte offsets in Line where a unit starts (0 excluded), in any order.
type SplitExample struct {
	Line string
	Cuts []int
	// Cohesion scores the line's gaps in training; nil means none. It
	// should be counted on other text than the line's, as the splitter's
	// own table will be at run time.
	Cohesion *Cohesion
}

// TrainConfig tunes TrainSplitter. Zero fields take the defaults noted.
type TrainConfig struct {
	Epochs   int     // passes over the gaps; 0 means 4
	Rate     float64 // SGD step; 0 means 0.05
	L2       float64 // L2 penalty on fixed weights; 0 means 1e-6
	WordL2   float64 // L2 penalty on word weights; 0 means 1e-4
	MinCount int     // occurrences a word needs to get a weight; 0 means 3
	Prune    float64 // word weights smaller in magnitude are dropped; 0 means 0.15
	MaxWords int     // largest table size per side (largest weights kept); 0 means 6000
	Seed     uint64  // shuffling seed
	// PosWeight scales the loss of true boundaries; 0 means 1.
	PosWeight float64
	// NoList skips training the list pass (Splitter.List).
	NoList bool
	// Suffixes and Prefixes learn End weights for the last 1 to Suffixes
	// runes of the word before a gap and Start weights for the first 1
	// to Prefixes runes of the word after it (see NewSplitter), besides
	// the whole words'; at most maxAffix, 0 means none.
	Suffixes, Prefixes int
	// AffixL2 is the L2 penalty on affix weights; 0 means WordL2.
	AffixL2 float64
	// Cohesion is the table the trained splitter uses at run time (see
	// SplitExample.Cohesion for the tables used in training); nil means
	// none.
	Cohesion *Cohesion
}

func (c *TrainConfig) defaults() {
	if c.Epochs <= 0 {
		c.Epochs = 4
	}
	if c.Rate <= 0 {
		c.Rate = 0.05
	}
	if c.L2 <= 0 {
		c.L2 = 1e-6
	}
	if c.WordL2 <= 0 {
		c.WordL2 = 1e-4
	}
	if c.MinCount <= 0 {
		c.MinCount = 3
	}
	if c.Prune <= 0 {
		c.Prune = 0.15
	}
	if c.MaxWords <= 0 {
		c.MaxWords = 6000
	}
	if c.AffixL2 <= 0 {
		c.AffixL2 = c.WordL2
	}
	if c.PosWeight <= 0 {
		c.PosWeight = 1
	}
}

// trainGap is one candidate gap of the training set.
type trainGap struct {
	feats []uint8
	// end and start are the vocabulary ids of the word before and after
	// the gap, then of its affixes of 1 to maxAffix runes; -1 when rare
	// or absent.
	end, start [1 + maxAffix]int32
	y          bool
}

func featBytes(fs []Feature) []uint8 {
	b := make([]uint8, len(fs))
	for i, f := range fs {
		b[i] = uint8(f)
	}
	return b
}

// ErrNoExamples is returned by TrainSplitter when the examples hold no
// candidate gap of both kinds.
var ErrNoExamples = errors.New("segment: no positive and negative gaps to train on")

// TrainSplitter learns a Splitter's fixed weights and word tables by
// logistic regression over the candidate gaps of the examples (the gaps
// Splitter sees: between words, and camelCase / "?x" positions inside
// words). It is deterministic given the examples and cfg.Seed. Metadata
// cuts are not learned (see Splitter).
func TrainSplitter(examples []SplitExample, cfg TrainConfig) (*Splitter, error) {
	cfg.defaults()
	var gaps []trainGap
	vocab := map[string]int32{}
	var words []string
	counts := []int{}
	var it token.Iter
	key := func(k string) int32 {
		i, ok := vocab[k]
		if !ok {
			i = int32(len(words))
			vocab[k] = i
			words = append(words, k)
			counts = append(counts, 0)
		}
		counts[i]++
		return i
	}
	var kb []byte
	// ids returns the vocabulary ids of word w's last (or first) token
	// and of its affixes.
	ids := func(w string, last bool) [1 + maxAffix]int32 {
		var ids [1 + maxAffix]int32
		for i := range ids {
			ids[i] = -1
		}
		f, l := edgeKeys(&it, w)
		k, na := f, cfg.Prefixes
		if last {
			k, na = l, cfg.Suffixes
		}
		if k == "" {
			return ids
		}
		ids[0] = key(k)
		for n := 1; n <= min(na, maxAffix); n++ {
			var ok bool
			if kb, ok = affixKey(kb[:0], []byte(k), n, last); ok {
				ids[n] = key(string(kb))
			}
		}
		return ids
	}
	var ws []word
	var left, right []int
	var fs []Feature
	pos, neg := 0, 0
	// spans[i] is the range of gaps of examples[i].
	spans := make([][2]int, len(examples))
	for i, ex := range examples {
		spans[i] = [2]int{len(gaps), len(gaps)}
		line := ex.Line
		s, e := trimSpan(line, 0, len(line))
		if s >= e {
			continue
		}
		ws = scanWords(ws, line, s, e)
		if len(ws) < 2 {
			continue
		}
		var hard, dots int
		left, right, hard, dots = hardRuns(ws, left, right)
		for k := 0; k+1 < len(ws); k++ {
			fs = gapFeatures(fs[:0], ws, k, left[k], right[k], hard, dots)
			lvl := 0
			if ex.Cohesion != nil {
				_, a, okA := edgeHashes(&it, line[ws[k].start:ws[k].end])
				b, _, okB := edgeHashes(&it, line[ws[k+1].start:ws[k+1].end])
				if okA && okB {
					lvl = ex.Cohesion.level(a, b)
				}
			}
			fs = append(fs, FMarkCohesion+markOf(ws[k].attr)*numCohLevels+Feature(lvl))
			g := trainGap{
				feats: featBytes(fs),
				end:   ids(line[ws[k].start:ws[k].end], true),
				start: ids(line[ws[k+1].start:ws[k+1].end], false),
				y:     slices.Contains(ex.Cuts, ws[k+1].start),
			}
			if g.y {
				pos++
			} else {
				neg++
			}
			gaps = append(gaps, g)
		}
		spans[i][1] = len(gaps)
	}
	if pos == 0 || neg == 0 {
		return nil, ErrNoExamples
	}
	for i := range gaps {
		for _, ids := range []*[1 + maxAffix]int32{&gaps[i].end, &gaps[i].start} {
			for j, id := range ids {
				if id >= 0 && counts[id] < cfg.MinCount {
					ids[j] = -1
				}
			}
		}
	}
	var w [NumFeatures]float64
	E := make([]float64, len(words))
	S := make([]float64, len(words))
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x5e9))
	order := make([]int, len(gaps))
	for i := range order {
		order[i] = i
	}
	sgd(gaps, order, &w, E, S, true, cfg, rng)
	var fw [NumFeatures]float32
	for i, v := range w {
		fw[i] = float32(v)
	}
	sp := NewSplitter(fw, prune(words, E, cfg), prune(words, S, cfg))
	if !cfg.NoList {
		trainList(sp, examples, spans, gaps, words, cfg, rng)
	}
	sp.Cohesion = cfg.Cohesion
	return sp, nil
}

// sgd runs cfg.Epochs of logistic-loss SGD over gaps[order[...]] (order
// is shuffled in place each epoch), the step shrinking by 0.7 per epoch:
// the fixed weights w always learn, the word weights E and S only when
// words is set. True boundaries weigh cfg.PosWeight.
func sgd(gaps []trainGap, order []int, w *[NumFeatures]float64, E, S []float64, words bool, cfg TrainConfig, rng *rand.Rand) {
	rate := cfg.Rate
	for range cfg.Epochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, gi := range order {
			g := &gaps[gi]
			z := 0.0
			for _, f := range g.feats {
				z += w[f]
			}
			for _, id := range g.end {
				if id >= 0 {
					z += E[id]
				}
			}
			for _, id := range g.start {
				if id >= 0 {
					z += S[id]
				}
			}
			p := 1 / (1 + math.Exp(-z))
			grad := p
			scale := 1.0
			if g.y {
				grad = p - 1
				scale = cfg.PosWeight
			}
			grad *= scale
			for _, f := range g.feats {
				w[f] -= rate * (grad + cfg.L2*w[f])
			}
			if !words {
				continue
			}
			l2 := cfg.WordL2
			for _, id := range g.end {
				if id >= 0 {
					E[id] -= rate * (grad + l2*E[id])
				}
				l2 = cfg.AffixL2
			}
			l2 = cfg.WordL2
			for _, id := range g.start {
				if id >= 0 {
					S[id] -= rate * (grad + l2*S[id])
				}
				l2 = cfg.AffixL2
			}
		}
		rate *= 0.7
	}
}

// trainList fits sp.List on the gaps of the example lines that sp's first
// pass (with each example's own cohesion table) takes for title lists,
// starting from the first pass's weights, the word tables fixed as
// pruned.
func trainList(sp *Splitter, examples []SplitExample, spans [][2]int, gaps []trainGap, words []string, cfg TrainConfig, rng *rand.Rand) {
	ew := make([]float64, len(words))
	sw := make([]float64, len(words))
	for i, w := range words {
		ew[i], sw[i] = float64(sp.End[w]), float64(sp.Start[w])
	}
	var sel []int
	var sc lineScratch
	var cut []bool
	for i, ex := range examples {
		line := ex.Line
		s, e := trimSpan(line, 0, len(line))
		if s >= e {
			continue
		}
		first := *sp
		first.Cohesion = ex.Cohesion
		ws := scanWords(nil, line, s, e)
		if len(ws) < 2*sp.minWords() {
			continue
		}
		cut = append(cut[:0], make([]bool, len(ws))...)
		first.cutTitles(line, ws, cut, &sc)
		_, _, _, dots := hardRuns(ws, sc.left, sc.right)
		if !isList(len(sc.order), dots, len(ws)) {
			continue
		}
		for g := spans[i][0]; g < spans[i][1]; g++ {
			sel = append(sel, g)
		}
	}
	if len(sel) == 0 {
		return
	}
	var w [NumFeatures]float64
	for i, v := range sp.Weights {
		w[i] = float64(v)
	}
	sgd(gaps, sel, &w, ew, sw, false, cfg, rng)
	for i, v := range w {
		sp.List[i] = float32(v)
	}
	sp.HasList = true
}

// prune keeps the MaxWords largest word weights above Prune in magnitude.
func prune(words []string, ws []float64, cfg TrainConfig) map[string]float32 {
	idx := []int{}
	for i, v := range ws {
		if math.Abs(v) >= cfg.Prune {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int {
		va, vb := math.Abs(ws[a]), math.Abs(ws[b])
		switch {
		case va > vb:
			return -1
		case va < vb:
			return 1
		}
		return strings.Compare(words[a], words[b])
	})
	if len(idx) > cfg.MaxWords {
		idx = idx[:cfg.MaxWords]
	}
	m := make(map[string]float32, len(idx))
	for _, i := range idx {
		m[words[i]] = float32(ws[i])
	}
	return m
}
