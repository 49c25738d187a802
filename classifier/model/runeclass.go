package model

import (
	"unicode"
)

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
