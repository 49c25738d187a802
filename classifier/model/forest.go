package model

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"
)

// A forest is a boosted ensemble of small regression trees over the page
// features: each round holds one tree per page kind, and a kind's logit
// is the sum of its trees' leaves. Unlike the logistic page model it can
// read interactions of features (an address under /docs/ with long
// paragraphs is documentation, not an article; a forum is many mid-sized
// repeated items and a thread-shaped address), which a linear model over
// the same aggregates cannot. It is trained by Newton boosting of the
// softmax loss (trainForest), deterministically: no sampling, splits on
// fixed quantiles of the training values.
type forest struct {
	// trees[r*NumPageKinds+k] is round r's tree for kind k.
	trees []ftree
	// flat is trees as complete trees (flatten), nil when a tree is
	// deeper than flatDepth; logits reads it when it is there.
	flat []ctree
}

// An ftree is one regression tree in pre-order: a node's left child is
// the next node, its right child is at right.
type ftree []fnode

// An fnode is a split (feat ≥ 0: go left when f[feat] <= val, else to
// right) or a leaf (feat < 0: val is its contribution to the logit).
type fnode struct {
	feat  int16
	right uint16 // < maxTreeNodes
	val   float32
}

// Forest limits: a decoded forest is rejected beyond them.
const (
	maxForestTrees = 4096
	maxTreeNodes   = 1 << 10
)

// logits adds the forest's logits for f to z.
func (fo *forest) logits(f *[numPageFeats]float32, z *[NumPageKinds]float64) {
	if fo.flat != nil {
		// one round (a tree per kind) at a time, into registers; each
		// kind's sum is taken in the same order as below
		z0, z1, z2, z3, z4 := z[0], z[1], z[2], z[3], z[4]
		for t := fo.flat; len(t) >= NumPageKinds; t = t[NumPageKinds:] {
			z0 += float64(t[0].eval(f))
			z1 += float64(t[1].eval(f))
			z2 += float64(t[2].eval(f))
			z3 += float64(t[3].eval(f))
			z4 += float64(t[4].eval(f))
		}
		z[0], z[1], z[2], z[3], z[4] = z0, z1, z2, z3, z4
		return
	}
	for i, t := range fo.trees {
		z[i%NumPageKinds] += float64(t.eval(f))
	}
}

// forestConfig is how trainForest grows a forest.
type forestConfig struct {
	rounds, depth int
	// minLeaf is the fewest training pages a leaf holds.
	minLeaf int
	// eta is the learning rate (folded into the leaves), lambda the L2
	// penalty on a leaf's value.
	eta, lambda float64
}

// defaultForest is the forest Train fits (chosen on the dev sets against
// the logistic page model: docs/model.md, "Page kind and article
// presence").
var defaultForest = forestConfig{rounds: 200, depth: 3, minLeaf: 20, eta: 0.1, lambda: 1}

// forestBins is the number of candidate split points per feature.
const forestBins = 32

