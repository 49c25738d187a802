package classifier

import (
	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Teaser cards whose title comes twice on lines of its own. A card of a
// "more stories" grid shows its headline as the image's link and again
// as the headline, with a section's name or a label between them
// ("Environment", "Paid Content"); a scraper that writes one block per
// line saves "X", "Environment", "X". The headlines read like an
// article's lines, and the model keeps them (National Geographic's grid
// after its article, at content probabilities of 0.5 to 0.8). An article
// writes no line twice a few lines apart with only labels between.

// Bounds of echoCards.
const (
	// minEchoWords and maxEchoWords bound a card's title, in words.
	minEchoWords = 3
	maxEchoWords = 20
	// maxEchoBetween is the most blocks between a title and its copy
	// (one at least), maxEchoLabel the most words of each of them.
	maxEchoBetween = 2
	maxEchoLabel   = 3
	// maxEchoGap is the most blocks between one card and the next of a
	// run (a summary, a date), maxEchoGapWords the most words of each;
	// minEchoCards is the fewest cards of a run.
	maxEchoGap      = 3
	maxEchoGapWords = 40
	minEchoCards    = 2
)

// echoCards gives the boilerplate class its prediction ranks first
// (boilerplate(i)) to every block decided title or body of the cards of a
// run of minEchoCards cards or more: a card is a line of minEchoWords to
// maxEchoWords words written again, the same bytes, after one to
// maxEchoBetween lines of at most maxEchoLabel words (its title, the
// labels, the title's copy); a run's cards are at most maxEchoGap blocks
// of at most maxEchoGapWords words apart, and those blocks (a summary, a
// date) keep their class. A question written twice in a row with its
// answer after it (a FAQ's accordion and its copy for screen readers) is
// no card, and a single card may be the article's own headline written
// twice around its section's name: both are left alone. The caller
// applies it to text on article pages.
func echoCards(text string, blocks []segment.Block, classes []int, boilerplate func(i int) int) {
	line := func(i int) string { return text[blocks[i].Start:blocks[i].End] }
	// card returns the end (the copy's index) of a card starting at i, or
	// -1; it compares the lines first, which most blocks fail at once
	// (their lengths differ), and counts words only then
	card := func(i int) int {
		for j := i + 2; j < len(blocks) && j <= i+1+maxEchoBetween; j++ {
			if line(j) != line(i) {
				continue
			}
			if n := words(line(i), maxEchoWords+1); n < minEchoWords || n > maxEchoWords {
				return -1
			}
			for k := i + 1; k < j; k++ {
				if words(line(k), maxEchoLabel+1) > maxEchoLabel {
					return -1
				}
			}
			return j
		}
		return -1
	}
	for i := 0; i < len(blocks); {
		end := card(i)
		if end < 0 {
			i++
			continue
		}
		run := [][2]int{{i, end}}
		for next := end + 1; next < len(blocks) && next <= end+1+maxEchoGap; next++ {
			if e := card(next); e >= 0 {
				run = append(run, [2]int{next, e})
				end, next = e, e
				continue
			}
			if words(line(next), maxEchoGapWords+1) > maxEchoGapWords {
				break
			}
		}
		if len(run) >= minEchoCards {
			for _, c := range run {
				for k := c[0]; k <= c[1]; k++ {
					if classes[k] == model.ClassTitle || classes[k] == model.ClassBody {
						classes[k] = boilerplate(k)
					}
				}
			}
		}
		i = end + 1
	}
}
