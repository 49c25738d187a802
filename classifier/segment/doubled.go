package segment

import (
	"strings"
	"unicode/utf8"
)

// Teaser cards written twice, glued onto one line. A related-stories
// card often shows its title twice (the image's link and the headline),
// and a scraper that glued the page onto one line leaves "… end of the
// last summary X X summary …": the card's title written twice in a row
// inside a piece of text, with no sentence end before it when the
// summary before was cut short ("…"). appendSentences starts a unit at
// the first copy, so that the card is a block that starts with its
// title written twice, which the classifier knows for a teaser card.
//
// Limits: words are runs of runes that are not white space (isSpace);
// the phrase is minDoubled to maxDoubled words, does not end with a full
// stop ("." or "。": a sentence written twice is a description repeated)
// and does not hold its first word again (a run of one word or a few,
// "word word word …", is no title); a heading followed by a sentence
// that opens with the heading's words ("causes of stress causes of
// stress can be …") is cut the same way.
const (
	minDoubled = 3
	maxDoubled = 24
)

// minDoubledPiece is the fewest bytes between two cuts appendSentences
// makes at doubled phrases in a piece, a card and its summary: cuts
// closer together than that would be text that repeats itself ("a b c a
// b c d …", a refrain), not cards, and could pass the block limit (one
// block per 64 bytes) on a line the splitter keeps whole.
const minDoubledPiece = 64

// span is a word's bounds in the text.
type span struct{ start, end int }

// fingerprint is a word's length and three of its bytes (first, middle,
// last): equal words have equal fingerprints, and most unequal ones
// differ, so that doubledNext compares words only where they may be
// equal.
func fingerprint(text string, sp span) uint64 {
	n := sp.end - sp.start
	if n == 0 {
		return 0
	}
	return uint64(n)<<24 | uint64(text[sp.start])<<16 | uint64(text[sp.start+n/2])<<8 | uint64(text[sp.end-1])
}

// doubledWindow is the ring of words doubledNext reads ahead: a power of
// two above the 2*maxDoubled words a phrase and its copy take.
const doubledWindow = 64

// doubledNext returns where, in text[from:to], the first phrase of
// minDoubled to maxDoubled words written twice in a row starts (its first
// word's start) and where its second copy ends, and whether there is
// one; with skipFirst, the phrase may not start at the first word. It
// reads the words once, keeping the last doubledWindow, so that its
// memory is bounded whatever the line; its time is linear in to-from:
// at most maxDoubled-minDoubled+1 phrase lengths a word, each compared
// word by word only when the phrase's first word comes again where its
// copy would start.
func doubledNext(text string, from, to int, skipFirst bool) (start, end int, ok bool) {
	var ring [doubledWindow]span
	var fps [doubledWindow]uint64 // the words' fingerprints
	n, pos := 0, from             // words read, and where reading goes on
	read := func() bool {
		s, e := nextField(text, pos, to)
		if s == e {
			return false
		}
		ring[n%doubledWindow] = span{s, e}
		fps[n%doubledWindow] = fingerprint(text, span{s, e})
		n++
		pos = e
		return true
	}
	w := func(i int) string { sp := ring[i%doubledWindow]; return text[sp.start:sp.end] }
	for i := 0; ; i++ {
		for n < i+2*maxDoubled && read() {
		}
		if i+2*minDoubled > n {
			return 0, 0, false
		}
		if i == 0 && skipFirst {
			continue
		}
		first := fps[i%doubledWindow]
		for k := minDoubled; k <= maxDoubled && i+2*k <= n; k++ {
			if fps[(i+k)%doubledWindow] != first || w(i+k) != w(i) {
				continue
			}
			same := true
			for j := 1; j < k && same; j++ {
				// a phrase whose first word comes again inside it is a
				// run of a word or of a few, no title
				same = w(i+j) == w(i+k+j) && w(i+j) != w(i)
			}
			if last := w(i + k - 1); same && !strings.HasSuffix(last, ".") && !strings.HasSuffix(last, "。") {
				return ring[i%doubledWindow].start, ring[(i+2*k-1)%doubledWindow].end, true
			}
		}
	}
}

// nextField returns the bounds of the first word of text[i:to] (a run of
// runes that are not white space, isSpace); start == end when there is
// none. Only the lead bytes that can start a white space rune outside
// ASCII (spaceLead) are decoded: a Persian or Chinese word is read byte by
// byte, and the bounds are where a rune-by-rune reading puts them
// (FuzzDoubledNext compares with strings.Fields on ASCII; TestNextField
// on every white space rune).
func nextField(text string, i, to int) (start, end int) {
	for i < to {
		size := spaceSize(text, i, to)
		if size == 0 {
			break
		}
		i += size
	}
	start = i
	for i < to {
		c := text[i]
		if !fieldStops[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			break // ASCII white space
		}
		r, size := utf8.DecodeRuneInString(text[i:to])
		if isSpace(r) {
			break
		}
		i += size
	}
	return start, i
}

// spaceSize returns the length of the white space rune (isSpace) that
// starts at text[i], or 0.
func spaceSize(text string, i, to int) int {
	c := text[i]
	if !fieldStops[c] {
		return 0
	}
	if c < utf8.RuneSelf {
		return 1 // ASCII white space
	}
	if r, size := utf8.DecodeRuneInString(text[i:to]); isSpace(r) {
		return size
	}
	return 0
}

// spaceLead marks the bytes that can start a white space rune beyond
// ASCII (isSpace): 0xC2 (U+0085, U+00A0), 0xE1 (U+1680), 0xE2 (U+2000 to
// U+2060), 0xE3 (U+3000) and 0xEF (U+FEFF). TestSpaceLead checks every
// rune.
var spaceLead = [256]bool{0xC2: true, 0xE1: true, 0xE2: true, 0xE3: true, 0xEF: true}

// fieldStops marks the bytes at which nextField and spaceSize stop to
// look: ASCII white space and spaceLead.
var fieldStops = func() (t [256]bool) {
	t = spaceLead
	for c := range utf8.RuneSelf {
		t[c] = isASCIISpace(byte(c))
	}
	return t
}()
