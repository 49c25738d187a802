package model

import (
	"math/bits"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
)

// blockStats are cheap facts about one block's text.
type blockStats struct {
	runes, letters, digits, punct, spaces      int
	latin, arabic, cjk, cyr, upper, lowerStart int
	kana                                       int // of cjk: hiragana and katakana
	tokens, shortTokens, capTokens             int
	last                                       rune
	first                                      rune
	colon, pipes, dateLike                     bool
	ascii                                      bool // every byte is ASCII
	term                                       int  // termClass(last)

	// every rune is ASCII or a token separator (token.Separator): the
	// tokens are the runs of ASCII letters and digits, as in ASCII text
	sepOnly bool

	// set by extractor.prepare from the block: linkDens, and the hash of
	// the neighbour-tag feature's key and the block's tag
	ld     int
	nbrTag uint64
}

func computeStats(text string, st *blockStats) { statsOf(text, st, true) }

// statsOf is computeStats; runs says to read runs of ASCII letters, of
// Arabic letters and of CJK ideographs in tight loops (false: rune by
// rune, as a check).
func statsOf(text string, st *blockStats, runs bool) {
	*st = blockStats{}
	inWord, nonASCII, nonSep := false, false, false
	wordRunes := 0
	wordCap := false
	if len(text) > 0 {
		st.first, _ = utf8.DecodeRuneInString(text)
	}
	for i := 0; i < len(text); {
		if c := text[i]; runs && asciiWord[c] != 0 {
			// a run of ASCII letters and digits, each as the rune loop
			// below counts it (letter, Latin, upper case; digit)
			if !inWord {
				inWord, wordRunes, wordCap = true, 0, asciiWord[c] == wordUpper
			}
			j, up, dg := i, 0, 0
			// eight bytes at a time while they are ASCII and in the run
			for j+8 <= len(text) {
				w := load64(text[j : j+8])
				if w&swarHigh != 0 {
					break
				}
				// the high bit of a byte: a letter or digit (m), an
				// upper-case letter, a digit (swarIn)
				upper := swarIn(w, 'A', 'Z')
				digit := swarIn(w, '0', '9')
				m := swarIn(w|0x2020202020202020, 'a', 'z') | digit
				n := bits.TrailingZeros64(^m&swarHigh) / 8 // 8: all in the run
				keep := uint64(1)<<(8*n) - 1               // n = 8: 0 - 1, every byte
				up += bits.OnesCount64(upper & keep)
				dg += bits.OnesCount64(digit & keep)
				j += n
				if n < 8 {
					break
				}
			}
			for ; j < len(text) && asciiWord[text[j]] != 0; j++ {
				k := int(asciiWord[text[j]])
				up += k >> 1 & 1
				dg += k >> 2
			}
			n := j - i
			st.runes += n
			st.letters += n - dg
			st.latin += n - dg
			st.upper += up
			st.digits += dg
			wordRunes += n
			st.last = rune(text[j-1])
			i = j
			continue
		}
		if runs && text[i] == ' ' {
			inWord = st.endWord(inWord, wordRunes, wordCap)
			st.spaces++
			st.runes++
			st.last = ' '
			i++
			continue
		}
		if c := text[i]; runs && (c >= 0xd8 && c <= 0xdb || c >= 0xe4 && c <= 0xe9) {
			// a run of letters of the Arabic block (U+0600–U+06FF) or of
			// CJK Unified Ideographs (U+4E00–U+9FFF), each as the rune loop
			// below counts it: a letter of no case and no separator
			j, n, script, last := i, 0, &st.arabic, rune(0)
			if c <= 0xdb {
				for j+1 < len(text) && text[j]-0xd8 <= 3 && text[j+1]&0xc0 == 0x80 &&
					arabicLetter[int(text[j]&3)<<6|int(text[j+1]&0x3f)] {
					j += 2
				}
				if n = (j - i) / 2; n > 0 {
					last = 0x600 + rune(text[j-2]&3)<<6 | rune(text[j-1]&0x3f)
				}
			} else {
				for j+2 < len(text) && text[j]-0xe4 <= 5 && text[j+1]&0xc0 == 0x80 && text[j+2]&0xc0 == 0x80 &&
					(text[j] != 0xe4 || text[j+1] >= 0xb8) {
					j += 3
				}
				if n = (j - i) / 3; n > 0 {
					script, last = &st.cjk, decode3(text[j-3], text[j-2], text[j-1])
				}
			}
			if n > 0 {
				nonASCII, nonSep = true, true
				if !inWord {
					inWord, wordRunes, wordCap = true, 0, false
				}
				st.runes += n
				st.letters += n
				*script += n
				wordRunes += n
				st.last = last
				i = j
				continue
			}
		}
		// range's decoding, with ASCII and two-byte runes (Latin, Greek,
		// Cyrillic, Arabic, Hebrew) decoded inline
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			nonASCII = true
			if c := text[i]; c >= 0xc2 && c < 0xe0 && i+1 < len(text) && text[i+1]&0xc0 == 0x80 {
				r, size = rune(c&0x1f)<<6|rune(text[i+1]&0x3f), 2
			} else {
				r, size = utf8.DecodeRuneInString(text[i:])
			}
			if !nonSep && !token.Separator(r) {
				nonSep = true
			}
		}
		i += size
		st.runes++
		cl := token.ClassOf(r)
		switch {
		case cl&token.Letter != 0:
			st.letters++
			if !inWord {
				inWord, wordRunes, wordCap = true, 0, cl&token.Upper != 0
			}
			wordRunes++
			switch {
			case r < 0x250:
				st.latin++
				if cl&token.Upper != 0 {
					st.upper++
				}
			case r >= 0x600 && r <= 0x6ff, r >= 0xfb50 && r <= 0xfeff:
				st.arabic++
			case r >= 0x400 && r <= 0x4ff:
				st.cyr++
				if cl&token.Upper != 0 {
					st.upper++
				}
			case r >= cjkLow && IsCJK(r):
				st.cjk++
				if r >= 0x3040 && r <= 0x30ff {
					st.kana++
				}
			}
		case cl&token.Digit != 0:
			st.digits++
			if !inWord {
				inWord, wordRunes, wordCap = true, 0, false
			}
			wordRunes++
		case cl&token.Mark != 0, r == 0x200c:
			// part of the word
		case cl&token.Space != 0:
			inWord = st.endWord(inWord, wordRunes, wordCap)
			st.spaces++
		default:
			inWord = st.endWord(inWord, wordRunes, wordCap)
			if cl&token.Punct != 0 {
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
	inWord = st.endWord(inWord, wordRunes, wordCap)
	st.term = termClass(st.last)
	st.ascii = !nonASCII
	st.sepOnly = !nonSep
}

// asciiWord says what an ASCII byte is in a word: wordLower, wordUpper
// (letters) or wordDigit; 0 for any other byte.
var asciiWord = func() (t [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = wordLower, wordUpper
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = wordDigit
	}
	return t
}()

const (
	wordLower = 1
	wordUpper = 2
	wordDigit = 4
)

// swarHigh is the high bit of each byte of a word.
const swarHigh = 0x8080808080808080

// load64 reads eight bytes, the first lowest.
func load64(b string) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// swarIn sets the high bit of each byte of w, all below 0x80, that is
// in lo..hi: b+(0x80-lo) has its high bit set when b >= lo, and
// b+(0x7f-hi) when b > hi, without carries between bytes.
func swarIn(w uint64, lo, hi byte) uint64 {
	const ones = 0x0101010101010101
	return (w + (0x80-uint64(lo))*ones) &^ (w + (0x7f-uint64(hi))*ones) & swarHigh
}

// arabicLetter[r-0x600] says that r, of the Arabic block, is a letter
// (without case).
var arabicLetter = func() (t [0x100]bool) {
	for k := range t {
		cl := token.ClassOf(rune(0x600 + k))
		t[k] = cl&token.Letter != 0 && cl&token.Upper == 0
	}
	return t
}()

// endWord counts the word that ends, if inWord, of wordRunes runes,
// capitalised if wordCap; it returns false (no word goes on).
func (st *blockStats) endWord(inWord bool, wordRunes int, wordCap bool) bool {
	if inWord {
		st.tokens++
		if wordRunes <= 3 {
			st.shortTokens++
		}
		if wordCap {
			st.capTokens++
		}
	}
	return false
}

// bucket helpers

func log2b(n int) int {
	if n <= 0 {
		return 0
	}
	return bits.Len(uint(n))
}

// shareB buckets the share part/whole of two counts (0 <= part <= whole):
// -1 for an empty whole, 0 for none, then below 0.05, 0.15, 0.3, 0.5, 0.8
// and 1, and 7 for all.
//
// It compares in integers: float64(part)/float64(whole) < c, for each
// float64 constant c above, holds exactly when part*20 < whole*(20*c),
// because each c is the float64 nearest to its fraction of 20 (so a
// quotient equal to that fraction rounds to c, and is not below it), and a
// quotient below the fraction is below it by at least 1/(20*whole), far
// more than the fraction's distance to c for any count below 2^40
// (shareBFloat, TestShareB). A division costs several times the rest.
func shareB(part, whole int) int {
	if whole == 0 {
		return -1
	}
	if uint64(part) >= 1<<40 || uint64(whole) >= 1<<40 {
		return shareBFloat(part, whole)
	}
	p := part * 20
	switch {
	case part == 0:
		return 0
	case p < whole:
		return 1
	case p < whole*3:
		return 2
	case p < whole*6:
		return 3
	case p < whole*10:
		return 4
	case p < whole*16:
		return 5
	case part < whole:
		return 6
	}
	return 7
}

// shareBFloat is shareB by the division.
func shareBFloat(part, whole int) int {
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

// cjkLow is the lowest rune IsCJK accepts (U+0E01, Thai).
const cjkLow = 0xe01

// IsCJK reports the letters of scripts written without spaces: Han,
// kana, Hangul and Thai (the page features' and the short-text rules'
// measure of such text).
func IsCJK(r rune) bool {
	if r < cjkLow {
		return false
	}
	// The CJK Unified Ideographs and Hangul syllables, most of the letters
	// asked about, are Han and Hangul throughout (TestIsCJKRanges).
	if r >= 0x4E00 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7A3 {
		return true
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Thai, r)
}
