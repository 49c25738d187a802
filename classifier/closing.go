package classifier

import (
	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Bounds of closingParagraph.
const (
	// closingProb is the content probability the paragraph needs.
	closingProb = 0.3
	// maxStampWords is the most words of a time or date line stepped over
	// between the article's last content block and the paragraph.
	maxStampWords = 4
)

// closingParagraph makes body the paragraph right after the last content
// block of a text page, when the decoding made it boilerplate at a
// content probability (cp) of closingProb or more and what follows it is
// no paragraph: a live blog's first entry (its last block, "Good evening
// and welcome to our live coverage …") or an article's closing paragraph
// whose words read like a site's ("Thank you for reading …"), before the
// share bar. The paragraph is on a line of its own, at least tailRunes
// runes long and ends a sentence (paragraph); one short line decided
// metadata (a live blog's time stamp, maxStampWords words) may stand
// between. The caller applies it to text pages judged to hold an
// article, after proseTail.
//
// Limits: the closing lines of a site written as prose are taken too, as
// often as real last paragraphs (an author's biography, "Want more
// updates? Sign up for …", a paywall's "Il vous reste 57 % de cet article
// à lire"): their content probability is no lower. Same weights, winnow
// eval -q, seed 1 / seed 2: dev page-modes 171 up, 149 down (+1.86
// summed) / 193 up, 153 down (+2.19); wcxb-dev markdown 0.825 → 0.827 /
// text 0.815 → 0.816; eval only: l3s text 0.937 → 0.939 / 0.936 → 0.938.
func closingParagraph(text string, blocks []segment.Block, classes []int, cp func(int) float64) {
	last := lastContent(classes)
	if last < 0 {
		return
	}
	i := last + 1
	if i < len(blocks) && classes[i] == model.ClassMetadata && words(text[blocks[i].Start:blocks[i].End], maxStampWords+1) <= maxStampWords {
		i++
	}
	if i >= len(blocks) || model.Content(classes[i]) || cp(i) < closingProb || blocks[i].Line == blocks[i-1].Line {
		return
	}
	if !paragraph(text[blocks[i].Start:blocks[i].End]) {
		return
	}
	if i+1 < len(blocks) && paragraph(text[blocks[i+1].Start:blocks[i+1].End]) {
		return // more prose follows: the page goes on, not the article
	}
	classes[i] = model.ClassBody
}
