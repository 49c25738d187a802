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
// count. A relative date ("73 months ago", "vor 3 Stunden", "۳ ساعت
// پیش": relativeDate) under a name line makes a unit too.
//
// Many threads write the author and the date on one header line ("# re:
// Title 2004-12-27 12:46 flyingbirds", "Posted by Jane on 19.12.2025 at
// 14:10"): three such lines (headerLine) that begin, or end, with the same
// word and differ in their authors' names, each followed by its comment,
// make a thread too; so do lines of a name and a relative date ("jwatson
// 2 hours ago", "Anna K. vor 2 Stunden": relativeHeader), whatever words
// they begin and end with ("Peter vor 45 Minuten"). Words of the article
// are counted as words, or as letters in scripts written without spaces
// (Han, kana, Thai), so that a Chinese article counts; no thread starts
// before them, nor goes on from units before them (a forum's posts from
// the page's top).
//
// Limits: a thread whose comments have no date, or whose header lines
// share no word, is not seen; a forum thread the page model did not name
// a forum is read as comments (the caller skips pages it names forums).

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
	// (content blocks of at least threadParagraph words, see
	// articleWords) before the thread.
	minThreadArticle = 100
	threadParagraph  = 25
	// maxDateBytes and maxNameBytes bound the two lines of a unit;
	// maxNameWords is the most words of an author's name.
	maxDateBytes = 80
	maxNameBytes = 40
	maxNameWords = 4
	// maxDateLetterWords is the most words of letters in a date line
	// ("3 de mayo de 2024 a las 10:15" has five).
	maxDateLetterWords = 5
	// minHeaderBytes, maxHeaderBytes and maxHeaderWords bound a header
	// line, a comment's author and date on one line (a date of separators
	// and a word of letters take 8 bytes at least: "a 5-1-16").
	minHeaderBytes = 8
	maxHeaderBytes = 120
	maxHeaderWords = 10
)

// datedThreads names comments the content blocks (title or body in
// classes) of the comment threads of text found by their author and date
// lines (see above), and the blocks of them decided metadata, related or
// other (threadLine). The caller applies it to text pages judged to hold
// an article and not named forums.
func datedThreads(text string, blocks []segment.Block, classes []int, para *paraWords) {
	n := len(blocks)
	line := func(i int) string { return text[blocks[i].Start:blocks[i].End] }
	// no thread starts before from, nor goes on from there
	from := afterArticleWords(text, blocks, classes, para)
	// threads names comments the threads of units from block from on:
	// isUnit(i) reports whether a unit of width blocks starts at block i,
	// same(i, j) whether the unit at j belongs to the thread of the unit
	// at i.
	threads := func(width int, isUnit func(i int) bool, same func(i, j int) bool) {
		// unit is isUnit read once a block: the scan from a unit reads
		// the blocks after it again
		var memo []int8 // 0 unread, 1 a unit, 2 not; made on the first unit
		unit := func(i int) bool {
			if memo != nil && memo[i] != 0 {
				return memo[i] == 1
			}
			ok := isUnit(i)
			if ok && memo == nil {
				memo = make([]int8, n)
			}
			if memo != nil {
				memo[i] = 2
				if ok {
					memo[i] = 1
				}
			}
			return ok
		}
		// linksBack reports whether the thread of the unit at i begins
		// before block from: a unit of it within maxUnitSpan blocks before
		// i, and before from (a forum's posts, from the page's top).
		linksBack := func(i int) bool {
			for k := max(0, i-maxUnitSpan); k < min(i-1, from); k++ {
				if unit(k) && same(k, i) {
					return true
				}
			}
			return false
		}
		for i := from; i < n; {
			if !unit(i) {
				i++
				continue
			}
			// units from i: each the next within maxUnitSpan blocks,
			// a block or more after the last one began
			last, units := i, 1
			for j := i + width; j < n && j-last <= maxUnitSpan; j++ {
				if j > last+1 && unit(j) && same(i, j) {
					last, units = j, units+1
				}
			}
			if units < minThreadUnits || linksBack(i) {
				i = last + width
				continue
			}
			end := last + width
			for end < n && end-last-width < maxLastComment && model.Content(classes[end]) {
				end++
			}
			for k := i; k < end; k++ {
				if model.Content(classes[k]) || threadLine(classes[k]) {
					classes[k] = model.ClassComments
				}
			}
			i = end
		}
	}
	threads(2, func(i int) bool {
		// lengths first: most blocks are longer than a name or a date;
		// then nameLine's cheapest test, before the date line is read
		return i+1 < n && blocks[i].End-blocks[i].Start <= 2*maxNameBytes &&
			blocks[i+1].End-blocks[i+1].Start <= 2*maxDateBytes && blocks[i].Line != blocks[i+1].Line &&
			nameEnd(authorLine(line(i))) && commentDate(line(i+1)) && nameLine(line(i))
	}, func(int, int) bool { return true })
	threads(1, func(i int) bool {
		// a header line, its comment on the lines after it
		return i+1 < n && blocks[i].End-blocks[i].Start <= maxHeaderBytes && blocks[i].End-blocks[i].Start >= minHeaderBytes && blocks[i].Line != blocks[i+1].Line &&
			headerLine(line(i))
	}, func(i, j int) bool {
		a, b := line(i), line(j)
		return (sameWord(firstWord(a), firstWord(b)) || sameWord(lastWord(a), lastWord(b)) ||
			relativeHeader(a) && relativeHeader(b)) && !sameLetterWords(a, b)
	})
}

