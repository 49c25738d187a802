package token

//go:generate go run gen_arabic.go
//go:generate go test -run TestStaticTables -gen-tables .

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// class is what a folded rune does to tokens.
type class uint8

// The numbers of cPunct, cIgnore, cDigit and cArabic are also in
// gen_arabic.go.
const (
	cPunct     class = iota // punctuation, symbols, anything else: ends a token, kept by Normalize
	cSpace                  // horizontal white space and control characters
	cBreak                  // line break
	cIgnore                 // removed: format characters (ZWNJ, ZWJ, bidi marks), ¬, Arabic diacritics, tatweel
	cMark                   // combining mark that is kept: continues a token
	cDigit                  // decimal digit, folded to ASCII
	cLetter                 // letter of a script written with spaces, lower-cased
	cArabic                 // letter of the Arabic script, folded to its Persian form
	cSpaceless              // letter of a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar)
)

// isToken reports whether c starts a token.
func (c class) isToken() bool { return c >= cDigit }

// maxExpansion bounds the runes a single source rune expands to under
// NFKC (U+FDFA has 18).
const maxExpansion = 32

// asciiClass is the class of each ASCII byte.
const asciiClass = "" +
	"\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x02\x02\x02\x02\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" +
	"\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x05\x05\x05\x05\x05\x05\x05\x05\x05\x05\x00\x00\x00\x00\x00\x00" +
	"\x00\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x00\x00\x00\x00\x00" +
	"\x00\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x06\x00\x00\x00\x00\x01"

// asciiFold folds an ASCII byte.
func asciiFold(b byte) (rune, class) {
	c := class(asciiClass[b&0x7f])
	switch c {
	case cLetter:
		return rune(b | 0x20), c
	case cSpace:
		return ' ', c
	case cBreak:
		return '\n', c
	}
	return rune(b), c
}

// arabicFold folds a rune of U+0600–U+08FF with the generated table.
func arabicFold(r rune) (rune, class) {
	i := 2 * int(r-0x0600)
	v := uint16(arabicTable[i])<<8 | uint16(arabicTable[i+1])
	c := class(v >> 12)
	p := rune(v & 0xfff)
	if c == cDigit {
		return '0' + p, cDigit
	}
	return 0x0600 + p, c
}

// lowFold holds what the reader makes of each two-byte rune below the
// Arabic block (U+0080–U+05FF: Latin-1 and Latin Extended, Greek,
// Cyrillic, Armenian, Hebrew), so that text in those scripts folds by a
// look-up instead of package unicode's range searches: entry r−0x80 is
// foldSimple(r) as the folded rune shifted left by 8 and the class, or
// lowFoldNFKC when NFKC changes r (the reader expands those).
var lowFold = func() (t [lowFoldEnd - 0x80]uint32) {
	fillFold(t[:], 0x80)
	return t
}()

// fillFold fills t with the packed fold of the runes from lo on: entry
// r−lo is foldSimple(r), the folded rune shifted left by 8 and the class,
// or lowFoldNFKC when NFKC changes r.
func fillFold(t []uint32, lo rune) {
	var buf [4]byte
	for i := range t {
		r := lo + rune(i)
		n := utf8.EncodeRune(buf[:], r)
		if needsNFKC(r, string(buf[:n])) {
			t[i] = lowFoldNFKC
			continue
		}
		f, c := foldSimple(r)
		t[i] = uint32(f)<<8 | uint32(c)
	}
}

const (
	lowFoldEnd  = 0x0600
	lowFoldNFKC = 0xff
)

// lowFoldAt folds the two-byte rune below the Arabic block that starts
// s[i] by lowFold; ok is false when s[i] starts no such rune, or NFKC
// changes it.
func lowFoldAt(s string, i int) (r rune, c class, ok bool) {
	b := s[i]
	if b < 0xC2 || b >= 0xD8 || i+1 >= len(s) || s[i+1]&0xC0 != 0x80 {
		return 0, 0, false
	}
	v := lowFold[(rune(b&0x1F)<<6|rune(s[i+1]&0x3F))-0x80]
	return rune(v >> 8), class(v), v != lowFoldNFKC
}

