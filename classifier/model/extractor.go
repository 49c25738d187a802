package model

import (
	"bytes"
	"math"
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
)

// extractor holds per-call scratch for feature extraction. It is not safe
// for concurrent use; Predict makes one per call.
type extractor struct {
	groups int
	stop   *token.Stopwords // nil: no stop-word features
	s      sink
	it     token.Iter
	fold   []byte
	abuf   []byte     // tokensASCII's token
	ring   [16]uint64 // last tokens' hashes, for the tail window
	ringN  int
	// the hashes of the block's first headTokens tokens (and, when
	// explaining, the tokens), whose features tokens adds at the end
	head      [headTokens]uint64
	headNames [headTokens]string
	tn        int // the tokens read of the block
	nstop     int // stop words among the block's tokens
	ntok      int
	stats     []blockStats
	titleC    []byte      // collapsed lower-cased document title
	titleG    *byteGrams  // its byte pairs
	items     itemScratch // repeated items (groupItems)
	// cancel, when set, stops prepare and the passes early (PredictCheck).
	cancel *canceler
	coll   []byte

	// the class and id token features of the last block structure saw
	// (pathIdx holds the features of pathToks under pathMask; both are
	// empty to start with, as for a block without class or id tokens)
	pathToks []string
	pathMask uint32
	pathIdx  []uint32

	// blank reads the blank line before a text block, which only
	// training does (Config.TrainBlank, Model.trainBlank).
	blank bool
}

const (
	headTokens = 48
	tailTokens = 16
)

// prepare computes per-document facts used by several blocks.
func (x *extractor) prepare(doc *segment.Doc) {
	if cap(x.stats) < len(doc.Blocks) {
		x.stats = make([]blockStats, len(doc.Blocks))
	}
	x.stats = x.stats[:len(doc.Blocks)]
	for i := range doc.Blocks {
		if x.cancel.stop(i) {
			return
		}
		b := &doc.Blocks[i]
		st := &x.stats[i]
		computeStats(doc.Text[b.Start:b.End], st)
		st.ld = linkDens(b)
		if b.Tag != "" {
			st.nbrTag = hashString(hashByte(kNbrTag.h, 0), b.Tag)
		}
	}
	if x.groups&groupItems != 0 {
		x.items.prepareItems(doc)
	}
	x.titleC = collapseLower(x.titleC[:0], doc.Title)
	if len(x.titleC) > 0 {
		// (block reads titleG only when there is a title)
		if x.titleG == nil {
			x.titleG = new(byteGrams)
		}
		x.titleG.reset(x.titleC)
	}
}

// tokens adds the block's token unigrams and bigrams (and character
// bigrams for scripts written without spaces): the first headTokens, and
// the last tailTokens past them. ascii says text is ASCII but for token
// separators (blockStats.sepOnly), which tokensASCII reads faster.
func (x *extractor) tokens(text string, ascii bool) {
	s := &x.s
	start := len(s.idx)
	x.tn, x.ringN = 0, 0
	x.nstop, x.ntok = 0, 0
	if ascii {
		x.tokensASCII(text)
	} else {
		x.tokensIter(text)
	}
	// each token's unigram, and its bigram with the one before it in its
	// window (sink.word's features, in its order): the head's n tokens,
	// then the tail's k, every value 1/sqrt(m) for the m features
	n, k := min(x.tn, headTokens), min(x.ringN, tailTokens)
	m := max(0, 2*n-1) + max(0, 2*k-1)
	if m == 0 {
		return
	}
	v := float32(1 / math.Sqrt(float64(m)))
	if s.explain {
		for j := range n {
			s.word(x.head[j], x.head[max(j-1, 0)], j > 0, []byte(x.headNames[j]))
		}
		for j := range k {
			s.word(x.tail(j, k), x.tail(max(j-1, 0), k), j > 0, nil)
		}
		for j := start; j < len(s.val); j++ {
			s.val[j] = v
		}
		return
	}
	idx, val, mask := slices.Grow(s.idx, m), slices.Grow(s.val, m), s.mask
	for j, h := range x.head[:n] {
		idx = append(idx, uint32(mix(hashByte(h, nsUni)))&mask)
		val = append(val, v)
		if j > 0 {
			idx = append(idx, uint32(mix(hashByte(x.head[j-1]*31+h, nsBi)))&mask)
			val = append(val, v)
		}
	}
	var prev uint64
	for j := range k {
		h := x.tail(j, k)
		idx = append(idx, uint32(mix(hashByte(h, nsUni)))&mask)
		val = append(val, v)
		if j > 0 {
			idx = append(idx, uint32(mix(hashByte(prev*31+h, nsBi)))&mask)
			val = append(val, v)
		}
		prev = h
	}
	s.idx, s.val = idx, val
}

