package segment

import "strings"

// End markers. Persian news agencies close an article's text with a
// fixed line, "انتهای پیام/" (end of message), "انتهای خبر/" (end of
// news) or "انتهای متن/" (end of text); crawler cleaners and scraper
// rule sets drop exactly these (../shared/persian/boilerplate/phrases.tsv
// and evidence.md). Whatever follows one on the same line (a page saved
// on one line, or a scraper that joined the marker to the next teaser's
// title) is not the article: Text ends a unit after the marker, and the
// classifier ends the article there (classifier/endmark.go).

// endMarkStem is what every end marker starts with.
const endMarkStem = "انتهای "

// endMarkRests are the end markers past endMarkStem.
var endMarkRests = [...]string{"پیام/", "خبر/", "متن/"}

// endMarkAt returns the offset in s just past the first end marker, or -1
// when s holds none.
func endMarkAt(s string) int {
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], endMarkStem)
		if i < 0 {
			return -1
		}
		j := from + i + len(endMarkStem)
		for _, r := range endMarkRests {
			if strings.HasPrefix(s[j:], r) {
				return j + len(r)
			}
		}
		from = j
	}
	return -1
}

// HasEndMark reports whether s holds an article's end marker ("انتهای
// پیام/", "انتهای خبر/", "انتهای متن/").
func HasEndMark(s string) bool { return endMarkAt(s) >= 0 }

// endMarkCut returns where the first end marker of the line s ends when
// more text follows it on the line, else 0.
func endMarkCut(s string) int {
	j := endMarkAt(s)
	if j < 0 || strings.TrimSpace(s[j:]) == "" {
		return 0
	}
	return j
}