// punctFold is lowFold for the General Punctuation block and the
// superscripts after it (U+2000–U+207F: the spaces, ZWNJ and ZWJ of
// Persian text, dashes, quotes, ellipses): entry r−0x2000 is foldSimple(r)
// packed as in lowFold, or lowFoldNFKC when NFKC changes r. Package
// unicode's range searches for ZWNJ, the commonest of them, were a few per
// cent of reading Persian text.
var punctFold = func() (t [punctFoldEnd - punctFoldStart]uint32) {
	fillFold(t[:], punctFoldStart)
	return t
}()

const (
	punctFoldStart = 0x2000
	punctFoldEnd   = 0x2080
)

// tableFoldAt folds the three-byte rune that starts s[i] by t, a fold
// table (fillFold), of a power of two entries, of the runes whose first
// byte is lead and whose second is 0x80 to 0x80+len(t)/64-1: punctFold (U+2000–U+207F, E2 80 xx and E2
// 81 xx) and kanaFold (U+3000–U+30FF, E3 80 xx to E3 83 xx). ok is false
// when s[i] starts no such rune, or NFKC changes it.
func tableFoldAt(s string, i int, lead byte, t []uint32) (r rune, c class, ok bool) {
	if s[i] != lead || i+2 >= len(s) || uint(s[i+1])-0x80 >= uint(len(t)>>6) || s[i+2]&0xC0 != 0x80 {
		return 0, 0, false
	}
	// (t's length is a power of two: the mask keeps the index the test
	// above bounds, and spares the bounds check)
	v := t[(uint(s[i+1])<<6|uint(s[i+2]&0x3F))&uint(len(t)-1)]
	return rune(v >> 8), class(v), v != lowFoldNFKC
}

// kanaFold is punctFold for the CJK Symbols and Punctuation, Hiragana and
// Katakana blocks (U+3000–U+30FF: 、。「」 and kana, three bytes, E3 80 xx
// to E3 83 xx).
var kanaFold = func() (t [0x100]uint32) {
	fillFold(t[:], 0x3000)
	return t
}()

// ideographAt decodes the rune of the CJK Unified Ideographs block
// (U+4E00–U+9FFF: three bytes, E4 B8 80 to E9 BF BF) that starts s[i];
// ok is false when s[i] starts no such rune. Those runes are letters of a
// spaceless script that NFKC leaves alone, what foldSimple returns first
// for them; decoding them in the general case was a tenth of reading
// Chinese text.
func ideographAt(s string, i int) (rune, bool) {
	b := s[i]
	if b < 0xE4 || b > 0xE9 || i+2 >= len(s) || s[i+1]&0xC0 != 0x80 || s[i+2]&0xC0 != 0x80 || b == 0xE4 && s[i+1] < 0xB8 {
		return 0, false
	}
	return rune(b&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), true
}

// compatBits marks the BMP runes that NFKC changes (read-only): the table
// buildCompatBits makes, stored in static_tables.go so that a process does
// not build it on its first non-ASCII rune (TestStaticTables checks it).
func compatBits() *[0x10000 / 64]uint64 { return &compatTable }

// buildCompatBits computes compatBits from package norm.
func buildCompatBits() *[0x10000 / 64]uint64 {
	var bits [0x10000 / 64]uint64
	var buf [4]byte
	var ni norm.Iter
	for r := rune(0x80); r < 0x10000; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		n := utf8.EncodeRune(buf[:], r)
		if norm.NFKC.Properties(buf[:n]).Decomposition() == nil {
			continue
		}
		// NFKC changes r unless it gives back exactly its bytes. The
		// iterator must be drained: it keeps state across segments.
		ni.Init(norm.NFKC, buf[:n])
		same, total := true, 0
		for !ni.Done() {
			seg := ni.Next()
			if total+len(seg) > n || string(seg) != string(buf[total:total+len(seg)]) {
				same = false
			}
			total += len(seg)
		}
		if !same || total != n {
			bits[r/64] |= 1 << (r % 64)
		}
	}
	return &bits
}

// needsNFKC reports whether NFKC changes the rune r encoded as src.
func needsNFKC(r rune, src string) bool {
	if r < 0x10000 {
		return compatBits()[r/64]&(1<<(r%64)) != 0
	}
	p := norm.NFKC.PropertiesString(src)
	return p.Decomposition() != nil && !norm.NFKC.IsNormalString(src)
}

