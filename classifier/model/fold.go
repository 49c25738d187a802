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
// space telling whether white space is pending.
func collapseLowerRunes(dst []byte, s string, space bool) []byte {
	for _, r := range s {
		if r < utf8.RuneSelf {
			// collapseLower's table
			if c := asciiLower[r]; c != 0xff {
				if space {
					dst = append(dst, ' ')
					space = false
				}
				dst = append(dst, c)
			} else {
				space = len(dst) > 0
			}
			continue
		}
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