// trainForest fits a forest to exs (weighted by their w) by Newton
// boosting of the softmax loss. The kinds' trees of one round are grown
// in parallel; the result does not depend on the schedule.
func trainForest(exs []pageExample, cfg forestConfig) *forest {
	fo := &forest{}
	if len(exs) == 0 {
		return fo
	}
	// candidate thresholds: quantiles of each feature's training values
	var thr [numPageFeats][]float32
	vals := make([]float32, len(exs))
	for j := range numPageFeats {
		for i := range exs {
			vals[i] = exs[i].f[j]
		}
		slices.Sort(vals)
		for q := 1; q < forestBins; q++ {
			v := vals[q*len(vals)/forestBins]
			if (len(thr[j]) == 0 || v > thr[j][len(thr[j])-1]) && v < vals[len(vals)-1] {
				thr[j] = append(thr[j], v)
			}
		}
	}
	// bins[i*numPageFeats+j]: the first threshold of feature j at or
	// above page i's value (values <= thr[j][b] fall in bins <= b)
	bins := make([]uint8, len(exs)*numPageFeats)
	for i := range exs {
		for j := range numPageFeats {
			bins[i*numPageFeats+j] = uint8(sort.Search(len(thr[j]), func(b int) bool { return thr[j][b] >= exs[i].f[j] }))
		}
	}
	g := &grower{exs: exs, thr: &thr, bins: bins, cfg: cfg}
	z := make([][NumPageKinds]float64, len(exs))
	p := make([][NumPageKinds]float64, len(exs))
	all := make([]int, len(exs))
	for i := range all {
		all[i] = i
	}
	grad := make([][]float64, NumPageKinds)
	hess := make([][]float64, NumPageKinds)
	for k := range NumPageKinds {
		grad[k] = make([]float64, len(exs))
		hess[k] = make([]float64, len(exs))
	}
	for range cfg.rounds {
		for i := range exs {
			softmaxPage(&z[i], &p[i])
		}
		var round [NumPageKinds]ftree
		var wg sync.WaitGroup
		for k := range NumPageKinds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i, e := range exs {
					y := 0.0
					if int(e.kind-1) == k {
						y = 1
					}
					grad[k][i] = e.w * (y - p[i][k])
					hess[k][i] = e.w * max(p[i][k]*(1-p[i][k]), 1e-6)
				}
				var t ftree
				g.grow(&t, all, grad[k], hess[k], cfg.depth)
				round[k] = t
			}()
		}
		wg.Wait()
		for k, t := range round {
			for i := range exs {
				z[i][k] += float64(t.eval(&exs[i].f))
			}
		}
		fo.trees = append(fo.trees, round[:]...)
	}
	fo.pack()
	return fo
}

// pack moves every tree's nodes into one array, in tree order: a page's
// judgement walks every tree once, and with caches cold (a corpus's next
// page) nodes spread over a thousand small allocations cost it 29 µs,
// packed 11 µs (BenchmarkPagePredictCold; warm, 4–6 µs either way).
func (fo *forest) pack() {
	total := 0
	for _, t := range fo.trees {
		total += len(t)
	}
	buf := make([]fnode, 0, total)
	for i, t := range fo.trees {
		start := len(buf)
		buf = append(buf, t...)
		fo.trees[i] = buf[start:len(buf):len(buf)]
	}
	fo.flatten()
}

// flatDepth is the depth of a ctree: the depth trainForest grows.
const flatDepth = 3

// ctree.eval is written out for three levels, and logits for five kinds:
// the constants below overflow otherwise.
const (
	_ = uint(flatDepth - 3)
	_ = uint(3 - flatDepth)
	_ = uint(NumPageKinds - 5)
	_ = uint(5 - NumPageKinds)
)

// A ctree is an ftree of depth flatDepth at most as a complete binary
// tree in breadth-first order: node i's children are 2i+1 and 2i+2, and
// the leaves follow the splits. A leaf above the last level is a split
// whose two subtrees hold its value alone. Evaluating it takes
// flatDepth comparisons whose outcome is added to the index, not branched
// on: the branches of a thousand small trees, taken one way or the other
// page by page, are mispredicted half the time.
type ctree struct {
	// feat[n] and val[n] are split n (go left when f[feat[n]] <= val[n],
	// as an fnode does); entry 7 is unused: eight entries let eval index
	// with n&7 and no bounds check. A page feature's index fits in a byte
	// (the constant below would overflow otherwise).
	feat [1 << flatDepth]uint8
	val  [1 << flatDepth]float32
	leaf [1 << flatDepth]float32
}

const _ = uint8(numPageFeats - 1)

// flatten sets fo.flat when every tree is at most flatDepth deep and
// the trees are whole rounds (logits reads a round at a time).
func (fo *forest) flatten() {
	fo.flat = nil
	if len(fo.trees)%NumPageKinds != 0 {
		return
	}
	flat := make([]ctree, len(fo.trees))
	for i, t := range fo.trees {
		if !t.fill(&flat[i], 0, 0, 0) {
			return
		}
	}
	fo.flat = flat
}

