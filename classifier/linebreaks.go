package classifier

import "strings"

// Line breaks other than "\n". Plain text from some tools ends its lines
// otherwise: with a lone "\r" (classic Mac OS files, some Windows
// exports), U+2028 LINE SEPARATOR (text taken out of JavaScript strings
// and JSON exports) or U+0085 NEXT LINE (text converted from EBCDIC), and
// word processors end paragraphs with U+2029 PARAGRAPH SEPARATOR.
// segment.Text reads lines at "\n" only, so such a text was one line: a
// headline, its paragraphs and the share bar under them one block, all
// body. In a text that has "\n" line ends, a lone "\r", U+2028 or U+0085
// is a soft break inside a paragraph (Word's manual line break pasted into
// a CMS: "ticks each of \u2028these boxes.", a daniel page's gold text),
// and stays.

// lineBreaks returns text with its line breaks other than "\n" written as
// "\n" followed by spaces, as many bytes as the break had (U+2029 is three
// bytes: "\n  "), so that every offset into the result is the same offset
// into text and every block read from it holds the same bytes as in text
// (the spaces start a line, and blocks are trimmed): U+2029 always, a
// lone "\r" (not of "\r\n"), U+2028 and U+0085 when text holds no "\n".
// It returns text itself when there is none, and a copy otherwise.
func lineBreaks(text string) string {
	soft := strings.IndexByte(text, '\n') < 0 // the soft breaks end lines
	if !strings.Contains(text, "\u2029") && !(soft && (strings.IndexByte(text, '\r') >= 0 ||
		strings.Contains(text, "\u2028") || strings.Contains(text, "\u0085"))) {
		return text
	}
	b := []byte(text)
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == 0xE2 && i+2 < len(b) && b[i+1] == 0x80 && (b[i+2] == 0xA9 || soft && b[i+2] == 0xA8):
			b[i], b[i+1], b[i+2] = '\n', ' ', ' '
			i += 2
		case !soft:
			// the soft breaks below stay in a text of lines
		case b[i] == '\r':
			b[i] = '\n' // no "\n" follows: the text has none
		case b[i] == 0xC2 && i+1 < len(b) && b[i+1] == 0x85:
			b[i], b[i+1] = '\n', ' '
			i++
		}
	}
	return string(b)
}
