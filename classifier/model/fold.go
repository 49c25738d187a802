package model

import (
	"unicode"
	"unicode/utf8"
)

// collapseLower appends s lower-cased with runs of white space collapsed
// to one space and trimmed.
func collapseLower(dst []byte, s string) []byte {
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return collapseLowerRunes(dst, s[i:], space)
		}
		switch {
		case c == ' ' || c-'\t' <= '\r'-'\t':
			space = len(dst) > 0
			continue
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = append(dst, c)
	}
	return dst
}

// collapseLowerRunes is collapseLower past the first non-ASCII byte, with
// space telling whether white space is pending.
func collapseLowerRunes(dst []byte, s string, space bool) []byte {
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
// common case (no digit, nothing to fold) returns tok itself.
func foldToken(dst, tok []byte) []byte {
	i := 0
	for i < len(tok) {
		c := tok[i]
		if c < utf8.RuneSelf {
			if c >= '0' && c <= '9' {
				break
			}
			i++
			continue
		}
		if c >= 0xd8 && c <= 0xdb && i+1 < len(tok) && tok[i+1]&0xc0 == 0x80 {
			// U+0600-U+06FF, two bytes
			if r := rune(c&0x1f)<<6 | rune(tok[i+1]&0x3f); arabicFolds[r-0x600] {
				break
			}
			i += 2
			continue
		}
		r, n := utf8.DecodeRune(tok[i:])
		if r == utf8.RuneError && n == 1 {
			break // re-encoded as U+FFFD
		}
		if f, keep := foldRune(r); f != r || !keep {
			break
		}
		i += n
	}
	if i == len(tok) {
		return tok
	}
	dst = append(dst[:0], tok[:i]...)
	for i < len(tok) {
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
		if f, keep := foldRune(r); keep {
			dst = utf8.AppendRune(dst, f)
		}
	}
	return dst
}

// arabicFolds tells which runes of U+0600-U+06FF foldRune changes or
// drops.
var arabicFolds = func() (t [0x100]bool) {
	for i := range t {
		r := rune(0x600 + i)
		f, keep := foldRune(r)
		t[i] = f != r || !keep
	}
	return t
}()

// foldRune is foldToken's fold of one non-ASCII rune, and whether it is
// kept.
func foldRune(r rune) (rune, bool) {
	switch {
	case r == 'ي' || r == 'ى':
		return 'ی', true
	case r == 'ك':
		return 'ک', true
	case r == 'ة':
		return 'ه', true
	case r == 'أ' || r == 'إ' || r == 'ٱ':
		return 'ا', true
	case r == 0x200c || r == 0x200d || r == 0x640 || (r >= 0x64b && r <= 0x652):
		return r, false
	case r < lowRunes:
		if lowClass[r]&clDigit != 0 {
			return '0', true
		}
	case unicode.IsDigit(r):
		return '0', true
	}
	return r, true
}
