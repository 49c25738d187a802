package model

import (
	"bytes"
	"math"
	"math/bits"
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

// feat adds the feature ns:key=n (a bucketed or categorical fact).
func (s *sink) feat(ns byte, key string, n int, v float32) {
	h := hashByte(fnvOffset, ns)
	h = hashString(h, key)
	h = hashInt(h, n)
	s.add(h, v)
	if s.explain {
		s.names = append(s.names, key+"="+strconv.Itoa(n))
	}
}

// featS adds the feature ns:key=str.
func (s *sink) featS(ns byte, key, str string, v float32) {
	h := hashByte(fnvOffset, ns)
	h = hashString(h, key)
	h = hashByte(h, 0)
	h = hashString(h, str)
	s.add(h, v)
	if s.explain {
		s.names = append(s.names, key+"="+str)
	}
}

var nbrKey = [...]string{"-2", "-1", "0", "+1", "+2"}

// featSN adds the feature ns:key[str]=n.
func (s *sink) featSN(ns byte, key, str string, n int, v float32) {
	h := hashByte(fnvOffset, ns)
	h = hashString(h, key)
	h = hashByte(h, 0)
	h = hashString(h, str)
	h = hashInt(h, n)
	s.add(h, v)
	if s.explain {
		s.names = append(s.names, key+"["+str+"]="+strconv.Itoa(n))
	}
}

// blockStats are cheap facts about one block's text.
type blockStats struct {
	runes, letters, digits, punct, spaces      int
	latin, arabic, cjk, cyr, upper, lowerStart int
	tokens, shortTokens, capTokens             int
	last                                       rune
	first                                      rune
	colon, pipes, dateLike                     bool
}

func isCJK(r rune) bool {
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
	for i, r := range text {
		if i == 0 {
			st.first = r
		}
		st.runes++
		cl := runeClass(r)
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
// common case (ASCII without digits, or letters only) returns tok itself.
func foldToken(dst, tok []byte) []byte {
	plain := true
	for _, c := range tok {
		if c >= utf8.RuneSelf || (c >= '0' && c <= '9') {
			plain = false
			break
		}
	}
	if plain {
		return tok
	}
	dst = dst[:0]
	for i := 0; i < len(tok); {
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
		switch {
		case r == 'ي' || r == 'ى':
			r = 'ی'
		case r == 'ك':
			r = 'ک'
		case r == 'ة':
			r = 'ه'
		case r == 'أ' || r == 'إ' || r == 'ٱ':
			r = 'ا'
		case r == 0x200c || r == 0x200d || r == 0x640 || (r >= 0x64b && r <= 0x652):
			continue
		case unicode.IsDigit(r):
			r = '0'
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// tokens adds the block's token unigrams and bigrams (and character
// bigrams for scripts written without spaces).
func (x *extractor) tokens(text string) {
	s := &x.s
	start := len(s.idx)
	x.it.Reset(text)
	n := 0
	x.ringN = 0
	var prev uint64
	hasPrev := false
	emit := func(h uint64, name []byte) {
		// unigram
		s.add(hashByte(h, nsUni), 1)
		if s.explain {
			s.names = append(s.names, "word="+string(name))
		}
		if hasPrev {
			s.add(hashByte(prev*31+h, nsBi), 1)
			if s.explain {
				s.names = append(s.names, "bigram=…+"+string(name))
			}
		}
		prev, hasPrev = h, true
	}
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
		r, _ := utf8.DecodeRune(f)
		if isCJK(r) && utf8.RuneCount(f) > 2 {
			// character bigrams
			for i := 0; i < len(f); {
				_, n1 := utf8.DecodeRune(f[i:])
				if i+n1 >= len(f) {
					break
				}
				_, n2 := utf8.DecodeRune(f[i+n1:])
				if n < headTokens {
					emit(hashBytes(hashByte(fnvOffset, nsCJK), f[i:i+n1+n2]), f[i:i+n1+n2])
				}
				n++
				i += n1
			}
			continue
		}
		h := hashBytes(fnvOffset, f)
		if n < headTokens {
			emit(h, f)
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
			s.add(hashByte(h, nsUni), 1)
			if s.explain {
				s.names = append(s.names, "word(tail)")
			}
			if hasPrev {
				s.add(hashByte(prev*31+h, nsBi), 1)
				if s.explain {
					s.names = append(s.names, "bigram(tail)")
				}
			}
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
	s.feat(nsShape, "tokens", log2b(st.tokens), 1)
	s.feat(nsShape, "runes", log2b(st.runes), 1)
	s.feat(nsShape, "punct", shareB(st.punct, st.runes), 1)
	s.feat(nsShape, "digits", shareB(st.digits, st.letters+st.digits), 1)
	s.feat(nsShape, "latin", shareB(st.latin, st.letters), 1)
	s.feat(nsShape, "arabic", shareB(st.arabic, st.letters), 1)
	s.feat(nsShape, "cjk", shareB(st.cjk, st.letters), 1)
	s.feat(nsShape, "cyr", shareB(st.cyr, st.letters), 1)
	s.feat(nsShape, "upper", shareB(st.upper, st.latin+st.cyr), 1)
	s.feat(nsShape, "short", shareB(st.shortTokens, st.tokens), 1)
	s.feat(nsShape, "term", termClass(st.last), 1)
	s.feat(nsShape, "termxlen", termClass(st.last)*16+log2b(st.tokens), 1)
	if st.colon {
		s.feat(nsShape, "colon", log2b(st.tokens), 1)
	}
	if unicode.IsDigit(st.first) {
		s.feat(nsShape, "startdigit", 1, 1)
	}
	if st.pipes {
		s.feat(nsShape, "pipes", log2b(st.tokens), 1)
	}
	if st.tokens >= 3 && st.tokens <= 25 && termClass(st.last) != 1 {
		s.feat(nsShape, "titlelike", shareB(st.capTokens, st.tokens), 1)
	}
	if st.tokens > 0 && st.digits*3 >= st.letters {
		s.feat(nsShape, "numeric", log2b(st.tokens), 1)
	}
}

func (x *extractor) structure(b *segment.Block) {
	s := &x.s
	st := b.Tag
	if st == "" {
		return
	}
	s.featS(nsStruct, "tag", st, 1)
	if b.Heading > 0 {
		s.feat(nsStruct, "h", b.Heading, 1)
	}
	for f := 0; f < 16; f++ {
		if b.Flags&(1<<f) != 0 {
			s.feat(nsStruct, "flag", f, 1)
		}
	}
	ld := linkDens(b)
	s.feat(nsStruct, "linkdens", ld, 1)
	s.feat(nsStruct, "links", countB(b.Links), 1)
	s.feat(nsStruct, "repeat", countB(b.Repeat), 1)
	s.feat(nsStruct, "depth", log2b(b.Depth), 1)
	n := 0
	for _, p := range b.PathTokens {
		if n >= 16 {
			break
		}
		s.featS(nsPathTok, "class", p, 0.5)
		n++
		if strings.ContainsAny(p, "-_") {
			for _, part := range strings.FieldsFunc(p, func(r rune) bool { return r == '-' || r == '_' }) {
				if len(part) >= 2 {
					s.featS(nsPathTok, "classpart", part, 0.5)
				}
			}
		}
	}
}

// block extracts every feature of block i into x.s.
func (x *extractor) block(doc *segment.Doc, i int, explain bool) {
	x.s.reset(explain)
	s := &x.s
	b := &doc.Blocks[i]
	st := &x.stats[i]
	text := doc.Text[b.Start:b.End]
	s.feat(nsBias, "bias", 0, 1)
	if x.groups&groupTokens != 0 {
		x.tokens(text)
	}
	if x.groups&groupShape != 0 {
		x.shape(st)
		if x.groups&groupTokens != 0 && x.stop != nil && x.ntok > 0 {
			s.feat(nsShape, "stopwords", shareB(x.nstop, x.ntok), 1)
			s.feat(nsShape, "stopxlen", shareB(x.nstop, x.ntok)*16+log2b(x.ntok), 1)
		}
		nb := len(doc.Blocks)
		s.feat(nsPos, "idx", decile(i, nb), 1)
		s.feat(nsPos, "off", decile(b.Start, len(doc.Text)), 1)
		if i == 0 {
			s.feat(nsPos, "first", 1, 1)
		}
		if i == nb-1 {
			s.feat(nsPos, "last", 1, 1)
		}
		s.feat(nsPos, "nblocks", log2b(nb), 1)
		if doc.HTML {
			s.feat(nsText, "html", 1, 1)
		} else {
			s.feat(nsText, "split", int(b.Split), 1)
			if b.BlankBefore {
				s.feat(nsText, "blank", 1, 1)
			}
			if i > 0 && doc.Blocks[i-1].Line == b.Line {
				s.feat(nsText, "sameline", 1, 1)
			}
		}
		if len(x.titleC) > 0 && st.runes >= 8 && st.runes <= 400 {
			x.coll = collapseLower(x.coll[:0], text)
			c := x.coll
			switch {
			case bytes.Equal(c, x.titleC):
				s.feat(nsTitle, "doctitle", 2, 1)
			case bytes.Contains(x.titleC, c):
				s.feat(nsTitle, "doctitle", 1, 1)
			case bytes.Contains(c, x.titleC):
				s.feat(nsTitle, "doctitle", 3, 1)
			}
		}
	}
	if x.groups&groupStruct != 0 && b.Tag != "" {
		x.structure(b)
		tl := log2b(st.tokens)
		s.featSN(nsStruct, "tagxlen", b.Tag, tl, 1)
		s.feat(nsStruct, "ldxlen", linkDens(b)*16+tl, 1)
	}
	if x.groups&groupContext != 0 {
		for _, d := range [...]int{-2, -1, 1, 2} {
			j := i + d
			if j < 0 || j >= len(doc.Blocks) {
				s.feat(nsNbr, "none", d, 1)
				continue
			}
			ns := &x.stats[j]
			nb := &doc.Blocks[j]
			s.featSN(nsNbr, "len", nbrKey[d+2], log2b(ns.tokens), 1)
			s.featSN(nsNbr, "term", nbrKey[d+2], termClass(ns.last), 1)
			if nb.Tag != "" {
				s.featSN(nsNbr, "ld", nbrKey[d+2], linkDens(nb), 1)
				s.featSN(nsNbr, "nbrtag", nb.Tag, d, 1)
				if nb.Heading > 0 {
					s.featSN(nsNbr, "h", nbrKey[d+2], nb.Heading, 1)
				}
			}
		}
	}
}
