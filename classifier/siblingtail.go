package classifier

import (
	"strings"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Bounds of siblingTail.
const (
	// maxTailReach is how many blocks after the article's last body block
	// siblingTail reads (an in-article widget of other parents between).
	maxTailReach = 3
	// maxTailBlocks is how many blocks it takes back.
	maxTailBlocks = 2
	// minTailWords and minTailProb are what a paragraph it takes back
	// needs: words, and the model's content probability.
	minTailWords = 8
	minTailProb  = 0.2
)

// siblingTail gives the article back the paragraphs that end it after an
// in-article widget (HTML): after the last block decided body, itself a
// <p>, up to maxTailBlocks blocks within maxTailReach that are <p>
// elements of the same parent element, decided boilerplate, not link
// text (linkLine), of minTailWords words or more ending a sentence and
// read at a content probability of at least minTailProb, become body; the
// first sibling that fails stops it. Blocks of other parents (the widget:
// a promo box, an ad slot) are passed over and keep their class. The
// article's last short paragraph ("The first segment is scheduled to open
// by the end of next year.") after a promo box read at 0.39: its
// neighbours, the box and the "most read" list after the article, pulled
// it down.
//
// Limits: words are counted between spaces, so a Chinese or Japanese
// paragraph is one word and is left alone; a widget of more than
// maxTailReach blocks (a newsletter box with its form) ends the reach.
func siblingTail(text string, blocks []segment.Block, classes []int, contentProb func(int) float64) {
	last := -1
	for i := range blocks {
		if classes[i] == model.ClassBody {
			last = i
		}
	}
	if last < 0 || blocks[last].Tag != "p" {
		return
	}
	parent := segment.ParentPath(blocks[last].Path)
	taken := 0
	for j := last + 1; j < len(blocks) && j <= last+maxTailReach && taken < maxTailBlocks; j++ {
		b := &blocks[j]
		if segment.ParentPath(b.Path) != parent {
			continue
		}
		t := strings.TrimSpace(text[b.Start:b.End])
		if b.Tag != "p" || model.Content(classes[j]) || linkLine(b) || words(t, minTailWords) < minTailWords ||
			!segment.EndsSentence(t) || contentProb(j) < minTailProb {
			break
		}
		classes[j] = model.ClassBody
		taken++
	}
}
