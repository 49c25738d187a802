package evalrun

import (
	"strings"

	"github.com/winnowhq/winnow/classifier/decode"
	"golang.org/x/net/html"
)

// nodesOf renders an HTML page as BeautifulSoup's
// get_text(separator="\n", strip=True) does, the line most Python
// scrapers write: every text node of the document, trimmed, on a line of
// its own, empty ones left out, so that a link or a bold word inside a
// paragraph stands on a line of its own and so does the rest of its
// sentence. It is winnow eval's "nodes" rendition. The text of script,
// style, template and noscript elements and of the head is left out
// (BeautifulSoup leaves out the first three; the head's title is the
// page's name, not its text).
func nodesOf(page string) (string, error) { return textNodes(page, true) }

// textContentOf renders an HTML page as BeautifulSoup's get_text() does
// without a separator, and as the DOM's textContent does: every text
// node of the document as it is, run together with nothing between them,
// so that the words of neighbouring elements whose markup holds no white
// space between them (a minified page's menus, its paragraphs) are run
// into each other. It is winnow eval's "textcontent" rendition; the same
// elements' text is left out as in nodesOf (textContent would keep the
// scripts' and styles' text).
func textContentOf(page string) (string, error) { return textNodes(page, false) }

// nodeStyles are winnow eval's renditions of a page's text nodes, by
// mode.
var nodeStyles = map[string]func(page string) (string, error){
	"nodes":       nodesOf,
	"textcontent": textContentOf,
}

// textNodes writes page's text nodes one a line, trimmed (lines), or run
// together as they are.
func textNodes(page string, lines bool) (string, error) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "template", "noscript", "head":
				return
			}
		}
		if n.Type == html.TextNode && !lines {
			b.WriteString(n.Data)
		} else if n.Type == html.TextNode {
			if t := strings.TrimSpace(n.Data); t != "" {
				if b.Len() > 0 {
					b.WriteByte('\n')
				}
				b.WriteString(t)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String(), nil
}

// nodesRendition decodes a page's bytes and renders them with render
// (nodesOf or textContentOf).
func nodesRendition(raw []byte, render func(string) (string, error)) (string, error) {
	d, err := decode.Decode(raw, "")
	if err != nil {
		return "", err
	}
	return render(d.Text)
}
