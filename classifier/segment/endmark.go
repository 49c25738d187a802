package segment

import (
	"strings"
	"unicode/utf8"
)

// End markers. Persian news agencies close an article's text with a
// fixed line, "انتهای پیام/" (end of message), "انتهای خبر/" (end of
// news) or "انتهای متن/" (end of text); crawler cleaners and scraper
// rule sets drop exactly these (../shared/persian/boilerplate/phrases.tsv
// and evidence.md). Whatever follows one on the same line (a page saved
// on one line, or a scraper that joined the marker to the next teaser's
// title) is not the article: Text ends a unit after the marker, and the
// classifier ends the article there (classifier/endmark.go).

// endMarkStem is what every end marker starts with. Pages written with
// the Arabic yeh (U+064A, "انتهاي پيام/") hold the same markers: the
// match folds it to the Persian yeh (U+06CC), both two bytes in UTF-8,
// as segment's metadata tables fold Arabic letters (metaKey).
const endMarkStem = "انتهای "

// endMarkLead is endMarkStem up to its first yeh: what Text searches
// for before matching the rest with the yeh folded.
const endMarkLead = "انته"

// maxEditorCode is the longest editor's code (in bytes) an end marker
// carries after its slash.
const maxEditorCode = 12

// endMarkRests are the end markers past endMarkStem.
var endMarkRests = [...]string{"پیام/", "خبر/", "متن/"}

// endMarkAt returns the offset in s just past the first end marker (and
// the editor's code written against it), or -1 when s holds none.
func endMarkAt(s string) int {
	// Every marker holds a slash: most lines hold none, and a byte
	// search for it is far cheaper than one for the marker's Arabic
	// letters, whose lead bytes are most of a Persian line's.
	if strings.IndexByte(s, '/') < 0 {
		return -1
	}
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], endMarkLead)
		if i < 0 {
			return -1
		}
		j := from + i + len(endMarkLead)
		if !hasPrefixYeh(s[j:], endMarkStem[len(endMarkLead):]) {
			from = j
			continue
		}
		j += len(endMarkStem) - len(endMarkLead)
		for _, r := range endMarkRests {
			if hasPrefixYeh(s[j:], r) {
				// an editor's code may follow the slash ("انتهای
				// پیام/م", "انتهای پیام/63002/"): the marker runs to
				// the next white space, unless that is further than a
				// code runs (a word glued to the marker)
				j += len(r)
				k := j
				for k < len(s) && k-j <= maxEditorCode {
					c, n := utf8.DecodeRuneInString(s[k:])
					if isSpace(c) {
						break
					}
					k += n
				}
				if k-j <= maxEditorCode {
					j = k
				}
				return j
			}
		}
		from = j
	}
	return -1
}

// hasPrefixYeh reports whether s begins with p, an Arabic yeh in s
// standing for a Persian yeh in p.
func hasPrefixYeh(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if s[i] == p[i] {
			continue
		}
		if !strings.HasPrefix(p[i:], persianYeh) || !strings.HasPrefix(s[i:], arabicYeh) {
			return false
		}
		i++ // both are two bytes
	}
	return true
}

const (
	persianYeh = "\u06cc" // ی
	arabicYeh  = "\u064a" // ي
)

// HasEndMark reports whether s holds an article's end marker ("انتهای
// پیام/", "انتهای خبر/", "انتهای متن/").
func HasEndMark(s string) bool { return endMarkAt(s) >= 0 }

// EndMarkLine reports whether s, trimmed of white space, is an end
// marker and nothing else: "انتهای پیام/" (an editor's code may follow its
// slash), the marker written with its slash first ("/انتهای پیام"), as
// some pages lay it out for right-to-left display, or "پایان خبر" (end of
// news), which other agencies write alone on the article's last line
// (HasEndMark leaves it out: inside a line it is ordinary prose).
func EndMarkLine(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) == len(endOfNews) && hasPrefixYeh(s, endOfNews) {
		return true
	}
	t, slashFirst := strings.CutPrefix(s, "/")
	if slashFirst {
		t = strings.TrimSpace(t)
	}
	if !hasPrefixYeh(t, endMarkStem) {
		return false
	}
	if endMarkAt(t) == len(t) {
		return true // (after a first slash too: slashes on both sides)
	}
	if !slashFirst {
		return false
	}
	// the slash first, none after: the rest is a marker's without its slash
	rest := t[len(endMarkStem):]
	for _, r := range endMarkRests {
		if r = r[:len(r)-1]; len(rest) == len(r) && hasPrefixYeh(rest, r) {
			return true
		}
	}
	return false
}

// endOfNews is "end of news", a closing line some agencies write instead
// of an end marker.
const endOfNews = "پایان خبر"

// endMarkCut returns where the first end marker of the line s ends when
// more text follows it on the line, else 0.
func endMarkCut(s string) int {
	j := endMarkAt(s)
	if j < 0 || strings.TrimSpace(s[j:]) == "" {
		return 0
	}
	return j
}
