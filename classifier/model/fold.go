package model

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// collapseLower appends s lower-cased with runs of white space collapsed
// to one space and trimmed.
func collapseLower(dst []byte, s string) []byte {
	// the ASCII prefix, written in place: never longer than s
	dst = slices.Grow(dst, len(s))
	out := dst[len(dst) : len(dst)+len(s)]
	n := 0
	space := false
	for i := 0; i < len(s); i++ {
		c := asciiLower[s[i]]
		if c == 0xff {
			if s[i] >= utf8.RuneSelf {
				return collapseLowerRunes(dst[:len(dst)+n], s[i:], space)
			}
			space = len(dst)+n > 0
			continue
		}
		if space {
			out[n] = ' '
			n++
			space = false
		}
		out[n] = c
		n++
	}
	return dst[:len(dst)+n]
}

// asciiLower maps an ASCII byte to its lower case, and white space and
// non-ASCII bytes to 0xff.
var asciiLower = func() (t [256]byte) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf, c == ' ', c >= '\t' && c <= '\r':
			t[c] = 0xff
		case c >= 'A' && c <= 'Z':
			t[c] = byte(c) + 'a' - 'A'
		default:
			t[c] = byte(c)
		}
	}
	return t
}()

// collapseLowerRunes is collapseLower past the first non-ASCII byte, with
// space telling whether white space is pending. The letters of scripts
// without case and without white space (caseless) are copied as they
// are, without the case and space tables, and the other runes below
// U+0800 are looked up in lower2.
func collapseLowerRunes(dst []byte, s string, space bool) []byte {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// collapseLower's table
			if l := asciiLower[c]; l != 0xff {
				if space {
					dst = append(dst, ' ')
					space = false
				}
				dst = append(dst, l)
			} else {
				space = len(dst) > 0
			}
			i++
			continue
		}
		var r rune
		var size int
		if c := s[i]; c >= 0xe3 && c <= 0xe9 && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80 {
			// U+3000–U+9FFF (kana, CJK ideographs) decoded inline: every
			// such sequence is valid UTF-8
			r, size = decode3(c, s[i+1], s[i+2]), 3
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if r < rune(len(lower2)) && !caseless(r) {
			// Latin, Greek, Cyrillic, Hebrew …: lower2's table
			if l := lower2[r]; l < 0 {
				space = len(dst) > 0
			} else {
				if space {
					dst = append(dst, ' ')
					space = false
				}
				dst = utf8.AppendRune(dst, l)
			}
			i += size
			continue
		}
		switch {
		case caseless(r):
			if space {
				dst = append(dst, ' ')
				space = false
			}
			dst = append(dst, s[i:i+size]...)
		case unicode.IsSpace(r):
			space = len(dst) > 0
		default:
			if space {
				dst = append(dst, ' ')
				space = false
			}
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
		i += size
	}
	return dst
}

// lower2 is unicode.ToLower of every rune below U+0800 (those UTF-8
// writes in one or two bytes), or -1 for white space (unicode.IsSpace):
// collapseLowerRunes reads it instead of the case and space tables.
var lower2 = func() (t [0x800]rune) {
	for r := range rune(len(t)) {
		t[r] = unicode.ToLower(r)
		if unicode.IsSpace(r) {
			t[r] = -1
		}
	}
	return t
}()

// decode3 decodes c, c1, c2, which the caller has checked are a valid
// three-byte UTF-8 sequence (collapseLowerRunes' and statsOf's leads, E3
// to E9, allow no overlong form and no surrogate).
func decode3(c, c1, c2 byte) rune {
	return rune(c&0x0f)<<12 | rune(c1&0x3f)<<6 | rune(c2&0x3f)
}

// caseless reports a rune of the Arabic block, kana, CJK ideographs or
// Hangul syllables: none has another case or is white space
// (TestCaselessRunes), so collapseLower copies it.
func caseless(r rune) bool {
	return r >= 0x0600 && r <= 0x06ff || r >= 0x3041 && r <= 0x9fff || r >= 0xac00 && r <= 0xd7a3
}

// zeroDigits returns tok with every ASCII digit made '0', for hashing.
// token.Iter has already done the rest of the fold (Arabic letters to
// their Persian forms, every digit to ASCII, ZWNJ, tatweel and harakat
// dropped: see package token), so the common case, a token without a
// digit, returns tok itself; otherwise the result is built in dst.
func zeroDigits(dst, tok []byte) []byte {
	i := 0
	for i < len(tok) && (tok[i] < '0' || tok[i] > '9') {
		i++
	}
	if i == len(tok) {
		return tok
	}
	dst = append(dst[:0], tok...)
	for ; i < len(dst); i++ {
		if dst[i] >= '0' && dst[i] <= '9' {
			dst[i] = '0'
		}
	}
	return dst
}

// byteGrams is a set of byte pairs.
type byteGrams [1 << 16 / 64]uint64

// reset makes g the set of the byte pairs of b.
func (g *byteGrams) reset(b []byte) {
	clear(g[:])
	for i := 1; i < len(b); i++ {
		k := uint(b[i-1])<<8 | uint(b[i])
		g[k/64] |= 1 << (k % 64)
	}
}

func (g *byteGrams) has(a, b byte) bool {
	k := uint(a)<<8 | uint(b)
	return g[k/64]&(1<<(k%64)) != 0
}

// covers reports whether every byte pair of collapseLower(nil, s) is in
// g, reading no further than the first that is not: when g holds the
// pairs of t, false says that collapseLower(nil, s) is no substring of t.
func (g *byteGrams) covers(s string) bool {
	var prev byte
	n := 0 // bytes collapseLower writes before s[i]
	space := false
	for i := 0; i < len(s); i++ {
		c := asciiLower[s[i]]
		if c == 0xff {
			if s[i] >= utf8.RuneSelf {
				return g.coversRunes(s[i:], prev, n > 0, space)
			}
			space = n > 0
			continue
		}
		if space {
			if !g.has(prev, ' ') {
				return false
			}
			prev, space = ' ', false
		}
		if n > 0 && !g.has(prev, c) {
			return false
		}
		prev = c
		n++
	}
	return true
}

// coversRunes is covers past the first non-ASCII byte, as
// collapseLowerRunes writes it: last is the byte written last, if any
// was, and space says that white space is pending.
func (g *byteGrams) coversRunes(s string, last byte, any, space bool) bool {
	var enc [utf8.UTFMax]byte
	for _, r := range s {
		var b []byte
		if r < utf8.RuneSelf {
			c := asciiLower[r]
			if c == 0xff {
				space = any
				continue
			}
			enc[0] = c
			b = enc[:1]
		} else {
			if unicode.IsSpace(r) {
				space = any
				continue
			}
			b = utf8.AppendRune(enc[:0], unicode.ToLower(r))
		}
		if space {
			if !g.has(last, ' ') {
				return false
			}
			last, space = ' ', false
		}
		for _, c := range b {
			if any && !g.has(last, c) {
				return false
			}
			last, any = c, true
		}
	}
	return true
}
