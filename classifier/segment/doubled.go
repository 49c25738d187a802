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
	n, pos := 0, from // words read, and where reading goes on
	read := func() bool {
		s, e := nextField(text, pos, to)
		if s == e {
			return false
		}
		ring[n%doubledWindow] = span{s, e}
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
		for k := minDoubled; k <= maxDoubled && i+2*k <= n; k++ {
			if w(i+k) != w(i) {
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
// none.
func nextField(text string, i, to int) (start, end int) {
	for i < to {
		c := text[i]
		if c < utf8.RuneSelf {
			if !isASCIISpace(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:to])
		if !isSpace(r) {
			break
		}
		i += size
	}
	start = i
	for i < to {
		c := text[i]
		if c < utf8.RuneSelf {
			if isASCIISpace(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:to])
		if isSpace(r) {
			break
		}
		i += size
	}
	return start, i
}