// threadLine reports whether a block of class k, boilerplate inside a
// comment thread, is the thread's: an author's or a date's line the model
// called metadata, a comment it called related or other, a "Reply" button.
// Ads, share bars, menus and legal lines inside a thread keep their
// class (an ad between two comments is what a moderator wants flagged).
func threadLine(k int) bool {
	return k == model.ClassMetadata || k == model.ClassRelated || k == model.ClassOther
}

// afterArticleWords returns the first block after minThreadArticle words
// of the article's paragraphs (content blocks of threadParagraph words or
// more), or len(blocks) when they hold fewer. para, when not nil, keeps
// each block's count for the next call on the same page.
func afterArticleWords(text string, blocks []segment.Block, classes []int, para *paraWords) int {
	seen := 0
	for i, b := range blocks {
		if seen >= minThreadArticle {
			return i
		}
		if model.Content(classes[i]) && b.End-b.Start >= threadParagraph {
			if w := para.words(text, blocks, i); w >= threadParagraph {
				seen += w
			}
		}
	}
	return len(blocks)
}

// paraWords keeps articleWords(block, minThreadArticle) of a page's
// blocks for afterArticleWords, which four rules call in turn on one page
// (datedThreads, countedThreads, formLabels, teaserCards): a block's text
// never changes, only its class, so each block is counted once (a short
// paragraph of a text page is read byte by byte: 7 % of a 2 KB Persian
// text's Classify when counted four times). The zero value is ready; a
// nil *paraWords counts every time.
type paraWords struct {
	n []int8 // per block: 0 unread, else the count plus one (at most minThreadArticle+1)
}

const _ = int8(minThreadArticle + 1) // the counts fit

// words returns articleWords of block i's text, limited to
// minThreadArticle.
func (p *paraWords) words(text string, blocks []segment.Block, i int) int {
	if p == nil {
		return articleWords(text[blocks[i].Start:blocks[i].End], minThreadArticle)
	}
	if len(p.n) != len(blocks) {
		p.n = make([]int8, len(blocks))
	}
	if p.n[i] == 0 {
		p.n[i] = int8(articleWords(text[blocks[i].Start:blocks[i].End], minThreadArticle) + 1)
	}
	return int(p.n[i]) - 1
}

// dateLine reports whether t is a date or time and little else: at most
// maxDateBytes, two or more words holding digits (dateDigit), among them a year (four
// digits alone), a date written with separators ("2025-12-19",
// "19.12.2025") or a clock ("1:01"), and at most four words of letters
// ("December", "am", "at"), not ending with a colon. Commas and
// vertical bars separate words too.
func dateLine(t string) bool { return datedLine(t, 4) }

// datedLine is dateLine with at most maxLetters words of letters.
func datedLine(t string, maxLetters int) bool {
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
	return digits >= 2 && letters <= maxLetters && anchored
}

// unitDate reports whether t is a unit's date line: a date (dateLine) or
// a relative date (relativeDate). Most lines hold no digit: that is
// tested once.
func unitDate(t string) bool { return datedUnit(t, 4) }

