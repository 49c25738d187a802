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