// foldSimple folds one rune, without NFKC: case, Arabic letters, digits,
// and the class.
func foldSimple(r rune) (rune, class) {
	if r < utf8.RuneSelf {
		return asciiFold(byte(r))
	}
	if r >= 0x0600 && r < 0x0900 {
		return arabicFold(r)
	}
	switch {
	case r >= 0x4E00 && r <= 0x9FFF: // CJK Unified Ideographs, all letters
		return r, cSpaceless
	case r >= 0xAC00 && r <= 0xD7A3: // Hangul syllables, uncased letters
		return r, cLetter
	case r == 0xAC: // ¬, the half-space of old Persian encodings: a ZWNJ
		return r, cIgnore
	case unicode.IsLetter(r):
		r = unicode.ToLower(r)
		if r == 'ς' {
			r = 'σ'
		}
		if spaceless(r) {
			return r, cSpaceless
		}
		return r, cLetter
	case unicode.IsDigit(r):
		return '0' + digitValue(r), cDigit
	case unicode.IsMark(r):
		return r, cMark
	case r == 0x85 || r == 0x2028 || r == 0x2029:
		return '\n', cBreak
	case unicode.IsSpace(r):
		return ' ', cSpace
	case unicode.Is(unicode.Cf, r):
		return r, cIgnore
	case r < 0xA0: // C1 controls
		return ' ', cSpace
	case unicode.Is(unicode.Nl, r): // letter numbers: 〇, runic
		if spaceless(r) {
			return r, cSpaceless
		}
		return r, cLetter
	}
	return r, cPunct
}

