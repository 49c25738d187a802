package segment

import (
	"strings"

	"golang.org/x/net/html"
)

// HTMLOptions tune HTML segmentation.
type HTMLOptions struct{}

// HTML segments an HTML page (already decoded to UTF-8). STUB: text of
// block elements, one per line, without structure features.
func HTML(src string, _ HTMLOptions) (*Doc, error) {
	root, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	var cur strings.Builder
	flush := func() {
		t := strings.Join(strings.Fields(cur.String()), " ")
		cur.Reset()
		if t != "" {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(t)
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "svg", "iframe", "head":
				return
			case "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "td", "th", "tr", "section", "article", "blockquote", "pre", "dd", "dt", "ul", "ol", "table", "header", "footer", "nav", "aside", "form", "figcaption":
				flush()
				defer flush()
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	flush()
	d, err := Text(b.String(), TextOptions{})
	if err != nil {
		return nil, err
	}
	d.HTML = true
	return d, nil
}