// tail returns the hash of token j of the tail window of k tokens: the
// last k of the ring's.
func (x *extractor) tail(j, k int) uint64 { return x.ring[(x.ringN-k+j)%tailTokens] }

// addToken records the next token, hashed h, folded f: in the head (its
// features are added at the end) or in the tail ring.
func (x *extractor) addToken(h uint64, f []byte) {
	if x.tn < headTokens {
		x.head[x.tn] = h
		if x.s.explain {
			x.headNames[x.tn] = string(f)
		}
	} else {
		x.ring[x.ringN%tailTokens] = h
		x.ringN++
	}
	x.tn++
}

// moreRunes reports utf8.RuneCount(p) > n without counting past n+1.
func moreRunes(p []byte, n int) bool {
	for i := 0; i < len(p); n-- {
		if n == 0 {
			return true
		}
		if p[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRune(p[i:])
			i += size
		}
	}
	return false
}

// twoRunes3 reports whether p is one or two well-formed three-byte UTF-8
// sequences: a token of at most two runes, which moreRunes(p, 2) would
// decode to say so (token.Iter's Chinese and Japanese bigrams, most of a
// Chinese page's tokens).
func twoRunes3(p []byte) bool {
	switch len(p) {
	case 3:
		return wellFormed3(p[0], p[1], p[2])
	case 6:
		return wellFormed3(p[0], p[1], p[2]) && wellFormed3(p[3], p[4], p[5])
	}
	return false
}

// wellFormed3 reports whether c, c1, c2 are a three-byte UTF-8 sequence
// utf8.DecodeRune decodes whole (no overlong form, no surrogate).
func wellFormed3(c, c1, c2 byte) bool {
	if c < 0xe0 || c > 0xef || c1&0xc0 != 0x80 || c2&0xc0 != 0x80 {
		return false
	}
	return c != 0xe0 && c != 0xed || c == 0xe0 && c1 >= 0xa0 || c == 0xed && c1 < 0xa0
}

// tokensIter reads the tokens of text with token.Iter.
func (x *extractor) tokensIter(text string) {
	x.it.Reset(text)
	for x.it.Next() {
		tok := x.it.Token()
		x.ntok++
		f := zeroDigits(x.fold, tok)
		folded := len(f) > 0 && &f[0] != &tok[0]
		if folded {
			x.fold = f
		}
		// IsCJK's runes are U+0E01 and up: three bytes or four
		if len(f) > 0 && f[0] >= 0xe0 && !twoRunes3(f) {
			if r, _ := utf8.DecodeRune(f); IsCJK(r) && moreRunes(f, 2) {
				if x.stop.Contains(tok) {
					x.nstop++
				}
				// character bigrams
				// (each rune is decoded once: its size is the next n1)
				_, n1 := utf8.DecodeRune(f)
				for i := 0; i < len(f); {
					if i+n1 >= len(f) {
						break
					}
					if x.tn >= headTokens {
						// past the head, character bigrams are in no
						// window: count the rest (one per rune but the last)
						x.tn += utf8.RuneCount(f[i:]) - 1
						break
					}
					_, n2 := utf8.DecodeRune(f[i+n1:])
					g := f[i : i+n1+n2]
					x.addToken(hashBytes(hashByte(fnvOffset, nsCJK), g), g)
					i += n1
					n1 = n2
				}
				continue
			}
		}
		h := hashBytes(fnvOffset, f)
		// h is the token's own hash unless digits were zeroed
		if folded && x.stop.Contains(tok) || !folded && x.stop.ContainsHash(tok, h) {
			x.nstop++
		}
		x.addToken(h, f)
	}
}

// tokensASCII is tokensIter for text that is all ASCII but for runes that
// only separate tokens (token.Separator), where token.Iter's tokens are
// the runs of ASCII letters and digits, lower-cased, and a run of digits
// only is a Number, whose Token is its digit shape. (Every byte of a
// multi-byte rune is 0x80 or above: none is a letter or digit here.)
func (x *extractor) tokensASCII(text string) {
	for i := 0; i < len(text); i++ {
		if asciiTok[text[i]] == 0 {
			continue
		}
		// the token, text[start:i], and the hash of it lower-cased (the
		// token as it is read, without copying it)
		start := i
		h := uint64(fnvOffset)
		var kinds byte
		for ; i < len(text); i++ {
			k := asciiTok[text[i]]
			if k == 0 {
				break
			}
			kinds |= k
			h = hashByte(h, text[i]|0x20) // lower case; digits have the bit
		}
		tok := text[start:i]
		x.ntok++
		var f []byte // the folded token, for the features' names
		switch kinds {
		case tokDigit:
			// a Number: its shape, all zeros, which zeroDigits keeps
			f = digitShape[:numberShape(len(tok))]
			h = hashBytes(fnvOffset, f)
			if x.stop.ContainsHash(f, h) {
				x.nstop++
			}
		case tokDigit | tokLetter:
			// the stop list sees the token, the features its digits zeroed
			if x.stop.ContainsASCII(tok, h) {
				x.nstop++
			}
			h = fnvOffset
			for j := 0; j < len(tok); j++ {
				b := tok[j] | 0x20
				if b <= '9' {
					b = '0'
				}
				h = hashByte(h, b)
			}
			if x.s.explain {
				f = zeroDigitsASCII(x.abuf[:0], tok)
				x.abuf = f
			}
		default:
			if x.stop.ContainsASCII(tok, h) {
				x.nstop++
			}
			if x.s.explain {
				f = appendLowerASCII(x.abuf[:0], tok)
				x.abuf = f
			}
		}
		x.addToken(h, f)
	}
}