// fill writes the subtree of t at n into c as the complete subtree at
// position pos of level depth; it reports false when the subtree is too
// deep.
func (t ftree) fill(c *ctree, n, pos, depth int) bool {
	nd := t[n]
	if depth == flatDepth {
		if nd.feat >= 0 {
			return false
		}
		c.leaf[pos-(1<<flatDepth-1)] = nd.val
		return true
	}
	if nd.feat < 0 {
		// a leaf above the last level: both subtrees hold its value
		c.feat[pos], c.val[pos] = 0, 0
		return t.fill(c, n, 2*pos+1, depth+1) && t.fill(c, n, 2*pos+2, depth+1)
	}
	c.feat[pos], c.val[pos] = uint8(nd.feat), nd.val
	return t.fill(c, n+1, 2*pos+1, depth+1) && t.fill(c, int(nd.right), 2*pos+2, depth+1)
}

// eval is the tree's leaf value for f, as ftree.eval gives it.
func (c *ctree) eval(f *[numPageFeats]float32) float32 {
	i := 1 + right(f[c.feat[0]], c.val[0])
	i = 2*i + 1 + right(f[c.feat[i&7]], c.val[i&7])
	i = 2*i + 1 + right(f[c.feat[i&7]], c.val[i&7])
	return c.leaf[(i-7)&7]
}

// right is 0 when x <= v (NaN: 1), compiled without a branch.
func right(x, v float32) int {
	r := 1
	if x <= v {
		r = 0
	}
	return r
}

// eval is the tree's leaf value for f.
func (t ftree) eval(f *[numPageFeats]float32) float32 {
	n := 0
	for t[n].feat >= 0 {
		if f[t[n].feat] <= t[n].val {
			n++
		} else {
			n = int(t[n].right)
		}
	}
	return t[n].val
}

// grower grows one tree; it is read-only during a round, so the kinds'
// trees grow in parallel.
type grower struct {
	exs  []pageExample
	thr  *[numPageFeats][]float32
	bins []uint8
	cfg  forestConfig
}

// grow appends the subtree over the pages idx to t.
func (g *grower) grow(t *ftree, idx []int, grad, hess []float64, depth int) {
	var G, H float64
	for _, i := range idx {
		G += grad[i]
		H += hess[i]
	}
	me := len(*t)
	*t = append(*t, fnode{feat: -1, val: float32(g.cfg.eta * G / (H + g.cfg.lambda))})
	if depth == 0 || len(idx) < 2*g.cfg.minLeaf {
		return
	}
	lam := g.cfg.lambda
	base := G * G / (H + lam)
	bestGain, bestF, bestB := 1e-12, -1, 0
	var hg, hh [forestBins]float64
	var hc [forestBins]int
	for j := range numPageFeats {
		nb := len(g.thr[j])
		if nb == 0 {
			continue
		}
		hg, hh, hc = [forestBins]float64{}, [forestBins]float64{}, [forestBins]int{}
		for _, i := range idx {
			b := g.bins[i*numPageFeats+j]
			hg[b] += grad[i]
			hh[b] += hess[i]
			hc[b]++
		}
		var gl, hl float64
		cl := 0
		for b := range nb {
			gl, hl, cl = gl+hg[b], hl+hh[b], cl+hc[b]
			if cl < g.cfg.minLeaf || len(idx)-cl < g.cfg.minLeaf {
				continue
			}
			gr, hr := G-gl, H-hl
			if gain := gl*gl/(hl+lam) + gr*gr/(hr+lam) - base; gain > bestGain {
				bestGain, bestF, bestB = gain, j, b
			}
		}
	}
	if bestF < 0 {
		return
	}
	var left, right []int
	for _, i := range idx {
		if int(g.bins[i*numPageFeats+bestF]) <= bestB {
			left = append(left, i)
		} else {
			right = append(right, i)
		}
	}
	(*t)[me] = fnode{feat: int16(bestF), val: g.thr[bestF][bestB]}
	g.grow(t, left, grad, hess, depth-1)
	(*t)[me].right = uint16(len(*t))
	g.grow(t, right, grad, hess, depth-1)
}

