package segment

import "strings"

// A text written from a page's text nodes with nothing between them (the
// DOM's textContent, BeautifulSoup's get_text() without a separator)
// runs the words of neighbouring elements into each other wherever the
// page's markup had no white space between them, as minified pages do: a
// menu becomes "PodcastInstagramFacebookTwitter" and a paragraph runs into
// the next one ("... said on Monday.Next story"). A glue joint is such a
// place: a word that ends in two lower-case letters, or in a lower-case
// letter and a full stop, exclamation or question mark, run into a
// capitalised word without a space.
//
// Limits: only ASCII letters are read (Latin text without accents at the
// joint; a Cyrillic or Greek menu run together stays one block), and a
// camel-case name (YouTube, JavaScript) is a joint too, which is why
// joints are cut only in texts that gluedText takes for glued.

// Glue-joint gates (gluedText): sentences run into the next one, joints
// per 1000 bytes.
const (
	minGlueSentences = 5
	minGluePerKB     = 3
)

// gluedText reports whether text was written with its elements run
// together: it holds minGlueSentences or more joints after a sentence's
// end, minGluePerKB joints or more per 1000 bytes, and at least as many
// joints as line breaks. Ordinary text holds a few camel-case names and
// none or almost none of the first; code (Microsoft.CodeAnalysis,
// EnableAutoFormat) can hold both, but on many short lines.
func gluedText(text string) bool {
	// sentence joints first: three vectorised scans, and most texts stop
	// there
	sentences := 0
	for _, c := range []byte(".!?") {
		for i := 0; sentences < minGlueSentences; {
			j := strings.IndexByte(text[i:], c)
			if j < 0 {
				break
			}
			i += j + 1
			if glueJoint(text, i) {
				sentences++
			}
		}
	}
	if sentences < minGlueSentences {
		return false
	}
	joints := 0
	for i := 2; i+1 < len(text); i++ {
		if upperASCII(text[i]) && glueJoint(text, i) {
			joints++
		}
	}
	return joints*1000 >= minGluePerKB*len(text) && joints >= strings.Count(text, "\n")
}

// glueJoint reports whether a glue joint is at byte i of s: bytes i-2 and
// i-1 are a lower-case ASCII letter and a lower-case letter, '.', '!' or
// '?', and a capital ASCII letter followed by a lower-case one starts at i.
func glueJoint(s string, i int) bool {
	if i < 2 || i+1 >= len(s) || !upperASCII(s[i]) || !lowerASCII(s[i+1]) || !lowerASCII(s[i-2]) {
		return false
	}
	switch c := s[i-1]; {
	case lowerASCII(c), c == '.', c == '!', c == '?':
		return true
	}
	return false
}

func lowerASCII(c byte) bool { return c-'a' <= 'z'-'a' }
func upperASCII(c byte) bool { return c-'A' <= 'Z'-'A' }

// nextGlue returns the offset of the first glue joint in s, or -1.
func nextGlue(s string) int {
	for i := 2; i+1 < len(s); i++ {
		if upperASCII(s[i]) && glueJoint(s, i) {
			return i
		}
	}
	return -1
}
