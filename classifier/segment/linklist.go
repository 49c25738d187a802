package segment

import (
	"math"
	"strings"
)

// Link lists. Text browsers that dump a page as text (lynx -dump, elinks
// -dump) number its links in the text ("[12]Sports") and list their
// addresses after it, one a line under a "References" heading:
//
//	References
//
//	   Visible links:
//	   1. https://example.com/sports
//	  12. https://example.com/2024/05/council-approves-budget
//	   Hidden links:
//	  13. https://example.com/
//
// On a news page that list is as long as the page has links, often
// longer than the article, and every line of it is an address that some
// teaser or menu item also names: read as blocks of the text, it outweighs
// the article (the page model and the article-span decoder see a page of
// links). LinkList finds it, so that the classifier reads the text before
// it and labels the list navigation.

// LinkList returns the offset in text of the line that starts a link
// list at its end, and the number of lines the list holds (blank lines not
// counted); start is len(text) and lines 0 when text ends with none. A
// link list starts at the last line of text that says "References"
// alone, and runs to the end of text. It holds link items ("12. " and an
// address with a scheme, such as https: or mailto:, at the start of a
// line), numbered from 1 up, each number more than the last (lynx numbers
// form fields too, and does not list them); the headings lynx writes among
// them ("Visible links", "Hidden links", with or without a colon); and the
// lines an address goes on over (lynx writes addresses decoded, so a
// mailto: link's %0A is a line break), at most maxLinkTail of them after
// the last item. An article's own "References" of sources are kept unless
// each is an address numbered so.
//
// The work is linear in the length of text.
func LinkList(text string) (start, lines int) {
	i := lastLine(text, "References")
	if i < 0 {
		return len(text), 0
	}
	items, last, tail, n := 0, 0, 0, 1
	for j := lineEnd(text, i) + 1; j < len(text); {
		e := lineEnd(text, j)
		line := strings.TrimSpace(text[j:e])
		j = e + 1
		switch num, ok := linkItem(line); {
		case line == "":
			continue
		case ok:
			if num <= last || items == 0 && num != 1 {
				return len(text), 0
			}
			items, last = items+1, num
			tail = 0
		case linkHeading(line):
			tail = 0
		case items > 0 && tail < maxLinkTail:
			tail++
		default:
			return len(text), 0
		}
		n++
	}
	if items == 0 {
		return len(text), 0
	}
	return i, n
}

// maxLinkTail is how many lines the last address of a link list may go on
// over.
const maxLinkTail = 8

// lastLine returns the offset of the last line of text that is line, but
// for white space around it, or -1. It reads each line of text at most
// once from the end: linear however many times line occurs.
func lastLine(text, line string) int {
	if !strings.Contains(text, line) {
		// (Index is vectorised, LastIndex is not: most texts hold no
		// such line, and LastIndex took 1.7 % of text classification)
		return -1
	}
	for end := len(text); end > 0; {
		k := strings.LastIndex(text[:end], line)
		if k < 0 {
			return -1
		}
		s := strings.LastIndexByte(text[:k], '\n') + 1
		e := lineEnd(text, k)
		if strings.TrimSpace(text[s:e]) == line {
			return s
		}
		end = s // no other occurrence on this line can be the whole line
	}
	return -1
}

// linkHeading reports whether line (trimmed) is a heading lynx writes in
// a link list.
func linkHeading(line string) bool {
	switch strings.TrimSuffix(line, ":") {
	case "Visible links", "Hidden links":
		return true
	}
	return false
}

// linkItem reports whether line (trimmed) starts as a link list's item
// does, digits, a period, white space, then an address with a scheme, and
// its number.
func linkItem(line string) (int, bool) {
	k, num := 0, 0
	for k < len(line) && k < 9 && line[k] >= '0' && line[k] <= '9' {
		num = 10*num + int(line[k]-'0')
		k++
	}
	if k == 0 || k+1 >= len(line) || line[k] != '.' || line[k+1] != ' ' && line[k+1] != '\t' {
		return 0, false
	}
	addr := strings.TrimLeft(line[k+1:], " \t")
	// a scheme: a letter, then letters, digits, "+", "-" or ".", then ":"
	for j := 0; j < len(addr); j++ {
		c := addr[j]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case j > 0 && c == ':':
			return num, j+1 < len(addr)
		default:
			return 0, false
		}
	}
	return 0, false
}

