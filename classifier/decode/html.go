package decode

import "strings"

// SniffBytes is how much of a text SniffHTML looks at.
const SniffBytes = 1024

// strongTags open an HTML document: one at the start of the text is enough.
var strongTags = [...]string{"!doctype html", "html", "head", "body", "!--", "?xml"}

// commonTags are frequent in pages and fragments; they need corroboration.
var commonTags = [...]string{
	"a", "article", "b", "base", "blockquote", "body", "br", "div", "em", "footer",
	"form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html",
	"i", "iframe", "img", "input", "li", "link", "main", "meta", "nav", "ol",
	"p", "pre", "script", "section", "span", "strong", "style", "table", "td",
	"th", "title", "tr", "ul",
}

// SniffHTML reports whether text looks like an HTML document or fragment.
// It looks at the first SniffBytes bytes after leading white space and a
// byte order mark: the text is HTML if it starts with a doctype, <html>,
// <head>, <body>, a comment, an XML declaration or a common element tag, or
// if it holds at least two complete common element tags (start or end tags
// such as <p>, </div>, <br/>, closed by ">" before the next "<"). A "<" that does not start a known tag name followed
// by white space, ">" or "/" is not a tag: "a < b" and "<3" are plain text.
func SniffHTML(text string) bool {
	text = strings.TrimPrefix(text, "\uFEFF")
	text = strings.TrimLeft(text, " \t\r\n\f")
	if len(text) > SniffBytes {
		text = text[:SniffBytes]
	}
	if strings.HasPrefix(text, "<") {
		rest := text[1:]
		for _, t := range strongTags {
			if hasPrefixFold(rest, t) && (strings.HasPrefix(t, "!") || strings.HasPrefix(t, "?") || tagEnds(rest[len(t):])) {
				return true
			}
		}
		if isCommonTag(rest) {
			return true
		}
	}
	n := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '<' {
			continue
		}
		rest := text[i+1:]
		if strings.HasPrefix(rest, "!--") || hasPrefixFold(rest, "!doctype html") {
			return true
		}
		rest = strings.TrimPrefix(rest, "/")
		if isCommonTag(rest) && closes(rest) {
			n++
			if n >= 2 {
				return true
			}
		}
	}
	return false
}

// isCommonTag reports whether s starts with a common tag name followed by
// the end of a tag name.
func isCommonTag(s string) bool {
	for _, t := range commonTags {
		if hasPrefixFold(s, t) && tagEnds(s[len(t):]) {
			return true
		}
	}
	return false
}

// closes reports whether a ">" comes before the next "<" in s: "a<b && c<d"
// holds no tags.
func closes(s string) bool {
	gt := strings.IndexByte(s, '>')
	lt := strings.IndexByte(s, '<')
	return gt >= 0 && (lt < 0 || gt < lt)
}

// tagEnds reports whether s, the text after a tag name, ends the name: white
// space, ">" or "/". The end of the text does not count.
func tagEnds(s string) bool {
	if s == "" {
		return false
	}
	switch s[0] {
	case ' ', '\t', '\n', '\r', '\f', '>', '/':
		return true
	}
	return false
}

// hasPrefixFold is strings.HasPrefix ignoring ASCII case; prefix is lower case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
