package classifier

import (
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// The first line of clean text. Text that a scraper has already cleaned
// starts with the article's headline, on a line of its own, and its first
// paragraph follows. The model, which has seen text only as whole pages
// whose first lines are a site's name and menus, often calls that line
// navigation or metadata: on the news dev pages' gold texts sent alone
// (winnow eval's "clean" mode, whose golds start with the headline), 112
// of 461 first lines were dropped, 77 of them as navigation. A page's
// rendition rarely starts with a headline right before a paragraph (menus
// and bylines come between), so a first line followed by a paragraph is
// taken as the headline. This is proseTail's counterpart at the text's
// start.

// Bounds of leadTitle: the first line's length in runes, and the content
// probability it needs.
const (
	minLeadRunes = 8
	maxLeadRunes = 160
	leadProb     = 0.15
)

// leadTitle names the first block of a text page (classes, whose blocks
// are blocks of text) title when the decoding made it boilerplate at a
// content probability (cp) of leadProb or more, it is minLeadRunes to
// maxLeadRunes runes long, and the next block, on a line of its own
// (not a piece of the same glued line), is content and a paragraph (at
// least tailRunes runes, ending a sentence; or, in a text written without
// spaces, minLedeLetters letters ending one, as lede reads it). The
// caller applies it to text pages judged to hold an article.
//
// The letters (session 37), same weights, seed 1 / 2: news-dev/new-lang
// clean 0.921 → 0.922 / unchanged (fundus NikkanGeadai +0.032); eval
// only: daniel clean, Chinese pages, 12 / 7 page-modes up; none down.
//
// Same weights, winnow eval -q, seed 1 / seed 2: 45 more of those 461
// first lines kept (seed 1: named title 242 → 287); clean rows +0.001 to
// +0.002 (news-dev 0.969 → 0.970 / 0.970 → 0.971, news-dev/new-lang
// 0.915 → 0.917 / 0.929 → 0.931, fundus 0.991 → 0.993 / unchanged,
// postlight 0.938 → 0.940 / 0.947 → 0.948); no row of the html and text
// modes, nor any Persian row, moves.
func leadTitle(text string, blocks []segment.Block, classes []int, cp func(int) float64) {
	if len(blocks) < 2 || model.Content(classes[0]) || !model.Content(classes[1]) || cp(0) < leadProb {
		return
	}
	// a paragraph is a lede that ends a sentence, and so is a shorter
	// one of lede's Han, kana, Hangul or Thai letters
	if next := text[blocks[1].Start:blocks[1].End]; blocks[1].Line == blocks[0].Line || !segment.EndsSentence(next) || !lede(next) {
		return
	}
	if n := utf8.RuneCountInString(text[blocks[0].Start:blocks[0].End]); n < minLeadRunes || n > maxLeadRunes {
		return
	}
	classes[0] = model.ClassTitle
}
