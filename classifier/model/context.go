package model

import (
	"strings"

	"github.com/winnowhq/winnow/classifier/segment"
)

// Second-pass (stacked) features: a block's label given the first-pass
// class probabilities of its neighbours. Content is contiguous and
// boilerplate comes in runs, so these carry most of the context.

const nsCtx byte = 40

// groupShape2 turns on the second pass's language-independent layout
// features (a model file records it in its feature groups, so files
// trained without it keep their pipeline): a block that is its own text
// twice ("X X", a scraped teaser), the period-2 rhythm of title+summary
// cards (block i is shaped like i±2 and unlike i±1), runs of blocks of one
// shape, and each of these after the article's last confident content
// block, crossed with the first pass's class.
const groupShape2 = 1 << 4

// groupCLink turns on the second pass's container link features (HTML):
// the share of link text among the blocks inside each of the block's
// ancestors 1..3 elements up (the containers), alone and crossed with the
// first pass's class. A card of a teaser list holds a linked headline
// and an unlinked summary, a comment a linked name and reply button;
// the article's container is mostly unlinked prose.
const groupCLink = 1 << 7

// ctxScratch holds per-document aggregates for the second pass.
type ctxScratch struct {
	// shape is a coarse shape code per block (log2 tokens, sentence end);
	// dup says the block's text is one text twice (groupShape2 only).
	shape []int
	dup   []bool

	pc             []float32 // first-pass content probability per block
	pc5            []int     // bucket5 of pc
	arg            []int     // first-pass argmax per block
	cum            []float32 // content mass (pc x tokens) before each block
	total          float32
	prevHi, nextHi []int // nearest block with pc >= 0.7 before / after (-1 none)
	script         int   // the document's dominant script (docScript)

	// Containers (HTML): for each block, the index into cont of its
	// ancestors 1..ctxLevels elements up (-1 none), and per container the
	// first-pass content mass and token count inside it.
	anc  [][ctxLevels]int
	cont []container
	keys map[ctxKey]int
	best [ctxLevels]int // container with the most content mass per level
}

// ctxLevels is how many ancestor levels the container features look at.
const ctxLevels = 3

// ctxKey names a container: an ancestor's path, and how many levels up
// from the block it is.
type ctxKey struct {
	path  string
	level int
}

// container aggregates the blocks inside one ancestor element.
type container struct {
	mass, tokens float32
	// link and all bytes of the blocks inside (groupCLink)
	linkB, bytes int
}

// add counts block b, of first-pass content probability pc and weight w
// (its tokens), into the container.
func (ct *container) add(pc, w float32, b *segment.Block) {
	ct.mass += pc * w
	ct.tokens += w
	ct.linkB += b.LinkBytes
	ct.bytes += b.End - b.Start
}

// docScript is the dominant script of the document's letters: 0 Latin,
// 1 Arabic, 2 CJK, 3 Cyrillic, 4 other.
func docScript(stats []blockStats) int {
	var n [5]int
	for i := range stats {
		st := &stats[i]
		n[0] += st.latin
		n[1] += st.arabic
		n[2] += st.cjk
		n[3] += st.cyr
		n[4] += st.letters - st.latin - st.arabic - st.cjk - st.cyr
	}
	best := 0
	for k := range n {
		if n[k] > n[best] {
			best = k
		}
	}
	return best
}

func contentP(p *[NumClasses]float32) float32 { return p[0] + p[1] }

func argmax(p *[NumClasses]float32) int {
	best := 0
	for k := 1; k < NumClasses; k++ {
		if p[k] > p[best] {
			best = k
		}
	}
	return best
}

func bucket10(f float32) int {
	b := int(f * 10)
	return max(0, min(9, b))
}

func bucket5(f float32) int {
	switch {
	case f < 0.1:
		return 0
	case f < 0.35:
		return 1
	case f < 0.65:
		return 2
	case f < 0.9:
		return 3
	}
	return 4
}

func distB(d int) int {
	switch {
	case d < 0:
		return 9
	case d <= 3:
		return d
	case d <= 5:
		return 4
	case d <= 10:
		return 5
	case d <= 20:
		return 6
	}
	return 7
}

