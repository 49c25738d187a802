// Package wrap hard-wraps text the way text dumps of web pages do
// (html2text, lynx -dump): the Persian held-out dev pages' "wrapped"
// scraper style and segment's reflow tests both use it.
package wrap

import "strings"

// Text breaks s into lines of at most width runes at spaces; a word
// longer than width stands on a line of its own. White space runs,
// newlines included, become one space or one line break.
func Text(s string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(s) {
		r := len([]rune(w))
		if i > 0 {
			if n+1+r > width {
				b.WriteByte('\n')
				n = 0
			} else {
				b.WriteByte(' ')
				n++
			}
		}
		b.WriteString(w)
		n += r
	}
	return b.String()
}
