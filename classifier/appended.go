package classifier

import (
	"slices"
	"strings"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Articles appended after the article. A news page that scrolls on
// without end loads the next stories under the one it was opened for,
// each in an <article> element of its own with its own headline, and the
// decoder, which keeps one region, bridges them into the first: Dagbladet's
// page kept three more stories after its own (0.441). The page's own
// article is the <article> element holding its first <h1>; after that
// element ends, every content block inside another <article> element that
// has a heading of its own (h1 to h3) gets its boilerplate class. An h1
// outside any <article> element (a site's logo), or an h1 whose element
// holds less than minMainBytes of content (a header wrapped apart from the
// body), leaves the page alone. Limit: the elements are told apart by
// their selectors (segment.Block.Path), which on pages nested deeper than
// 64 elements start at an ancestor with an id or name only the last 64
// elements; there two <article> elements may look alike, and the rule
// then keeps the later one.

// minMainBytes is the least content (bytes) that makes an article for the
// HTML rules that take blocks out of it: the <article> element holding the
// page's first h1 (appendedArticles), the content before an end marker
// (afterEnd), the content outside asides and form controls (mainOutside).
const minMainBytes = 500

// appendedArticles gives every content block (classes) inside an
// <article> element that comes after the page's own one, and holds an h1,
// h2 or h3 block, its boilerplate class. The caller applies it to HTML
// pages judged to hold an article.
//
// Same weights, winnow eval -q, seed 1 / seed 2: news-dev html 0.928 →
// 0.929 on both, news-dev/new-lang html 0.882 → 0.888 / 0.892 → 0.899,
// fundus html +0.001 / +0.002; two pages move on seed 1 and one on seed
// 2, all up (Dagbladet 0.441 → 0.873); eval only, daniel and l3s
// unchanged page by page (docs/model.md, "Articles appended after the
// article").
func appendedArticles(blocks []segment.Block, classes []int, boilerplate func(int) int) {
	h, main := -1, ""
	for i := range blocks {
		if blocks[i].Heading == 1 && blocks[i].Flags&segment.InArticle != 0 {
			if main = outerArticle(blocks[i].Path); main != "" {
				h = i
				break
			}
		}
	}
	if main == "" {
		return
	}
	// an element's blocks follow each other: the page's own article is
	// the run of blocks around the h1 inside it
	inMain := func(i int) bool {
		p := blocks[i].Path
		return strings.HasPrefix(p, main) && (len(p) == len(main) || p[len(main)] == '>')
	}
	first, last := h, h
	for first > 0 && inMain(first-1) {
		first--
	}
	for last+1 < len(blocks) && inMain(last+1) {
		last++
	}
	mass := 0
	for i := first; i <= last; i++ {
		if model.Content(classes[i]) {
			mass += blocks[i].End - blocks[i].Start
		}
	}
	if mass < minMainBytes {
		return
	}
	// the <article> elements after it that hold a heading of their own
	var headed []string
	for i := last + 1; i < len(blocks); i++ {
		if hl := blocks[i].Heading; hl >= 1 && hl <= 3 && blocks[i].Flags&segment.InArticle != 0 {
			if a := outerArticle(blocks[i].Path); a != "" && a != main && !slices.Contains(headed, a) {
				headed = append(headed, a)
			}
		}
	}
	if headed == nil {
		return
	}
	for i := last + 1; i < len(blocks); i++ {
		if model.Content(classes[i]) && blocks[i].Flags&segment.InArticle != 0 && slices.Contains(headed, outerArticle(blocks[i].Path)) {
			classes[i] = boilerplate(i)
		}
	}
}

// outerArticle returns the start of path (segment.Block.Path) up to and
// including its first <article> step: the outermost <article> element
// holding the block, as a selector; "" when there is none.
func outerArticle(path string) string {
	for at := 0; at < len(path); {
		end := strings.IndexByte(path[at:], '>')
		if end < 0 {
			end = len(path) - at
		}
		step := path[at : at+end]
		if rest, ok := strings.CutPrefix(step, "article"); ok && (rest == "" || rest[0] == '.' || rest[0] == '#' || rest[0] == ':') {
			return path[:at+end]
		}
		at += end + 1
	}
	return ""
}