func (c *ctxScratch) prepare(doc *segment.Doc, probs [][NumClasses]float32, stats []blockStats) {
	n := len(probs)
	grow := func(s []int) []int {
		if cap(s) < n {
			return make([]int, n)
		}
		return s[:n]
	}
	if cap(c.pc) < n {
		c.pc = make([]float32, n)
		c.cum = make([]float32, n)
	}
	c.pc, c.cum = c.pc[:n], c.cum[:n]
	c.prevHi, c.nextHi, c.arg, c.pc5 = grow(c.prevHi), grow(c.nextHi), grow(c.arg), grow(c.pc5)
	var acc float32
	last := -1
	for i := range probs {
		c.pc[i] = contentP(&probs[i])
		c.pc5[i] = bucket5(c.pc[i])
		c.arg[i] = argmax(&probs[i])
		c.cum[i] = acc
		acc += c.pc[i] * float32(max(1, stats[i].tokens))
		c.prevHi[i] = last
		if c.pc[i] >= 0.7 && stats[i].tokens >= 5 {
			last = i
		}
	}
	c.total = acc
	c.script = docScript(stats)
	last = -1
	for i := n - 1; i >= 0; i-- {
		c.nextHi[i] = last
		if c.pc[i] >= 0.7 && stats[i].tokens >= 5 {
			last = i
		}
	}
	c.containers(doc, stats)
	c.prepareShape(doc, stats)
}

// prepareShape computes the shape codes and doubled texts (groupShape2).
func (c *ctxScratch) prepareShape(doc *segment.Doc, stats []blockStats) {
	n := len(stats)
	if cap(c.shape) < n {
		c.shape = make([]int, n)
		c.dup = make([]bool, n)
	}
	c.shape, c.dup = c.shape[:n], c.dup[:n]
	for i := range stats {
		st := &stats[i]
		end := 0
		if t := st.term; t == 1 || t == 2 {
			end = 1
		}
		c.shape[i] = log2b(st.tokens)*2 + end
		b := &doc.Blocks[i]
		c.dup[i] = doubled(doc.Text[b.Start:b.End])
	}
}

// doubled reports whether t is one text of at least 3 words twice,
// separated by white space ("X X").
func doubled(t string) bool {
	if len(t) < 11 || len(t) > 800 {
		return false
	}
	h := len(t) / 2
	// the separator is one space-like byte in the middle (odd length) or
	// two (even length)
	for _, w := range [...]int{1, 2} {
		if (len(t)-w)%2 != 0 {
			continue
		}
		k := (len(t) - w) / 2
		if k <= 0 || k >= h+1 {
			continue
		}
		sep := t[k : k+w]
		if strings.TrimSpace(sep) == "" && t[:k] == t[k+w:] && strings.Count(t[:k], " ") >= 2 {
			return true
		}
	}
	return false
}

// containers groups the blocks of an HTML document by their ancestor
// elements, read from Block.Path (a CSS selector whose steps are separated
// by '>'), and sums the first-pass content mass inside each: the article
// is the container that holds most of the content, as in readability's
// candidate scoring, but learned.
func (c *ctxScratch) containers(doc *segment.Doc, stats []blockStats) {
	n := len(doc.Blocks)
	if cap(c.anc) < n {
		c.anc = make([][ctxLevels]int, n)
	}
	c.anc = c.anc[:n]
	c.cont = c.cont[:0]
	if c.keys == nil {
		c.keys = make(map[ctxKey]int)
	}
	clear(c.keys)
	for l := range c.best {
		c.best[l] = -1
	}
	// Neighbouring blocks mostly share their ancestors: a prefix equal to
	// the previous block's at the same level is the same container, found
	// without looking the path up again.
	var prev [ctxLevels]string
	var prevK [ctxLevels]int
	prevNL := 0
	for i := range doc.Blocks {
		p := doc.Blocks[i].Path
		w := float32(max(1, stats[i].tokens))
		if prevNL > 0 && siblingPath(p, prev[0]) {
			// the previous block's element has the same parent: the same
			// cuts, prefixes and containers
			for l := range ctxLevels {
				c.anc[i][l] = -1
			}
			for l := range prevNL {
				k := prevK[l]
				c.anc[i][l] = k
				c.cont[k].add(c.pc[i], w, &doc.Blocks[i])
			}
			continue
		}
		var cuts [ctxLevels]int
		nl := 0
		for end := len(p); nl < ctxLevels; nl++ {
			cut := -1
			if end > 0 {
				cut = lastStep(p[:end])
			}
			if cut <= 0 {
				break
			}
			cuts[nl], end = cut, cut
		}
		for l := range ctxLevels {
			c.anc[i][l] = -1
		}
		for l := range nl {
			k := prevK[l]
			if pre := p[:cuts[l]]; pre != prev[l] {
				key := ctxKey{pre, l}
				var ok bool
				k, ok = c.keys[key]
				if !ok {
					k = len(c.cont)
					c.cont = append(c.cont, container{})
					c.keys[key] = k
				}
				prev[l], prevK[l] = pre, k
			}
			c.anc[i][l] = k
			c.cont[k].add(c.pc[i], w, &doc.Blocks[i])
		}
		prevNL = nl
	}
	for i := range c.anc {
		for l, k := range c.anc[i] {
			if k >= 0 && (c.best[l] < 0 || c.cont[k].mass > c.cont[c.best[l]].mass) {
				c.best[l] = k
			}
		}
	}
}

