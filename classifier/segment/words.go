package segment

import (
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/token"
)

// word is one whitespace-separated word of a line, or a part of one cut
// at a camelCase or punctuation-then-letter position.
type word struct {
	start, end int
	nospace    bool // no white space before it (cut inside a longer word)
	wtOK       bool // wt is set
	digit, aln bool // it has a digit; a letter or digit
	attr       wattr
	wt         [2]float32 // End and Start weights, set lazily
}

type wattr uint32

const (
	aQuestion wattr = 1 << iota
	aExclaim
	aDot
	aColon
	aComma
	aClose
	aMedia
	aSep
	aDigit
	aStartUpper
	aStartLower
	aEndLower
	aStartOpen
	aEndPlain
	aStartLetter
)

const aHard = aQuestion | aExclaim | aDot | aMedia

// scanWords splits text[s:e] into words: runs of non-space runes (see
// isSpace), cut inside after ? ! or ؟ before « ( or a letter, and
// between two lower-case letters and a capital (newsNext; case is only
// looked at in the cased scripts, see token.CasedUpper). It reads every rune once
// and gathers what wordAttr needs as it goes.
func scanWords(ws []word, text string, s, e int) []word {
	ws, _ = scanWordsMax(ws, text, s, e, -1)
	return ws
}

// scanWordsMax is scanWords that gives up (ok false) once it has found
// more than max words; max < 0 means no limit.
func scanWordsMax(ws []word, text string, s, e, max int) (_ []word, ok bool) {
	ws = ws[:0]
	i := s
	for i < e {
		// Skip white space.
		for i < e {
			c := text[i]
			if c < utf8.RuneSelf {
				if token.ClassOf(rune(c))&cSpace == 0 {
					break
				}
				i++
				continue
			}
			if c >= 0xC2 && c <= 0xDF && i+1 < e && text[i+1]&0xC0 == 0x80 {
				// a two-byte rune: white space only if U+0085 or U+00A0
				// (isSpace)
				if r := rune(c&0x1F)<<6 | rune(text[i+1]&0x3F); r != 0x85 && r != 0xA0 {
					break
				}
				i += 2
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:e])
			if !isSpace(r) {
				break
			}
			i += n
		}
		if i >= e {
			break
		}
		// A word from i to the next white space, in parts. A part runs
		// from start; first and last are its first and last runes (as
		// utf8.DecodeRuneInString and DecodeLastRuneInString read them),
		// fk and lk their classes.
		start, nospace := i, false
		var first, last rune = -1, -1
		var fk, lk token.RuneClass
		digit, aln := false, false
		lower := 0    // cased lower-case runes just before i
		mark := false // the rune before i is ? ! or ؟
		for i < e {
			c := text[i]
			if c-'a' < 26 && !mark {
				// A run of ASCII lower-case letters: no cut before any.
				j := lowerRunEnd(text, i+1, e)
				if first < 0 {
					first, fk = rune(c), cLetter|cLower
				}
				aln = true
				lower += j - i
				last, lk = rune(text[j-1]), cLetter|cLower
				i = j
				continue
			}
			var r rune
			var k token.RuneClass
			n := 1
			switch {
			case c < utf8.RuneSelf:
				r = rune(c)
				k = token.ClassOf(rune(c))
			case c >= 0xC2 && c <= 0xDF && i+1 < e && text[i+1]&0xC0 == 0x80:
				// Two-byte runes (Latin to Arabic): decode inline.
				r, n = rune(c&0x1F)<<6|rune(text[i+1]&0x3F), 2
				k = token.ClassOf(r)
				if k == cLetter && !mark {
					// A run of uncased two-byte letters (Arabic,
					// Hebrew): no cut before any.
					j := i + 2
					for j+1 < e {
						c2 := text[j]
						if c2 < 0xC2 || c2 > 0xDF || text[j+1]&0xC0 != 0x80 {
							break
						}
						r2 := rune(c2&0x1F)<<6 | rune(text[j+1]&0x3F)
						if token.ClassOf(r2) != cLetter {
							break
						}
						r = r2
						j += 2
					}
					if first < 0 {
						first, fk = rune(c&0x1F)<<6|rune(text[i+1]&0x3F), cLetter
					}
					aln = true
					lower = 0
					last, lk = r, cLetter
					i = j
					continue
				}
			case i+2 < e && isThreeByte(c, text[i+1], text[i+2]):
				// ZWNJ, CJK, ...: decode inline.
				r, n = decode3(c, text[i+1], text[i+2]), 3
				k = token.ClassOf(r)
			default:
				r, n = utf8.DecodeRuneInString(text[i:e])
				k = token.ClassOf(r)
			}
			if k&cSpace != 0 {
				break
			}
			if first >= 0 && (mark && (k&cLetter != 0 || r == '(' || r == '«') || k&cUpper != 0 && lower >= 2) {
				ws = appendWord(ws, text, start, i, nospace, digit, aln, first, last, fk, lk)
				if max >= 0 && len(ws) > max {
					return ws, false
				}
				start, nospace, digit, aln, first = i, true, false, false, -1
			}
			if k&cDigit != 0 {
				digit, aln = true, true
			} else if k&cLetter != 0 {
				aln = true
			}
			mark = k&cMark != 0
			if k&cLower != 0 {
				lower++
			} else {
				lower = 0
			}
			if first < 0 {
				first, fk = r, k
			}
			last, lk = r, k
			i += n
		}
		ws = appendWord(ws, text, start, i, nospace, digit, aln, first, last, fk, lk)
		if max >= 0 && len(ws) > max {
			return ws, false
		}
	}
	return ws, true
}

