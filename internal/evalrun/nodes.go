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
func nodesOf(page string) (string, error) {
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
		if n.Type == html.TextNode {
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

// nodesRendition decodes a page's bytes and renders them as nodesOf does.
func nodesRendition(raw []byte) (string, error) {
	d, err := decode.Decode(raw, "")
	if err != nil {
		return "", err
	}
	return nodesOf(d.Text)
}
