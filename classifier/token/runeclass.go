package token

import "unicode"

// RuneClass is a set of facts about a rune from package unicode, the one
// rune-class table of the segmenter (scanning words) and the model
// (block statistics). Each reads only the bits it needs.
type RuneClass uint16

// The bits of a RuneClass. The general categories are exclusive: a rune
// has at most one of Letter, Digit, Mark, Space and Punct.
const (
	Letter       RuneClass = 1 << iota // unicode.IsLetter
	Upper                              // unicode.IsUpper
	CasedUpper                         // Upper in a cased script (below)
	CasedLower                         // unicode.IsLower in a cased script (below)
	Digit                              // unicode.IsDigit
	Mark                               // unicode.IsMark
	Mn                                 // a non-spacing mark (unicode.Mn)
	Space                              // unicode.IsSpace (White_Space)
	Invisible                          // U+FEFF, U+200B, U+2060: blank lines' invisible runes, white space to the segmenter
	Punct                              // unicode.IsPunct or unicode.IsSymbol
	QuestionBang                       // ? ! and ؟, after which the segmenter may cut inside a word
)

// The cased scripts, whose case CasedUpper and CasedLower report, are
// those below U+0590 (Latin, Greek, Cyrillic, Armenian) and Latin and
// Greek Extended (U+1E00–U+1FFF).
func cased(r rune) bool {
	return r >= 'A' && r < 0x590 || r >= 0x1E00 && r < 0x2000
}

// lowRunes bounds the runes classified by lowClass: every one- and
// two-byte rune (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic).
// punctClass holds General Punctuation (U+2000–U+206F: spaces, ZWNJ,
// dashes, quotes), common in Persian and English text.
const (
	lowRunes   = 0x800
	punctFirst = 0x2000
	punctRunes = 0x70
)

// lowClass and punctClass hold classOf of their runes, taken from
// package unicode once.
var lowClass, punctClass = func() (low [lowRunes]RuneClass, punct [punctRunes]RuneClass) {
	for r := range rune(lowRunes) {
		low[r] = classOf(r)
	}
	for i := range rune(punctRunes) {
		punct[i] = classOf(punctFirst + i)
	}
	return low, punct
}()

// ClassOf returns the class bits of r; it is a table look-up for every
// one- and two-byte rune.
func ClassOf(r rune) RuneClass {
	if uint32(r) < lowRunes {
		return lowClass[r]
	}
	return highClass(r)
}

// highClass is ClassOf of the runes from lowRunes on.
func highClass(r rune) RuneClass {
	switch {
	case uint32(r-punctFirst) < punctRunes:
		return punctClass[r-punctFirst]
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0xAC00 && r <= 0xD7A3:
		return Letter // CJK Unified Ideographs, Hangul syllables
	case unicode.IsLetter(r):
		c := Letter
		if unicode.IsUpper(r) {
			c |= Upper
			if cased(r) {
				c |= CasedUpper
			}
		} else if cased(r) && unicode.IsLower(r) {
			c |= CasedLower
		}
		return c
	case unicode.IsDigit(r):
		return Digit
	case unicode.IsMark(r):
		if unicode.Is(unicode.Mn, r) {
			return Mark | Mn
		}
		return Mark
	case unicode.IsSpace(r):
		return Space
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		return Punct
	case r == '\ufeff' || r == '\u200b' || r == '\u2060':
		return Invisible
	}
	return 0
}

// classOf computes ClassOf from package unicode, one bit at a time.
func classOf(r rune) RuneClass {
	var c RuneClass
	set := func(b RuneClass, ok bool) {
		if ok {
			c |= b
		}
	}
	set(Letter, unicode.IsLetter(r))
	set(Upper, unicode.IsUpper(r))
	set(CasedUpper, cased(r) && unicode.IsUpper(r))
	set(CasedLower, cased(r) && unicode.IsLower(r))
	set(Digit, unicode.IsDigit(r))
	set(Mark, unicode.IsMark(r))
	set(Mn, unicode.Is(unicode.Mn, r))
	set(Space, unicode.IsSpace(r))
	set(Invisible, r == '\ufeff' || r == '\u200b' || r == '\u2060')
	set(Punct, unicode.IsPunct(r) || unicode.IsSymbol(r))
	set(QuestionBang, r == '?' || r == '!' || r == '؟')
	return c
}
