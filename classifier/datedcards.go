package classifier

import (
	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Teaser cards with dates. A news site's list of other stories under the
// article ("Top Stories", "Latest") gives each story a card: its
// headline, its date and time on a line of their own, perhaps a byline,
// and a one-paragraph summary. A scraper that writes one block a line
// saves the cards as runs of such lines, and the model, which reads the
// summaries' prose, keeps them as body, as more of the article; in HTML
// the cards are blocks of their own too.
//
// datedCards takes minDatedCards such cards or more in a row for teasers,
// after at least minThreadArticle words of the article's paragraphs (as
// datedThreads counts them): each a headline (cardHeadWords), a date line
// (dateLine, or relativeDate), at most one short line, and a summary of
// cardSummaryWords words or more; between one card's summary and the
// next card's headline at most one block of up to cardTrailWords words
// ("Read Full Article • 128 comments"). The run must also hold as many
// words of content as all the content blocks after it together: teasers
// end a page, an article goes on. Each of its blocks decided title or
// body gets its most probable boilerplate class (boilerplate). Shapes are
// told by lengths, digits and position, not by any language's words. The
// caller applies it to pages judged to hold an article and not named
// forums, in both modes.
//
// Limits: cards without a date line, or whose summary runs to a second
// paragraph, are not seen; so a live blog's entries (a headline, a time,
// paragraphs) stay the article, and quoted posts signed with their date
// between the article's paragraphs ("— Jane Roe (@jroe) April 15, 2019")
// stay too, since more of the article follows them than they hold.
//
// On the dev sets (docs/model.md, "Teaser cards with dates"), seed 1 /
// seed 2: news-dev text 0.902 → 0.903 / unchanged, postlight text +0.003
// / unchanged, fundus text unchanged / +0.001, zh_webce html +0.001 on
// both; no page of any set, in any mode, scores lower.
func datedCards(text string, blocks []segment.Block, classes []int, boilerplate func(i int) int) {
	n := len(blocks)
	line := func(i int) string { return text[blocks[i].Start:blocks[i].End] }
	from := afterArticleWords(text, blocks, classes)
	size := func(i int) int { return blocks[i].End - blocks[i].Start }
	date := func(i int) bool { return size(i) <= 2*maxDateBytes && unitDate(line(i)) }
	words := func(i, limit int) int { return articleWords(line(i), limit) }
	// card reports whether a card's date line is block d, and where its
	// summary is
	card := func(d int) (summary int, ok bool) {
		// lengths first: a summary of cardSummaryWords words takes
		// twice as many bytes at least
		if d-1 < from || d+1 >= n || max(size(d+1), size(min(d+2, n-1))) < 2*cardSummaryWords-1 ||
			!date(d) || date(d-1) {
			return 0, false
		}
		if w := words(d-1, cardHeadWords+1); w < 3 || w > cardHeadWords {
			return 0, false
		}
		for k := d + 1; k < n && k <= d+2; k++ {
			if date(k) {
				return 0, false
			}
			if words(k, cardSummaryWords) >= cardSummaryWords {
				return k, true
			}
		}
		return 0, false
	}
	// after[k] is the words of content in blocks[k:], read once the
	// first run is found; a run's demotion changes no later run's sums
	var after []int
	for d := from + 1; d < n; {
		last, ok := card(d)
		if !ok {
			d++
			continue
		}
		first, cards := d-1, 1
		for {
			// the next card's date: its headline right after the
			// summary, or after one short line
			if s, ok := card(last + 2); ok {
				last = s
			} else if s, ok := card(last + 3); ok && words(last+1, cardTrailWords+1) <= cardTrailWords {
				last = s
			} else {
				break
			}
			cards++
		}
		if cards >= minDatedCards && after == nil {
			after = contentAfter(text, blocks, classes)
		}
		if cards >= minDatedCards && after[first]-after[last+1] >= after[last+1] {
			for k := first; k <= last; k++ {
				if model.Content(classes[k]) {
					classes[k] = boilerplate(k)
				}
			}
		}
		d = last + 1
	}
}

// Bounds of datedCards.
const (
	minDatedCards    = 3
	cardHeadWords    = 30
	cardSummaryWords = 12
	cardTrailWords   = 8
)

// contentAfter returns, for every k from 0 to len(blocks), the words
// (articleWords) of the content blocks among blocks[k:].
func contentAfter(text string, blocks []segment.Block, classes []int) []int {
	after := make([]int, len(blocks)+1)
	for k := len(blocks) - 1; k >= 0; k-- {
		after[k] = after[k+1]
		if model.Content(classes[k]) {
			after[k] += articleWords(text[blocks[k].Start:blocks[k].End], 1<<30)
		}
	}
	return after
}
