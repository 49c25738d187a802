package segment

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/token"
)

// Feature indexes the fixed features of a candidate gap between two words
// of a line. A Splitter's score for a gap is the sum of Weights over the
// features that fire, plus End[last word before the gap] and Start[first
// word after it]; the gap is cut when the score is positive.
type Feature int

const (
	FBias            Feature = iota
	FPrevQuestion            // the word before ends with ? or ؟
	FPrevExclaim             // ... with !
	FPrevDot                 // ... with . or …
	FPrevColon               // ... with :
	FPrevComma               // ... with , ، ; ؛
	FPrevClose               // ... with » ” " ) ]
	FPrevMedia               // the word before is a media marker: (+عکس), (فیلم), ...
	FPrevSep                 // the word before is a separator: / | - – — + •
	FNextSep                 // the word after is a separator
	FCamel                   // no space: lower-case letters then a capital (newsNext)
	FNoSpacePunct            // no space after ? ! ؟ ) before a letter
	FUpperAfterLower         // a capital after a word ending in a lower-case letter
	FNextLower               // the word after starts with a lower-case letter
	FPrevDigit               // the word before has a digit
	FNextDigit               // the word after has a digit
	FNextOpen                // the word after starts with « “ " ( [
	FPrevPlain               // the word before ends with a letter or digit
	FHardShortBoth           // hard mark (?!.؟ or media) before, both runs ≤ 16 words
	FHardLong                // hard mark before, a run > 30 words
	FPlainDense              // no punctuation before, density ≥ 1/20
	FPlainLongRun            // no punctuation before, inside a run of > 12 words, density ≥ 1/20

	// Conjunctions of the mark before the gap (plain, ?!, ., media,
	// closing quote, , ; :, separator, other) with: the words since the
	// last hard mark (1, 2, 3-4, 5-8, 9-16, 17+), the words up to the next
	// hard mark or the line's end (same buckets), and the line's hard marks
	// per word (none, < 1/20, < 1/8, more).
	FMarkLeft                         // + mark*6 + bucket
	FMarkRight   = FMarkLeft + 8*6    // + mark*6 + bucket
	FMarkDensity = FMarkRight + 8*6   // + mark*4 + density
	FMarkDots    = FMarkDensity + 8*4 // + mark*3 + periods per word (none, < 1/25, more)
	// The mark before the gap with the Cohesion level of the gap's word
	// pair (see Cohesion).
	FMarkCohesion = FMarkDots + 8*3 // + mark*numCohLevels + level
	numNamed      = FMarkLeft
	NumFeatures   = FMarkCohesion + 8*numCohLevels
)

var namedFeatures = [numNamed]string{
	"bias", "prev?", "prev!", "prev.", "prev:", "prev,", "prevClose", "prevMedia",
	"prevSep", "nextSep", "camel", "nospacePunct", "upperAfterLower", "nextLower",
	"prevDigit", "nextDigit", "nextOpen", "prevPlain",
	"hardShortBoth", "hardLong", "plainDense", "plainLongRun",
}

var markNames = [8]string{"plain", "?!", ".", "media", "close", ",:", "sep", "other"}

func (f Feature) String() string {
	switch {
	case f < 0 || f >= NumFeatures:
		return "feature?"
	case f < numNamed:
		return namedFeatures[f]
	case f < FMarkRight:
		return fmt.Sprintf("%s&left%d", markNames[(f-FMarkLeft)/6], (f-FMarkLeft)%6)
	case f < FMarkDensity:
		return fmt.Sprintf("%s&right%d", markNames[(f-FMarkRight)/6], (f-FMarkRight)%6)
	case f < FMarkDots:
		return fmt.Sprintf("%s&density%d", markNames[(f-FMarkDensity)/4], (f-FMarkDensity)%4)
	case f < FMarkCohesion:
		return fmt.Sprintf("%s&dots%d", markNames[(f-FMarkDots)/3], (f-FMarkDots)%3)
	}
	return fmt.Sprintf("%s&pair%d", markNames[(f-FMarkCohesion)/numCohLevels], (f-FMarkCohesion)%numCohLevels)
}

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