// MarshalBinary encodes the forest: uvarint number of trees, then per
// tree a uvarint number of nodes and per node a zig-zag varint feature
// (-1: a leaf), a uvarint right child (splits only) and a float32 value.
func (fo *forest) MarshalBinary() ([]byte, error) {
	b := binary.AppendUvarint(nil, uint64(len(fo.trees)))
	for _, t := range fo.trees {
		b = binary.AppendUvarint(b, uint64(len(t)))
		for _, n := range t {
			b = binary.AppendVarint(b, int64(n.feat))
			if n.feat >= 0 {
				b = binary.AppendUvarint(b, uint64(n.right))
			}
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(n.val))
		}
	}
	return b, nil
}

// UnmarshalBinary decodes a forest MarshalBinary wrote. It checks that
// every tree is a well-formed pre-order tree over the page features (each
// split's right child after its left subtree, every path ending at a
// leaf) with finite values, a whole number of rounds and at most
// maxForestTrees trees of maxTreeNodes nodes.
func (fo *forest) UnmarshalBinary(p []byte) error {
	nt, p, err := uvarint(p, "forest trees")
	if err != nil {
		return err
	}
	if nt == 0 || nt > maxForestTrees || nt%NumPageKinds != 0 {
		return fmt.Errorf("forest of %d trees, want a positive multiple of %d up to %d", nt, NumPageKinds, maxForestTrees)
	}
	fo.trees = make([]ftree, 0, nt)
	for range nt {
		var nn uint64
		if nn, p, err = uvarint(p, "tree nodes"); err != nil {
			return err
		}
		if nn == 0 || nn > maxTreeNodes {
			return fmt.Errorf("tree of %d nodes, want 1 to %d", nn, maxTreeNodes)
		}
		t := make(ftree, nn)
		for i := range t {
			f, m := binary.Varint(p)
			if m <= 0 || f < -1 || f >= numPageFeats {
				return fmt.Errorf("tree node %d: bad feature", i)
			}
			p = p[m:]
			t[i].feat = int16(f)
			if f >= 0 {
				var r uint64
				if r, p, err = uvarint(p, "tree node"); err != nil {
					return err
				}
				if r <= uint64(i)+1 || r >= nn {
					return fmt.Errorf("tree node %d: right child %d out of range", i, r)
				}
				t[i].right = uint16(r)
			}
			if len(p) < 4 {
				return fmt.Errorf("tree node %d: truncated", i)
			}
			t[i].val = math.Float32frombits(binary.LittleEndian.Uint32(p))
			p = p[4:]
			if v := float64(t[i].val); math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("tree node %d: value %v", i, v)
			}
		}
		if end, ok := t.check(0); !ok || end != len(t) {
			return fmt.Errorf("tree of %d nodes is not one pre-order tree", nn)
		}
		fo.trees = append(fo.trees, t)
	}
	if len(p) != 0 {
		return fmt.Errorf("forest: %d trailing bytes", len(p))
	}
	fo.pack()
	return nil
}

// check reports where the subtree at n ends and whether it is well
// formed: a split's left subtree ends exactly at its right child.
// Recursion is bounded by maxTreeNodes: every child index is greater than
// its parent's.
func (t ftree) check(n int) (int, bool) {
	if t[n].feat < 0 {
		return n + 1, true
	}
	end, ok := t.check(n + 1)
	if !ok || end != int(t[n].right) {
		return 0, false
	}
	return t.check(end)
}

// uvarint reads one uvarint off p.
func uvarint(p []byte, what string) (uint64, []byte, error) {
	v, n := binary.Uvarint(p)
	if n <= 0 {
		return 0, nil, fmt.Errorf("%s: bad varint", what)
	}
	return v, p[n:], nil
}
