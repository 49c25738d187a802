package classifier

import (
	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Short texts. The page model learnt from whole pages, whose menus,
// bylines, teasers and footers tell an article from a listing; a text of
// a headline and a paragraph or two (a news brief, a short item a CMS
// sends, an article's lead) has none of them, and the page model called
// most such texts listings: of news-dev's 466 article pages of known kind
// cut to their headline and first paragraph (winnow eval's "brief" mode),
// 73 were judged to hold no article and lost all their text. A text of at
// most maxShortBlocks blocks that holds a paragraph the decoding kept is
// an article; a short text of headlines or menu items alone (no
// paragraph kept) is still judged by the page model.

// maxShortBlocks is the most blocks of a short text (shortArticle).
const maxShortBlocks = 4

// shortArticle reports whether a text's blocks (classes, the decoding's
// classes) are at most maxShortBlocks and one of them is content and a
// paragraph (at least tailRunes runes, ending a sentence). The caller
// applies it to text pages the page model judged to hold no article.
//
// Same weights, winnow eval -q --modes brief, seed 1 / seed 2 (with
// leadTitle): news-dev brief 0.824 → 0.928 / 0.852 → 0.951 (pages judged
// to hold no article 73 → 14 on both), news-dev/new-lang 0.738 → 0.865 /
// 0.802 → 0.928; no row of the html, text and clean modes but daniel
// clean (eval only: 0.970 → 0.975, 20 → 11 articles judged to hold none)
// moves, nor any Persian row.
func shortArticle(text string, blocks []segment.Block, classes []int) bool {
	if len(blocks) > maxShortBlocks {
		return false
	}
	for i, b := range blocks {
		if model.Content(classes[i]) && paragraph(text[b.Start:b.End]) {
			return true
		}
	}
	return false
}