// affixMark marks the affix keys of the End and Start tables; no token
// holds it.
const affixMark = '*'

// maxAffix is the longest affix, in runes, the word tables may weigh.
const maxAffix = 3

// affixKey appends to dst the key of tok's n-rune suffix ("*" then its
// last n runes) or prefix (its first n runes then "*"); ok is false when
// tok has n runes or fewer.
func affixKey(dst, tok []byte, n int, suffix bool) (_ []byte, ok bool) {
	i, j := 0, len(tok)
	for range n {
		if i >= j {
			return dst, false
		}
		if suffix {
			_, sz := utf8.DecodeLastRune(tok[i:j])
			j -= sz
		} else {
			_, sz := utf8.DecodeRune(tok[i:j])
			i += sz
		}
	}
	if i >= j {
		return dst, false
	}
	if suffix {
		return append(append(dst, affixMark), tok[j:]...), true
	}
	return append(append(dst, tok[:i]...), affixMark), true
}

// affixLen returns n when k is an n-rune affix key of an End (suffix) or
// Start table, else 0.
func affixLen(k string, suffix bool) int {
	var ok bool
	if suffix {
		k, ok = strings.CutPrefix(k, string(affixMark))
	} else {
		k, ok = strings.CutSuffix(k, string(affixMark))
	}
	if !ok || k == "" {
		return 0
	}
	return utf8.RuneCountInString(k)
}

// edgeKeys returns the first and last token of w, normalised.
func edgeKeys(it *token.Iter, w string) (first, last string) {
	it.Reset(w)
	for n := 0; it.Next(); n++ {
		if n == 0 {
			first = string(it.Token())
		}
		last = string(it.Token())
	}
	return first, last
}

// edgeHashes returns the token.Hash of the first and last token of w, and
// whether w has a token.
func edgeHashes(it *token.Iter, w string) (first, last uint64, ok bool) {
	if first, last, ok, done := asciiEdgeHashes(w); done {
		return first, last, ok
	}
	return iterEdgeHashes(it, w)
}

// iterEdgeHashes is edgeHashes through the tokeniser, for any word.
func iterEdgeHashes(it *token.Iter, w string) (first, last uint64, ok bool) {
	it.Reset(w)
	for it.Next() {
		if !ok {
			first, ok = it.Hash(), true
		}
		last = it.Hash()
	}
	return first, last, ok
}

// asciiEdgeHashes is edgeHashes without the tokeniser for a word of
// printable ASCII (U+0021–U+007E), the most common kind in Latin-script
// text; done is false for any other word. The tokens of such a word
// (token.Iter) are its runs of letters and digits, letters lower-cased,
// and a run of digits only is a Number, whose token is its digit shape
// (FuzzEdgeHashes checks that both agree).
func asciiEdgeHashes(w string) (first, last uint64, ok, done bool) {
	h := uint64(token.HashOffset)
	n, letter := 0, false // bytes and whether a letter is in the run so far
	for i := 0; i <= len(w); i++ {
		if i < len(w) {
			c := w[i]
			switch {
			case c < 0x21 || c > 0x7e:
				return 0, 0, false, false
			case c|0x20 >= 'a' && c|0x20 <= 'z':
				h = token.AddByte(h, c|0x20)
				n, letter = n+1, true
				continue
			case c >= '0' && c <= '9':
				h = token.AddByte(h, c)
				n++
				continue
			}
		}
		if n == 0 {
			continue
		}
		// the end of a run: a token
		if !letter {
			h = digitShapeHash(n)
		}
		if !ok {
			first, ok = h, true
		}
		last = h
		h, n, letter = token.HashOffset, 0, false
	}
	return first, last, ok, true
}

// digitShapes are the token.Hash of the digit shapes of runs of 1 to 4,
// 5 to 8 and 9 or more digits (token.Iter.Token).
var digitShapes = [...]uint64{
	token.HashString("0"), token.HashString("00"), token.HashString("000"), token.HashString("0000"),
	token.HashString("00000"), token.HashString("000000000"),
}

// digitShapeHash returns the token.Hash of the digit shape of a run of n
// digits.
func digitShapeHash(n int) uint64 {
	switch {
	case n > 8:
		return digitShapes[5]
	case n > 4:
		return digitShapes[4]
	}
	return digitShapes[n-1]
}

