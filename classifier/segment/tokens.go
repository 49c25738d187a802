package segment

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxTokenStack bounds the open elements tracked by fromTokens; deeper
// elements still give their text, attributed to the deepest tracked one.
const maxTokenStack = 4096

// fromTokens segments src from the tokenizer's stream, for documents
// html.Parse rejects (nesting deeper than its limit). It applies the same
// rules as the tree walk but without the HTML5 tree-construction fixes
// (implied end tags are only honoured for p, li, dt, dd, option, td, th
// and tr).
func fromTokens(src string, opt HTMLOptions) *Doc {
	w := newWalker(opt, len(src))
	w.tokenMode = true
	w.tokens(src)
	return w.finish()
}

// tokens walks the token stream of src.
func (w *walker) tokens(src string) {
	z := html.NewTokenizer(reader(src, w.opt.Check))
	skip, skipTag := 0, ""
	over := 0 // start tags not pushed because the stack was full
	var node html.Node
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.TextToken:
			if skip == 0 {
				w.text(string(z.Text()))
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if skip > 0 {
				if tag != skipTag || tt != html.StartTagToken {
					continue
				}
				if !impliedEnd(tag) {
					skip++
					continue
				}
				// <p hidden>a<p>b: the new p ends the hidden one.
				skip = 0
			}
			node = html.Node{Type: html.ElementNode, Data: tag, DataAtom: atom.Lookup(name)}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				node.Attr = append(node.Attr, html.Attribute{Key: string(k), Val: string(v)})
			}
			if node.DataAtom == atom.Head {
				continue // its title, scripts and styles are skipped one by one
			}
			if node.DataAtom == atom.Body || node.DataAtom == atom.Html {
				// Keep lang; the document root is implicit.
				if node.DataAtom == atom.Html {
					w.enterAttrsOnly(&node)
				}
				continue
			}
			if len(w.stack) >= maxTokenStack {
				over++
				continue
			}
			w.closeImplied(node.DataAtom)
			n := node
			if !w.enter(&n) {
				if tt == html.StartTagToken && !voidElement(n.DataAtom) && n.DataAtom != atom.Br && n.DataAtom != atom.Hr {
					skip, skipTag = 1, tag
				}
				continue
			}
			if tt == html.SelfClosingTagToken || voidElement(n.DataAtom) {
				w.leaveTop(&n)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skip > 0 {
				if tag == skipTag {
					skip--
				}
				continue
			}
			if over > 0 {
				over--
				continue
			}
			if tag == "br" {
				w.flush()
				continue
			}
			// Close up to the nearest open element of that name.
			for i := len(w.stack) - 1; i >= 0 && i >= len(w.stack)-64; i-- {
				if w.stack[i].tag == tag {
					for len(w.stack) > i {
						w.pop()
					}
					break
				}
			}
		}
	}
}

// enterAttrsOnly takes the lang of an <html> start tag.
func (w *walker) enterAttrsOnly(n *html.Node) {
	for _, at := range n.Attr {
		if at.Key == "lang" && w.doc.Lang == "" {
			w.doc.Lang = strings.TrimSpace(at.Val)
		}
	}
}

// leaveTop closes n if it is the innermost open element.
func (w *walker) leaveTop(n *html.Node) {
	if k := len(w.stack); k > 0 && w.stack[k-1].node == n {
		w.pop()
	}
}

// closeImplied closes an open p, li, dt/dd, option or table cell that a
// new start tag a implicitly ends.
func (w *walker) closeImplied(a atom.Atom) {
	k := len(w.stack)
	if k == 0 {
		return
	}
	top := w.stack[k-1].node.DataAtom
	switch {
	case top == atom.P && isBlock(a):
		w.pop()
	case top == atom.Li && a == atom.Li,
		(top == atom.Dt || top == atom.Dd) && (a == atom.Dt || a == atom.Dd),
		top == atom.Option && (a == atom.Option || a == atom.Optgroup),
		(top == atom.Td || top == atom.Th) && (a == atom.Td || a == atom.Th || a == atom.Tr):
		w.pop()
	}
}

// impliedEnd reports elements that a start tag of the same name closes.
func impliedEnd(tag string) bool {
	switch tag {
	case "p", "li", "dt", "dd", "option", "td", "th", "tr":
		return true
	}
	return false
}

func voidElement(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img,
		atom.Input, atom.Keygen, atom.Link, atom.Meta, atom.Param, atom.Source,
		atom.Track, atom.Wbr:
		return true
	}
	return false
}
