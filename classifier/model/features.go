package model

import (
	"bytes"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
)

// pipeline describes the feature pipeline. Any change to what features are
// extracted or how they are hashed must change this string: its hash is the
// model's fingerprint, and a model trained with another pipeline refuses to
// load.
const pipeline = "winnow-features/v6: fnv1a64 ns-prefixed, ints in one round; tokens=fold(ya,kaf,digits,zwnj,tatweel,harakat) " +
	"uni+bi first48+last16 1/sqrt(n); cjk char bigrams; shape(len,chars,punct,digit,latin,arabic,cjk,cyr,upper,short,term,colon,startdigit,title,pipe,date); " +
	"struct(tag,heading,flags,linkdens,links,pathtok+parts<=16,repeat,depth,tagxlen,ldxlen); pos(decile idx,decile off,first,last,nblocks); " +
	"stopwords(share,sharexlen; token.DefaultStopwords); text(split,blank,html); doctitle; nbr(+-1,+-2: len,ld,term,tag,heading); " +
	"pass2(p,argmax,scriptxpc,nbr+-3,win5,win10,dist,cum,conj,containers(path 1..3 up: share,mean,sharexpc,top,topxarg))"

// Feature flag groups for ablations.
const (
	groupTokens = 1 << iota
	groupShape
	groupStruct
	groupContext // neighbour features and the second pass
)

// allGroups enables every feature group.
const allGroups = groupTokens | groupShape | groupStruct | groupContext

// ParseGroups parses an ablation spec: "tokens", "tokens+shape",
// "tokens+shape+structure", "all" (the default).
func ParseGroups(s string) (int, bool) {
	if s == "" || s == "all" {
		return allGroups, true
	}
	g := 0
	for _, p := range strings.Split(s, "+") {
		switch strings.TrimSpace(p) {
		case "tokens":
			g |= groupTokens
		case "shape":
			g |= groupShape
		case "structure", "struct":
			g |= groupStruct
		case "context":
			g |= groupContext
		default:
			return 0, false
		}
	}
	return g, g != 0
}

