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
// kanaClass holds the CJK Symbols and Punctuation, Hiragana and Katakana
// blocks (U+3000–U+30FF: 、。「」, kana) and wideClass the Halfwidth and
// Fullwidth Forms (U+FF00–U+FFEF: ，！（）, full-width Latin), the
// punctuation and kana of Chinese and Japanese text.
const (
	lowRunes   = 0x800
	punctFirst = 0x2000
	punctRunes = 0x70
	kanaFirst  = 0x3000
	kanaRunes  = 0x100
	wideFirst  = 0xFF00
	wideRunes  = 0xF0
)

// lowClass, punctClass, kanaClass and wideClass hold classOf of their
// runes, taken from package unicode once.
var (
	lowClass   = func() (t [lowRunes]RuneClass) { fillClass(t[:], 0); return t }()
	punctClass = func() (t [punctRunes]RuneClass) { fillClass(t[:], punctFirst); return t }()
	kanaClass  = func() (t [kanaRunes]RuneClass) { fillClass(t[:], kanaFirst); return t }()
	wideClass  = func() (t [wideRunes]RuneClass) { fillClass(t[:], wideFirst); return t }()
)

// fillClass sets t[i] to classOf(first+i).
func fillClass(t []RuneClass, first rune) {
	for i := range t {
		t[i] = classOf(first + rune(i))
	}
}

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
	case uint32(r-kanaFirst) < kanaRunes:
		return kanaClass[r-kanaFirst]
	case uint32(r-wideFirst) < wideRunes:
		return wideClass[r-wideFirst]
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
