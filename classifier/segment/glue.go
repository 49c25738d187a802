package segment

import (
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A text written from a page's text nodes with nothing between them (the
// DOM's textContent, BeautifulSoup's get_text() without a separator)
// runs the words of neighbouring elements into each other wherever the
// page's markup had no white space between them, as minified pages do: a
// menu becomes "PodcastInstagramFacebookTwitter" and a paragraph runs into
// the next one ("... said on Monday.Next story"). A glue joint is such a
// place: a word that ends in two lower-case letters, or in a lower-case
// letter and a full stop, exclamation or question mark, or a number of
// two digits or more, run into a capitalised word without a space.
//
// Limits: letters of scripts without case (Chinese, Japanese, Arabic,
// Persian) give no joint, nor do cased letters of three UTF-8 bytes
// (Georgian) or whose two-byte lead is above maxCasedLead (most of
// Armenian); a camel-case name (YouTube, JavaScript) is a joint too,
// which is why joints are cut only in texts that gluedText takes for
// glued and in lines that gluedLine does.

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
	for i := 2; n < max; n++ {
		if i = glueAfter(s, i); i < 0 {
			break
		}
		i++
	}
	return n
}

// glueJoint reports whether a glue joint is at byte i of s: a capital
// letter followed by a lower-case one starts at i, and the two runes
// before i are a lower-case letter and a lower-case letter, '.', '!' or
// '?', or two ASCII digits (a date or a count run into the next element).
// Letters are ASCII or two-byte UTF-8 (Latin with accents, Greek,
// Cyrillic: capitalAt, lowerAt).
func glueJoint(s string, i int) bool {
	if i < 2 || i+1 >= len(s) {
		return false
	}
	n := capitalAt(s, i)
	if n == 0 || i+n >= len(s) || lowerAt(s, i+n) == 0 {
		return false
	}
	j := i - 1 // the rune before the capital ends at j
	if isDigit(s[j]) && isDigit(s[j-1]) {
		return true // a number: "… 12 May 2024Share this"
	}
	switch c := s[j]; {
	case c == '.', c == '!', c == '?', lowerASCII(c):
		j--
	case c >= 0x80 && j >= 1 && lowerAt(s, j-1) == 2:
		j -= 2
	default:
		return false
	}
	// the rune before that: a lower-case letter
	switch {
	case j < 0:
		return false
	case s[j] < 0x80:
		return lowerASCII(s[j])
	default:
		return j >= 1 && lowerAt(s, j-1) == 2
	}
}

func lowerASCII(c byte) bool { return c-'a' <= 'z'-'a' }
func upperASCII(c byte) bool { return c-'A' <= 'Z'-'A' }

// Two-byte UTF-8 letters with case (Latin-1 Supplement and Latin
// Extended, IPA, Greek, Cyrillic) have lead bytes in this range.
const minCasedLead, maxCasedLead = 0xC3, 0xD4

// capitalAt returns the length of the capital letter at byte i of s
// (ASCII, or a two-byte letter of a cased script), or 0.
func capitalAt(s string, i int) int {
	if n, c := caseAt(s, i); c > 0 {
		return n
	}
	return 0
}

// lowerAt returns the length of the lower-case letter at byte i of s
// (ASCII, or a two-byte letter of a cased script), or 0.
func lowerAt(s string, i int) int {
	if n, c := caseAt(s, i); c < 0 {
		return n
	}
	return 0
}

// caseAt returns the length of the letter at byte i of s and its case (1
// capital, -1 lower case), or 0, 0 when no ASCII or two-byte letter of a
// cased script starts there. The Latin-1, Greek and Cyrillic letters'
// case is read from their bytes (TestCaseAt: as unicode says, but for
// Cyrillic letters out of use, Ѡ to ҁ), other two-byte letters' from
// unicode.
func caseAt(s string, i int) (int, int) {
	c := s[i]
	switch {
	case c < 0x80:
		if upperASCII(c) {
			return 1, 1
		}
		if lowerASCII(c) {
			return 1, -1
		}
		return 0, 0
	case c < minCasedLead || c > maxCasedLead || i+1 >= len(s):
		return 0, 0
	}
	d := s[i+1]
	switch {
	case c == 0xD0 && d >= 0x80 && d <= 0xAF: // Cyrillic Ѐ–Я
		return 2, 1
	case c == 0xD0 && d >= 0xB0 && d <= 0xBF, c == 0xD1 && d >= 0x80 && d <= 0x9F: // а–џ
		return 2, -1
	case c == 0xD1: // letters out of use
		return 0, 0
	case c == 0xC3 && d >= 0x80 && d <= 0x9E && d != 0x97: // Latin-1 À–Þ but ×
		return 2, 1
	case c == 0xC3 && d >= 0x9F && d <= 0xBF && d != 0xB7: // ß–ÿ but ÷
		return 2, -1
	case c == 0xCE && d >= 0xAC, c == 0xCF && d <= 0x8E: // Greek ά–ώ
		return 2, -1
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	switch {
	case n != 2:
		return 0, 0
	case unicode.IsUpper(r):
		return 2, 1
	case unicode.IsLower(r):
		return 2, -1
	}
	return 0, 0
}

// nextGlue returns the offset of the first glue joint in s, or -1.
func nextGlue(s string) int { return glueAfter(s, 2) }

// glueAfter returns the offset of the first glue joint in s at or after
// i, or -1.
func glueAfter(s string, i int) int {
	for i = nextCapital(s, i); i >= 0; i = nextCapital(s, i+1) {
		if glueJoint(s, i) {
			return i
		}
	}
	return -1
}

// nextCapital returns the offset of the first byte of s at or after i
// that may start a capital letter (an ASCII capital, or a lead byte of a
// two-byte letter of a cased script), or -1. It reads eight bytes at a
// time: such bytes are a few per cent of a text's bytes (but every
// other byte of Cyrillic).
func nextCapital(s string, i int) int {
	const highs = 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		x := le64(s[i:])
		y := x &^ highs // no carry out of a byte below
		// a byte's high bit: x < 0x80 and 'A' <= y <= 'Z', or x >= 0x80
		// and minCasedLead <= x <= maxCasedLead
		m := between7(y, 'A', 'Z')&^x | between7(y, minCasedLead&0x7F, maxCasedLead&0x7F)&x
		if m &= highs; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; upperASCII(c) || c >= minCasedLead && c <= maxCasedLead {
			return i
		}
	}
	return -1
}
