package classifier

import (
	"strings"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Markup written as text. A page that lets other sites embed its story
// shows the code to copy ("<div style=…><a href=…>headline</a></div>") in
// a text box; a scraper's text keeps that code as one long line, and the
// model, which reads its length and the words in it (the embedded
// headline, "margin", "padding"), calls it body: 1,000 to 2,000 bytes of
// markup kept beside a short article (daniel's ria.ru and aif.ru pages).

// Bounds of escapedMarkup.
const (
	// minMarkupTags is the fewest tags a block of markup holds.
	minMarkupTags = 8
	// maxTagBytes is the longest tag counted, "<" to ">".
	maxTagBytes = 400
)

// escapedMarkup gives each content block of a text page that is markup
// (markupBlock) and stands between two boilerplate blocks (or the text's
// start or end) its most probable boilerplate class (boilerplate).
// Limits: markup inside an article stays (a tutorial's code between its
// paragraphs, or a configuration file written on one line), as does an
// article written as escaped HTML, whose words outweigh its tags; an embed
// code right after the article's last paragraph stays too. The caller
// applies it to text pages, after the rules that decide what is content.
//
// Same weights, seed 1 / seed 2 (`winnow eval -q`): wcxb-dev text 0.829 →
// 0.830 / unchanged (one dev page up on each seed, none down); eval only:
// daniel markdown +0.001 / +0.001 (48 / 38 page-modes up, 0 / 1 down).
func escapedMarkup(text string, blocks []segment.Block, classes []int, boilerplate func(int) int) {
	for i := range blocks {
		if !model.Content(classes[i]) || i > 0 && model.Content(classes[i-1]) || i+1 < len(classes) && model.Content(classes[i+1]) {
			continue
		}
		if markupBlock(text[blocks[i].Start:blocks[i].End]) {
			classes[i] = boilerplate(i)
		}
	}
}

// markupBlock reports whether t is markup: minMarkupTags tags or more
// ("<", an optional "/", an ASCII letter, then up to ">" within
// maxTagBytes bytes and no other "<"), which hold half of t's bytes or
// more.
func markupBlock(t string) bool {
	n, inTags := 0, 0
	for i := strings.IndexByte(t, '<'); i >= 0; {
		from := i + 1 // where the next "<" is looked for
		if end := tagEnd(t, i); end > 0 {
			n++
			inTags += end - i
			from = end
		}
		k := strings.IndexByte(t[from:], '<')
		if k < 0 {
			break
		}
		i = from + k
	}
	return n >= minMarkupTags && 2*inTags >= len(t)
}

// tagEnd returns the end of the tag that starts at t[i] ("<"), just past
// its ">", or -1 when none starts there.
func tagEnd(t string, i int) int {
	j := i + 1
	if j < len(t) && t[j] == '/' {
		j++
	}
	if j >= len(t) || !('a' <= t[j] && t[j] <= 'z' || 'A' <= t[j] && t[j] <= 'Z') {
		return -1
	}
	for k := j + 1; k < len(t) && k-i < maxTagBytes; k++ {
		switch t[k] {
		case '>':
			return k + 1
		case '<':
			return -1
		}
	}
	return -1
}