// commentDate reports whether t is the date line of a comment's unit:
// unitDate with up to maxDateLetterWords words of letters in a date ("3
// de mayo de 2024 a las 10:15"; a teaser's date line, which teaserCards
// reads with unitDate, keeps to four).
func commentDate(t string) bool { return datedUnit(t, maxDateLetterWords) }

// datedUnit is unitDate with at most maxLetters words of letters in a
// date (datedLine).
func datedUnit(t string, maxLetters int) bool {
	if len(t) < 4 || !mayHaveDigits(t) {
		return false
	}
	return datedLine(t, maxLetters) || relativeDate(t)
}

// maxRelativeBytes bounds a relative date line.
const maxRelativeBytes = 40

// relativeDate reports whether t is a relative date alone ("73 months
// ago", "vor 3 Stunden", "۳ ساعت پیش", "il y a 2 jours"): three to five
// words, one of them one to three digits and not the last, the others
// letters only (a table's "26 hours" has one word of letters, a label's
// "Head Line 2" ends with its number).
func relativeDate(t string) bool {
	t = strings.TrimSpace(t)
	if len(t) > maxRelativeBytes {
		return false // (a line without digits fails below: unitDate tests that first)
	}
	nw, nums, last := 0, 0, 0 // last: the end of the word of digits
	for start, end := nextWord(t, 0); start < end; start, end = nextWord(t, end) {
		if nw++; nw > 5 {
			return false
		}
		nd, nl, n := 0, 0, 0
		for _, r := range t[start:end] {
			n++
			switch {
			case dateDigit(r):
				nd++
			case unicode.IsLetter(r):
				nl++
			}
		}
		switch {
		case nd == n && nd <= 3:
			nums++
			last = end
		case nl != n:
			return false
		}
	}
	return nw >= 3 && nums == 1 && last < len(t)
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
func nameLine(t string) bool { return nameEnd(authorLine(t)) && shortName(t) && !dateLine(t) }

// authorLine is t without the colon that ends a comment's author line in
// many blogs ("Juan Pérez dice:", "Anna sagt:", "Paul dit :", "Jane
// says:"), which would otherwise read as a lead-in; a single word before
// the colon ("Update:") stays a lead-in.
func authorLine(t string) string {
	t = strings.TrimSpace(t)
	if u := strings.TrimRight(strings.TrimSuffix(t, ":"), " \u00a0"); len(u) < len(t) && words(u, 2) >= 2 {
		return u
	}
	return t
}

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

// headerLine reports whether t reads as a comment's header, its author and
// date on one line: at most maxHeaderBytes and maxHeaderWords words, a
// date among them (a word of digits with two separators, "2004-12-27",
// "19.12.2025", or a year and another word of digits, "March 3, 2024"), a
// word of letters (a date line with a word of letters, "December 19,
// 2025, 1:01 am", is one too: sameLetterWords tells a thread's headers),
// not ending a sentence or a lead-in, and not beginning with a dash.
func headerLine(t string) bool {
	t = strings.TrimSpace(t)
	if len(t) > maxHeaderBytes || !mayHaveDigits(t) || !nameEnd(t[max(0, len(t)-maxNameBytes):]) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(t); unicode.Is(unicode.Pd, r) {
		return false // a quotation's source ("— Jane Roe (@jroe) April 15, 2019")
	}
	nw, letters, digits, date, year := 0, 0, 0, false, false
	for start, end := nextWord(t, 0); start < end; start, end = nextWord(t, end) {
		if nw++; nw > maxHeaderWords {
			return false
		}
		w := t[start:end]
		nd, nl := 0, 0
		for _, r := range w {
			switch {
			case dateDigit(r):
				nd++
			case nl == 0 && (r < utf8.RuneSelf && ('a' <= r|0x20 && r|0x20 <= 'z') || r >= utf8.RuneSelf && unicode.IsLetter(r)):
				nl++ // one letter tells
			}
		}
		switch {
		case nd > 0 && nl == 0:
			digits++
			date = date || dateWord(w)
			year = year || nd == 4 && nd == utf8.RuneCountInString(strings.Trim(w, ",.;|()[]"))
		case nl > 0 && nd == 0:
			letters++
		}
	}
	return letters > 0 && (date || year && digits >= 2) || relativeHeader(t)
}

// relativeHeader reports whether t is an author's name of one to
// maxNameWords words, without digits, and a relative date after it
// (relativeDate, the shortest that ends t), on one line ("jwatson 2 hours
// ago", "Karen M. vor 3 Stunden"). Two such headers belong to one thread
// whatever words they begin and end with; their names must differ
// (sameLetterWords), so a column of "Posted 2 hours ago" lines is none.
func relativeHeader(t string) bool {
	var starts [maxNameWords + 6]int
	n := 0
	for start, end := nextWord(t, 0); start < end; start, end = nextWord(t, end) {
		if n == len(starts) {
			return false
		}
		starts[n] = start
		n++
	}
	// the shortest relative date that ends t, and the name before it
	for k := 3; k <= 5 && k < n; k++ {
		if name := n - k; relativeDate(t[starts[name]:]) {
			return name <= maxNameWords && !mayHaveDigits(t[:starts[name]])
		}
	}
	return false
}

// dateWord reports whether w is a date written with separators: three
// groups of one, two or four digits between two of one separator ('-',
// '/' or '.'), "2004-12-27", "19.12.2025", "12/27/04", with at most a
// comma, a semicolon or a bracket around them.
func dateWord(w string) bool {
	w = strings.Trim(w, ",;()[]")
	sep := strings.IndexAny(w, "-/.")
	if sep < 0 {
		return false
	}
	parts := strings.Split(w, w[sep:sep+1])
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		n := 0
		for _, r := range p {
			if !dateDigit(r) {
				return false
			}
			n++
		}
		if n != 1 && n != 2 && n != 4 {
			return false
		}
	}
	return true
}

