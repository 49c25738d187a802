package classifier

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Teaser cards. A news site's list of other stories under the article
// ("Top Stories", "Latest", "More from …") gives each story a card: its
// headline and a one-paragraph summary, often with the story's date and
// time on a line of their own and a byline, or with the summary cut short
// with an ellipsis. A scraper that writes one block a line saves the
// cards as runs of such lines, and the model, which reads the summaries'
// prose, keeps them as body, as more of the article; in HTML the cards
// are blocks of their own too.
//
// teaserCards takes minCards such cards or more in a row for teasers,
// after at least minThreadArticle words of the article's paragraphs (as
// datedThreads counts them). A card is
//
//   - dated: a headline (3 to cardHeadWords words), a date line (dateLine,
//     or relativeDate), at most one short line, and a summary of
//     cardSummaryWords words or more; or
//   - truncated: a headline (2 to cardHeadWords words) and a summary of
//     truncatedWords words or more that ends with an ellipsis ("…",
//     "..."); or
//   - trailed (on pages the page model names articles): a headline (3 to
//     cardHeadWords words), a summary of cardSummaryWords words or more,
//     and one to maxTrailLines of the cards' chrome (cardChrome: short
//     lines the list repeats after every card, "Good Morning America",
//     "Save", "More like this"). Between two such cards up to
//     maxTrailSkip blocks of another shape (an advertiser's card) may
//     stand, and are taken with them. The block before the first card
//     must be boilerplate and no chrome: the list is set apart from the
//     article (an article's sections, each a subheading, a paragraph and
//     a "Click to enlarge" under its picture, follow one another).
//
// Between one card's summary and the next card's headline there is at
// most one block of up to cardTrailWords words ("Read Full Article • 128
// comments"). A run must also hold as many words of content as all the
// content blocks after it together, and a run of trailed cards twice as
// many (trailedAfter): teasers end a page, an article goes on. Each block
// of it decided title or body gets its most probable boilerplate class
// (boilerplate). Dated runs are read first, then truncated ones, then
// trailed ones; a run is of one kind. Shapes are told by lengths,
// digits, an ellipsis and position, not by any language's words. The
// caller applies it to pages judged to hold an article and not named
// forums, in both modes.
//
// Limits: cards with neither a date line, a cut summary nor chrome of
// their own, or whose summary runs to a second paragraph, are not seen
// (an article's numbered sections near its end, a heading and a paragraph each, read as such
// cards: docs/model.md's flip table); so a live blog's entries (a
// headline, a time, paragraphs) stay the article, and quoted posts signed
// with their date between the article's paragraphs ("— Jane Roe (@jroe)
// April 15, 2019") stay too, since more of the article follows them than
// they hold. An article that is itself a digest of cut summaries at its
// end loses them.
//
// On the dev sets (docs/model.md, "Teaser cards: dated or cut short"), seed 1 / seed 2, dated
// cards: news-dev text 0.902 → 0.903 / unchanged, postlight text +0.003 /
// unchanged, fundus text unchanged / +0.001, zh_webce html +0.001 on
// both; truncated cards after them: news-dev text 0.903 → 0.904 /
// unchanged, readability text +0.007 / +0.009; no dev page, in any mode,
// scores lower on either seed. Trailed cards (session 46), seed 1 /
// seed 2: docs/model.md, "Teaser cards with chrome of their own".
func teaserCards(text string, blocks []segment.Block, classes []int, boilerplate func(i int) int, article bool, para *paraWords) {
	n := len(blocks)
	line := func(i int) string { return text[blocks[i].Start:blocks[i].End] }
	size := func(i int) int { return blocks[i].End - blocks[i].Start }
	words := func(i, limit int) int { return articleWords(line(i), limit) }
	// date is unitDate read once a block (dated reads a block as a card's
	// date line and again as the next card's headline)
	var dates []int8 // 0 unread, 1 a date, 2 not; made on the first short block
	date := func(i int) bool {
		if size(i) > 2*maxDateBytes {
			return false
		}
		if dates == nil {
			dates = make([]int8, n)
		}
		if dates[i] == 0 {
			dates[i] = 2
			if unitDate(line(i)) {
				dates[i] = 1
			}
		}
		return dates[i] == 1
	}
	from := afterArticleWords(text, blocks, classes, para)
	// dated reports whether a dated card starts at block b (its
	// headline) and where its summary is
	dated := func(b int) (summary int, ok bool) {
		d := b + 1 // the date line
		// lengths first: a summary of cardSummaryWords words takes
		// twice as many bytes at least
		if b < from || d+1 >= n || max(size(d+1), size(min(d+2, n-1))) < 2*cardSummaryWords-1 ||
			!date(d) || date(b) {
			return 0, false
		}
		if w := words(b, cardHeadWords+1); w < 3 || w > cardHeadWords {
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
	// truncated reports whether a card cut short starts at block b (its
	// headline) and where its summary is
	truncated := func(b int) (summary int, ok bool) {
		if b < from || b+1 >= n || endsEllipsis(line(b)) || !endsEllipsis(line(b+1)) ||
			words(b+1, truncatedWords) < truncatedWords {
			return 0, false
		}
		if w := words(b, cardHeadWords+1); w < 2 || w > cardHeadWords {
			return 0, false
		}
		return b + 1, true
	}
	// headed reports whether block b is a trailed card's headline (3 to
	// cardHeadWords words) with its summary after it (cardSummaryWords
	// words or more)
	headed := func(b int) bool {
		if size(b+1) < 2*cardSummaryWords-1 {
			return false
		}
		w := words(b, cardHeadWords+1)
		return w >= 3 && w <= cardHeadWords && words(b+1, cardSummaryWords) >= cardSummaryWords
	}
	var chrome map[string]int
	if article && trailerCount(text, blocks, classes, from, headed) >= minCards {
		chrome = cardChrome(text, blocks, classes, from)
	}
	isChrome := func(i int) bool {
		return i < n && size(i) <= maxChromeBytes && chrome[strings.TrimSpace(line(i))] >= minCards
	}
	// trailed reports whether a card followed by the list's chrome starts
	// at block b (its headline) and where its chrome ends
	trailed := func(b int) (last int, ok bool) {
		if chrome == nil || b < from || b+2 >= n || !isChrome(b+2) || isChrome(b) || isChrome(b+1) || !headed(b) {
			return 0, false
		}
		last = b + 2
		for last+1-(b+2) < maxTrailLines && isChrome(last+1) {
			last++
		}
		return last, true
	}
	var after []int // after[k]: the words of content in blocks[k:], read once a run is found
	for kind, card := range [...]func(int) (int, bool){dated, truncated, trailed} {
		for b := from; b < n; {
			last, ok := card(b)
			if !ok {
				b++
				continue
			}
			first, cards := b, 1
			for {
				// the next card: right after the summary, or after one
				// short line
				if s, ok := card(last + 1); ok {
					last = s
				} else if s, ok := card(last + 2); ok && words(last+1, cardTrailWords+1) <= cardTrailWords {
					last = s
				} else if s, ok := skipTo(card, last, kind == 2, isChrome); ok {
					last = s // trailed cards: past an advertiser's
				} else {
					break
				}
				cards++
			}
			if cards >= minCards && after == nil {
				after = contentAfter(text, blocks, classes)
			}
			ratio, apart := 1, true
			if kind == 2 {
				// trailed cards: set apart from the article, not its
				// own sections, each followed by a button
				ratio = trailedAfter
				apart = first > 0 && !model.Content(classes[first-1]) && !isChrome(first-1)
			}
			if cards >= minCards && apart && after[first]-after[last+1] >= ratio*after[last+1] {
				for k := first; k <= last; k++ {
					if model.Content(classes[k]) {
						classes[k] = boilerplate(k)
					}
				}
				// the content after a later run is unchanged: after
				// still holds for it
			}
			b = last
		}
		after = nil // the first kind's runs changed what is content
	}
}

// Bounds of teaserCards.
const (
	minCards         = 3
	cardHeadWords    = 30
	cardSummaryWords = 12
	truncatedWords   = 8
	cardTrailWords   = 8
	// maxChromeBytes bounds a line of the cards' chrome, maxTrailLines
	// the chrome lines after one card, maxTrailSkip the blocks between
	// two trailed cards; a run of trailed cards holds trailedAfter times
	// the content words after it.
	maxChromeBytes = 60
	maxTrailLines  = 5
	maxTrailSkip   = 5
	trailedAfter   = 2
	// maxTrailers is how many distinct lines trailerCount follows.
	maxTrailers = 16
)

// endsEllipsis reports whether s ends with an ellipsis ("…" or "..."),
// white space (no-break spaces too) and direction marks aside, those
// that segment.EndsSentence looks past.
func endsEllipsis(s string) bool {
	// trimmed from the end by hand: strings.TrimRight with a cutset of
	// runes beyond ASCII takes its slow path on every line
	for len(s) > 0 {
		switch c := s[len(s)-1]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			s = s[:len(s)-1]
			continue
		case c >= utf8.RuneSelf:
			switch r, size := utf8.DecodeLastRuneInString(s); r {
			case '\u00a0', '\u202f', '\u2009', '\u200e', '\u200f', '\u202c', '\u061c':
				s = s[:len(s)-size]
				continue
			}
		}
		break
	}
	return strings.HasSuffix(s, "…") || strings.HasSuffix(s, "...")
}

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

// trailerCount is a bound cheaper than cardChrome: the most times that a
// short line standing where a trailed card's chrome starts (after a
// headline and its summary: headed) is written among blocks[from:], in
// blocks not decided content or ad. A page whose count is under minCards holds no trailed
// card (each card's first chrome line is such a line, written minCards
// times or more); the count stops at minCards, and when there are more
// than maxTrailers such lines it is minCards.
func trailerCount(text string, blocks []segment.Block, classes []int, from int, headed func(b int) bool) int {
	n := len(blocks)
	size := func(i int) int { return blocks[i].End - blocks[i].Start }
	var trailers [maxTrailers]string
	k := 0
	for b := from; b+2 < n; b++ {
		t := text[blocks[b+2].Start:blocks[b+2].End]
		if len(t) > maxChromeBytes || !headed(b) || !chromeLine(t) {
			continue
		}
		if t = strings.TrimSpace(t); !slices.Contains(trailers[:k], t) {
			if k == maxTrailers {
				return minCards
			}
			trailers[k] = t
			k++
		}
	}
	var count [maxTrailers]int
	for i := from; i < n && k > 0; i++ {
		if size(i) > maxChromeBytes || heldByArticle(classes[i]) {
			continue
		}
		if j := slices.Index(trailers[:k], strings.TrimSpace(text[blocks[i].Start:blocks[i].End])); j >= 0 {
			if count[j]++; count[j] >= minCards {
				return minCards
			}
		}
	}
	return 0
}

// cardChrome counts the lines of a list's chrome: lines of at most
// maxChromeBytes and cardTrailWords words (chromeLine), written minCards
// times or more (the same bytes, white space around them aside) among
// blocks[from:], that no block decided content or ad holds anywhere on
// the page (a line the article holds is none of its teasers' chrome; nor
// is an ad slot's label, "Advertisement" between an article's sections).
// A line is chrome when its count is minCards or more.
func cardChrome(text string, blocks []segment.Block, classes []int, from int) map[string]int {
	count := map[string]int{}
	for i := from; i < len(blocks); i++ {
		if heldByArticle(classes[i]) {
			continue // deleted below
		}
		if t := text[blocks[i].Start:blocks[i].End]; len(t) <= maxChromeBytes && chromeLine(t) {
			count[strings.TrimSpace(t)]++
		}
	}
	for i, b := range blocks {
		if heldByArticle(classes[i]) && b.End-b.Start <= maxChromeBytes {
			delete(count, strings.TrimSpace(text[b.Start:b.End]))
		}
	}
	return count
}

// heldByArticle reports whether a block of class k rules its text out as
// a list's chrome: content (the article's), or an ad (an ad slot's label,
// "Advertisement" between an article's sections).
func heldByArticle(k int) bool { return model.Content(k) || k == model.ClassAd }

// chromeLine reports whether t may be a line of a list's chrome: at most
// cardTrailWords words, a letter among them (a section break, "*", is
// the article's), not ending with a colon (a label, "Related:",
// announces the block after it).
func chromeLine(t string) bool {
	return articleWords(t, cardTrailWords+1) <= cardTrailWords && !labelLine(t) && strings.ContainsFunc(t, unicode.IsLetter)
}

// skipTo returns the end of the next card (card) that starts 3 to
// maxTrailSkip+1 blocks after last, when on, with none of the cards'
// chrome (chrome) before it: the blocks passed over are a card of another
// shape, not paragraphs the chrome follows too.
func skipTo(card func(int) (int, bool), last int, on bool, chrome func(int) bool) (int, bool) {
	if !on {
		return 0, false
	}
	for j := 1; j <= maxTrailSkip+1; j++ {
		if j >= 3 {
			if s, ok := card(last + j); ok {
				return s, true
			}
		}
		if chrome(last + j) {
			return 0, false
		}
	}
	return 0, false
}

// labelLine reports whether t ends with a colon (ASCII or full-width),
// white space aside.
func labelLine(t string) bool {
	t = strings.TrimRight(t, " \t\r\n\u00a0")
	return endsColon(t)
}