// edgeInfo returns what the splitter knows of word w: its End weight
// (that of its last token, plus those of the token's suffixes when the
// tables hold affixes) and its Start weight (its first token's, plus its
// prefixes'), the token.Hash of its first and last token and whether it
// has a token.
func (s *Splitter) edgeInfo(it *token.Iter, w string) wordInfo {
	if !s.affixes {
		first, last, ok := edgeHashes(it, w)
		if !ok {
			return wordInfo{}
		}
		end, start := s.edges.get(last)
		if first != last {
			_, start = s.edges.get(first)
		}
		return wordInfo{wt: [2]float32{end, start}, first: first, last: last, ok: true}
	}
	var v wordInfo
	var buf [1 + 4*maxAffix]byte
	var suf [maxAffix]float32
	it.Reset(w)
	for it.Next() {
		tok := it.Token()
		v.last = it.Hash()
		for n := 1; n <= maxAffix; n++ {
			suf[n-1] = 0
			if k, ok := affixKey(buf[:0], tok, n, true); ok {
				suf[n-1] = s.endH[token.Hash(k)]
			}
		}
		if v.ok {
			continue
		}
		v.first, v.ok = v.last, true
		v.wt[1] = s.startH[v.first]
		for n := 1; n <= maxAffix; n++ {
			if k, ok := affixKey(buf[:0], tok, n, false); ok {
				v.wt[1] += s.startH[token.Hash(k)]
			}
		}
	}
	v.wt[0] = s.endH[v.last]
	for _, x := range suf {
		v.wt[0] += x
	}
	return v
}

// edgeTable holds the End and Start weights of the tokens of a Splitter's
// tables (endH, startH) in one open-addressed table, so that the weights
// of a word of one token take one look-up that reads one cache line at
// most times, not two map look-ups.
type edgeTable struct {
	slots []edgeSlot // a power of two, at most half full; h == 0: empty
	shift uint8      // 64 - log2(len(slots))
	zero  edgeSlot   // the weights of the token hashing to 0
}

type edgeSlot struct {
	h          uint64
	end, start float32
}

func newEdgeTable(end, start map[uint64]float32) edgeTable {
	var t edgeTable
	n := len(end) // tokens in either table
	for h := range start {
		if _, ok := end[h]; !ok {
			n++
		}
	}
	bits := uint8(4)
	for 1<<bits < 2*n {
		bits++
	}
	t.slots, t.shift = make([]edgeSlot, 1<<bits), 64-bits
	for h, v := range end {
		t.slot(h).end = v
	}
	for h, v := range start {
		t.slot(h).start = v
	}
	return t
}

// slot returns h's slot, claiming an empty one when h has none.
func (t *edgeTable) slot(h uint64) *edgeSlot {
	if h == 0 {
		return &t.zero
	}
	mask := len(t.slots) - 1
	for i := int((h * 0x9e3779b97f4a7c15) >> t.shift); ; i = (i + 1) & mask {
		if e := &t.slots[i]; e.h == h || e.h == 0 {
			e.h = h
			return e
		}
	}
}

