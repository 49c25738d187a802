package classifier

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// MainText returns the article text: the content blocks in document
// order, one per line. A block of text input that spans lines (a paragraph
// hard-wrapped by the tool that wrote the text, such as html2text or lynx,
// or text nodes joined back into their sentence) is written as oneLine
// writes it.
func (r *Result) MainText() string {
	n := 0
	for _, bl := range r.Blocks {
		if bl.Label == Content {
			n += bl.End - bl.Start + 1
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, bl := range r.Blocks {
		if bl.Label != Content {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		writeOneLine(&b, r.Text[bl.Start:bl.End])
	}
	return b.String()
}

// oneLine returns a block's text on one line: each line break, with the
// white space around it (a text browser's indent), becomes one space, or
// nothing before a comma, full stop, semicolon, colon or closing
// parenthesis (a text-node dump breaks the line between a link and the
// comma after it). A break between two characters of a script written
// without spaces (Chinese, Japanese) is removed when the next line is
// indented by two spaces or more (a text browser such as lynx breaks such
// lines between any two characters and indents every line of the
// paragraph) and otherwise stays a line break, without the white space
// around it: pages hard-wrapped by their authors break them too, at the
// margin, and the field's golds keep their text line by line. A string
// without a line break is returned as it is.
func oneLine(s string) string {
	if !multiline(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	writeLines(&b, s)
	return b.String()
}

// multiline reports whether s holds a line break (two vectorised scans:
// most blocks hold none).
func multiline(s string) bool {
	return strings.IndexByte(s, '\n') >= 0 || strings.IndexByte(s, '\r') >= 0
}

// writeOneLine writes oneLine(s) to b.
func writeOneLine(b *strings.Builder, s string) {
	if !multiline(s) {
		b.WriteString(s)
		return
	}
	writeLines(b, s)
}

// writeLines writes s, which holds a line break, on one line, as oneLine
// says.
func writeLines(b *strings.Builder, s string) {
	const space = " \t\r\n\v\f"
	for {
		i := strings.IndexAny(s, "\r\n")
		if i < 0 {
			b.WriteString(s)
			return
		}
		before := strings.TrimRight(s[:i], space)
		rest := strings.TrimLeft(s[i:], "\r\n")
		s = strings.TrimLeft(rest, space)
		indent := len(rest) - len(s)
		b.WriteString(before)
		if before == "" || s == "" {
			continue
		}
		last, _ := utf8.DecodeLastRuneInString(before)
		next, _ := utf8.DecodeRuneInString(s)
		switch {
		case unspaced(last) && unspaced(next) && indent >= 2:
			// a text browser's wrapped, indented paragraph: no break
		case unspaced(last) && unspaced(next):
			b.WriteByte('\n')
		case !strings.ContainsRune(",.;:)", next):
			b.WriteByte(' ')
		}
	}
}

// unspaced reports whether r belongs to a script written without spaces
// between words: its East Asian width is wide, full-width or half-width
// (Han, kana, CJK punctuation: the characters CSS Text's segment break
// transformation joins without a space), it is no Hangul, and no
// full-width Latin letter or digit (words written with spaces between
// them).
func unspaced(r rune) bool {
	if r < 0x1100 || unicode.Is(unicode.Hangul, r) {
		return false
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianHalfwidth:
		return true
	case width.EastAsianFullwidth:
		return !(r >= 0xFF10 && r <= 0xFF19 || r >= 0xFF21 && r <= 0xFF3A || r >= 0xFF41 && r <= 0xFF5A)
	}
	return false
}