// spaceless reports whether r belongs to a script written without spaces
// between words: Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar.
func spaceless(r rune) bool {
	switch {
	case r < 0x0E00:
		return false
	case r <= 0x0EFF: // Thai, Lao
		return true
	case r >= 0x1000 && r <= 0x109F: // Myanmar
		return true
	case r >= 0x1780 && r <= 0x17FF: // Khmer
		return true
	case r < 0x2E80:
		return false
	case r >= 0x3040 && r <= 0x30FF: // Hiragana, Katakana
		return true
	case r >= 0x31F0 && r <= 0x31FF: // Katakana extensions
		return true
	case r >= 0xA9E0 && r <= 0xA9FF, r >= 0xAA60 && r <= 0xAA7F: // Myanmar extensions
		return true
	case r >= 0x1B000 && r <= 0x1B16F: // Kana supplement and extensions
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// digitValue returns the value of the decimal digit r (category Nd).
// Unicode encodes every decimal digit set as ten consecutive code points,
// and the ranges of unicode.Nd are made of whole sets.
func digitValue(r rune) rune {
	if r < 0x10000 {
		for _, rg := range unicode.Nd.R16 {
			if r < rune(rg.Lo) {
				break
			}
			if r <= rune(rg.Hi) {
				return (r - rune(rg.Lo)) % 10
			}
		}
		return 0
	}
	for _, rg := range unicode.Nd.R32 {
		if r < rune(rg.Lo) {
			break
		}
		if r <= rune(rg.Hi) {
			return (r - rune(rg.Lo)) % 10
		}
	}
	return 0
}

// reader reads the folded runes of a string. Each folded rune carries the
// byte span of the source rune it came from; the runes of one NFKC
// expansion (ﷺ, ㍿, ½) share their source rune's span.
type reader struct {
	s   string
	pos int // start of the next source rune not yet consumed

	// the peeked rune
	peeked     bool
	r          rune
	c          class
	start, end int

	// expansion queue
	q            [maxExpansion]rune
	qc           [maxExpansion]class
	qi, qn       int
	qStart, qEnd int
	scratch      []byte
	ni           *norm.Iter // allocated on first use
}

// normIter returns the reader's norm.Iter, allocating it on first use.
func (rd *reader) normIter() *norm.Iter {
	if rd.ni == nil {
		rd.ni = new(norm.Iter)
	}
	return rd.ni
}

func (rd *reader) reset(s string) {
	rd.s, rd.pos, rd.peeked, rd.qi, rd.qn = s, 0, false, 0, 0
}

// peek makes the next folded rune current without consuming it and
// reports whether there is one.
func (rd *reader) peek() bool {
	if rd.peeked {
		return true
	}
	if rd.qi < rd.qn {
		rd.r, rd.c, rd.start, rd.end = rd.q[rd.qi], rd.qc[rd.qi], rd.qStart, rd.qEnd
		rd.peeked = true
		return true
	}
	if rd.pos >= len(rd.s) {
		return false
	}
	rd.start = rd.pos
	// the common cases by table, without decoding the rune: ASCII, two-byte
	// runes below the Arabic block (lowFold), the Arabic block
	// (U+0600–U+06FF, what the general case below does for it), General
	// Punctuation (punctFold), the CJK ideographs (ideographAt) and CJK
	// punctuation and kana (kanaFold)
	n := 0
	if b := rd.s[rd.pos]; b < utf8.RuneSelf {
		rd.r, rd.c = asciiFold(b)
		n = 1
	} else if r, c, ok := lowFoldAt(rd.s, rd.pos); ok {
		rd.r, rd.c, n = r, c, 2
	} else if b >= 0xD8 && b <= 0xDB && rd.pos+1 < len(rd.s) && rd.s[rd.pos+1]&0xC0 == 0x80 {
		rd.r, rd.c = arabicFold(rune(b&0x1F)<<6 | rune(rd.s[rd.pos+1]&0x3F))
		n = 2
	} else if r, c, ok := tableFoldAt(rd.s, rd.pos, 0xE2, punctFold[:]); ok {
		rd.r, rd.c, n = r, c, 3
	} else if r, ok := ideographAt(rd.s, rd.pos); ok {
		rd.r, rd.c, n = r, cSpaceless, 3
	} else if r, c, ok := tableFoldAt(rd.s, rd.pos, 0xE3, kanaFold[:]); ok {
		rd.r, rd.c, n = r, c, 3
	}
	if n > 0 {
		rd.end = rd.pos + n
		rd.peeked = true
		return true
	}
	r, n := utf8.DecodeRuneInString(rd.s[rd.pos:])
	rd.end = rd.pos + n
	rd.peeked = true
	if r >= 0x0600 && r < 0x0900 {
		rd.r, rd.c = arabicFold(r)
		return true
	}
	if r >= 0xFF01 && r <= 0xFF5E { // full-width ASCII: NFKC without the expansion
		rd.r, rd.c = asciiFold(byte(r - 0xFEE0))
		return true
	}
	if r == utf8.RuneError || !needsNFKC(r, rd.s[rd.pos:rd.end]) {
		rd.r, rd.c = foldSimple(r)
		return true
	}
	rd.expand(rd.s[rd.pos:rd.end])
	rd.r, rd.c, rd.start, rd.end = rd.q[0], rd.qc[0], rd.qStart, rd.qEnd
	return true
}

// expand fills the queue with the folded NFKC expansion of the source rune
// src. An expansion that contains a letter or digit keeps only its token
// runes (½ → 12, ﷺ → one word), so that it never splits into a token and
// punctuation; an expansion that folds to nothing becomes one ignorable rune.
func (rd *reader) expand(src string) {
	ni := rd.normIter()
	ni.InitString(norm.NFKC, src)
	out := rd.scratch[:0]
	for !ni.Done() {
		out = append(out, ni.Next()...)
	}
	rd.scratch = out
	rd.qStart, rd.qEnd = rd.pos, rd.pos+len(src)
	n, tok := 0, false
	for i := 0; i < len(out) && n < maxExpansion; {
		r, w := utf8.DecodeRune(out[i:])
		i += w
		f, c := foldSimple(r)
		if c == cIgnore {
			continue
		}
		rd.q[n], rd.qc[n] = f, c
		tok = tok || c.isToken()
		n++
	}
	if tok {
		k := 0
		for i := range n {
			if rd.qc[i].isToken() || rd.qc[i] == cMark {
				rd.q[k], rd.qc[k] = rd.q[i], rd.qc[i]
				k++
			}
		}
		n = k
	}
	if n == 0 {
		r, _ := utf8.DecodeRuneInString(src)
		rd.q[0], rd.qc[0], n = r, cIgnore, 1
	}
	rd.qi, rd.qn = 0, n
}

// advance consumes the peeked rune; peek must have returned true.
func (rd *reader) advance() {
	rd.peeked = false
	if rd.qn > 0 {
		rd.qi++
		if rd.qi >= rd.qn {
			rd.qi, rd.qn = 0, 0
			rd.pos = rd.qEnd
		}
		return
	}
	rd.pos = rd.end
}
