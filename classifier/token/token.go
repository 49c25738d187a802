// Package token normalises text and cuts it into tokens for features.
package token

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize returns the normalised form of s used for features.
// STUB: lower-casing only; the segmentation issue brings the Persian rules.
func Normalize(s string) string { return strings.ToLower(s) }

// Iter iterates over the tokens of a string without allocating per token.
//
//	var it token.Iter
//	it.Reset(s)
//	for it.Next() { use(it.Token(), it.Span()) }
type Iter struct {
	s          string
	pos        int
	start, end int
	buf        []byte
}

// Reset starts iterating over s.
func (it *Iter) Reset(s string) { it.s, it.pos, it.start, it.end = s, 0, 0, 0 }

// Next advances to the next token and reports whether there is one.
func (it *Iter) Next() bool {
	s := it.s
	for it.pos < len(s) {
		r, n := utf8.DecodeRuneInString(s[it.pos:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		it.pos += n
	}
	if it.pos >= len(s) {
		return false
	}
	it.start = it.pos
	it.buf = it.buf[:0]
	for it.pos < len(s) {
		r, n := utf8.DecodeRuneInString(s[it.pos:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			break
		}
		it.buf = utf8.AppendRune(it.buf, unicode.ToLower(r))
		it.pos += n
	}
	it.end = it.pos
	return true
}

// Token returns the normalised current token; it is valid until Next.
func (it *Iter) Token() []byte { return it.buf }

// Span returns the byte offsets of the current token in the string.
func (it *Iter) Span() (start, end int) { return it.start, it.end }
