package segment

import (
	"math/bits"
	"strings"
)

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
// Limits: only ASCII letters are read at the joint (a Cyrillic or Greek
// menu run together stays one block), and a camel-case name (YouTube,
// JavaScript) is a joint too, which is why joints are cut only in texts
// that gluedText takes for glued and in lines that gluedLine does.

// Glue gates: gluedText's sentences run into the next one and joints per
// 1000 bytes; gluedLine's line length, joints, and bytes per joint.
const (
	minGlueSentences = 5
	minGluePerKB     = 3
	minGlueLine      = 400
	minGlueJoints    = 20
	maxGlueSpacing   = 60
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
	joints := glueJoints(text, len(text))
	return joints*1000 >= minGluePerKB*len(text) && joints >= strings.Count(text, "\n")
}

// gluedLine reports whether a line of a text that is not glued as a whole
// (gluedText) was run together from elements: a menu or a whole page
// written on one line of a page's source, the rest of which has its
// elements on lines of their own. It has minGlueLine bytes or more and
// minGlueJoints joints or more, one in maxGlueSpacing bytes or more (a
// glued menu has one every 8 to 30 bytes; prose, a camel-case name in a
// sentence or two).
func gluedLine(l string) bool {
	if len(l) < minGlueLine {
		return false
	}
	need := max(minGlueJoints, (len(l)+maxGlueSpacing-1)/maxGlueSpacing)
	return glueJoints(l, need) >= need
}

// glueJoints counts the glue joints of s, up to max.
func glueJoints(s string, max int) int {
	n := 0
	for i := nextUpper(s, 2); i >= 0 && n < max; i = nextUpper(s, i+1) {
		if glueJoint(s, i) {
			n++
		}
	}
	return n
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
	for i := nextUpper(s, 2); i >= 0; i = nextUpper(s, i+1) {
		if glueJoint(s, i) {
			return i
		}
	}
	return -1
}

// nextUpper returns the offset of the first capital ASCII letter in s at
// or after i, or -1. It reads eight bytes at a time: capitals are a few
// per cent of a text's bytes.
func nextUpper(s string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		x := le64(s[i:])
		y := x &^ highs // no carry out of a byte below
		// a byte's high bit: y >= 'A', and not y >= 'Z'+1, and x < 0x80
		m := (y + (0x80-'A')*ones) &^ (y + (0x80-'Z'-1)*ones) &^ x & highs
		if m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(s); i++ {
		if upperASCII(s[i]) {
			return i
		}
	}
	return -1
}
