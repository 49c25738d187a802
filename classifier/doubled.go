package classifier

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Teaser cards written twice. A teaser card's title is often rendered
// twice, as the image's caption or link and as the headline, and a
// scraper that glues the card together saves "X X summary…": the same
// words twice in a row, then the summary. An article's paragraph does not
// start that way. A heading written twice and nothing after it ("X X", a
// visually hidden copy beside the visible one) may be the article's own,
// and a sentence written twice is a description repeated, so neither
// counts. Limits: a card whose two copies differ (a caption shortened,
// another case) is not seen, nor one whose title is shorter than
// minDoubled words.

// Bounds of doubledHead: the doubled phrase is minDoubled to maxDoubled
// words long.
const (
	minDoubled = 3
	maxDoubled = 24
)

// doubledHead reports whether text starts with a phrase of minDoubled to
// maxDoubled words (runs of runes that are not white space, as
// strings.Fields splits them) written twice in a row, goes on after it,
// and the phrase does not end with a full stop (sentenceEnd). It reads at
// most 2*maxDoubled+1 words, and only maxDoubled+1 when no word among
// them repeats the first (a doubled phrase of k words has the first word
// again as its word k): most blocks, an article's paragraphs among them.
func doubledHead(text string) bool {
	var ws [2*maxDoubled + 1]string
	n := 0
	for start, end := nextWord(text, 0); start < end; start, end = nextWord(text, end) {
		ws[n] = text[start:end]
		n++
		if n == 1 && !strings.Contains(text[end:], ws[0]) {
			return false // the first word is never written again
		}
		if n == maxDoubled+1 && !slices.Contains(ws[minDoubled:n], ws[0]) {
			return false
		}
		if n == len(ws) {
			break
		}
	}
	for k := minDoubled; 2*k < n; k++ {
		if sentenceEnd(ws[k-1]) {
			// the phrase is a sentence, and so is every longer one that
			// would hold it
			return false
		}
		if slices.Equal(ws[:k], ws[k:2*k]) {
			return true
		}
	}
	return false
}