// get returns the End and Start weights of the token hashing to h (0 for
// a token not in a table).
func (t *edgeTable) get(h uint64) (end, start float32) {
	switch {
	case h == 0:
		return t.zero.end, t.zero.start
	case len(t.slots) == 0: // a Splitter not prepared: no tables
		return 0, 0
	}
	mask := len(t.slots) - 1
	for i := int((h * 0x9e3779b97f4a7c15) >> t.shift); ; i = (i + 1) & mask {
		e := &t.slots[i]
		if e.h == h {
			return e.end, e.start
		}
		if e.h == 0 {
			return 0, 0
		}
	}
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

type gapFeat struct {
	score float32
}

func bucket(n int) int {
	if uint(n) < uint(len(smallBuckets)) {
		return int(smallBuckets[n])
	}
	return bucketOf(n)
}

// smallBuckets is bucketOf of 0 to 16.
var smallBuckets = func() (t [17]uint8) {
	for n := range t {
		t[n] = uint8(bucketOf(n))
	}
	return t
}()

func bucketOf(n int) int {
	switch {
	case n <= 1:
		return 0
	case n == 2:
		return 1
	case n <= 4:
		return 2
	case n <= 8:
		return 3
	case n <= 16:
		return 4
	}
	return 5
}

// prevMarks are the marks of the word before a gap that are features of
// their own, in the order gapFeatures lists them.
var prevMarks = [...]struct {
	a wattr
	f Feature
}{
	{aQuestion, FPrevQuestion}, {aExclaim, FPrevExclaim}, {aDot, FPrevDot}, {aColon, FPrevColon},
	{aComma, FPrevComma}, {aClose, FPrevClose}, {aMedia, FPrevMedia}, {aSep, FPrevSep},
}

// anyPrevMark is every mark of prevMarks.
const anyPrevMark = aQuestion | aExclaim | aDot | aColon | aComma | aClose | aMedia | aSep

// gapFeatures appends the fixed features of the gap after word k.
func gapFeatures(fs []Feature, ws []word, k int, left, right, hard, dots int) []Feature {
	n := len(ws)
	p, q := ws[k].attr, ws[k+1].attr
	fs = append(fs, FBias)
	for _, m := range prevMarks {
		if p&m.a != 0 {
			fs = append(fs, m.f)
		}
	}
	if q&aSep != 0 {
		fs = append(fs, FNextSep)
	}
	if ws[k+1].nospace {
		if q&aStartUpper != 0 && p&aEndLower != 0 {
			fs = append(fs, FCamel)
		} else {
			fs = append(fs, FNoSpacePunct)
		}
	} else if q&aStartUpper != 0 && p&aEndLower != 0 {
		fs = append(fs, FUpperAfterLower)
	}
	if q&aStartLower != 0 {
		fs = append(fs, FNextLower)
	}
	if p&aDigit != 0 {
		fs = append(fs, FPrevDigit)
	}
	if q&aDigit != 0 {
		fs = append(fs, FNextDigit)
	}
	if q&aStartOpen != 0 {
		fs = append(fs, FNextOpen)
	}
	plain := p&aEndPlain != 0
	if plain {
		fs = append(fs, FPrevPlain)
	}
	mk := markOf(p)
	fs = append(fs,
		FMarkLeft+mk*6+Feature(bucket(left)),
		FMarkRight+mk*6+Feature(bucket(right)),
		FMarkDensity+mk*4+densityLevel(hard, n),
		FMarkDots+mk*3+dotsLevel(dots, n))
	if p&aHard != 0 {
		if left <= 16 && right <= 16 {
			fs = append(fs, FHardShortBoth)
		}
		if left > 30 || right > 30 {
			fs = append(fs, FHardLong)
		}
	}
	if plain && hard*20 >= n && hard > 0 {
		fs = append(fs, FPlainDense)
		if left+right > 12 {
			fs = append(fs, FPlainLongRun)
		}
	}
	return fs
}

// gapScore returns v plus w's weights of the fixed features of the gap
// after word k (gapFeatures), added in gapFeatures' order so that the sum
// is the same float32 as adding them up from its list; it spares the
// first pass of cutTitles building the list (TestGapScore).
func gapScore(w *[NumFeatures]float32, v float32, ws []word, k int, left, right, hard, dots int) float32 {
	n := len(ws)
	p, q := ws[k].attr, ws[k+1].attr
	v += w[FBias]
	if p&anyPrevMark != 0 {
		for _, m := range prevMarks {
			if p&m.a != 0 {
				v += w[m.f]
			}
		}
	}
	if q&aSep != 0 {
		v += w[FNextSep]
	}
	upperAfterLower := q&aStartUpper != 0 && p&aEndLower != 0
	switch {
	case ws[k+1].nospace && upperAfterLower:
		v += w[FCamel]
	case ws[k+1].nospace:
		v += w[FNoSpacePunct]
	case upperAfterLower:
		v += w[FUpperAfterLower]
	}
	if q&aStartLower != 0 {
		v += w[FNextLower]
	}
	if p&aDigit != 0 {
		v += w[FPrevDigit]
	}
	if q&aDigit != 0 {
		v += w[FNextDigit]
	}
	if q&aStartOpen != 0 {
		v += w[FNextOpen]
	}
	plain := p&aEndPlain != 0
	if plain {
		v += w[FPrevPlain]
	}
	mk := markOf(p)
	v += w[FMarkLeft+mk*6+Feature(bucket(left))]
	v += w[FMarkRight+mk*6+Feature(bucket(right))]
	v += w[FMarkDensity+mk*4+densityLevel(hard, n)]
	v += w[FMarkDots+mk*3+dotsLevel(dots, n)]
	if p&aHard != 0 {
		if left <= 16 && right <= 16 {
			v += w[FHardShortBoth]
		}
		if left > 30 || right > 30 {
			v += w[FHardLong]
		}
	}
	if plain && hard*20 >= n && hard > 0 {
		v += w[FPlainDense]
		if left+right > 12 {
			v += w[FPlainLongRun]
		}
	}
	return v
}

// densityLevel buckets a line's hard marks per word for FMarkDensity.
func densityLevel(hard, n int) Feature {
	switch {
	case hard == 0:
		return 0
	case hard*20 < n:
		return 1
	case hard*8 < n:
		return 2
	}
	return 3
}

// dotsLevel buckets a line's periods per word for FMarkDots.
func dotsLevel(dots, n int) Feature {
	switch {
	case dots == 0:
		return 0
	case dots*25 < n:
		return 1
	}
	return 2
}

// markOf classifies the mark ending a word for the conjunction features
// (markOfBits, looked up by the bits it reads).
func markOf(a wattr) Feature {
	return Feature(markTable[a&markLowBits|a>>markPlainShift&1<<markBitsLow])
}

// The attribute bits markOf reads: the eight lowest and aEndPlain.
const (
	markLowBits    = 1<<8 - 1
	markBitsLow    = 8
	markPlainShift = 13 // aEndPlain == 1 << markPlainShift
)

// markTable is markOfBits of every combination of the bits markOf reads.
var markTable = func() (t [1 << (markBitsLow + 1)]uint8) {
	for i := range t {
		a := wattr(i&markLowBits) | wattr(i>>markBitsLow)<<markPlainShift
		t[i] = uint8(markOfBits(a))
	}
	return t
}()

// markOfBits is markOf computed from the attribute bits.
func markOfBits(a wattr) Feature {
	switch {
	case a&aMedia != 0:
		return 3
	case a&(aQuestion|aExclaim) != 0:
		return 1
	case a&aDot != 0:
		return 2
	case a&aClose != 0:
		return 4
	case a&(aComma|aColon) != 0:
		return 5
	case a&aSep != 0:
		return 6
	case a&aEndPlain != 0:
		return 0
	}
	return 7
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

// hardRuns fills left[k] (words since the last hard mark, through word k)
// and right[k] (words from k+1 through the next hard word or the line's
// end), and counts the hard words and the words ending in a period.
func hardRuns(ws []word, left, right []int) ([]int, []int, int, int) {
	left, right = left[:0], right[:0]
	hard, dots, last := 0, 0, -1
	for k := range ws {
		left = append(left, k-last)
		right = append(right, 0)
		if ws[k].attr&aHard != 0 {
			hard++
			last = k
		}
		if ws[k].attr&aDot != 0 {
			dots++
		}
	}
	n := len(ws)
	next := n - 1
	for k := n - 2; k >= 0; k-- {
		if ws[k+1].attr&aHard != 0 {
			next = k + 1
		}
		right[k] = next - k
	}
	return left, right, hard, dots
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

// cohesionFeature returns the FMarkCohesion feature of the gap after
// ws[k].
func (s *Splitter) cohesionFeature(text string, ws []word, k int, sc *lineScratch) Feature {
	lvl := 0
	if s.Cohesion != nil {
		a, b := s.wordInfo(text, &ws[k], sc), s.wordInfo(text, &ws[k+1], sc)
		if a.ok && b.ok {
			lvl = s.Cohesion.level(a.last, b.first)
		}
	}
	return FMarkCohesion + markOf(ws[k].attr)*numCohLevels + Feature(lvl)
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