// PlainLinks returns text, a text browser's dump whose links are numbered
// (LinkList found their list after it), with the numbers in brackets
// before each link's text taken out ("[12]Sports" becomes "Sports"), as
// lynx -nonumbers would have written it, and so is a linked image's alt
// text in brackets after its number, as PlainMarkdown takes images out
// ("[236][Merz defends his words] Merz defends his words" becomes the
// headline once: a teaser card's picture and its headline, which
// otherwise read as a title written twice), and where plain's bytes came
// from (pos, as PlainMarkdown's). The
// text after each number up to the next number on its line, or the line's
// end, is link text (MarkdownOffsets.SetLinks): lynx marks where a link
// starts, not where it ends, and most links of a page are menu items and
// teasers on lines of their own (taking a link that starts inside a line
// to end with its first word measured 0.002 lower on news-dev). ok is
// false, and plain empty and pos nil, when text holds no number so, or is
// 2 GiB or longer.
//
// A number is one to five digits in brackets followed by a byte other
// than white space; "[12] " (a footnote's mark) stays. The work is linear
// in the length of text; pos holds 8 bytes per line and per link.
func PlainLinks(text string) (plain string, pos *MarkdownOffsets, ok bool) {
	if len(text) >= math.MaxInt32 || !hasLinkNumber(text) {
		return "", nil, false
	}
	u := unmarker{src: text, pos: &MarkdownOffsets{src: text, end: int32(len(text))}}
	u.out.Grow(len(text))
	from := 0   // the input's bytes from here on are not written yet
	open := -1  // plain's offset where the current link's text starts, or -1
	start := -1 // the input's offset of the current link's "["
	closeLink := func(i int) {
		if open >= 0 && u.out.Len() > open {
			u.pos.links = append(u.pos.links, [2]int32{int32(open), int32(u.out.Len())})
			u.pos.whole = append(u.pos.whole, [2]int32{int32(start), int32(i)})
		}
		open = -1
	}
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			u.emit(from, i)
			from = i
			closeLink(i)
		case '[':
			k := linkNumber(text, i)
			if k == 0 {
				continue
			}
			u.emit(from, i)
			k += linkedImage(text, i+k)
			from = i + k
			closeLink(i)
			open, start = u.out.Len(), i
			i += k - 1
		}
	}
	u.emit(from, len(text))
	closeLink(len(text))
	u.pos.n = int32(u.out.Len())
	return u.out.String(), u.pos, true
}

// hasLinkNumber reports whether text holds a link number (linkNumber).
func hasLinkNumber(text string) bool {
	for i := 0; i < len(text); {
		k := strings.IndexByte(text[i:], '[')
		if k < 0 {
			return false
		}
		if linkNumber(text, i+k) > 0 {
			return true
		}
		i += k + 1
	}
	return false
}

// linkNumber returns the length of the link number at text[i] ("[12]",
// text[i] is "["), or 0 when there is none: one to five digits, "]", and
// a byte after it that is no white space.
func linkNumber(text string, i int) int {
	k := i + 1
	for k < len(text) && k-i <= 5 && text[k] >= '0' && text[k] <= '9' {
		k++
	}
	if k == i+1 || k+1 >= len(text) || text[k] != ']' {
		return 0
	}
	switch text[k+1] {
	case ' ', '\t', '\n', '\r':
		return 0
	}
	return k + 1 - i
}

// linkedImage returns the length of a linked image's alt text in brackets
// at text[i], and of one space after it ("[Logo] " after "[9]"), or 0:
// up to the first "]" within 512 bytes, on the same line, with no "["
// before it.
func linkedImage(text string, i int) int {
	if i >= len(text) || text[i] != '[' {
		return 0
	}
	for j := i + 1; j < len(text) && j-i <= 512; j++ {
		switch text[j] {
		case ']':
			if j+1 < len(text) && text[j+1] == ' ' {
				return j + 2 - i
			}
			return j + 1 - i
		case '[', '\n':
			return 0
		}
	}
	return 0
}
