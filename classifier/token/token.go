// Package token normalises text and cuts it into tokens for features.
//
// Normalisation is for features, not for output text: it folds the many
// ways one word is written into one form, and every token keeps the byte
// offsets of its source text in the original string.
//
// The fold, rune by rune:
//
//   - NFKC, only for the runes it changes: Arabic presentation forms and
//     ligatures (ﻻ → لا, ﷲ → الله), full-width forms, superscripts, …;
//   - Arabic-script letters to their Persian forms: ي ى → ی, ك → ک,
//     ة ۀ ە ھ ہ → ه, أ إ ٱ → ا, ؤ → و, and the rare Urdu, Pashto, Kurdish …
//     letters to the nearest Persian letter (hazm's table); آ and ئ stay;
//   - every decimal digit (Persian, Arabic-Indic, Devanagari, …) to ASCII;
//   - removed: Arabic diacritics (U+064B–U+065F, U+0670, Quranic marks),
//     tatweel U+0640, and every format character (ZWNJ, ZWJ, LRM, RLM, bidi
//     controls, soft hyphen, BOM); ¬ (U+00AC) is the ZWNJ of old Persian
//     encodings and is removed too, everywhere;
//   - lower case with unicode.ToLower, plus ς → σ; no language-specific
//     rules (Turkish I is not special, ß stays);
//   - every white space rune is a space, line breaks are line breaks.
//
// Tokens are runs of letters, combining marks and digits after the fold.
// A run is cut where Arabic-script letters meet digits or other letters
// (۹متر → 9, متر), but Latin letters and digits stay together (mp3).
// Apostrophes and hyphens cut tokens (don't → don, t; l'homme → l, homme),
// matching the stop lists of NLTK and stopwords-iso. Runs of scripts written
// without spaces (Han, Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) become
// overlapping character bigrams; a character is a base letter with its
// combining marks.
//
// Persian ZWNJ conventions: deleting ZWNJ makes می‌کند and میکند one token.
// For the third convention, a space instead of ZWNJ (می کند, کتاب ها), the
// iterator joins a standalone prefix token (می, نمی, بی) with the next
// Arabic-script token, and a standalone suffix token (ها, های, ترین, اند, …)
// with the previous one, when only spaces separate them. A real word می or
// ای is then glued to its neighbour; that is accepted.
//
// The package also has cheap text statistics for block features (ShapeOf,
// ScriptOf), embedded stop lists for 13 languages (Stopwords) and a
// language guesser (DetectLanguage). Hash is the FNV-1a 64 hash that model
// files use for hashed token features.
package token

