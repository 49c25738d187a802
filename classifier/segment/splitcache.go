package segment

import (
	"math/bits"
	"slices"

	"github.com/winnowhq/winnow/classifier/token"
)

// The splitter's per-call scratch (splitter.go): per-word buffers and the
// cache of the words' End and Start weights.

type lineScratch struct {
	words []word
	gaps  []gapFeat
	order []int
	cut   []bool
	left  []int
	right []int
	it    token.Iter
	exact []float32
	dp    []float32
	from  []int
	cutV  []float32
	// weights caches word weights and edge tokens (see wordWeights).
	weights wordCache
}

// wordCache is a direct-mapped cache of wordInfo keyed by rawWordHash of
// the raw word: a word whose slot another word took is looked up again. It is valid for one Splitter's tables (see
// getScratch); reset empties it.
type wordCache struct {
	slots []cacheSlot
	edges []cacheEdges // beside slots: what only Cohesion reads
	bits  uint8        // len(slots) == len(edges) == 1<<bits
}

// cacheSlot is a word's weights and its hash in 16 bytes, so that the
// look-up of a word's weights reads one small slot: key is the hash with
// bit 0 replaced by wordInfo.ok (hashes 0 to 3 are stored as 4 to 7), 0
// for an empty slot. The word's edge tokens are in the parallel edges.
type cacheSlot struct {
	key uint64
	wt  [2]float32
}

type cacheEdges struct{ first, last uint64 }

// Bounds on a wordCache's size: 1<<8 slots (8 KB) for a short text,
// up to 1<<14 (512 KB, about the distinct words of a 300 KB article).
// Slots and edges take half each.
const (
	minCacheBits = 8
	maxCacheBits = 14
)

func (c *wordCache) reset() { clear(c.slots) } // edges are read only beside a slot's key

// fit makes room for the distinct words of a text of n bytes (about one
// slot per 4 bytes, within the bounds); a cache already large enough is
// kept with its contents.
func (c *wordCache) fit(n int) {
	bits := uint8(minCacheBits)
	for bits < maxCacheBits && 1<<(bits+2) < n {
		bits++
	}
	if c.slots == nil || c.bits < bits {
		c.slots = make([]cacheSlot, 1<<bits)
		c.edges = make([]cacheEdges, 1<<bits)
		c.bits = bits
	}
}

// slot returns the index of hash h's slot and the key (without its ok
// bit) that the slot holds when it holds h's word.
func (c *wordCache) slot(h uint64) (int, uint64) {
	if c.slots == nil {
		c.fit(0)
	}
	if h < 4 {
		h += 4
	}
	return int((h * 0x9e3779b97f4a7c15) >> (64 - c.bits)), h &^ 1
}

// rawWordHash is the hash the word cache keys a raw word by: for a word of up
// to 16 bytes, its first and last 8 (or 4, or 1) bytes, which together
// with its length (spread by a multiply) are the whole word, mixed by one
// 64×64→128-bit multiply (wyhash's small-input step); token.HashString for a longer one. Two
// words share a key by chance only (about 2^-63 for a pair), as with any
// 64-bit hash; the key never leaves the cache.
func rawWordHash(s string) uint64 {
	const k0, k1, k2 = 0xa0761d6478bd642f, 0xe7037ed1a0b428db, 0x8ebc6af09c88c6e3
	n := len(s)
	var a, b uint64
	switch {
	case n > 16:
		return token.HashString(s)
	case n >= 8:
		a, b = le64(s), le64(s[n-8:])
	case n >= 4:
		a, b = uint64(le32(s)), uint64(le32(s[n-4:]))
	case n > 0:
		a = uint64(s[0])<<16 | uint64(s[n>>1])<<8 | uint64(s[n-1])
	}
	hi, lo := bits.Mul64(a^k0^uint64(n)*k2, b^k1)
	return hi ^ lo
}

func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func le32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// wordInfo is what the splitter knows of a distinct word.
type wordInfo struct {
	wt          [2]float32 // End and Start weights
	first, last uint64     // token.Hash of its first and last token
	ok          bool       // it has a token
}

// The splitter's memory bound: a line longer than longLineBytes has its
// per-word buffers sized before they fill, and is kept whole (one
// block, not split) when its words average fewer than minWordBytes bytes
// (white space included), so that the splitter's memory per word
// (about 53 bytes) stays within about 13 times the line.
const (
	longLineBytes = 4096
	minWordBytes  = 4
)

// grow makes room for n words in the per-word buffers but words.
func (sc *lineScratch) grow(n int) {
	sc.cut = slices.Grow(sc.cut[:0], n)
	sc.left = slices.Grow(sc.left[:0], n)
	sc.right = slices.Grow(sc.right[:0], n)
	sc.gaps = slices.Grow(sc.gaps[:0], n)
}

// wordWeights returns the End and Start weights of a word: those of its
// last and first token. They are cached per Text call under a hash of the
// raw word, so the tokeniser runs once per distinct word.
func (s *Splitter) wordWeights(text string, w *word, sc *lineScratch) [2]float32 {
	if w.wtOK {
		return w.wt
	}
	c := &sc.weights
	raw := text[w.start:w.end]
	i, key := c.slot(rawWordHash(raw))
	if e := &c.slots[i]; e.key&^1 == key {
		w.wt = e.wt
	} else {
		w.wt = s.fill(sc, i, key, raw).wt
	}
	w.wtOK = true
	return w.wt
}

// wordInfo is what the cache knows of word w, filling its slot if needed.
func (s *Splitter) wordInfo(text string, w *word, sc *lineScratch) wordInfo {
	c := &sc.weights
	raw := text[w.start:w.end]
	i, key := c.slot(rawWordHash(raw))
	if e := &c.slots[i]; e.key&^1 == key {
		return wordInfo{wt: e.wt, first: c.edges[i].first, last: c.edges[i].last, ok: e.key&1 != 0}
	}
	return s.fill(sc, i, key, raw)
}

// fill looks raw up in the splitter's tables and stores it in slot i of
// the word cache under key.
func (s *Splitter) fill(sc *lineScratch, i int, key uint64, raw string) wordInfo {
	c := &sc.weights
	v := s.edgeInfo(&sc.it, raw)
	c.slots[i] = cacheSlot{key: key, wt: v.wt}
	if v.ok {
		c.slots[i].key |= 1
	}
	c.edges[i] = cacheEdges{v.first, v.last}
	return v
}
