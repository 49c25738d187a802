package classifier

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// linkParagraphs makes related every block decided body that is a
// paragraph of links: two links or more, holding 90 % or more of its bytes
// (linkLine). Inside an article such a paragraph is a box of related links
// or link spam ("Buy cheap … best online casino bonus … payday loans"),
// which the model, reading a paragraph's words inside the article's
// region, kept as body (0.92 on a hand-made page; 0.96 in a CMS's
// fragment without a page around it).
//
// A page whose body is mostly such paragraphs (a deals page's list of
// shop links, which its reader came for) keeps them: the rule acts only
// when they hold at most a quarter of the content's bytes. It reads the
// blocks' link counts, which HTML gives and markdown's links give in
// text; a text browser's dump marks where a link starts, not where it
// ends (segment.PlainLinks), so the caller leaves dumps out.
func linkParagraphs(blocks []segment.Block, classes []int) {
	content, linked := 0, 0
	for i := range blocks {
		if !model.Content(classes[i]) {
			continue
		}
		n := blocks[i].End - blocks[i].Start
		content += n
		if linkParagraph(&blocks[i], classes[i]) {
			linked += n
		}
	}
	if linked == 0 || 4*linked > content {
		return
	}
	for i := range blocks {
		if linkParagraph(&blocks[i], classes[i]) {
			classes[i] = model.ClassRelated
		}
	}
}

// linkParagraph reports whether block b, of class class, is body made of
// links (see linkParagraphs).
func linkParagraph(b *segment.Block, class int) bool {
	return class == model.ClassBody && b.Links >= 2 && linkLine(b)
}

// Bounds of pointerLines.
const (
	// maxPointerLabel is the most bytes of a pointer's label before its
	// colon, maxPointerLabelWords its most words.
	maxPointerLabel      = 48
	maxPointerLabelWords = 3
	// minPointerWords is the fewest words of the link after the label (a
	// headline, not a name or an address).
	minPointerWords = 4
)

// pointerLines makes related every block decided body that points to
// another story: a short label ending in a colon and one link that runs
// to the block's end ("Read more: <headline>", "Lesen Sie auch: …",
// "Читайте также: …", "ALSO READ: …"). Articles carry such lines
// between their paragraphs; their words read like the article's, and the
// model keeps them. The label is told by its shape (at most three words
// and a colon), not by any language's words; the link must hold four
// words or more, so that "Website: <address>", "Source: <name>" and
// "Credit: <name>" stay.
//
// Limits: a label without a colon ("Lesen Sie auch <headline>") is not
// seen, nor a headline in a script written without spaces (Chinese,
// Japanese: one "word"); a paragraph that is a label and a product's name
// of four words ("Recommendations: Canon AE-1 35mm Film Camera") is
// taken too.
func pointerLines(text string, blocks []segment.Block, classes []int) {
	for i := range blocks {
		if classes[i] == model.ClassBody && pointerLine(text, &blocks[i]) {
			classes[i] = model.ClassRelated
		}
	}
}

// pointerLine reports whether block b is a label, a colon and one link to
// its end (see pointerLines).
func pointerLine(text string, b *segment.Block) bool {
	if b.Links != 1 || b.End <= b.Start {
		return false
	}
	s := text[b.Start:b.End]
	i := strings.IndexAny(s[:min(len(s), maxPointerLabel+1)], ":：")
	if i <= 0 {
		return false
	}
	label := s[:i]
	if n := words(label, maxPointerLabelWords+1); n == 0 || n > maxPointerLabelWords || !strings.ContainsFunc(label, unicode.IsLetter) {
		return false
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	rest := strings.TrimSpace(s[i+w:])
	if d := len(rest) - b.LinkBytes; d < -2 || d > 2 {
		return false
	}
	return words(rest, minPointerWords) >= minPointerWords
}