import (
	"strconv"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Kind is the kind of a token.
type Kind uint8

const (
	Word   Kind = iota // a run of letters (and digits, for scripts other than Arabic)
	Number             // a run of digits only; Token returns its digit shape
	Bigram             // two characters of a script written without spaces, or a lone one
)

func (k Kind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	case Bigram:
		return "bigram"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Iter iterates over the tokens of a string without allocating per token:
// the buffer behind Token is reused, and grows only for a token longer
// than any before.
//
//	var it token.Iter
//	it.Reset(s)
//	for it.Next() { use(it.Token(), it.Span()) }
//
// Spans are byte offsets into the string given to Reset; s[start:end] is
// the token's source text, which may include removed runes (ZWNJ,
// diacritics) and, for joined Persian affixes, the spaces between the
// parts. Spans are ordered and do not overlap, with two exceptions:
// consecutive bigrams of one run share a character, and tokens that come
// from one source rune expanded by NFKC (㋀ → 1, 月) share that rune.
//
// The zero Iter is ready for Reset. An Iter must not be copied after use.
type Iter struct {
	rd reader

	buf        []byte
	start, end int
	kind       Kind
	arabic     bool // the current token is made of Arabic-script letters
	shape      [9]byte

	// pending: a token read ahead to decide on joining Persian affixes
	pend         bool
	pbuf         []byte
	pStart, pEnd int
	pKind        Kind
	pArabic      bool

	// a run of a spaceless script, cut into bigrams
	inRun              bool
	prev, cur          []byte
	prevStart, prevEnd int

	whole   bool // emit spaceless runs whole and numbers as digits (Normalize)
	scratch []byte
}

// Reset starts iterating over s.
func (it *Iter) Reset(s string) {
	it.rd.reset(s)
	it.buf = it.buf[:0]
	it.start, it.end, it.kind, it.arabic = 0, 0, Word, false
	it.pend, it.inRun = false, false
}

// Token returns the normalised current token; it is valid until the next
// call of Next or Reset. For a Number it is the digit shape: as many zeros
// as digits up to 4, "00000" for 5 to 8 digits, "000000000" for 9 or more
// (the digits themselves are Normalize(s[Span()])).
func (it *Iter) Token() []byte {
	if it.kind == Number && !it.whole {
		n := len(it.buf)
		switch {
		case n > 8:
			n = 9
		case n > 4:
			n = 5
		}
		for i := range n {
			it.shape[i] = '0'
		}
		return it.shape[:n]
	}
	return it.buf
}

// Span returns the byte offsets of the current token's source text in the
// string given to Reset.
func (it *Iter) Span() (start, end int) { return it.start, it.end }

// Kind returns the kind of the current token.
func (it *Iter) Kind() Kind { return it.kind }

// Hash returns the FNV-1a 64 hash of Token. The function is fixed: model
// files store hashed features, so it must never change.
func (it *Iter) Hash() uint64 { return Hash(it.Token()) }

// Next advances to the next token and reports whether there is one.
func (it *Iter) Next() bool {
	if it.inRun && it.nextBigram() {
		return true
	}
	it.inRun = false
	if it.pend {
		it.pend = false
		it.buf, it.pbuf = it.pbuf, it.buf
		it.start, it.end, it.kind, it.arabic = it.pStart, it.pEnd, it.pKind, it.pArabic
	} else if !it.scan() {
		return false
	}
	if it.arabic {
		it.join()
	}
	return true
}

// scan skips to the next token start and reads the token.
func (it *Iter) scan() bool {
	rd := &it.rd
	// fast path: ASCII punctuation and spaces
	if !rd.peeked && rd.qn == 0 {
		s := rd.s
		i := rd.pos
		for i < len(s) && s[i] < utf8.RuneSelf {
			if _, c := asciiFold(s[i]); c.isToken() {
				break
			}
			i++
		}
		rd.pos = i
	}
	for rd.peek() {
		switch rd.c {
		case cSpaceless:
			it.startRun()
			return true
		case cDigit, cLetter, cArabic:
			it.buf, it.start, it.end, it.kind, it.arabic = it.word(it.buf[:0])
			return true
		}
		rd.advance()
	}
	return false
}

// word reads a run of letters, marks and digits into dst; the reader is at
// its first rune, a digit or a letter of a spaced script.
func (it *Iter) word(dst []byte) (_ []byte, start, end int, kind Kind, arabic bool) {
	rd := &it.rd
	start = rd.start
	var hasArabic, hasOther, hasDigit, hasMark bool
	s := rd.s
loop:
	for {
		var r rune
		var c class
		var re int
		fast := false
		// Fast path: ASCII and two-byte runes of the Arabic block, read
		// straight from the string when nothing is peeked or queued.
		if !rd.peeked && rd.qn == 0 && rd.pos < len(s) {
			i := rd.pos
			if !hasArabic {
				// a run of ASCII letters and digits in one go: what the
				// cLetter and cDigit cases below do for each
				j := i
				for ; j < len(s) && s[j] < utf8.RuneSelf; j++ {
					b := s[j]
					if cl := class(asciiClass[b]); cl == cLetter {
						dst = append(dst, b|0x20)
						hasOther = true
					} else if cl == cDigit {
						dst = append(dst, b)
						hasDigit = true
					} else {
						break
					}
				}
				if j > i {
					end, rd.pos, i = j, j, j
					if j == len(s) {
						continue
					}
				}
			}
			if !hasOther && !hasDigit {
				// a run of two-byte Arabic-script letters in one go: what
				// the cArabic case below does for each
				j := i
				for j+1 < len(s) {
					b := s[j]
					if b < 0xD8 || b > 0xDB || s[j+1]&0xC0 != 0x80 {
						break
					}
					ar, cl := arabicFold(rune(b&0x1F)<<6 | rune(s[j+1]&0x3F))
					if cl != cArabic {
						break
					}
					if ar >= utf8.RuneSelf && ar < 0x800 {
						dst = append(dst, 0xC0|byte(ar>>6), 0x80|byte(ar&0x3F))
					} else {
						dst = utf8.AppendRune(dst, ar)
					}
					hasArabic = true
					j += 2
				}
				if j > i {
					end, rd.pos, i = j, j, j
					if j == len(s) {
						continue
					}
				}
			}
			if b := s[i]; b < utf8.RuneSelf {
				r, c = asciiFold(b)
				re, fast = i+1, true
			} else if b >= 0xD8 && b <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
				r, c = arabicFold(rune(b&0x1F)<<6 | rune(s[i+1]&0x3F))
				re, fast = i+2, true
			} else if lr, lc, ok := lowFoldAt(s, i); ok {
				r, c = lr, lc
				re, fast = i+2, true
			}
		}
		if !fast {
			if !rd.peek() {
				break
			}
			r, c, re = rd.r, rd.c, rd.end
		}
		switch c {
		case cIgnore:
			// a madda or hamza above after its letter: آ, ئ
			if n := len(dst); n >= 2 && dst[n-2] == 0xD8 && dst[n-1] == 0xA7 && r == 0x0653 {
				dst[n-1] = 0xA2 // ا → آ
			} else if n >= 2 && dst[n-2] == 0xDB && dst[n-1] == 0x8C && r == 0x0654 {
				dst[n-2], dst[n-1] = 0xD8, 0xA6 // ی → ئ
			}
			if fast {
				rd.pos = re
			} else {
				rd.advance()
			}
			continue
		case cMark:
			hasMark = true
		case cDigit:
			if hasArabic {
				break loop
			}
			hasDigit = true
		case cLetter:
			if hasArabic {
				break loop
			}
			hasOther = true
		case cArabic:
			if hasOther || hasDigit {
				break loop
			}
			hasArabic = true
		default:
			break loop
		}
		if r < utf8.RuneSelf {
			dst = append(dst, byte(r))
		} else {
			dst = utf8.AppendRune(dst, r)
		}
		end = re
		if fast {
			rd.pos = re
		} else {
			rd.advance()
		}
	}
	if hasMark {
		dst = it.nfc(dst, 0)
	}
	kind = Word
	if hasDigit && !hasOther {
		kind = Number
	}
	return dst, start, end, kind, hasArabic
}

// nfc puts dst[from:] in NFC, without allocating once warm.
func (it *Iter) nfc(dst []byte, from int) []byte {
	ni := it.rd.normIter()
	ni.Init(norm.NFC, dst[from:])
	out := it.scratch[:0]
	for !ni.Done() {
		out = append(out, ni.Next()...)
	}
	it.scratch = out
	return append(dst[:from], out...)
}

// join glues Persian affixes written with a space to the current token.
func (it *Iter) join() {
	rd := &it.rd
	for {
		space := false
		if !rd.peeked && rd.qn == 0 {
			// ASCII spaces, straight from the string
			for rd.pos < len(rd.s) && rd.s[rd.pos] == ' ' {
				rd.pos++
				space = true
			}
		}
		for rd.peek() && (rd.c == cSpace || rd.c == cIgnore) {
			space = space || rd.c == cSpace
			rd.advance()
		}
		if !space || !rd.peek() || rd.c != cArabic {
			return
		}
		it.pbuf, it.pStart, it.pEnd, it.pKind, it.pArabic = it.word(it.pbuf[:0])
		it.pend = true
		if !isPrefix(it.buf) && !isSuffix(it.pbuf) {
			return
		}
		it.pend = false
		it.buf = append(it.buf, it.pbuf...)
		it.end = it.pEnd
	}
}

// isPrefix reports whether the normalised token b is a verbal or negative
// prefix that is written apart: می, نمی, بی.
func isPrefix(b []byte) bool {
	switch string(b) {
	case "می", "نمی", "بی":
		return true
	}
	return false
}

// isSuffix reports whether the normalised token b is a suffix that is
// written apart: plural, comparative, indefinite and personal endings.
func isSuffix(b []byte) bool {
	switch string(b) {
	case "ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان",
		"ای", "ام", "ات", "اش", "ایم", "اید", "اند",
		"تر", "ترین", "تری":
		return true
	}
	return false
}

// char reads one character of a spaceless run (a letter and its marks)
// into dst; the reader is at the letter.
func (it *Iter) char(dst []byte) (_ []byte, start, end int) {
	rd := &it.rd
	start, end = rd.start, rd.end
	from := len(dst)
	dst = utf8.AppendRune(dst, rd.r)
	rd.advance()
	marks := false
	for rd.peek() && (rd.c == cMark || rd.c == cIgnore) {
		if rd.c == cMark {
			dst = utf8.AppendRune(dst, rd.r)
			end = rd.end
			marks = true
		}
		rd.advance()
	}
	if marks {
		dst = it.nfc(dst, from)
	}
	return dst, start, end
}

// nextSpaceless skips ignorable runes and reports whether the reader is at
// a letter of a spaceless script.
func (it *Iter) nextSpaceless() bool {
	rd := &it.rd
	for rd.peek() {
		switch rd.c {
		case cSpaceless:
			return true
		case cIgnore:
			rd.advance()
		default:
			return false
		}
	}
	return false
}

// startRun emits the first token of a spaceless run: the whole run in
// Normalize's mode, else its first bigram or its only character.
func (it *Iter) startRun() {
	it.kind, it.arabic = Bigram, false
	if it.whole {
		it.buf = it.buf[:0]
		it.start = it.rd.start
		for it.nextSpaceless() {
			it.buf, _, it.end = it.char(it.buf)
		}
		return
	}
	it.prev, it.prevStart, it.prevEnd = it.char(it.prev[:0])
	if !it.nextBigram() {
		it.buf = append(it.buf[:0], it.prev...)
		it.start, it.end = it.prevStart, it.prevEnd
	}
}

// nextBigram emits the bigram of the previous character and the next one,
// if the run goes on.
func (it *Iter) nextBigram() bool {
	if !it.nextSpaceless() {
		return false
	}
	var start, end int
	it.cur, start, end = it.char(it.cur[:0])
	it.buf = append(append(it.buf[:0], it.prev...), it.cur...)
	it.start, it.end, it.kind, it.arabic = it.prevStart, end, Bigram, false
	it.prev, it.cur = it.cur, it.prev
	it.prevStart, it.prevEnd = start, end
	it.inRun = true
	return true
}

// Normalize returns the normalised form of s: the fold described in the
// package documentation applied to every rune, Persian affixes written
// apart joined to their word as the iterator joins them, runs of white
// space collapsed to one space (or one line break, if the run has one),
// and leading and trailing white space removed. Digits are ASCII digits,
// not shapes. Normalize is idempotent, and valid UTF-8 comes out for any
// input (invalid bytes become U+FFFD).
func Normalize(s string) string {
	if isNormalWord(s) {
		return s
	}
	return normalize(s)
}

// normalize is Normalize without the fast path for words already normal.
func normalize(s string) string {
	var it Iter
	it.whole = true
	it.Reset(s)
	out := make([]byte, 0, len(s))
	var ws class // pending white space: 0, cSpace or cBreak
	var gap reader
	prevEnd := 0
	flushGap := func(g string) {
		gap.reset(g)
		for gap.peek() {
			switch gap.c {
			case cSpace:
				if ws == 0 {
					ws = cSpace
				}
			case cBreak:
				ws = cBreak
			case cIgnore:
			default:
				out = appendWS(out, ws)
				ws = 0
				out = utf8.AppendRune(out, gap.r)
			}
			gap.advance()
		}
	}
	for it.Next() {
		if it.start > prevEnd {
			flushGap(s[prevEnd:it.start])
		}
		out = appendWS(out, ws)
		ws = 0
		out = append(out, it.buf...)
		prevEnd = max(prevEnd, it.end)
	}
	flushGap(s[prevEnd:])
	if string(out) == s {
		return s // already normal: no copy
	}
	return string(out)
}

// appendWS appends the pending white space ws, unless out is empty.
func appendWS(out []byte, ws class) []byte {
	if len(out) == 0 {
		return out
	}
	switch ws {
	case cSpace:
		return append(out, ' ')
	case cBreak:
		return append(out, '\n')
	}
	return out
}

// isNormalWord reports whether every rune of s is a token rune that folds
// to itself (no marks), so that Normalize(s) == s.
func isNormalWord(s string) bool {
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if c := class(asciiClass[b]); c == cLetter && b >= 'a' || c == cDigit {
				i++
				continue
			}
			return false
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		var f rune
		var c class
		switch {
		case r == utf8.RuneError:
			return false
		case r >= 0x0600 && r < 0x0900:
			f, c = arabicFold(r)
		case needsNFKC(r, s[i:i+n]):
			return false
		default:
			f, c = foldSimple(r)
		}
		if f != r || !c.isToken() {
			return false
		}
		i += n
	}
	return true
}
