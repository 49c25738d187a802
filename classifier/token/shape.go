package token

import (
	"unicode"
	"unicode/utf8"
)

// Script is a writing system, as far as features and language detection
// need to tell them apart.
type Script uint8

const (
	ScriptOther Script = iota
	ScriptLatin
	ScriptArabic
	ScriptCyrillic
	ScriptGreek
	ScriptHan
	ScriptKana // Hiragana and Katakana
	ScriptHangul
	ScriptThai
	ScriptHebrew
	ScriptDevanagari
	ScriptArmenian
	ScriptGeorgian
	numScripts
)

func (s Script) String() string {
	switch s {
	case ScriptLatin:
		return "latin"
	case ScriptArabic:
		return "arabic"
	case ScriptCyrillic:
		return "cyrillic"
	case ScriptGreek:
		return "greek"
	case ScriptHan:
		return "han"
	case ScriptKana:
		return "kana"
	case ScriptHangul:
		return "hangul"
	case ScriptThai:
		return "thai"
	case ScriptHebrew:
		return "hebrew"
	case ScriptDevanagari:
		return "devanagari"
	case ScriptArmenian:
		return "armenian"
	case ScriptGeorgian:
		return "georgian"
	}
	return "other"
}

// ScriptOf returns the script of r; punctuation, digits, symbols and
// marks shared by scripts are ScriptOther, except the Han ideographic
// marks (々, 〇) and the kana prolonged sound mark (ー).
func ScriptOf(r rune) Script {
	switch {
	case r < 0x80:
		if 'a' <= r|0x20 && r|0x20 <= 'z' {
			return ScriptLatin
		}
		return ScriptOther
	case r < 0x250:
		if unicode.IsLetter(r) && r != 0xAA && r != 0xBA && r != 0xB5 {
			return ScriptLatin
		}
		return ScriptOther
	case r >= 0x0370 && r <= 0x03FF, r >= 0x1F00 && r <= 0x1FFF:
		if unicode.IsLetter(r) {
			return ScriptGreek
		}
		return ScriptOther
	case r >= 0x0400 && r <= 0x052F, r >= 0x1C80 && r <= 0x1C8F, r >= 0x2DE0 && r <= 0x2DFF, r >= 0xA640 && r <= 0xA69F:
		return ScriptCyrillic
	case r >= 0x0530 && r <= 0x058F:
		return ScriptArmenian
	case r >= 0x0590 && r <= 0x05FF:
		return ScriptHebrew
	case r >= 0x0600 && r <= 0x06FF, r >= 0x0750 && r <= 0x077F, r >= 0x0870 && r <= 0x08FF,
		r >= 0xFB50 && r <= 0xFDFF, r >= 0xFE70 && r <= 0xFEFF:
		if unicode.IsLetter(r) && r != 0x0640 {
			return ScriptArabic
		}
		return ScriptOther
	case r >= 0x0900 && r <= 0x097F:
		return ScriptDevanagari
	case r >= 0x0E00 && r <= 0x0E7F:
		return ScriptThai
	case r >= 0x10A0 && r <= 0x10FF, r >= 0x1C90 && r <= 0x1CBF:
		return ScriptGeorgian
	case r >= 0x1100 && r <= 0x11FF, r >= 0x3130 && r <= 0x318F, r >= 0xAC00 && r <= 0xD7AF:
		return ScriptHangul
	case r >= 0x3040 && r <= 0x30FF, r >= 0x31F0 && r <= 0x31FF, r >= 0xFF66 && r <= 0xFF9F:
		if r == 0x30FB { // katakana middle dot
			return ScriptOther
		}
		return ScriptKana
	case r >= 0x1E00 && r <= 0x1EFF, r >= 0x2C60 && r <= 0x2C7F, r >= 0xA720 && r <= 0xA7FF, r >= 0xFF21 && r <= 0xFF5A:
		if unicode.IsLetter(r) {
			return ScriptLatin
		}
		return ScriptOther
	}
	if r >= 0x2E80 && unicode.Is(unicode.Han, r) {
		return ScriptHan
	}
	return ScriptOther
}

// Shape holds cheap counts over the runes of a text.
type Shape struct {
	Runes   int // runes; each invalid UTF-8 byte counts as one
	Letters int // letters (unicode.IsLetter)
	Digits  int // decimal digits of any script
	Punct   int // punctuation (unicode.IsPunct)
	Symbols int // symbols (unicode.IsSymbol)
	Spaces  int // white space (unicode.IsSpace)
	Upper   int // upper-case and title-case letters

	// Letters by script. CJK counts Han, kana and Hangul.
	Latin, Arabic, Cyrillic, Greek, CJK int

	// Terminal reports whether the text ends with terminal punctuation
	// (. ! ? ؟ ۔ । 。 ！ ？ … and the like), ignoring trailing white space,
	// closing quotes and brackets.
	Terminal bool
}

// ShapeOf counts the runes of s. It does not allocate.
func ShapeOf(s string) Shape {
	var sh Shape
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			i++
			sh.Runes++
			switch c := asciiClass[b]; class(c) {
			case cLetter:
				sh.Letters++
				sh.Latin++
				if b <= 'Z' {
					sh.Upper++
				}
			case cDigit:
				sh.Digits++
			case cSpace, cBreak:
				if b <= ' ' && (b == ' ' || b >= '\t' && b <= '\r') {
					sh.Spaces++
				}
			default:
				if unicode.IsPunct(rune(b)) {
					sh.Punct++
				} else if unicode.IsSymbol(rune(b)) {
					sh.Symbols++
				}
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		sh.Runes++
		switch {
		case unicode.IsLetter(r):
			sh.Letters++
			if unicode.IsUpper(r) || unicode.IsTitle(r) {
				sh.Upper++
			}
			switch ScriptOf(r) {
			case ScriptLatin:
				sh.Latin++
			case ScriptArabic:
				sh.Arabic++
			case ScriptCyrillic:
				sh.Cyrillic++
			case ScriptGreek:
				sh.Greek++
			case ScriptHan, ScriptKana, ScriptHangul:
				sh.CJK++
			}
		case unicode.IsDigit(r):
			sh.Digits++
		case unicode.IsSpace(r):
			sh.Spaces++
		case unicode.IsPunct(r):
			sh.Punct++
		case unicode.IsSymbol(r):
			sh.Symbols++
		}
	}
	sh.Terminal = endsTerminal(s)
	return sh
}

// endsTerminal reports whether s ends with terminal punctuation.
func endsTerminal(s string) bool {
	for len(s) > 0 {
		r, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
		switch r {
		case '.', '!', '?', '؟', '۔', '।', '॥', '。', '！', '？', '．', '｡', '…', '‼', '⁇', '⁈', '⁉', '‽',
			'\u037E', '።', '፧', '։', '︒', '﹒', '﹖', '﹗':
			return true
		case '"', '\'', ')', ']', '}', '»', '”', '’', '›', '」', '』', '）', '】', '〕', '〉', '》':
			continue
		}
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r) {
			continue
		}
		return false
	}
	return false
}