// lowerRunEnd returns the end of the run of ASCII lower-case letters
// that starts at i in text[:e] (i itself when text[i] is none), eight
// bytes at a time where eight remain.
func lowerRunEnd(text string, i, e int) int {
	const lo7, high = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	for i+8 <= e {
		x := le64(text[i:])
		y := x & lo7 // no byte carries into the next below
		// a byte's high bit: 'a' <= y <= 'z', and the byte is ASCII
		if notLower := ^(between7(y, 'a', 'z') &^ x) & high; notLower != 0 {
			return i + bits.TrailingZeros64(notLower)/8
		}
		i += 8
	}
	for i < e && text[i]-'a' < 26 {
		i++
	}
	return i
}

// between7 sets the high bit of each byte of y that is from lo to hi
// (each byte of y, lo and hi below 0x80, so that no byte carries into the
// next); callers mask the other bits off. It is the eight-bytes-at-a-time
// range test of lowerRunEnd and nextCapital.
func between7(y uint64, lo, hi byte) uint64 {
	const ones = 0x0101010101010101
	return (y + (0x80-uint64(lo))*ones) &^ (y + (0x80-uint64(hi)-1)*ones)
}

// isThreeByte reports whether c, c1, c2 are a three-byte UTF-8 sequence
// whose lead byte allows any continuation bytes (U+1000–U+CFFF and
// U+E000–U+FFFF: no overlong form, no surrogate), which scanWords decodes
// inline (TestIsThreeByte).
func isThreeByte(c, c1, c2 byte) bool {
	return c >= 0xE1 && c <= 0xEF && c != 0xED && c1&0xC0 == 0x80 && c2&0xC0 == 0x80
}

// decode3 decodes a sequence isThreeByte accepts.
func decode3(c, c1, c2 byte) rune {
	return rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
}

// The rune classes scanWords and wordAttr read: bits of token.ClassOf.
const (
	cSpace  = token.Space | token.Invisible // isSpace
	cLetter = token.Letter
	cUpper  = token.CasedUpper // case is only looked at in the cased scripts
	cLower  = token.CasedLower
	cDigit  = token.Digit
	cMark   = token.QuestionBang // ? ! ؟ (a cut may follow them inside a word)
	cMn     = token.Mn
)

// appendWord appends the word text[start:end] with its attributes.
func appendWord(ws []word, text string, start, end int, nospace, digit, aln bool, first, last rune, fk, lk token.RuneClass) []word {
	ws = append(ws, word{})
	w := &ws[len(ws)-1]
	w.start, w.end, w.nospace, w.digit, w.aln = start, end, nospace, digit, aln
	w.attr = wordAttr(text[start:end], first, last, fk, lk, digit, aln)
	return ws
}

// wordAttr computes a word's attributes from the word, its first and
// last runes (as utf8.DecodeRuneInString and DecodeLastRuneInString read
// them) and their classes, and whether it holds a digit, and a letter or
// digit.
func wordAttr(w string, first, last rune, fk, lk token.RuneClass, digit, aln bool) wattr {
	var a wattr
	if fk&cLetter != 0 {
		a |= aStartLetter
		if fk&cUpper != 0 {
			a |= aStartUpper
		} else if fk&cLower != 0 {
			a |= aStartLower
		}
	}
	switch first {
	case '«', '“', '"', '(', '[', '\'', '‘':
		a |= aStartOpen
	}
	tl := last
	if isCloser(last) {
		// Strip trailing closers to see the sentence mark before them:
		// «...؟» ends a question.
		a |= aClose
		t := w
		for len(t) > 0 {
			r, n := utf8.DecodeLastRuneInString(t)
			if !isCloser(r) {
				break
			}
			t = t[:len(t)-n]
		}
		tl, _ = utf8.DecodeLastRuneInString(t)
	}
	switch tl {
	case '?', '؟':
		a |= aQuestion
	case '!':
		a |= aExclaim
	case '.', '…':
		a |= aDot
	case ':':
		a |= aColon
	case ',', '،', ';', '؛':
		a |= aComma
	}
	if lk&cLower != 0 {
		a |= aEndLower
	}
	if lk&(cLetter|cDigit|cMn) != 0 {
		a |= aEndPlain
	}
	if digit {
		a |= aDigit
	}
	if !aln {
		a |= aSep
	}
	if last == ')' && isMedia(w) {
		a |= aMedia
	}
	return a
}

// isCloser reports the closing quotes and brackets wordAttr looks past.
func isCloser(r rune) bool {
	switch r {
	case '»', '”', '"', '\'', ')', ']', '’':
		return true
	}
	return false
}

// mediaWords are what "(+عکس)"-style markers announce.
var mediaWords = []string{
	"عکس", "فیلم", "صوت", "تصاویر", "ویدئو", "ویدیو", "اینفوگرافیک", "تصویر", "گزارش تصویری", "فیلم و عکس",
	"video", "photos", "photo", "audio", "watch", "gallery",
}

func isMedia(w string) bool {
	i := strings.LastIndexByte(w, '(')
	if i < 0 {
		return false
	}
	inner := strings.TrimSpace(strings.Trim(w[i+1:len(w)-1], "+ "))
	if inner == "" {
		return false
	}
	inner = strings.ToLower(inner)
	for _, m := range mediaWords {
		if inner == m {
			return true
		}
	}
	return false
}
