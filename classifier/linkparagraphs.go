package classifier

import (
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