// firstWord and lastWord return the first and the last word of t
// (lastWord splits at ASCII blanks only).
func firstWord(t string) string {
	start, end := nextWord(t, 0)
	return t[start:end]
}

func lastWord(t string) string {
	t = strings.TrimRight(t, " \t")
	return t[strings.LastIndexAny(t, " \t")+1:]
}

// sameLetterWords reports whether a and b hold the same words of letters
// (words with a letter and no digit), in order: two header lines of one
// thread differ there, in their authors' names (a column of dates,
// "12.04.2024, 10:21 Uhr", does not).
func sameLetterWords(a, b string) bool {
	next := func(t string, i int) (string, int) {
		for start, end := nextWord(t, i); start < end; start, end = nextWord(t, end) {
			if w := t[start:end]; !mayHaveDigits(w) && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
				return w, end
			}
		}
		return "", len(t)
	}
	i, j := 0, 0
	for {
		var wa, wb string
		wa, i = next(a, i)
		wb, j = next(b, j)
		if wa != wb {
			return false
		}
		if wa == "" {
			return true
		}
	}
}

// sameWord reports whether a and b are one word holding no digit.
func sameWord(a, b string) bool {
	return a != "" && a == b && !mayHaveDigits(a)
}

// wordsPrefix is how many bytes of a long text articleWords counts the
// spaces of first: when they reach the limit, the rest is not read.
const wordsPrefix = 256

// articleWords counts the words of s (runs of bytes between ASCII
// blanks), each letter of Han, kana (U+3000–U+9FFF) or Thai a word of its
// own, stopping at limit. It reads bytes: a rune's lead byte tells its
// block. A text of more than threadParagraph words by its spaces is
// taken to hold one word more than its spaces (a vectorised count;
// doubled spaces count twice).
func articleWords(s string, limit int) int {
	if len(s) > wordsPrefix {
		if c := strings.Count(s[:wordsPrefix], " ") + 1; c > threadParagraph && c >= limit {
			return limit // the whole text holds more spaces still: min(n, limit) is limit
		}
	}
	if n := strings.Count(s, " ") + 1; n > threadParagraph {
		return min(n, limit)
	}
	n, in := 0, false
	for i := 0; i < len(s) && n < limit; i++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf && asciiSpace[c]:
			in = false
		case c >= 0xE3 && c <= 0xE9 || c == 0xE0 && i+1 < len(s) && (s[i+1] == 0xB8 || s[i+1] == 0xB9):
			n++ // a letter written without spaces: a word
			in = true
		case c >= 0x80 && c < 0xC0: // a rune's continuation byte
		default:
			if !in {
				n++
				in = true
			}
		}
	}
	return min(n, limit)
}