// appendLowerASCII appends s, ASCII letters and digits, lower-cased.
func appendLowerASCII(dst []byte, s string) []byte {
	for j := 0; j < len(s); j++ {
		dst = append(dst, s[j]|0x20)
	}
	return dst
}

// zeroDigitsASCII appends s, ASCII letters and digits, lower-cased and
// with its digits zeroed.
func zeroDigitsASCII(dst []byte, s string) []byte {
	for j := 0; j < len(s); j++ {
		b := s[j] | 0x20
		if b <= '9' {
			b = '0'
		}
		dst = append(dst, b)
	}
	return dst
}

// The kinds of ASCII bytes in tokens; asciiTok holds each byte's.
const (
	tokDigit  = 1
	tokLetter = 2
)

var asciiTok = func() (t [256]byte) {
	for c := '0'; c <= '9'; c++ {
		t[c] = tokDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = tokLetter, tokLetter
	}
	return t
}()

// digitShape holds token.Iter's digit shapes: numberShape(n) zeros for a
// Number of n digits.
var digitShape = []byte("000000000")

func numberShape(n int) int {
	switch {
	case n > 8:
		return 9
	case n > 4:
		return 5
	}
	return n
}

func (x *extractor) shape(st *blockStats) {
	s := &x.s
	s.feat(kTokens, log2b(st.tokens), 1)
	s.feat(kRunes, log2b(st.runes), 1)
	s.feat(kPunct, shareB(st.punct, st.runes), 1)
	s.feat(kDigits, shareB(st.digits, st.letters+st.digits), 1)
	s.feat(kLatin, shareB(st.latin, st.letters), 1)
	s.feat(kArabic, shareB(st.arabic, st.letters), 1)
	s.feat(kCJK, shareB(st.cjk, st.letters), 1)
	s.feat(kCyr, shareB(st.cyr, st.letters), 1)
	s.feat(kUpper, shareB(st.upper, st.latin+st.cyr), 1)
	s.feat(kShort, shareB(st.shortTokens, st.tokens), 1)
	s.feat(kTerm, st.term, 1)
	s.feat(kTermXLen, st.term*16+log2b(st.tokens), 1)
	if st.colon {
		s.feat(kColon, log2b(st.tokens), 1)
	}
	if unicode.IsDigit(st.first) {
		s.feat(kStartDigit, 1, 1)
	}
	if st.pipes {
		s.feat(kPipes, log2b(st.tokens), 1)
	}
	if st.tokens >= 3 && st.tokens <= 25 && st.term != 1 {
		s.feat(kTitleLike, shareB(st.capTokens, st.tokens), 1)
	}
	if st.tokens > 0 && st.digits*3 >= st.letters {
		s.feat(kNumeric, log2b(st.tokens), 1)
	}
}

func (x *extractor) structure(b *segment.Block, ld int) {
	s := &x.s
	st := b.Tag
	if st == "" {
		return
	}
	s.featS(kTag, st, 1)
	if b.Heading > 0 {
		s.feat(kHeading, b.Heading, 1)
	}
	for fl := uint16(b.Flags); fl != 0; fl &= fl - 1 {
		s.feat(kFlag, bits.TrailingZeros16(fl), 1)
	}
	s.feat(kLinkDens, ld, 1)
	s.feat(kLinks, countB(b.Links), 1)
	s.feat(kRepeat, countB(b.Repeat), 1)
	s.feat(kDepth, log2b(b.Depth), 1)
	toks := b.PathTokens[:min(len(b.PathTokens), maxPathTokens)]
	// (blocks share PathTokens slices: equal ones are often the same)
	if !s.explain && s.mask == x.pathMask && len(toks) == len(x.pathToks) &&
		(len(toks) == 0 || &toks[0] == &x.pathToks[0] || slices.Equal(toks, x.pathToks)) {
		// the same ancestors as the last block: the same features
		for _, f := range x.pathIdx {
			s.idx = append(s.idx, f)
			s.val = append(s.val, 0.5)
		}
		return
	}
	from := len(s.idx)
	for _, p := range toks {
		s.featS(kClass, p, 0.5)
		// when p has a '-' or '_', the parts between them of two bytes
		// or more (strings.FieldsFunc without the allocation)
		from, cut := 0, false
		for j := 0; j <= len(p); j++ {
			if j < len(p) && p[j] != '-' && p[j] != '_' {
				continue
			}
			if j == len(p) && !cut {
				break
			}
			cut = true
			if j-from >= 2 {
				s.featS(kClassPart, p[from:j], 0.5)
			}
			from = j + 1
		}
	}
	x.pathToks, x.pathMask = toks, s.mask
	x.pathIdx = append(x.pathIdx[:0], s.idx[from:]...)
}

