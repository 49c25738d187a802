package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TextOptions tune plain-text segmentation. The zero value is the default.
type TextOptions struct {
	// Splitter cuts lines into units; nil means DefaultSplitter().
	Splitter *Splitter
	// NoSplit keeps every line whole (one block per non-blank line).
	NoSplit bool
}

// Text segments plain text. Doc.Text is text itself (not copied). Every
// non-blank line gives at least one block; a block never spans a line.
// BlankBefore marks a blank line before a block's line. Inside a line the
// Splitter cuts metadata off the start or end of a paragraph
// (SplitMetadata) and cuts run-on lists of titles into one block per
// title (SplitTitle); see Splitter for what it can and cannot see.
//
// Block.Line counts "\n"-terminated lines; "\r\n" is handled because
// white space, "\r" included, is trimmed from blocks.
func Text(text string, opt TextOptions) (*Doc, error) {
	sp := opt.Splitter
	if sp == nil && !opt.NoSplit {
		sp = DefaultSplitter()
	}
	d := &Doc{Text: text}
	d.Blocks = make([]Block, 0, strings.Count(text, "\n")/2+1)
	var sc lineScratch
	line, blank := 0, false
	for pos := 0; pos <= len(text); {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		s, e := trimSpan(text, pos, end)
		if s < e {
			n := len(d.Blocks)
			if sp != nil {
				d.Blocks = sp.appendLine(d.Blocks, text, s, e, line, &sc)
			} else {
				d.Blocks = append(d.Blocks, Block{Start: s, End: e, Line: line})
			}
			d.Blocks[n].BlankBefore = blank
			blank = false
		} else {
			blank = true
		}
		line++
		pos = end + 1
	}
	return d, nil
}

// trimSpan narrows text[s:e] to exclude leading and trailing white space
// (see isSpace).
func trimSpan(text string, s, e int) (int, int) {
	for s < e {
		c := text[s]
		if c < utf8.RuneSelf {
			if !isASCIISpace(c) {
				break
			}
			s++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		c := text[e-1]
		if c < utf8.RuneSelf {
			if !isASCIISpace(c) {
				break
			}
			e--
			continue
		}
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// isSpace reports white space: Unicode White_Space plus the invisible
// U+FEFF (BOM / zero-width no-break space), U+200B (zero-width space) and
// U+2060 (word joiner), which scrapers leave on otherwise empty lines.
func isSpace(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return isASCIISpace(byte(r))
	case r < 0x1680:
		return r == 0x85 || r == 0xA0
	}
	return unicode.IsSpace(r) || r == '\ufeff' || r == '\u200b' || r == '\u2060'
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}
