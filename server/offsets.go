package server

import (
	"unicode/utf8"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// offsetConverter turns UTF-8 byte offsets into a text into offsets in
// another unit (ClassifyOptions.offset_encoding). Block offsets arrive in
// increasing order, so it walks the text forward from the last offset it
// converted: converting every block of a document costs one pass over the
// text. An offset behind the last one restarts the walk from the start, so
// any order is correct, only slower.
//
// Offsets count what a client's own string holds: UTF-16 code units (a
// rune above U+FFFF is a surrogate pair, 2 units) or code points. A byte
// that is not part of valid UTF-8 counts as one unit, as the U+FFFD that
// replaces it when the client decodes the text. An offset that falls
// inside a multi-byte rune (the classifier never returns one) converts to
// the offset of that rune's start.
type offsetConverter struct {
	text  string
	utf16 bool // else code points
	byteN int  // bytes walked
	unitN int  // units in text[:byteN]
}

// newOffsetConverter returns a converter to enc for text, or nil when enc
// is UTF-8 (or unset), where offsets stay as they are.
func newOffsetConverter(text string, enc winnowv1.OffsetEncoding) *offsetConverter {
	switch enc {
	case winnowv1.OffsetEncoding_OFFSET_ENCODING_UTF16:
		return &offsetConverter{text: text, utf16: true}
	case winnowv1.OffsetEncoding_OFFSET_ENCODING_UTF32:
		return &offsetConverter{text: text}
	}
	return nil
}

// convert returns the offset of byte offset off in the converter's unit;
// offsets past the end of the text are clamped to it. A nil converter
// returns off unchanged.
func (c *offsetConverter) convert(off int) int {
	if c == nil {
		return off
	}
	off = min(max(off, 0), len(c.text))
	if off < c.byteN {
		c.byteN, c.unitN = 0, 0
	}
	for c.byteN < off {
		r, size := utf8.DecodeRuneInString(c.text[c.byteN:])
		if c.byteN+size > off {
			break // off is inside this rune
		}
		c.byteN += size
		c.unitN++
		if c.utf16 && r > 0xFFFF {
			c.unitN++
		}
	}
	return c.unitN
}

// wireEncoding is the encoding a response reports for the requested one:
// unset means UTF-8.
func wireEncoding(enc winnowv1.OffsetEncoding) winnowv1.OffsetEncoding {
	if enc == winnowv1.OffsetEncoding_OFFSET_ENCODING_UNSPECIFIED {
		return winnowv1.OffsetEncoding_OFFSET_ENCODING_UTF8
	}
	return enc
}

// validEncoding reports whether enc is a value this server knows.
func validEncoding(enc winnowv1.OffsetEncoding) bool {
	_, ok := winnowv1.OffsetEncoding_name[int32(enc)]
	return ok
}
