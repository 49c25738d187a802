package token

import "unicode/utf8"

// SeparatorRunes bounds the runes Separator knows: below it, every rune
// is tabulated (Latin-1, Latin Extended, Greek, Cyrillic, …, General
// Punctuation, arrows, symbols, box drawing, dingbats).
const SeparatorRunes = 0x3000

// Separator reports whether the rune r, wherever it stands in a text,
// only separates tokens: the iterator reads it (or its NFKC expansion) as
// punctuation, white space and line breaks only, so that it ends the token
// before it and is in none. A text whose runes are ASCII or separators
// has the tokens of the text with each separator replaced by an ASCII
// space: runs of ASCII letters and digits. (Between Arabic-script words
// the white-space ones let Persian affixes join as a space does, the
// others do not.) False for
// U+FFFD (which an invalid byte decodes to) and for every rune from
// SeparatorRunes up.
func Separator(r rune) bool {
	if uint32(r) >= SeparatorRunes || r == utf8.RuneError {
		return false
	}
	return separatorBits()[r>>6]&(1<<(r&63)) != 0
}

// separatorBits tabulates Separator (read-only): the table
// buildSeparatorBits makes, stored in static_tables.go (TestStaticTables
// checks it).
func separatorBits() *[SeparatorRunes / 64]uint64 { return &separatorTable }

// buildSeparatorBits tabulates Separator by asking the reader what each
// rune folds to (with compatBits, the NFKC table).
func buildSeparatorBits() *[SeparatorRunes / 64]uint64 {
	var bits [SeparatorRunes / 64]uint64
	// every rune, in one string, to read them without an allocation each
	all := make([]byte, 0, 3*SeparatorRunes)
	for r := rune(utf8.RuneSelf); r < SeparatorRunes; r++ {
		all = utf8.AppendRune(all, r)
	}
	s := string(all)
	var rd reader
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if separatorRune(&rd, s[i:i+n]) {
			bits[r/64] |= 1 << (r % 64)
		}
		i += n
	}
	return &bits
}

// separatorRune reports whether the reader folds the rune r (encoded)
// alone to one or more runes, each punctuation, white space or a line
// break.
func separatorRune(rd *reader, r string) bool {
	rd.reset(r)
	n := 0
	for rd.peek() {
		switch rd.c {
		case cPunct, cSpace, cBreak:
		default:
			return false
		}
		n++
		rd.advance()
	}
	return n > 0
}
