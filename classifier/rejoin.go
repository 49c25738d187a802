package classifier

import (
	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Widgets inside the article, in plain text. A page sets widgets inside
// its article (a reading-list button with its sign-in prompts, "More on
// this" and a few headlines, a product's care labels), and a scraper's
// text keeps them as short lines. With more than the decoder's gap of
// them in a row, the article-span decoder ends the article at the widget,
// and the paragraphs after it, whose content probability is under the
// decoder's bar for blocks outside the article (model.Span.Outside, 0.9),
// are dropped: Le Monde's article lost its last third after "Ajouter à
// vos sélections … Se connecter", Welt's after two "Anzeige" lines.
//
// rejoinTail takes them back: after the last content block, a widget of
// short lines, then paragraphs the model read as likely content, are the
// article's, as long as the widget is not a comment thread's or a teaser
// list's: a line the model called comments ("Reply", a thread's header),
// a line holding a date or a time (a teaser's "12.04.2024, 10:21 Uhr")
// and a teaser's one-sentence summary end the search. Limits: a thread
// whose lines the model calls other boilerplate, with undated headers
// ("6y"), and teasers whose summaries are two sentences or more, are
// taken in when their probability reaches rejoinProb.

// Bounds of rejoinTail: the longest widget (blocks) and its lines'
// words, and the content probability a paragraph after it needs.
const (
	maxWidgetBlocks = 15
	maxWidgetWords  = 14
	rejoinProb      = 0.7
)

// rejoinTail makes body of the paragraphs that follow the last content
// block of a text page (classes; cp is a block's content probability)
// past a widget of at most maxWidgetBlocks lines (none at all for the
// first stretch: a paragraph right after the article's last block):
// boilerplate lines of at most maxWidgetWords words, none a paragraph,
// none called comments, none holding a year or a time (holdsDate). The
// paragraphs after it are boilerplate blocks with a content probability
// of rejoinProb or more, each a paragraph (at least tailRunes runes,
// ending a sentence) that is not one short sentence (model.OneSentence: a
// teaser's summary) and not called comments. It goes on past further
// widgets, and stops at the first that is none. The caller applies it to
// text pages judged to hold an article.
//
// Same weights, winnow eval -q, seed 1 / seed 2: news-dev text 0.899 →
// 0.900 on both, zh_webce text 0.930 → 0.940 (seed 1), wcxb-dev and
// fundus text +0.001 (seed 1), clean text +0.001; 10 pages move on seed 1
// (9 up), 11 on seed 2 (9 up); every other row unchanged (docs/model.md,
// "Widgets inside the article"). Session 45 widened the widget's lines
// from 8 words to maxWidgetWords, a teaser box's headlines (Berliner
// Zeitung's "Bahn: In diesen 20 Großstädten soll der ICE bald im
// Halbstundentakt fahren" before the article's last two paragraphs): dev
// F1 summed over every text mode +2.0 / +2.4 (seed 1 / 2), eval only
// daniel −0.14 / −0.88.
func rejoinTail(text string, blocks []segment.Block, classes []int, cp func(int) float64) {
	n := len(classes)
	last := lastContent(classes)
	if last < 0 {
		return
	}
	for i := last + 1; i < n; {
		j := i
		for j < n && j-i < maxWidgetBlocks && widgetLine(text[blocks[j].Start:blocks[j].End], classes[j]) {
			j++
		}
		k := j
		for k < n && rejoinable(text[blocks[k].Start:blocks[k].End], classes[k], cp(k)) {
			k++
		}
		if k == j {
			return
		}
		for x := j; x < k; x++ {
			classes[x] = model.ClassBody
		}
		i = k
	}
}

// widgetLine reports whether a block of text t, decided class, may be a
// line of a widget inside the article: boilerplate, not a paragraph, at
// most maxWidgetWords words, not comments and holding no date or time.
func widgetLine(t string, class int) bool {
	return !model.Content(class) && class != model.ClassComments && !paragraph(t) &&
		words(t, maxWidgetWords+1) <= maxWidgetWords && !holdsDate(t)
}

// rejoinable reports whether a block of text t, decided class with
// content probability p, may be a paragraph of the article after a
// widget.
func rejoinable(t string, class int, p float64) bool {
	return !model.Content(class) && class != model.ClassComments && p >= rejoinProb &&
		paragraph(t) && !model.OneSentence(t)
}

// holdsDate reports whether t holds a year (1900 to 2099, four digits
// standing alone) or a time (a digit, a colon, two digits).
func holdsDate(t string) bool {
	digit := func(i int) bool { return i >= 0 && i < len(t) && t[i] >= '0' && t[i] <= '9' }
	for i := range len(t) {
		if i+4 <= len(t) && (t[i] == '1' && t[i+1] == '9' || t[i] == '2' && t[i+1] == '0') && digit(i+2) && digit(i+3) && !digit(i-1) && !digit(i+4) {
			return true
		}
		if t[i] == ':' && digit(i-1) && digit(i+1) && digit(i+2) {
			return true
		}
	}
	return false
}
