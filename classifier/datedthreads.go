package classifier

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Comment threads in plain text, by their dated author lines. Once a
// scraper has dropped the markup, a reader comment thread under an
// article is a run of units, each an author's name on a line of its own,
// the comment's date and time on the next ("December 19, 2025, 1:01 am",
// "2024-10-23 14:10") and the comment's paragraphs; the model, which
// reads the comments' words, keeps them as body. Three such units or
// more, a few lines apart, after at least minThreadArticle words of the
// article's paragraphs, make a thread: every block from the first
// author's line to the end of the last comment becomes comments. Dates
// and names are told by their shape (digits, a year or a clock, a few
// words), not by any language's words. A date line that ends with a colon
// introduces an entry of a chronology ("April 18, 1958:") and does not
// count. Limits: a thread whose dates are on the author's line, or whose
// comments have no date, is not seen; a forum thread the page model did
// not name a forum is read as comments (the caller skips pages it names
// forums).

// Bounds of datedThreads.
const (
	// minThreadUnits is the fewest author-and-date units of a thread.
	minThreadUnits = 3
	// maxUnitSpan is the most blocks from one unit's author line to the
	// next one's.
	maxUnitSpan = 12
	// maxLastComment is the most blocks of the last comment after its
	// date line.
	maxLastComment = 12
	// minThreadArticle is the fewest words of the article's paragraphs
	// (body blocks of at least threadParagraph words) before the thread.
	minThreadArticle = 100
	threadParagraph  = 25
	// maxDateBytes and maxNameBytes bound the two lines of a unit;
	// maxNameWords is the most words of an author's name.
	maxDateBytes = 80
	maxNameBytes = 40
	maxNameWords = 4
)

// datedThreads names comments the content blocks (title or body in
// classes) of the comment threads of text found by their author and date
// lines (see above). The caller applies it to text pages judged to hold
// an article and not named forums.
func datedThreads(text string, blocks []segment.Block, classes []int) {
	n := len(blocks)
	line := func(i int) string { return text[blocks[i].Start:blocks[i].End] }
	unit := func(i int) bool {
		// lengths first: most blocks are longer than a name or a date;
		// then nameLine's cheapest test, before the date line is read
		return i+1 < n && blocks[i].End-blocks[i].Start <= 2*maxNameBytes &&
			blocks[i+1].End-blocks[i+1].Start <= 2*maxDateBytes && blocks[i].Line != blocks[i+1].Line &&
			nameEnd(line(i)) && dateLine(line(i+1)) && nameLine(line(i))
	}
	// article counts the words of the article's paragraphs before block
	// from, read only when a thread is found and up to minThreadArticle.
	counted, seen := 0, 0
	article := func(from int) int {
		for ; counted < from && seen < minThreadArticle; counted++ {
			if classes[counted] == model.ClassBody && blocks[counted].End-blocks[counted].Start >= threadParagraph {
				if w := words(line(counted), minThreadArticle); w >= threadParagraph {
					seen += w
				}
			}
		}
		return seen
	}
	for i := 0; i < n; {
		if !unit(i) {
			i++
			continue
		}
		// units from i: each the next within maxUnitSpan blocks
		last, units := i, 1
		for j := i + 2; j < n && j-last <= maxUnitSpan; j++ {
			if unit(j) {
				last, units = j, units+1
			}
		}
		if units < minThreadUnits || article(i) < minThreadArticle {
			i = last + 2
			continue
		}
		end := last + 2
		for end < n && end-last-2 < maxLastComment && model.Content(classes[end]) {
			end++
		}
		for k := i; k < end; k++ {
			if model.Content(classes[k]) {
				classes[k] = model.ClassComments
			}
		}
		i = end
	}
}

// dateLine reports whether t is a date or time and little else: at most
// maxDateBytes, two or more words holding digits (dateDigit), among them a year (four
// digits alone), a date written with separators ("2025-12-19",
// "19.12.2025") or a clock ("1:01"), and at most four words of letters
// ("December", "am", "at"), not ending with a colon. Commas and
// vertical bars separate words too.
func dateLine(t string) bool {
	t = strings.TrimSpace(t)
	if len(t) > maxDateBytes || len(t) < 4 || strings.HasSuffix(t, ":") || !mayHaveDigits(t) {
		return false
	}
	letters, digits, anchored := 0, 0, false
	for i := 0; i < len(t); {
		// one word: up to white space, ',' or '|'
		nd, nl, colon, seps := 0, 0, false, 0
		j := i
		for j < len(t) {
			r, size := utf8.DecodeRuneInString(t[j:])
			if unicode.IsSpace(r) || r == ',' || r == '|' {
				break
			}
			switch {
			case dateDigit(r):
				nd++
			case unicode.IsLetter(r):
				nl++
			case r == ':':
				colon = true
			case r == '-' || r == '/' || r == '.':
				seps++
			}
			j += size
		}
		switch {
		case nd > 0:
			digits++
			if nd == 4 && nl == 0 && seps == 0 || colon || seps == 2 && nl == 0 {
				anchored = true
			}
		case nl > 0:
			letters++
		}
		if j == i {
			_, size := utf8.DecodeRuneInString(t[j:])
			j += size
		}
		i = j
	}
	return digits >= 2 && letters <= 4 && anchored
}

// mayHaveDigits reports whether t holds a dateDigit, reading bytes.
func mayHaveDigits(t string) bool {
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= '0' && c <= '9':
			return true
		case c == 0xD9 && i+1 < len(t) && t[i+1] >= 0xA0 && t[i+1] <= 0xA9, // U+0660–0669
			c == 0xDB && i+1 < len(t) && t[i+1] >= 0xB0 && t[i+1] <= 0xB9,                   // U+06F0–06F9
			c == 0xEF && i+2 < len(t) && t[i+1] == 0xBC && t[i+2] >= 0x90 && t[i+2] <= 0x99: // U+FF10–FF19
			return true
		}
	}
	return false
}

// dateDigit reports whether r is a digit of a date: ASCII, Arabic-Indic
// and Extended Arabic-Indic (Persian), and full-width digits. (Dates
// written in the digits of other scripts are not read.)
func dateDigit(r rune) bool {
	return r >= '0' && r <= '9' || r >= '٠' && r <= '٩' || r >= '۰' && r <= '۹' || r >= '０' && r <= '９'
}

// nameLine reports whether t reads as an author's name on a line of its
// own: one to maxNameWords words, at most maxNameBytes, not ending a
// sentence or a lead-in, and no date line.
func nameLine(t string) bool { return nameEnd(t) && shortName(t) && !dateLine(t) }

// shortName reports whether t has at most maxNameWords words.
func shortName(t string) bool { return words(t, maxNameWords+1) <= maxNameWords }

// nameEnd is the cheapest test of nameLine: t is at most maxNameBytes
// and ends no sentence or lead-in.
func nameEnd(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" || len(t) > maxNameBytes {
		return false
	}
	switch r, _ := utf8.DecodeLastRuneInString(t); r {
	case '.', '!', '?', ':', '؟', '。':
		return false
	}
	return true
}
