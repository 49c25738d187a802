package decode

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// prescanMeta looks for a charset declaration in <meta> elements among the
// first MetaScanBytes bytes of p, following the HTML5 prescan rules: a
// charset attribute, or http-equiv="content-type" with a content attribute
// holding "charset=". Unknown labels are skipped; a declared UTF-16 means
// UTF-8 (a page that could be read to find the declaration is not UTF-16).
// The scan stops at <body>.
func prescanMeta(p []byte) *charsetInfo {
	if len(p) > MetaScanBytes {
		p = p[:MetaScanBytes]
	}
	// Cheap exit: no "<meta" or no "charset" at all (case-insensitive;
	// a declaration needs both: the attribute's name, or "charset=" in
	// the content attribute, which this scan reads after the tokenizer
	// decodes character references but a browser's prescan reads raw).
	if !containsFold(p, "<meta") || !containsFold(p, "charset") {
		return nil
	}
	z := html.NewTokenizer(bytes.NewReader(p))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return nil
			}
			if string(name) != "meta" || !hasAttr {
				continue
			}
			if ci := metaCharset(z); ci != nil {
				return ci
			}
		}
	}
}

// metaCharset reads the attributes of the current <meta> start tag.
func metaCharset(z *html.Tokenizer) *charsetInfo {
	var charset, content string
	var pragma, haveCharset, haveContent bool
	for more := true; more; {
		var key, val []byte
		key, val, more = z.TagAttr()
		switch string(key) {
		case "charset":
			if !haveCharset {
				charset, haveCharset = string(val), true
			}
		case "content":
			if !haveContent {
				content, haveContent = string(val), true
			}
		case "http-equiv":
			if strings.EqualFold(strings.TrimSpace(string(val)), "content-type") {
				pragma = true
			}
		}
	}
	label := ""
	switch {
	case haveCharset:
		label = charset
	case pragma && haveContent:
		label = charsetFromContent(content)
	}
	if label == "" {
		return nil
	}
	ci := lookup(label)
	if ci == nil {
		return nil
	}
	if !ci.asciiCompatible && ci.name != "iso-2022-jp" {
		return &utf8Info // utf-16le/be declared in a page readable as ASCII
	}
	return ci
}

// charsetFromContent extracts the charset from a content attribute such as
// "text/html; charset=windows-1256" (the HTML5 "extracting a character
// encoding from a meta element" algorithm).
func charsetFromContent(s string) string {
	lower := strings.ToLower(s)
	for {
		i := strings.Index(lower, "charset")
		if i < 0 {
			return ""
		}
		s, lower = s[i+len("charset"):], lower[i+len("charset"):]
		t := strings.TrimLeft(s, " \t\n\f\r")
		if !strings.HasPrefix(t, "=") {
			continue
		}
		t = strings.TrimLeft(t[1:], " \t\n\f\r")
		if t == "" {
			return ""
		}
		if q := t[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(t[1:], q)
			if end < 0 {
				return ""
			}
			return t[1 : 1+end]
		}
		if end := strings.IndexAny(t, "; \t\n\f\r"); end >= 0 {
			return t[:end]
		}
		return t
	}
}

// containsFold reports whether p contains s, a lower-case ASCII string,
// ignoring ASCII case.
func containsFold(p []byte, s string) bool {
	lo, up := s[0], s[0]
	if 'a' <= lo && lo <= 'z' {
		up = lo - 'a' + 'A'
	}
	for {
		i := bytes.IndexByte(p, lo)
		if up != lo {
			end := len(p)
			if i >= 0 {
				end = i
			}
			if j := bytes.IndexByte(p[:end], up); j >= 0 {
				i = j
			}
		}
		if i < 0 || len(p)-i < len(s) {
			return false
		}
		if bytes.EqualFold(p[i:i+len(s)], []byte(s)) {
			return true
		}
		p = p[i+1:]
	}
}