// Namespaces keep feature kinds apart in the hashed space.
const (
	nsBias byte = iota + 1
	nsUni
	nsBi
	nsShape
	nsStruct
	nsPathTok
	nsPos
	nsText
	nsNbr
	nsTitle
	nsCJK
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashBytes(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hashByte(h uint64, c byte) uint64 {
	h ^= uint64(c)
	h *= fnvPrime
	return h
}

func hashInt(h uint64, v int) uint64 {
	h ^= uint64(v)
	h *= fnvPrime
	return h
}

// mix finalises a hash (splitmix64) so that low bits are well spread.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// sink collects a block's features: bucket indexes and values, and when
// explaining, a human-readable name per feature.
type sink struct {
	mask    uint32
	idx     []uint32
	val     []float32
	names   []string // nil unless explaining
	explain bool
	touch   int16 // scoresQ's prefetch loads end here
}

func (s *sink) reset(explain bool) {
	s.idx = s.idx[:0]
	s.val = s.val[:0]
	s.names = s.names[:0]
	s.explain = explain
}

func (s *sink) add(h uint64, v float32) {
	s.idx = append(s.idx, uint32(mix(h))&s.mask)
	s.val = append(s.val, v)
}

// word adds the unigram of a token hashed h and, when hasPrev, its
// bigram with the token before it, hashed prev. When explaining, the
// features are named after tok, or as the tail window's when tok is nil.
func (s *sink) word(h, prev uint64, hasPrev bool, tok []byte) {
	s.add(hashByte(h, nsUni), 1)
	if s.explain {
		if tok == nil {
			s.names = append(s.names, "word(tail)")
		} else {
			s.names = append(s.names, "word="+string(tok))
		}
	}
	if hasPrev {
		s.add(hashByte(prev*31+h, nsBi), 1)
		if s.explain {
			if tok == nil {
				s.names = append(s.names, "bigram(tail)")
			} else {
				s.names = append(s.names, "bigram=…+"+string(tok))
			}
		}
	}
}

// fkey is a feature key, a namespace and a name, with the hash of both
// computed once, and the finished hashes of its first values: feature
// hashing is a large part of extraction, and most keys are constants with
// small values.
type fkey struct {
	h    uint64 // FNV-1a state after ns and name
	name string
	tab  [keyTab]uint32 // uint32(mix(hashInt(h, n))) for n < keyTab
}

const keyTab = 16

var _ [keyTab - NumClasses]struct{} // featVec reads NumClasses values from tab

func makeKey(h uint64, name string) *fkey {
	k := &fkey{h: h, name: name}
	for n := range keyTab {
		k.tab[n] = uint32(mix(hashInt(h, n)))
	}
	return k
}

func newKey(ns byte, name string) *fkey {
	return makeKey(hashString(hashByte(fnvOffset, ns), name), name)
}

// subKeys returns ns:name[str] (see featSN) for every str, in order.
func subKeys(ns byte, name string, strs []string) []*fkey {
	h := hashString(hashByte(fnvOffset, ns), name)
	out := make([]*fkey, len(strs))
	for i, s := range strs {
		out[i] = makeKey(hashString(hashByte(h, 0), s), name+"["+s+"]")
	}
	return out
}

// feat adds the feature ns:key=n (a bucketed or categorical fact).
func (s *sink) feat(k *fkey, n int, v float32) {
	var m uint32
	if uint(n) < keyTab {
		m = k.tab[n]
	} else {
		m = uint32(mix(hashInt(k.h, n)))
	}
	s.idx = append(s.idx, m&s.mask)
	s.val = append(s.val, v)
	if s.explain {
		s.names = append(s.names, k.name+"="+strconv.Itoa(n))
	}
}

// featVec adds the features ns:key=k with values p[k], for every class k.
func (s *sink) featVec(k *fkey, p *[NumClasses]float32) {
	if s.explain {
		for c := range NumClasses {
			s.feat(k, c, p[c])
		}
		return
	}
	tab := k.tab[:NumClasses]
	for c, v := range p {
		s.idx = append(s.idx, tab[c]&s.mask)
		s.val = append(s.val, v)
	}
}

// featS adds the feature ns:key=str.
func (s *sink) featS(k *fkey, str string, v float32) {
	s.add(hashString(hashByte(k.h, 0), str), v)
	if s.explain {
		s.names = append(s.names, k.name+"="+str)
	}
}

var nbrKey = [...]string{"-2", "-1", "0", "+1", "+2"}

// featSN adds the feature ns:key[str]=n.
func (s *sink) featSN(k *fkey, str string, n int, v float32) {
	s.add(hashInt(hashString(hashByte(k.h, 0), str), n), v)
	if s.explain {
		s.names = append(s.names, k.name+"["+str+"]="+strconv.Itoa(n))
	}
}

// First-pass feature keys.
var (
	kBias = newKey(nsBias, "bias")

	kTokens     = newKey(nsShape, "tokens")
	kRunes      = newKey(nsShape, "runes")
	kPunct      = newKey(nsShape, "punct")
	kDigits     = newKey(nsShape, "digits")
	kLatin      = newKey(nsShape, "latin")
	kArabic     = newKey(nsShape, "arabic")
	kCJK        = newKey(nsShape, "cjk")
	kCyr        = newKey(nsShape, "cyr")
	kUpper      = newKey(nsShape, "upper")
	kShort      = newKey(nsShape, "short")
	kTerm       = newKey(nsShape, "term")
	kTermXLen   = newKey(nsShape, "termxlen")
	kColon      = newKey(nsShape, "colon")
	kStartDigit = newKey(nsShape, "startdigit")
	kPipes      = newKey(nsShape, "pipes")
	kTitleLike  = newKey(nsShape, "titlelike")
	kNumeric    = newKey(nsShape, "numeric")
	kStopwords  = newKey(nsShape, "stopwords")
	kStopXLen   = newKey(nsShape, "stopxlen")

	kIdx     = newKey(nsPos, "idx")
	kOff     = newKey(nsPos, "off")
	kFirst   = newKey(nsPos, "first")
	kLast    = newKey(nsPos, "last")
	kNBlocks = newKey(nsPos, "nblocks")

	kHTML     = newKey(nsText, "html")
	kSplit    = newKey(nsText, "split")
	kBlank    = newKey(nsText, "blank")
	kSameLine = newKey(nsText, "sameline")

	kDocTitle = newKey(nsTitle, "doctitle")

	kTag       = newKey(nsStruct, "tag")
	kHeading   = newKey(nsStruct, "h")
	kFlag      = newKey(nsStruct, "flag")
	kLinkDens  = newKey(nsStruct, "linkdens")
	kLinks     = newKey(nsStruct, "links")
	kRepeat    = newKey(nsStruct, "repeat")
	kDepth     = newKey(nsStruct, "depth")
	kTagXLen   = newKey(nsStruct, "tagxlen")
	kLDXLen    = newKey(nsStruct, "ldxlen")
	kClass     = newKey(nsPathTok, "class")
	kClassPart = newKey(nsPathTok, "classpart")

	kNone    = newKey(nsNbr, "none")
	kNbrTag  = newKey(nsNbr, "nbrtag")
	kNbrLen  = subKeys(nsNbr, "len", nbrKey[:])
	kNbrTerm = subKeys(nsNbr, "term", nbrKey[:])
	kNbrLD   = subKeys(nsNbr, "ld", nbrKey[:])
	kNbrH    = subKeys(nsNbr, "h", nbrKey[:])
)

// blockStats are cheap facts about one block's text.
type blockStats struct {
	runes, letters, digits, punct, spaces      int
	latin, arabic, cjk, cyr, upper, lowerStart int
	tokens, shortTokens, capTokens             int
	last                                       rune
	first                                      rune
	colon, pipes, dateLike                     bool
}

// cjkLow is the lowest rune isCJK accepts (U+0E01, Thai).
const cjkLow = 0xe01

func isCJK(r rune) bool {
	if r < cjkLow {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Thai, r)
}

// Rune classes below lowRunes, taken from package unicode once: most text
// (Latin, Greek, Cyrillic, Arabic, Hebrew) never reaches the range tables.
const (
	clLetter uint8 = 1 << iota
	clUpper
	clDigit
	clMark
	clSpace
	clPunct // punctuation or symbol
)

const lowRunes = 0x800

var lowClass = func() (t [lowRunes]uint8) {
	for r := range rune(lowRunes) {
		var c uint8
		if unicode.IsLetter(r) {
			c |= clLetter
		}
		if unicode.IsUpper(r) {
			c |= clUpper
		}
		if unicode.IsDigit(r) {
			c |= clDigit
		}
		if unicode.IsMark(r) {
			c |= clMark
		}
		if unicode.IsSpace(r) {
			c |= clSpace
		}
		if unicode.IsPunct(r) || unicode.IsSymbol(r) {
			c |= clPunct
		}
		t[r] = c
	}
	return t
}()

// runeClass returns the clXxx bits of r.
func runeClass(r rune) uint8 {
	if r >= 0 && r < lowRunes {
		return lowClass[r]
	}
	var c uint8
	switch {
	case unicode.IsLetter(r):
		c = clLetter
		if unicode.IsUpper(r) {
			c |= clUpper
		}
	case unicode.IsDigit(r):
		c = clDigit
	case unicode.IsMark(r):
		c = clMark
	case unicode.IsSpace(r):
		c = clSpace
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		c = clPunct
	}
	return c
}

func computeStats(text string, st *blockStats) {
	*st = blockStats{}
	inWord := false
	wordRunes := 0
	wordCap := false
	endWord := func() {
		if !inWord {
			return
		}
		st.tokens++
		if wordRunes <= 3 {
			st.shortTokens++
		}
		if wordCap {
			st.capTokens++
		}
		inWord = false
	}
	if len(text) > 0 {
		st.first, _ = utf8.DecodeRuneInString(text)
	}
	for i := 0; i < len(text); {
		// range's decoding, with ASCII and two-byte runes (Latin, Greek,
		// Cyrillic, Arabic, Hebrew) decoded inline
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			if c := text[i]; c >= 0xc2 && c < 0xe0 && i+1 < len(text) && text[i+1]&0xc0 == 0x80 {
				r, size = rune(c&0x1f)<<6|rune(text[i+1]&0x3f), 2
			} else {
				r, size = utf8.DecodeRuneInString(text[i:])
			}
		}
		i += size
		st.runes++
		var cl uint8
		if r < lowRunes {
			cl = lowClass[r] // runeClass, inlined for the common case
		} else {
			cl = runeClass(r)
		}
		switch {
		case cl&clLetter != 0:
			st.letters++
			if !inWord {
				inWord, wordRunes, wordCap = true, 0, cl&clUpper != 0
			}
			wordRunes++
			switch {
			case r < 0x250:
				st.latin++
				if cl&clUpper != 0 {
					st.upper++
				}
			case r >= 0x600 && r <= 0x6ff, r >= 0xfb50 && r <= 0xfeff:
				st.arabic++
			case r >= 0x400 && r <= 0x4ff:
				st.cyr++
				if cl&clUpper != 0 {
					st.upper++
				}
			case r >= lowRunes && isCJK(r):
				st.cjk++
			}
		case cl&clDigit != 0:
			st.digits++
			if !inWord {
				inWord, wordRunes, wordCap = true, 0, false
			}
			wordRunes++
		case cl&clMark != 0, r == 0x200c:
			// part of the word
		case cl&clSpace != 0:
			endWord()
			st.spaces++
		default:
			endWord()
			if cl&clPunct != 0 {
				st.punct++
			}
			switch r {
			case ':', '：':
				st.colon = true
			case '|', '/', '»', '«', '·', '•':
				st.pipes = true
			}
		}
		st.last = r
	}
	endWord()
}

// bucket helpers

func log2b(n int) int {
	if n <= 0 {
		return 0
	}
	return bits.Len(uint(n))
}

func shareB(part, whole int) int {
	if whole == 0 {
		return -1
	}
	f := float64(part) / float64(whole)
	switch {
	case f == 0:
		return 0
	case f < 0.05:
		return 1
	case f < 0.15:
		return 2
	case f < 0.3:
		return 3
	case f < 0.5:
		return 4
	case f < 0.8:
		return 5
	case f < 1:
		return 6
	}
	return 7
}

func termClass(r rune) int {
	switch r {
	case '.', '。', '؛', ';', '!', '！', '…':
		return 1
	case '?', '؟', '？':
		return 2
	case ':', '：':
		return 3
	case ')', ']', '»', '"', '”', '’', '\'':
		return 4
	case ',', '،', '，':
		return 5
	}
	switch {
	case unicode.IsDigit(r):
		return 6
	case unicode.IsLetter(r):
		return 7
	}
	return 8
}

func linkDens(b *segment.Block) int {
	n := b.End - b.Start
	if n <= 0 || b.LinkBytes <= 0 {
		return 0
	}
	f := float64(b.LinkBytes) / float64(n)
	switch {
	case f < 0.1:
		return 1
	case f < 0.3:
		return 2
	case f < 0.5:
		return 3
	case f < 0.8:
		return 4
	case f < 0.999:
		return 5
	}
	return 6
}

func countB(n int) int {
	switch {
	case n <= 3:
		return n
	case n <= 5:
		return 4
	case n <= 10:
		return 5
	case n <= 20:
		return 6
	}
	return 7
}

func decile(i, n int) int {
	if n <= 1 {
		return 0
	}
	return min(9, i*10/n)
}

// extractor holds per-call scratch for feature extraction. It is not safe
// for concurrent use; Predict makes one per call.
type extractor struct {
	groups int
	stop   *token.Stopwords // nil: no stop-word features
	s      sink
	it     token.Iter
	fold   []byte
	ring   [16]uint64 // last tokens' hashes, for the tail window
	ringN  int
	nstop  int // stop words among the block's tokens
	ntok   int
	stats  []blockStats
	titleC []byte // collapsed lower-cased document title
	coll   []byte

	// the class and id token features of the last block structure saw
	// (pathIdx holds the features of pathToks under pathMask; both are
	// empty to start with, as for a block without class or id tokens)
	pathToks []string
	pathMask uint32
	pathIdx  []uint32
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
		b := &doc.Blocks[i]
		computeStats(doc.Text[b.Start:b.End], &x.stats[i])
	}
	x.titleC = collapseLower(x.titleC[:0], doc.Title)
}

