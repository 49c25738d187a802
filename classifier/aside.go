package classifier

import (
	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Content in <aside> elements (HTML). An <aside> holds what is beside
// the article: a sidebar's rankings and "most read" lists, a box of
// related links, a newsletter promo, a pull quote that repeats the text;
// pages put them inside <article> or <main> as often as outside. The
// model reads the aside flag with everything else and keeps such boxes
// when their text reads as prose (gizmodo.jp's daily, weekly and monthly
// rankings). When the page holds minMainBytes of content outside its
// asides, every content block inside one gets its boilerplate class.
//
// Limit: a fact box or a pull quote that a gold text counts as the
// article's is dropped with the rest (wcxb's dev pages: a health
// article's "Not all vegetarians are the same" box, 0.985 → 0.946).

// asides gives every content block (classes) inside an <aside> its
// boilerplate class (boilerplate) when the content outside asides holds
// minMainBytes or more. The caller applies it to HTML pages judged to
// hold an article.
func asides(blocks []segment.Block, classes []int, boilerplate func(int) int) {
	if !mainOutside(blocks, classes, inAside) {
		return
	}
	for i := range blocks {
		if model.Content(classes[i]) && inAside(&blocks[i]) {
			classes[i] = boilerplate(i)
		}
	}
}

// inAside reports whether b is inside an <aside>.
func inAside(b *segment.Block) bool { return b.Flags&segment.InAside != 0 }

// mainOutside reports whether some content block (classes) is one that in
// reports (inside an aside, a form control's text) and the content
// outside such blocks holds minMainBytes or more: the page has an article
// besides them.
func mainOutside(blocks []segment.Block, classes []int, in func(*segment.Block) bool) bool {
	main, inside := 0, false
	for i := range blocks {
		if !model.Content(classes[i]) {
			continue
		}
		if in(&blocks[i]) {
			inside = true
		} else {
			main += blocks[i].End - blocks[i].Start
		}
	}
	return inside && main >= minMainBytes
}