// siblingPath reports whether path p is parent, then '>', then one step
// with no '>' in it (escaped or not): its lastStep is then len(parent),
// and its ancestors are parent's.
func siblingPath(p, parent string) bool {
	n := len(parent)
	return len(p) > n && p[n] == '>' && p[:n] == parent && strings.IndexByte(p[n+1:], '>') < 0
}

// lastStep returns the index of the '>' that starts the last step of the
// selector path p, skipping a CSS-escaped '\>'; -1 when p has one step.
func lastStep(p string) int {
	for i := len(p) - 1; i > 0; i-- {
		if p[i] == '>' && p[i-1] != '\\' {
			return i
		}
	}
	return -1
}

var ctxOff = [...]string{"-3", "-2", "-1", "0", "+1", "+2", "+3"}

// Second-pass feature keys.
var (
	kcBias2     = newKey(nsCtx, "bias2")
	kcP         = newKey(nsCtx, "p")
	kcArg       = newKey(nsCtx, "arg")
	kcPc        = newKey(nsCtx, "pc")
	kcScriptxpc = newKey(nsCtx, "scriptxpc").upTo(numScripts * 16)
	kcPcxlen    = newKey(nsCtx, "pcxlen").upTo(5 * 16)
	kcWin       = newKey(nsCtx, "win").upTo(1510)
	kcDistprev  = newKey(nsCtx, "distprev")
	kcDistnext  = newKey(nsCtx, "distnext")
	kcDistboth  = newKey(nsCtx, "distboth").upTo(100)
	kcCumbefore = newKey(nsCtx, "cumbefore")
	kcCumafter  = newKey(nsCtx, "cumafter")
	kcCumxarg   = newKey(nsCtx, "cumxarg").upTo(5 * 16)
	kcHtmlxarg  = newKey(nsCtx, "htmlxarg")
	kcSplitxarg = newKey(nsCtx, "splitxarg").upTo(8 * 16)
	kcLenxarg   = newKey(nsCtx, "lenxarg").upTo(16 * 16)
	kcCshare    = newKey(nsCtx, "cshare").upTo(ctxLevels * 16)
	kcCmean     = newKey(nsCtx, "cmean").upTo(ctxLevels * 8)
	kcCsharexpc = newKey(nsCtx, "csharexpc").upTo(ctxLevels * 256)
	kcCtop      = newKey(nsCtx, "ctop")
	kcCtopxarg  = newKey(nsCtx, "ctopxarg").upTo(ctxLevels * 16)
	kcNc        = subKeys(nsCtx, "nc", ctxOff[:])
	kcNarg      = subKeys(nsCtx, "narg", ctxOff[:])
	kcNp        = subKeys(nsCtx, "np", ctxOff[:])
	kcConj      = upTo(subKeys(nsCtx, "conj", ctxOff[:]), NumClasses*16)
	kcNcxpc     = upTo(subKeys(nsCtx, "ncxpc", ctxOff[:]), 5*8)
	kcDup       = newKey(nsCtx, "dupxarg")
	kcClink     = newKey(nsCtx, "clink").upTo(ctxLevels * 8)
	kcClinkxarg = newKey(nsCtx, "clinkxarg").upTo(ctxLevels * 8 * 16)
	kcAlt       = newKey(nsCtx, "alt2xarg").upTo(3 * 16)
	kcRun       = newKey(nsCtx, "shaperunxarg").upTo(5 * 16)
	kcTail      = newKey(nsCtx, "tailxshape").upTo(32)
)

