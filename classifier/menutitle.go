package classifier

import (
	"strings"
	"unicode"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// menuSeparators are the separators of menu items and breadcrumbs written
// on one line.
var menuSeparators = [...]string{" | ", " » ", " › ", " / ", " - ", " · "}

// menuShaped reports whether text reads as a menu or a breadcrumb written
// on one line: at least three items split by one of menuSeparators, each
// of one to three words ("Home | News | Sport", "خانه » سلامت » اخبار").
// A headline rarely has that shape; a menu glued onto one line, as
// scrapers save it, does, and near the top of a page the model can take
// it for the title when its words are unknown.
func menuShaped(text string) bool {
	for _, sep := range menuSeparators {
		if strings.Count(text, sep) < 2 {
			continue
		}
		ok := true
		for rest := text; ok; {
			item, after, found := strings.Cut(rest, sep)
			if n := words(item, 4); n == 0 || n > 3 {
				ok = false
			}
			if !found {
				break
			}
			rest = after
		}
		if ok {
			return true
		}
	}
	return false
}

// words counts the words of s (runs of runes that are not white space, as
// strings.Fields splits them), stopping at max.
func words(s string, max int) int {
	n, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
			if n >= max {
				return n
			}
		}
		in = !space
	}
	return n
}

// menuTitles gives every block decided title (model.ClassTitle in
// classes, whose blocks are blocks of text) that is shaped like a menu
// (menuShaped) the boilerplate class its prediction ranks first
// (boilerplate(i)): on the held-out Persian text pages, menus of unseen
// words glued with " | " were taken for titles, and their words for the
// article's.
func menuTitles(text string, blocks []segment.Block, classes []int, boilerplate func(i int) int) {
	for i, k := range classes {
		if k == model.ClassTitle && menuShaped(text[blocks[i].Start:blocks[i].End]) {
			classes[i] = boilerplate(i)
		}
	}
}
