package classifier

import (
	"slices"
	"strings"
	"unicode"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// menuSeparators are the separators of menu items and breadcrumbs written
// on one line. Two spaces are what a scraper that joins an element's
// children with a space leaves between items that had white space of
// their own.
var menuSeparators = [...]string{" | ", " » ", " › ", " / ", " - ", " · ", "  "}

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

// Bounds of repeatsWords: lines of minRepeatWords to maxRepeatWords
// words, of which at most two in three are different.
const (
	minRepeatWords = 6
	maxRepeatWords = 32
)

// repeatsWords reports whether text reads as menu items glued with single
// spaces, each written more than once ("Podcast Join Join Most read About
// us About us Podcast", as a page's header and footer menus come out of a
// scraper): minRepeatWords to maxRepeatWords words, at most two in three of
// them different. A headline says each thing once.
func repeatsWords(text string) bool {
	var w [maxRepeatWords]string
	n := 0
	for rest := text; ; {
		i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsSpace(r) })
		if i < 0 {
			break
		}
		rest = rest[i:]
		j := strings.IndexFunc(rest, unicode.IsSpace)
		if j < 0 {
			j = len(rest)
		}
		if n == len(w) {
			return false
		}
		w[n], n = rest[:j], n+1
		rest = rest[j:]
	}
	if n < minRepeatWords {
		return false
	}
	distinct := 0
	for i := 0; i < n; i++ {
		if !slices.Contains(w[:i], w[i]) {
			distinct++
		}
	}
	return 3*distinct <= 2*n
}

// menuTitles makes navigation of every block decided title (model.ClassTitle
// in classes, whose blocks are blocks of text) that is shaped like a menu
// (menuShaped) or repeats its words (repeatsWords): on the held-out
// Persian text pages, menus of unseen words glued with " | ", two spaces
// or single spaces were taken for titles, and their words for the
// article's.
func menuTitles(text string, blocks []segment.Block, classes []int) {
	for i, k := range classes {
		if k != model.ClassTitle {
			continue
		}
		if t := text[blocks[i].Start:blocks[i].End]; menuShaped(t) || repeatsWords(t) {
			classes[i] = model.ClassNavigation
		}
	}
}