// maxPathTokens bounds the class and id tokens read per block.
const maxPathTokens = 16

// block extracts every feature of block i into x.s.
func (x *extractor) block(doc *segment.Doc, i int, explain bool) {
	x.s.reset(explain)
	s := &x.s
	b := &doc.Blocks[i]
	st := &x.stats[i]
	text := doc.Text[b.Start:b.End]
	s.feat(kBias, 0, 1)
	if x.groups&groupTokens != 0 {
		x.tokens(text, st.sepOnly)
	}
	if x.groups&groupShape != 0 {
		x.shape(st)
		if x.groups&groupTokens != 0 && x.stop != nil && x.ntok > 0 {
			s.feat(kStopwords, shareB(x.nstop, x.ntok), 1)
			s.feat(kStopXLen, shareB(x.nstop, x.ntok)*16+log2b(x.ntok), 1)
		}
		nb := len(doc.Blocks)
		s.feat(kIdx, decile(i, nb), 1)
		s.feat(kOff, decile(b.Start, len(doc.Text)), 1)
		if i == 0 {
			s.feat(kFirst, 1, 1)
		}
		if i == nb-1 {
			s.feat(kLast, 1, 1)
		}
		s.feat(kNBlocks, log2b(nb), 1)
		if doc.HTML {
			s.feat(kHTML, 1, 1)
		} else {
			s.feat(kSplit, int(b.Split), 1)
			// A blank line before the block (Block.BlankBefore) is not
			// read when serving (x.blank: training with Config.TrainBlank
			// only): the synthetic Persian pages put one before every
			// content line on half of them, so it taught "blank line,
			// content", which text with a blank line between all its
			// blocks (markdown, many scrapers) turned into keeping
			// everything (docs/model.md, "Markdown and blank lines").
			if x.blank && b.BlankBefore {
				s.feat(kBlank, 1, 1)
			}
			if i > 0 && doc.Blocks[i-1].Line == b.Line {
				s.feat(kSameLine, 1, 1)
			}
		}
		// the collapsed text, c, is at most len(text) bytes when ASCII
		// (else 3 a byte: an invalid byte becomes U+FFFD); when shorter
		// than the title, it must be in it, and have its byte pairs
		maxC := len(text)
		if !st.ascii {
			maxC *= 3
		}
		if len(x.titleC) > 0 && st.runes >= 8 && st.runes <= 400 &&
			(maxC >= len(x.titleC) || x.titleG.covers(text)) {
			x.coll = collapseLower(x.coll[:0], text)
			c := x.coll
			switch {
			case bytes.Equal(c, x.titleC):
				s.feat(kDocTitle, 2, 1)
			case bytes.Contains(x.titleC, c):
				s.feat(kDocTitle, 1, 1)
			case bytes.Contains(c, x.titleC):
				s.feat(kDocTitle, 3, 1)
			}
		}
	}
	if x.groups&groupStruct != 0 && b.Tag != "" {
		x.structure(b, st.ld)
		if x.groups&groupItems != 0 {
			x.itemFeatures(i, st)
		}
		tl := log2b(st.tokens)
		s.featSN(kTagXLen, b.Tag, tl, 1)
		s.feat(kLDXLen, st.ld*16+tl, 1)
	}
	if x.groups&groupContext != 0 {
		for _, d := range [...]int{-2, -1, 1, 2} {
			j := i + d
			if j < 0 || j >= len(doc.Blocks) {
				s.feat(kNone, d, 1)
				continue
			}
			ns := &x.stats[j]
			nb := &doc.Blocks[j]
			s.feat(kNbrLen[d+2], log2b(ns.tokens), 1)
			s.feat(kNbrTerm[d+2], ns.term, 1)
			if nb.Tag != "" {
				s.feat(kNbrLD[d+2], ns.ld, 1)
				if s.explain {
					s.featSN(kNbrTag, nb.Tag, d, 1)
				} else {
					s.add(hashInt(ns.nbrTag, d), 1) // featSN's hash
				}
				if nb.Heading > 0 {
					s.feat(kNbrH[d+2], nb.Heading, 1)
				}
			}
		}
	}
}