// context adds the second-pass features of block i to x.s.
func (x *extractor) context(doc *segment.Doc, probs [][NumClasses]float32, c *ctxScratch, i int, explain bool) {
	x.s.reset(explain)
	s := &x.s
	n := len(probs)
	p := &probs[i]
	st := &x.stats[i]
	s.feat(kcBias2, 0, 1)
	s.featVec(kcP, p)
	own := c.arg[i]
	s.feat(kcArg, own, 1)
	pc10, pc5 := bucket10(c.pc[i]), c.pc5[i]
	s.feat(kcPc, pc10, 1)
	s.feat(kcScriptxpc, c.script*16+pc10, 1)
	s.feat(kcPcxlen, pc5*16+log2b(st.tokens), 1)
	for d := -3; d <= 3; d++ {
		if d == 0 {
			continue
		}
		j := i + d
		if j < 0 || j >= n {
			s.feat(kcNc[d+3], -1, 1)
			continue
		}
		s.feat(kcNc[d+3], c.pc5[j], 1)
		a := c.arg[j]
		s.feat(kcNarg[d+3], a, 1)
		if d == -1 || d == 1 {
			s.featVec(kcNp[d+3], &probs[j])
			s.feat(kcConj[d+3], own*16+a, 1)
			s.feat(kcNcxpc[d+3], c.pc5[j]*8+pc5, 1)
		}
	}
	for _, w := range [...]int{5, 15} {
		// the blocks within w of i but i, in order
		var sum float32
		lo, hi := max(0, i-w), min(n-1, i+w)
		for _, v := range c.pc[lo:i] {
			sum += v
		}
		for _, v := range c.pc[i+1 : hi+1] {
			sum += v
		}
		if cnt := hi - lo; cnt > 0 {
			s.feat(kcWin, w*100+bucket10(sum/float32(cnt)), 1)
		}
	}
	dp, dn := -1, -1
	if c.prevHi[i] >= 0 {
		dp = i - c.prevHi[i]
	}
	if c.nextHi[i] >= 0 {
		dn = c.nextHi[i] - i
	}
	s.feat(kcDistprev, distB(dp), 1)
	s.feat(kcDistnext, distB(dn), 1)
	s.feat(kcDistboth, distB(dp)*10+distB(dn), 1)
	if c.total > 0 {
		before := c.cum[i] / c.total
		s.feat(kcCumbefore, bucket10(before), 1)
		after := (c.total - c.cum[i] - c.pc[i]*float32(max(1, st.tokens))) / c.total
		s.feat(kcCumafter, bucket10(after), 1)
		s.feat(kcCumxarg, bucket5(before)*16+bucket5(after)*NumClasses/4+own, 1)
	}
	b := &doc.Blocks[i]
	if doc.HTML {
		s.feat(kcHtmlxarg, own, 1)
	} else {
		s.feat(kcSplitxarg, int(b.Split)*16+own, 1)
	}
	s.feat(kcLenxarg, log2b(st.tokens)*16+own, 1)
	if x.groups&groupShape2 != 0 && i < len(c.shape) {
		x.shape2(c, i, own, dn, dp)
	}
	if doc.HTML && c.total > 0 && i < len(c.anc) {
		for l, k := range c.anc[i] {
			if k < 0 {
				continue
			}
			ct := &c.cont[k]
			share := bucket10(ct.mass / c.total)
			s.feat(kcCshare, l*16+share, 1)
			s.feat(kcCmean, l*8+bucket5(ct.mass/ct.tokens), 1)
			s.feat(kcCsharexpc, l*256+share*16+pc5, 1)
			if x.groups&groupCLink != 0 && ct.bytes > 0 {
				lb := shareB(min(ct.linkB, ct.bytes), ct.bytes)
				s.feat(kcClink, l*8+lb, 1)
				s.feat(kcClinkxarg, (l*8+lb)*16+own, 1)
			}
			if k == c.best[l] {
				s.feat(kcCtop, l, 1)
				s.feat(kcCtopxarg, l*16+own, 1)
			}
		}
	}
}

// shape2 adds the groupShape2 features of block i (own: its first-pass
// class; dp, dn: distances to the nearest confident content block before
// and after, -1 for none).
func (x *extractor) shape2(c *ctxScratch, i, own, dn, dp int) {
	s := &x.s
	n := len(c.shape)
	sh := c.shape[i]
	dup := 0
	if c.dup[i] {
		dup = 1
		s.feat(kcDup, own, 1)
	}
	// period 2: shaped like i±2, unlike i±1
	alt := 0
	for _, d := range [...]int{-2, 2} {
		j, k := i+d, i+d/2
		if j >= 0 && j < n && c.shape[j] == sh && c.shape[k] != sh {
			alt++
		}
	}
	s.feat(kcAlt, alt*16+own, 1)
	run := 0
	for j := i - 1; j >= max(0, i-4) && c.shape[j] == sh; j-- {
		run++
	}
	for j := i + 1; j < min(n, i+5) && c.shape[j] == sh; j++ {
		run++
	}
	s.feat(kcRun, min(run, 4)*16+own, 1)
	// after the article's last confident content block
	if dn < 0 && dp >= 0 {
		s.feat(kcTail, (alt*5+min(run, 4))*2+dup, 1)
	}
}
