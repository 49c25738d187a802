package segment

import (
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// Markdown. Scrapers that feed language models save pages as markdown
// (Jina Reader, Firecrawl, crawl4ai and the like): links as [text](url),
// images as ![alt](url), headings as "#" lines, list items as "* " lines,
// bold as **text**. Read as plain text, the addresses and marks are words
// and punctuation no plain rendition has: a menu item "* [World](https://
// example.com/world)" reads as a sentence about example.com, a headline
// "# Council approves …" starts with a mark. PlainMarkdown gives the text
// a plain scraper would have saved, and where its bytes came from, so
// that blocks found in it can be given back as offsets into the input.

// Bounds of a link PlainMarkdown reads: its address's bytes, its text's
// bytes and how deep brackets nest in its text; a longer or deeper one is
// no link (it stays as written). Addresses run long: a responsive image
// converted with its srcset joined into one address takes several KB, an
// inline image as a data URL tens or hundreds; left as text, such an
// address was cut into blocks that read as paragraphs (a 2 KiB bound kept
// image addresses as body on 74 pages of winnow eval's markdown modes).
// An address scan stops at a bracket, a line break or white space, so a
// larger bound keeps the work linear.
const (
	maxMarkdownURL = 1 << 20
	maxLinkText    = 2048
	// maxLinkDepth is how deep brackets nest in a link's text, the
	// link's own counted: an image inside a link whose alt text holds
	// brackets ("[… ![Logo [2x]](/l.png) …](/)": a teaser whose picture a
	// script left named "[object Object]") is three deep.
	maxLinkDepth = 3
)

// PlainMarkdown returns text with its markdown marks taken out, line by
// line: [text](url) becomes text, ![alt](url) nothing, a heading's
// leading "#" marks (one to six, then a space) and a list item's leading
// "* ", "- " or "+ " go, and so does every "**"; a backslash before ASCII
// punctuation goes and leaves the mark as text ("Leser\*innen", "\[1\]":
// turndown, which Jina Reader and browser clippers use, escapes every
// mark of the page's text so), and a line of marks alone (the "=====" or
// "-----" under a heading's text, which turndown writes for h1 and h2, or
// a "* * *" rule) becomes empty. pos maps plain's offsets
// to text's (MarkdownOffsets.Input). ok is false, and plain empty and pos
// nil, when text has no link or image (a text without them is read as it
// is: a line that starts with "- " or "# " is too common in plain text to
// be taken for a mark alone), or is 2 GiB or longer (the offsets are
// int32).
//
// Limits: inline links and images only (no reference links, autolinks
// or HTML); emphasis by one "*" or "_" stays as written (its marks are
// no words); a link's text may hold an image or brackets of its own, and
// brackets inside those (maxLinkDepth), and go on over line breaks
// (converters that hard-wrap split links) but not over a blank line; the
// address, on one line, ends at the first ")" unless parentheses inside
// it pair up, and may hold neither brackets nor white space (but before a
// quoted title) unless written in angle brackets, <…>, as CommonMark
// allows. The work is linear in the text's length. Lines keep their
// breaks, so line structure (and segment.Text's reading of it) is
// unchanged.
// Memory: plain is at most text's size, and pos 8 bytes per run of text
// kept between two marks and per link (its text's span, for
// MarkdownOffsets.SetLinks).
func PlainMarkdown(text string) (plain string, pos *MarkdownOffsets, ok bool) {
	if len(text) >= math.MaxInt32 || !strings.Contains(text, "](") {
		return "", nil, false
	}
	u := unmarker{src: text, pos: &MarkdownOffsets{src: text, end: int32(len(text))}}
	u.out.Grow(len(text))
	links := 0
	for i := 0; i < len(text); {
		e := lineEnd(text, i)
		j := u.marks(i, e)
		k, n := u.inline(j, e, true)
		links += n
		if k < len(text) {
			u.emit(k, k+1) // the line break
		}
		i = k + 1
	}
	if links == 0 {
		return "", nil, false
	}
	u.pos.n = int32(u.out.Len())
	return u.out.String(), u.pos, true
}

// MarkdownOffsets maps offsets of PlainMarkdown's plain text to offsets
// of its input: plain is made of runs of the input's bytes, and each run
// is stored by its start in both.
type MarkdownOffsets struct {
	plain, text []int32    // each run's start in plain and in the input
	n, end      int32      // the lengths of plain and of the input
	links       [][2]int32 // the spans of plain that are link text
	whole       [][2]int32 // each link's span in the input, "[" to ")"
	src         string     // the input
}

// Source returns the input's bytes from plain's byte start to its byte
// end-1 (start < end <= len(plain)), the marks and addresses between them
// included, and a link's "[" before start or "](…)" after end-1 when its
// text starts at start or ends at end: a line of markdown as written, but
// for a heading's or list item's leading marks.
func (m *MarkdownOffsets) Source(start, end int) string {
	s, e := m.Input(start), m.Input(end-1)+1
	k := sort.Search(len(m.links), func(k int) bool { return int(m.links[k][1]) >= start })
	for ; k < len(m.links) && int(m.links[k][0]) <= end; k++ {
		if int(m.links[k][0]) == start {
			s = min(s, int(m.whole[k][0]))
		}
		if int(m.links[k][1]) == end {
			e = max(e, int(m.whole[k][1]))
		}
	}
	return m.src[s:e]
}

// Input returns the offset in the input of plain's byte i, for i in
// [0, len(plain)); i == len(plain) (or more) gives the input's length.
func (m *MarkdownOffsets) Input(i int) int {
	if i >= int(m.n) {
		return int(m.end)
	}
	k := sort.Search(len(m.plain), func(k int) bool { return int(m.plain[k]) > i }) - 1
	if k < 0 {
		return 0
	}
	return int(m.text[k]) + i - int(m.plain[k])
}

// Span returns the input's span of plain's bytes [start, end) (start <
// end <= len(plain)), widened to whole links: when the span holds the
// whole of a link's text it also holds the link's "[" and its "](…)", so
// that a block's input text is markdown with its links whole
// ("[Home](/)", not "Home" or "Home](/)"). A span that holds only part of
// a link's text (a link cut by a block's end) holds only that part.
func (m *MarkdownOffsets) Span(start, end int) (int, int) {
	s, e := m.Input(start), m.Input(end-1)+1
	k := sort.Search(len(m.links), func(k int) bool { return int(m.links[k][1]) > start })
	for ; k < len(m.links) && int(m.links[k][0]) < end; k++ {
		if int(m.links[k][0]) >= start && int(m.links[k][1]) <= end {
			s, e = min(s, int(m.whole[k][0])), max(e, int(m.whole[k][1]))
		}
	}
	return s, e
}

// SetLinks sets the LinkBytes and Links of blocks (of plain, in order)
// from the links' text: as in HTML, a block whose bytes are mostly link
// text (a linked menu item, a teaser's linked title or summary) reads as
// a list's item, not as the article's prose.
func (m *MarkdownOffsets) SetLinks(blocks []Block) {
	k := 0
	for i := range blocks {
		b := &blocks[i]
		for k < len(m.links) && int(m.links[k][1]) <= b.Start {
			k++
		}
		for j := k; j < len(m.links) && int(m.links[j][0]) < b.End; j++ {
			if s, e := max(int(m.links[j][0]), b.Start), min(int(m.links[j][1]), b.End); e > s {
				b.LinkBytes += e - s
				b.Links++
			}
		}
	}
}

// add records that plain's bytes from p on are the input's from t on,
// extending the last run when it goes on where that one ends.
func (m *MarkdownOffsets) add(p, t int) {
	if n := len(m.plain); n > 0 && int(m.text[n-1])+p-int(m.plain[n-1]) == t {
		return
	}
	m.plain = append(m.plain, int32(p))
	m.text = append(m.text, int32(t))
}

// unmarker writes plain text and its source offsets.
type unmarker struct {
	src string
	out strings.Builder
	pos *MarkdownOffsets
}

// emit copies src[i:j].
func (u *unmarker) emit(i, j int) {
	if i >= j {
		return
	}
	u.pos.add(u.out.Len(), i)
	u.out.WriteString(u.src[i:j])
}

// lineEnd returns the offset of the line break that ends the line at i,
// or len(s).
func lineEnd(s string, i int) int {
	if k := strings.IndexByte(s[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(s)
}

// marks writes the leading white space of the line src[i:e] and skips a
// heading's or a list item's mark after it; it returns where the line's
// text starts.
func (u *unmarker) marks(i, e int) int {
	j := i
	for j < e && (u.src[j] == ' ' || u.src[j] == '\t') {
		j++
	}
	u.emit(i, j)
	if ruleLine(u.src[j:e]) {
		return e
	}
	if k := headingMark(u.src[j:e]); k > 0 {
		j += k
	} else if j+1 < e && (u.src[j] == '*' || u.src[j] == '-' || u.src[j] == '+') && u.src[j+1] == ' ' {
		j += 2
	}
	return j
}

// ruleLine reports whether s, a line without its leading white space, is
// a heading's underline ("=====" or "-----" under its text: turndown, which
// Jina Reader and browser clippers use, writes h1 and h2 so) or a
// thematic break ("* * *", "***", "---", "___"): marks without a word.
func ruleLine(s string) bool {
	s = strings.TrimRight(s, " \t\r")
	if len(s) < 2 {
		return false
	}
	if strings.Trim(s, "=") == "" || strings.Trim(s, "-") == "" {
		return true
	}
	c, n := s[0], 0
	if c != '*' && c != '-' && c != '_' {
		return false
	}
	for k := 0; k < len(s); k++ {
		switch s[k] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// asciiPunct reports whether c is ASCII punctuation, which a backslash
// escapes in markdown.
func asciiPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// headingMark returns the length of a heading's mark at the start of s
// ("#" to "######" and one space), or 0.
func headingMark(s string) int {
	n := 0
	for n < len(s) && n < 7 && s[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n >= len(s) || s[n] != ' ' {
		return 0
	}
	return n + 1
}

// inline writes src[i:e] without its links' and images' marks and its
// "**", and returns where it stopped and how many links and images it
// held. With grow (a line of the text), a link whose text goes on over
// line breaks (converters that hard-wrap write such links) is read whole,
// and inline goes on to the end of the line where the link ends; it
// stops at a line break (or the text's end). Without (a link's text),
// it stops at e.
func (u *unmarker) inline(i, e int, grow bool) (int, int) {
	links := 0
	from := i
	limit := e
	if grow {
		limit = len(u.src)
	}
	for i < e {
		c := u.src[i]
		switch {
		case c == '\\' && i+1 < e && asciiPunct(u.src[i+1]):
			// an escaped mark is the mark as text ("Leser\*innen",
			// "\[1\]", "1\. "): the backslash goes, and the mark is no
			// mark
			u.emit(from, i)
			from = i + 1
			i += 2
			continue
		case c == '*' && i+1 < e && u.src[i+1] == '*':
			u.emit(from, i)
			i += 2
			from = i
			continue
		case c == '!' && i+1 < e && u.src[i+1] == '[':
			if _, end, ok := linkAt(u.src, i+1, limit); ok {
				u.emit(from, i)
				// an image is read as nothing, but the line breaks of
				// its text stay, as every line break does
				for k := i; k < end; k++ {
					if u.src[k] == '\n' {
						u.emit(k, k+1)
					}
				}
				i, from = end, end
				links++
				if end > e {
					e = lineEnd(u.src, end)
				}
				continue
			}
		case c == '[':
			if textEnd, end, ok := linkAt(u.src, i, limit); ok {
				u.emit(from, i)
				ls := u.out.Len()
				_, n := u.inline(i+1, textEnd, false)
				links += 1 + n
				if u.out.Len() > ls {
					// a link nested in this one's text is inside its span
					for n := len(u.pos.links); n > 0 && u.pos.links[n-1][0] >= int32(ls); n-- {
						u.pos.links = u.pos.links[:n-1]
						u.pos.whole = u.pos.whole[:n-1]
					}
					u.pos.links = append(u.pos.links, [2]int32{int32(ls), int32(u.out.Len())})
					u.pos.whole = append(u.pos.whole, [2]int32{int32(i), int32(end)})
				}
				i, from = end, end
				if end > e {
					e = lineEnd(u.src, end)
				}
				continue
			}
		}
		i++
	}
	u.emit(from, e)
	return e, links
}

// linkAt reads a link at src[i] ('['), within src[:e]: it returns the end
// of its text (the closing ']') and of the whole link (after ')'), and
// whether there is one.
func linkAt(src string, i, e int) (textEnd, end int, ok bool) {
	depth := 0
	j := i
	for ; j < e; j++ {
		switch src[j] {
		case '\\':
			if j+1 < e && asciiPunct(src[j+1]) {
				j++ // an escaped bracket counts for nothing
			}
		case '[':
			depth++
		case ']':
			depth--
		case '\n':
			// a link's text may go on over line breaks (a card's
			// headline, summary and picture inside one link, hard-wrapped,
			// take eight lines), not over a blank line
			if blankAfter(src, j+1, e) {
				return 0, 0, false
			}
		}
		if depth == 0 {
			break
		}
		if depth > maxLinkDepth || j-i > maxLinkText {
			return 0, 0, false
		}
	}
	if j >= e || j+1 >= e || src[j+1] != '(' {
		return 0, 0, false
	}
	textEnd = j
	if j+2 < e && src[j+2] == '<' {
		// an address in angle brackets may hold white space, but no
		// other angle bracket (which also keeps the scan linear)
		for k := j + 3; k < e && k-j <= maxMarkdownURL; k++ {
			switch src[k] {
			case '<', '\n':
				return 0, 0, false
			case '>':
				if k+1 < e && src[k+1] == ')' {
					return textEnd, k + 2, true
				}
				return 0, 0, false
			}
		}
		return 0, 0, false
	}
	paren := 0
	for k := j + 1; k < e && k-j <= maxMarkdownURL; k++ {
		switch c := src[k]; {
		case c == '(':
			paren++
		case c == ')':
			paren--
			if paren == 0 {
				return textEnd, k + 1, true
			}
		case c == '[' || c == ']' || c == '\n':
			// no address holds a bracket unescaped, nor a line break:
			// stopping here keeps the scan linear ("[x]([x]([x](…" would
			// rescan 2 KiB at every bracket)
			return 0, 0, false
		case c == ' ' || c == '\t':
			// only a quoted title may follow the address
			if k+1 < e && (src[k+1] == '"' || src[k+1] == '\'') {
				// the title ends at the next quote, on this line, within
				// maxLinkText bytes: a scan to the line's end for every
				// link on a long line was quadratic (a 14 MB line of
				// `[a](x "` took eight minutes)
				q, title := src[k+1], src[k+2:min(e, k+2+maxLinkText)]
				if m := strings.IndexByte(title, q); m >= 0 && strings.IndexByte(title[:m], '\n') < 0 &&
					k+2+m+1 < e && src[k+2+m+1] == ')' {
					return textEnd, k + 2 + m + 2, true
				}
			}
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// blankAfter reports whether the line at src[i:] (before e) is blank:
// white space only, as segment.Text reads a blank line (isSpace).
func blankAfter(src string, i, e int) bool {
	for i < e && src[i] != '\n' {
		r, n := utf8.DecodeRuneInString(src[i:e])
		if !isSpace(r) {
			return false
		}
		i += n
	}
	return true
}
