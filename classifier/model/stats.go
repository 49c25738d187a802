package model

import (
	"math/bits"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/segment"
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