// collapseLower appends s lower-cased with runs of white space collapsed
// to one space and trimmed.
func collapseLower(dst []byte, s string) []byte {
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return collapseLowerRunes(dst, s[i:], space)
		}
		switch {
		case c == ' ' || c-'\t' <= '\r'-'\t':
			space = len(dst) > 0
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = append(dst, c)
	}
	return dst
}

// collapseLowerRunes is collapseLower past the first non-ASCII byte, with
// space telling whether white space is pending.
func collapseLowerRunes(dst []byte, s string, space bool) []byte {
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = len(dst) > 0
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// foldToken normalises a token for hashing: Arabic yeh and kaf to their
// Persian forms, every digit to '0', ZWNJ, tatweel and harakat dropped.
// Tokens from token.Iter already carry every fold but the digit one, so the
// common case (no digit, nothing to fold) returns tok itself.
func foldToken(dst, tok []byte) []byte {
	i := 0
	for i < len(tok) {
		c := tok[i]
		if c < utf8.RuneSelf {
			if c >= '0' && c <= '9' {
				break
			}
			i++
			continue
		}
		if c >= 0xd8 && c <= 0xdb && i+1 < len(tok) && tok[i+1]&0xc0 == 0x80 {
			// U+0600-U+06FF, two bytes
			if r := rune(c&0x1f)<<6 | rune(tok[i+1]&0x3f); arabicFolds[r-0x600] {
				break
			}
			i += 2
			continue
		}
		r, n := utf8.DecodeRune(tok[i:])
		if r == utf8.RuneError && n == 1 {
			break // re-encoded as U+FFFD
		}
		if f, keep := foldRune(r); f != r || !keep {
			break
		}
		i += n
	}
	if i == len(tok) {
		return tok
	}
	dst = append(dst[:0], tok[:i]...)
	for i < len(tok) {
		c := tok[i]
		if c < utf8.RuneSelf {
			if c >= '0' && c <= '9' {
				c = '0'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(tok[i:])
		i += n
		if f, keep := foldRune(r); keep {
			dst = utf8.AppendRune(dst, f)
		}
	}
	return dst
}

// arabicFolds tells which runes of U+0600-U+06FF foldRune changes or
// drops.
var arabicFolds = func() (t [0x100]bool) {
	for i := range t {
		r := rune(0x600 + i)
		f, keep := foldRune(r)
		t[i] = f != r || !keep
	}
	return t
}()

// foldRune is foldToken's fold of one non-ASCII rune, and whether it is
// kept.
func foldRune(r rune) (rune, bool) {
	switch {
	case r == 'ي' || r == 'ى':
		return 'ی', true
	case r == 'ك':
		return 'ک', true
	case r == 'ة':
		return 'ه', true
	case r == 'أ' || r == 'إ' || r == 'ٱ':
		return 'ا', true
	case r == 0x200c || r == 0x200d || r == 0x640 || (r >= 0x64b && r <= 0x652):
		return r, false
	case r < lowRunes:
		if lowClass[r]&clDigit != 0 {
			return '0', true
		}
	case unicode.IsDigit(r):
		return '0', true
	}
	return r, true
}

// tokens adds the block's token unigrams and bigrams (and character
// bigrams for scripts written without spaces): the first headTokens, and
// the last tailTokens past them.
func (x *extractor) tokens(text string) {
	s := &x.s
	start := len(s.idx)
	x.it.Reset(text)
	n := 0
	x.ringN = 0
	var prev uint64
	hasPrev := false
	x.nstop, x.ntok = 0, 0
	for x.it.Next() {
		tok := x.it.Token()
		x.ntok++
		if x.stop.Contains(tok) {
			x.nstop++
		}
		f := foldToken(x.fold, tok)
		if len(f) > 0 && &f[0] != &tok[0] {
			x.fold = f
		}
		if len(f) > 0 && f[0] >= utf8.RuneSelf {
			if r, _ := utf8.DecodeRune(f); isCJK(r) && utf8.RuneCount(f) > 2 {
				// character bigrams
				for i := 0; i < len(f); {
					_, n1 := utf8.DecodeRune(f[i:])
					if i+n1 >= len(f) {
						break
					}
					_, n2 := utf8.DecodeRune(f[i+n1:])
					if n < headTokens {
						g := f[i : i+n1+n2]
						h := hashBytes(hashByte(fnvOffset, nsCJK), g)
						s.word(h, prev, hasPrev, g)
						prev, hasPrev = h, true
					}
					n++
					i += n1
				}
				continue
			}
		}
		h := hashBytes(fnvOffset, f)
		if n < headTokens {
			s.word(h, prev, hasPrev, f)
			prev, hasPrev = h, true
		} else {
			x.ring[x.ringN%tailTokens] = h
			x.ringN++
		}
		n++
	}
	// the tail window: the last tailTokens tokens beyond the head
	if x.ringN > 0 {
		k := min(x.ringN, tailTokens)
		hasPrev = false
		for j := x.ringN - k; j < x.ringN; j++ {
			h := x.ring[j%tailTokens]
			s.word(h, prev, hasPrev, nil)
			prev, hasPrev = h, true
		}
	}
	if m := len(s.idx) - start; m > 0 {
		v := float32(1 / math.Sqrt(float64(m)))
		for j := start; j < len(s.val); j++ {
			s.val[j] = v
		}
	}
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
	s.feat(kTerm, termClass(st.last), 1)
	s.feat(kTermXLen, termClass(st.last)*16+log2b(st.tokens), 1)
	if st.colon {
		s.feat(kColon, log2b(st.tokens), 1)
	}
	if unicode.IsDigit(st.first) {
		s.feat(kStartDigit, 1, 1)
	}
	if st.pipes {
		s.feat(kPipes, log2b(st.tokens), 1)
	}
	if st.tokens >= 3 && st.tokens <= 25 && termClass(st.last) != 1 {
		s.feat(kTitleLike, shareB(st.capTokens, st.tokens), 1)
	}
	if st.tokens > 0 && st.digits*3 >= st.letters {
		s.feat(kNumeric, log2b(st.tokens), 1)
	}
}

func (x *extractor) structure(b *segment.Block) {
	s := &x.s
	st := b.Tag
	if st == "" {
		return
	}
	s.featS(kTag, st, 1)
	if b.Heading > 0 {
		s.feat(kHeading, b.Heading, 1)
	}
	for f := 0; f < 16; f++ {
		if b.Flags&(1<<f) != 0 {
			s.feat(kFlag, f, 1)
		}
	}
	ld := linkDens(b)
	s.feat(kLinkDens, ld, 1)
	s.feat(kLinks, countB(b.Links), 1)
	s.feat(kRepeat, countB(b.Repeat), 1)
	s.feat(kDepth, log2b(b.Depth), 1)
	toks := b.PathTokens[:min(len(b.PathTokens), maxPathTokens)]
	if !s.explain && s.mask == x.pathMask && slices.Equal(toks, x.pathToks) {
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
		if strings.ContainsAny(p, "-_") {
			// the parts between '-' and '_' (strings.FieldsFunc without
			// the allocation)
			for len(p) > 0 {
				i := strings.IndexAny(p, "-_")
				part := p
				if i >= 0 {
					part, p = p[:i], p[i+1:]
				} else {
					p = ""
				}
				if len(part) >= 2 {
					s.featS(kClassPart, part, 0.5)
				}
			}
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
		x.tokens(text)
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
			if b.BlankBefore {
				s.feat(kBlank, 1, 1)
			}
			if i > 0 && doc.Blocks[i-1].Line == b.Line {
				s.feat(kSameLine, 1, 1)
			}
		}
		if len(x.titleC) > 0 && st.runes >= 8 && st.runes <= 400 {
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
		x.structure(b)
		tl := log2b(st.tokens)
		s.featSN(kTagXLen, b.Tag, tl, 1)
		s.feat(kLDXLen, linkDens(b)*16+tl, 1)
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
			s.feat(kNbrTerm[d+2], termClass(ns.last), 1)
			if nb.Tag != "" {
				s.feat(kNbrLD[d+2], linkDens(nb), 1)
				s.featSN(kNbrTag, nb.Tag, d, 1)
				if nb.Heading > 0 {
					s.feat(kNbrH[d+2], nb.Heading, 1)
				}
			}
		}
	}
}