// spaceAt returns the length of the white space rune (unicode.IsSpace)
// that starts at text[i], or 0. Only ASCII bytes and the lead bytes
// 0xC2, 0xE1, 0xE2 and 0xE3 can start one (U+0085 and U+00A0, U+1680,
// U+2000 to U+205F, U+3000), so no other rune is decoded; invalid UTF-8
// is no white space, as ranging over a string reads it.
func spaceAt(text string, i int) int {
	c := text[i]
	if c < utf8.RuneSelf {
		if asciiSpace[c] {
			return 1
		}
		return 0
	}
	if c != 0xC2 && (c < 0xE1 || c > 0xE3) {
		return 0
	}
	if c == 0xE3 {
		// U+3000 alone (CJK punctuation, kana: common, never decoded)
		if i+2 < len(text) && text[i+1] == 0x80 && text[i+2] == 0x80 {
			return 3
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if unicode.IsSpace(r) {
		return size
	}
	return 0
}

// nextWord returns the bounds of the first word of text at or after byte
// i: a run of runes that are not white space, as strings.Fields splits
// them; start == end == len(text) when there is none.
func nextWord(text string, i int) (start, end int) {
	for i < len(text) {
		size := spaceAt(text, i)
		if size == 0 {
			break
		}
		i += size
	}
	start = i
	for i < len(text) {
		// a rune's other bytes are never white space's first, and only
		// spaceAt's bytes start one
		if c := text[i]; (c > ' ' && c < utf8.RuneSelf || c >= utf8.RuneSelf && c != 0xC2 && (c < 0xE1 || c > 0xE3)) || spaceAt(text, i) == 0 {
			i++
			continue
		}
		break
	}
	return start, i
}

// asciiSpace marks the ASCII white space (unicode.IsSpace).
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// sentenceEnd reports whether word ends with a full stop ("." or "。"):
// a headline does not, though it may ask or exclaim.
func sentenceEnd(word string) bool {
	return strings.HasSuffix(word, ".") || strings.HasSuffix(word, "。")
}

// doubledCards gives every block decided title or body (model.ClassTitle
// or ClassBody in classes, one per block of d) that starts
// with a doubled phrase (doubledHead) the boilerplate class its
// prediction ranks first (boilerplate(i)). The caller applies it on
// article pages only: a listing's items are its content, doubled or not.
//
// On the held-out Persian pages glued on one line (a card's title, its
// copy and its summary become one sentence piece, read as body), mean
// token F1 0.894 → 0.905 (seed 2: 0.896 → 0.906); no other dev row moves
// (docs/model.md, "Teaser cards written twice").
func doubledCards(d *doubledBlocks, classes []int, boilerplate func(i int) int) {
	for i, k := range classes {
		if (k == model.ClassTitle || k == model.ClassBody) && d.head(i) {
			classes[i] = boilerplate(i)
		}
	}
}

// doubledWhole reports whether text is a phrase of minDoubled to
// maxDoubled words written twice and nothing else, after any leading
// words without a letter or digit (a bullet, a heading's marks); a phrase
// that ends with a full stop (sentenceEnd) is a description repeated and
// does not count.
func doubledWhole(text string) bool {
	// The last word ends the first copy too, so it ends no sentence and
	// is written before: most blocks are answered without reading their
	// words.
	// (Only the last 64 bytes are read for it: a longer last word, or a
	// line of a script written without spaces, is left to the word scan.)
	t := text
	if n := len(t); n > 0 && (t[n-1] <= ' ' || t[n-1] >= utf8.RuneSelf) {
		t = strings.TrimRightFunc(t, unicode.IsSpace)
	}
	for i := len(t) - 1; i >= 0 && len(t)-i <= 64; i-- {
		// only these bytes can start white space (spaceAt)
		if c := t[i]; c > ' ' && c < utf8.RuneSelf || c >= utf8.RuneSelf && c != 0xC2 && (c < 0xE1 || c > 0xE3) {
			continue
		}
		if size := spaceAt(t, i); size > 0 {
			if last := t[i+size:]; sentenceEnd(last) || !strings.Contains(t[:i], last) {
				return false
			}
			break
		}
	}
	var ws [2 * maxDoubled]string
	n := 0
	for start, end := nextWord(text, 0); start < end; start, end = nextWord(text, end) {
		w := text[start:end]
		if n == 0 && !strings.ContainsFunc(w, isLetterOrDigit) {
			continue
		}
		if n == len(ws) {
			return false
		}
		ws[n] = w
		n++
	}
	k := n / 2
	return n%2 == 0 && k >= minDoubled && !sentenceEnd(ws[k-1]) && slices.Equal(ws[:k], ws[k:n])
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// cardRuns gives the boilerplate class its prediction ranks first
// (boilerplate(i)) to every block decided title or body in a run of two
// teaser cards or more, each card two blocks: its title written twice and
// nothing else (doubledWhole), then a block that is not (its summary).
// This is how a scraper that writes one block per line saves a "related
// stories" list whose cards show their title twice (as the image's link
// and as the headline); the summaries read like prose, and the model
// keeps them. A single such pair may be the article's own heading, copied
// for screen readers, and its first paragraph, so it is left alone. The
// caller applies it to text on article pages only (in HTML no dev row
// moved with it).
//
// On the held-out Persian pages (docs/model.md, "Teaser cards in runs"),
// mean token F1 lines 0.962 → 0.966, markdown 0.963 → 0.967, wrapped
// 0.953 → 0.957 (seed 2 alike); no other dev row moves.
func cardRuns(d *doubledBlocks, classes []int, boilerplate func(i int) int) {
	n := len(d.blocks)
	card := func(i int) bool { return i+1 < n && d.whole(i) && !d.whole(i+1) }
	for i := 0; i+1 < n; {
		if !card(i) {
			i++
			continue
		}
		j := i + 2
		for card(j) {
			j += 2
		}
		if j-i >= 4 {
			for k := i; k < j; k++ {
				if classes[k] == model.ClassTitle || classes[k] == model.ClassBody {
					classes[k] = boilerplate(k)
				}
			}
		}
		i = j
	}
}

// Pages of teaser cards. A section or front page that a scraper saved as
// text is mostly teaser cards, and when their titles are written twice
// ("X X", "X X summary") they say so plainly; an article has a few such
// cards after it at most. minCardPage is the fewest such content blocks;
// they must also be one in cardPageDiv of the content blocks or more.
const (
	minCardPage = 3
	cardPageDiv = 3
)

// cardPage reports whether the content blocks of a page of text (classes,
// the decoded classes) are teaser cards written twice: at least
// minCardPage of them, and a cardPageDiv-th of the content blocks or more,
// start with a doubled phrase (doubledHead) or are one (doubledWhole).
// The caller then judges the page to hold no article.
//
// On the held-out Persian listings as text (docs/model.md, "Pages of
// teaser cards"), judged without an article: lines 37 → 42 of 60, markdown
// 35 → 40, wrapped 37 → 42, one line 0 → 4 (seed 2: 34 → 39, 34 → 41,
// 34 → 39, 0 → 5); no article of any dev set is emptied.
func cardPage(d *doubledBlocks, classes []int) bool {
	content := 0
	for _, k := range classes {
		if model.Content(k) {
			content++
		}
	}
	need := max(minCardPage, (content+cardPageDiv-1)/cardPageDiv)
	// read the blocks until the answer is known: enough cards, or too
	// few content blocks left to make enough
	cards, left := 0, content
	for i := range d.blocks {
		if cards >= need || cards+left < need {
			break
		}
		if !model.Content(classes[i]) {
			continue
		}
		left--
		if d.whole(i) || d.head(i) {
			cards++
		}
	}
	return cards >= need
}

// Bounds of cardListing.
const (
	// cardListingProb is the page model's listing probability a page
	// needs, cardListingShare the share of its content blocks in cards,
	// of at least minCardListing content blocks.
	cardListingProb  = 0.7
	cardListingShare = 0.5
	minCardListing   = 4
)

// cardListing reports whether a page of text judged to hold an article
// is a listing of teaser cards after all: the page model names it a
// listing with a probability of cardListingProb or more, and half of its
// content blocks or more (classes, at least minCardListing) are the
// halves of title-and-summary cards (model.CardShare: a headline-shaped
// line, then one sentence), as a section page's items are. An article's
// paragraphs are neither headlines nor single sentences; a listicle whose
// items are cards is still an article when the page model does not name
// it a listing. The caller then judges the page to hold no article.
//
// Same weights, winnow eval -q, seed 1 / seed 2: held-out Persian
// listings judged without an article, lines 42 → 53 / 39 → 51, markdown
// 40 → 51 / 42 → 52, wrapped 42 → 53 / 39 → 51 of 60; no article of any
// set emptied, and no F1 row moves. At a listing probability of 0.75:
// 51 / 49 / 51 (seed 1); with the page named a listing at any
// probability: 57 / 55 / 57, but a readability article and a held-out
// Persian one (wrapped) emptied, and two of daniel's (eval only).
func cardListing(doc *segment.Doc, classes []int, page model.PagePrediction) bool {
	if page.Kind != model.PageListing || page.Probs[model.PageListing-1] < cardListingProb {
		return false
	}
	share, n := model.CardShare(doc.Text, doc.Blocks, classes)
	return n >= minCardListing && share >= cardListingShare
}

// doubledBlocks answers doubledHead and doubledWhole for the blocks of a
// text, each at most once: cardPage, doubledCards and cardRuns ask about
// the same blocks.
type doubledBlocks struct {
	text   string
	blocks []segment.Block
	// known holds two answers per block, doubledHead's then
	// doubledWhole's: 0 not asked yet, 1 no, 2 yes (allocated on the
	// first question)
	known []uint8
}

func newDoubled(text string, blocks []segment.Block) *doubledBlocks {
	return &doubledBlocks{text: text, blocks: blocks}
}

// head is doubledHead of block i's text.
func (d *doubledBlocks) head(i int) bool { return d.memo(2*i, i, doubledHead) }

// whole is doubledWhole of block i's text.
func (d *doubledBlocks) whole(i int) bool { return d.memo(2*i+1, i, doubledWhole) }

// memo answers f of block i's text, kept at known[k].
func (d *doubledBlocks) memo(k, i int, f func(string) bool) bool {
	if d.known == nil {
		d.known = make([]uint8, 2*len(d.blocks))
	}
	if d.known[k] == 0 {
		d.known[k] = 1
		if f(d.text[d.blocks[i].Start:d.blocks[i].End]) {
			d.known[k] = 2
		}
	}
	return d.known[k] == 2
}
