package segment

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/winnowhq/winnow/classifier/segment/internal/htmltok"
)

// The scanner's insertion modes outside tables and foreign content
// (x/net/html parse.go, less what is bailed on; scan.go).

// Quirks mode matters only to whether <table> closes an open <p>.
func (s *scanner) quirksMode() bool {
	if s.quirks < 0 {
		// html.Parse decides from the doctype; ask it on a tiny page.
		root, err := html.Parse(strings.NewReader(s.doctype + "<p><table>"))
		s.quirks = 0
		if err == nil {
			for n := range root.Descendants() {
				if n.DataAtom == atom.Table && n.Parent.DataAtom == atom.P {
					s.quirks = 1
				}
			}
		}
	}
	return s.quirks == 1
}

func isWhitespace(b []byte) bool {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n', '\f':
		default:
			return false
		}
	}
	return true
}

func trimLeftWhitespace(b []byte) []byte {
	for len(b) > 0 {
		switch b[0] {
		case ' ', '\t', '\r', '\n', '\f':
			b = b[1:]
			continue
		}
		break
	}
	return b
}

// leadingSpace inserts the white space that starts a text token and
// reports whether that was all of it; the rest stays in s.tok.
func (s *scanner) leadingSpace() bool {
	t := trimLeftWhitespace(s.tok.text)
	if len(t) < len(s.tok.text) {
		s.addText(s.tok.text[:len(s.tok.text)-len(t)])
		s.tok.text = t
	}
	return len(t) == 0
}

func (s *scanner) initialIM() bool {
	switch s.tok.tt {
	case htmltok.TextToken:
		s.tok.text = trimLeftWhitespace(s.tok.text)
		if len(s.tok.text) == 0 {
			return true
		}
	case htmltok.CommentToken:
		return true
	case htmltok.DoctypeToken:
		s.quirks = -1
		s.doctype = s.rawDoctype
		if strings.EqualFold(s.doctype, "<!doctype html>") && s.doctype[10:14] == "html" {
			s.quirks = 0
		}
		s.im = mBeforeHTML
		return true
	}
	s.quirks = 1
	s.im = mBeforeHTML
	return false
}

func (s *scanner) beforeHTMLIM() bool {
	switch s.tok.tt {
	case htmltok.DoctypeToken:
		return true
	case htmltok.TextToken:
		s.tok.text = trimLeftWhitespace(s.tok.text)
		if len(s.tok.text) == 0 {
			return true
		}
	case htmltok.StartTagToken:
		if s.tok.a == atom.Html {
			s.addElement()
			s.im = mBeforeHead
			return true
		}
	case htmltok.EndTagToken:
		switch s.tok.a {
		case atom.Head, atom.Body, atom.Html, atom.Br:
			s.implied(htmltok.StartTagToken, atom.Html)
			return false
		}
		return true
	case htmltok.CommentToken:
		return true
	}
	s.implied(htmltok.StartTagToken, atom.Html)
	return false
}

func (s *scanner) beforeHeadIM() bool {
	switch s.tok.tt {
	case htmltok.TextToken:
		s.tok.text = trimLeftWhitespace(s.tok.text)
		if len(s.tok.text) == 0 {
			return true
		}
	case htmltok.StartTagToken:
		switch s.tok.a {
		case atom.Head:
			s.addElement()
			s.head = true
			s.im = mInHead
			return true
		case atom.Html:
			return s.inBodyIM()
		}
	case htmltok.EndTagToken:
		switch s.tok.a {
		case atom.Head, atom.Body, atom.Html, atom.Br:
			s.implied(htmltok.StartTagToken, atom.Head)
			return false
		}
		return true
	case htmltok.CommentToken:
		s.addComment()
		return true
	case htmltok.DoctypeToken:
		return true
	}
	s.implied(htmltok.StartTagToken, atom.Head)
	return false
}

func (s *scanner) inHeadIM() bool {
	switch s.tok.tt {
	case htmltok.TextToken:
		if s.leadingSpace() {
			return true
		}
	case htmltok.StartTagToken:
		switch s.tok.a {
		case atom.Html:
			return s.inBodyIM()
		case atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta:
			s.addElement()
			s.pop()
			s.self = false
			return true
		case atom.Noscript, atom.Script, atom.Title, atom.Noframes, atom.Style:
			// Scripting is on: noscript is raw text, as in html.Parse.
			s.addElement()
			s.orig = s.im
			s.im = mText
			return true
		case atom.Head:
			return true
		case atom.Template:
			s.template()
			return true
		}
	case htmltok.EndTagToken:
		switch s.tok.a {
		case atom.Head:
			s.pop()
			s.im = mAfterHead
			return true
		case atom.Body, atom.Html, atom.Br:
			s.implied(htmltok.EndTagToken, atom.Head)
			return false
		case atom.Template:
			if !s.contains(atom.Template) {
				return true
			}
			bail("template")
		}
		return true
	case htmltok.CommentToken:
		s.addComment()
		return true
	case htmltok.DoctypeToken:
		return true
	}
	s.implied(htmltok.EndTagToken, atom.Head)
	return false
}

func (s *scanner) afterHeadIM() bool {
	switch s.tok.tt {
	case htmltok.TextToken:
		if s.leadingSpace() {
			return true
		}
	case htmltok.StartTagToken:
		switch s.tok.a {
		case atom.Html:
			return s.inBodyIM()
		case atom.Body:
			s.addElement()
			s.im = mInBody
			return true
		case atom.Frameset:
			bail("frameset")
		case atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta, atom.Noframes,
			atom.Script, atom.Style, atom.Template, atom.Title:
			// The head element goes back on the stack for the tag.
			s.oe = append(s.oe, scanElem{a: atom.Head, tag: "head", id: -1, drop: true, head: true, wd: s.top().wd})
			done := s.inHeadIM()
			s.oeRemove(-1)
			return done
		case atom.Head:
			return true
		}
	case htmltok.EndTagToken:
		switch s.tok.a {
		case atom.Body, atom.Html, atom.Br:
		case atom.Template:
			return s.inHeadIM()
		default:
			return true
		}
	case htmltok.CommentToken:
		s.addComment()
		return true
	case htmltok.DoctypeToken:
		return true
	}
	s.implied(htmltok.StartTagToken, atom.Body)
	return s.tok.tt == htmltok.ErrorToken
}

// walkerKeys are the attributes walker.enter reads, as bits.
func walkerKeys(attrs []scanAttr) uint16 {
	var m uint16
	for _, at := range attrs {
		m |= walkerKey(at.key)
	}
	return m
}

func walkerKey(k []byte) uint16 {
	switch string(k) {
	case "id":
		return 1
	case "class":
		return 2
	case "hidden":
		return 4
	case "aria-hidden":
		return 8
	case "style":
		return 16
	case "role":
		return 32
	case "href":
		return 64
	case "lang":
		return 128
	case "itemprop":
		return 256
	case "property":
		return 512
	}
	return 0
}

// mergeAttrs is copyAttributes for a later <html> or <body> tag. The
// walker read the element's attributes when it entered it: a new lang
// on html can still be taken, and a body's other attributes while
// nothing in it has been segmented (patchBody); the others are noted in
// s.pending for a second scan (scanHTML).
func (s *scanner) mergeAttrs(e *scanElem) {
	had := e.keys
	for _, at := range s.tok.attrs {
		k := walkerKey(at.key)
		if k == 0 || e.keys&k != 0 {
			continue
		}
		e.keys |= k
		if k == 128 {
			if e.a == atom.Html && s.w.doc.Lang == "" {
				s.w.doc.Lang = strings.TrimSpace(string(at.val))
			}
			continue
		}
		if e.a == atom.Body && s.patchBody(e, k, at.val) {
			continue
		}
		// The walker has read the element: the page is scanned again,
		// giving the element this tag's new attributes from the start
		// (scanHTML).
		i := 0
		if e.a == atom.Body {
			i = 1
		}
		for _, at := range s.tok.attrs {
			if k := walkerKey(at.key); k != 0 && had&k == 0 {
				had |= k
				s.pending[i] = append(s.pending[i], scanAttr{key: bytes.Clone(at.key), val: bytes.Clone(at.val)})
			}
		}
		e.keys |= had
		return
	}
}

// patchBody gives the body's walker frame an attribute of a later <body>
// tag, which is possible while nothing inside the body has been
// segmented: no block, no open run, no open element in it.
func (s *scanner) patchBody(e *scanElem, k uint16, val []byte) bool {
	w := s.w
	if len(w.blocks) > 0 || w.runOpen || s.top() != e || e.drop || e.wd < 2 {
		return false
	}
	s.sync(e.wd)
	f := &w.stack[e.wd-1]
	if f.tag != "body" {
		return false
	}
	switch k {
	case 1:
		f.id = string(val)
	case 2:
		f.class = string(val)
		f.sig = sigStep(w.stack[e.wd-2].sig, f.tag, f.class)
	case 32:
		f.flags |= roleFlags(string(val))
	case 8:
		return !bytes.EqualFold(bytes.TrimSpace(val), []byte("true")) || w.opt.KeepHidden
	case 16:
		return !hiddenStyle(string(val)) || w.opt.KeepHidden
	case 64:
		// href does not make a body an anchor.
	default:
		return false
	}
	return true
}

func (s *scanner) inBodyIM() bool {
	t := &s.tok
	switch t.tt {
	case htmltok.TextToken:
		d := t.text
		if top := s.top(); (top.a == atom.Pre || top.a == atom.Listing) && top.ns == nsHTML && !top.kids {
			if len(d) > 0 && d[0] == '\r' {
				d = d[1:]
			}
			if len(d) > 0 && d[0] == '\n' {
				d = d[1:]
			}
		}
		if bytes.IndexByte(d, 0) >= 0 {
			d = bytes.ReplaceAll(d, []byte{0}, nil)
		}
		if len(d) == 0 {
			return true
		}
		s.reconstructActiveFormattingElements()
		s.addText(d)
	case htmltok.StartTagToken:
		switch t.a {
		case atom.Html:
			if s.contains(atom.Template) {
				return true
			}
			s.mergeAttrs(&s.oe[0])
		case atom.Base, atom.Basefont, atom.Bgsound, atom.Link, atom.Meta, atom.Noframes,
			atom.Script, atom.Style, atom.Template, atom.Title:
			return s.inHeadIM()
		case atom.Body:
			if s.contains(atom.Template) {
				return true
			}
			if len(s.oe) >= 2 && s.oe[1].a == atom.Body {
				s.mergeAttrs(&s.oe[1])
			}
		case atom.Frameset:
			bail("frameset")
		case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center, atom.Details,
			atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption, atom.Figure,
			atom.Footer, atom.Header, atom.Hgroup, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P,
			atom.Search, atom.Section, atom.Summary, atom.Ul:
			s.popUntil(buttonScope, atom.P)
			s.addElement()
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			s.popUntil(buttonScope, atom.P)
			switch s.top().a {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				s.pop()
			}
			s.addElement()
		case atom.Pre, atom.Listing, atom.Plaintext:
			s.popUntil(buttonScope, atom.P)
			s.addElement()
		case atom.Form:
			if s.form != 0 && !s.contains(atom.Template) {
				return true
			}
			s.popUntil(buttonScope, atom.P)
			s.addElement()
			if !s.contains(atom.Template) {
				s.form = s.top().id
			}
		case atom.Li, atom.Dd, atom.Dt:
			for i := len(s.oe) - 1; i >= 0; i-- {
				e := &s.oe[i]
				if t.a == atom.Li && e.a == atom.Li ||
					t.a != atom.Li && (e.a == atom.Dd || e.a == atom.Dt) {
					s.oe = s.oe[:i]
					break
				}
				if e.a == atom.Address || e.a == atom.Div || e.a == atom.P || !isSpecial(e) {
					continue
				}
				break
			}
			s.popUntil(buttonScope, atom.P)
			s.addElement()
		case atom.Button:
			if s.inScope(defaultScope, atom.Button) {
				s.generateImpliedEndTags("")
				s.popUntil(defaultScope, atom.Button)
			}
			s.reconstructActiveFormattingElements()
			s.addElement()
		case atom.A:
			for i := len(s.afe) - 1; i >= 0 && !s.afe[i].marker; i-- {
				if f := s.afe[i]; f.a == atom.A {
					s.endTagFormatting(atom.A, "a")
					s.oeRemove(f.id)
					s.afeRemove(f.id)
					break
				}
			}
			s.reconstructActiveFormattingElements()
			s.addFormattingElement()
		case atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.S, atom.Small,
			atom.Strike, atom.Strong, atom.Tt, atom.U:
			s.reconstructActiveFormattingElements()
			s.addFormattingElement()
		case atom.Nobr:
			s.reconstructActiveFormattingElements()
			if s.inScope(defaultScope, atom.Nobr) {
				s.endTagFormatting(atom.Nobr, "nobr")
				s.reconstructActiveFormattingElements()
			}
			s.addFormattingElement()
		case atom.Applet, atom.Marquee, atom.Object:
			s.reconstructActiveFormattingElements()
			s.addElement()
			s.addMarker()
		case atom.Table:
			if s.inScope(buttonScope, atom.P) && !s.quirksMode() {
				s.popUntil(buttonScope, atom.P)
			}
			s.addElement()
			s.im = mInTable
			return true
		case atom.Area, atom.Br, atom.Embed, atom.Img, atom.Keygen, atom.Wbr:
			s.reconstructActiveFormattingElements()
			s.addElement()
			s.pop()
			s.self = false
		case atom.Input:
			s.popUntil(defaultScope, atom.Select)
			s.reconstructActiveFormattingElements()
			s.addElement()
			s.pop()
			s.self = false
		case atom.Param, atom.Source, atom.Track:
			s.addElement()
			s.pop()
			s.self = false
		case atom.Hr:
			if s.inScope(buttonScope, atom.P) {
				s.generateImpliedEndTags("p")
				s.popUntil(defaultScope, atom.P)
			}
			if s.inScope(defaultScope, atom.Select) {
				s.generateImpliedEndTags("")
			}
			s.addElement()
			s.pop()
			s.self = false
		case atom.Image:
			t.a, t.tag = atom.Img, "img"
			return false
		case atom.Textarea, atom.Iframe, atom.Noembed, atom.Noscript:
			s.addElement()
			s.orig = s.im
			s.im = mText
		case atom.Xmp:
			s.popUntil(buttonScope, atom.P)
			s.reconstructActiveFormattingElements()
			s.addElement()
			s.orig = s.im
			s.im = mText
		case atom.Select:
			if s.popUntil(defaultScope, atom.Select) {
				return true
			}
			s.reconstructActiveFormattingElements()
			s.addElement()
			return true
		case atom.Option:
			if s.inScope(defaultScope, atom.Select) {
				s.generateImpliedEndTags("optgroup")
			} else if s.top().a == atom.Option {
				s.pop()
			}
			s.reconstructActiveFormattingElements()
			s.addElement()
		case atom.Optgroup:
			if s.inScope(defaultScope, atom.Select) {
				s.generateImpliedEndTags("")
			} else if s.top().a == atom.Option {
				s.pop()
			}
			s.reconstructActiveFormattingElements()
			s.addElement()
		case atom.Rb, atom.Rtc:
			if s.inScope(defaultScope, atom.Ruby) {
				s.generateImpliedEndTags("")
			}
			s.addElement()
		case atom.Rp, atom.Rt:
			if s.inScope(defaultScope, atom.Ruby) {
				s.generateImpliedEndTags("rtc")
			}
			s.addElement()
		case atom.Math, atom.Svg:
			s.reconstructActiveFormattingElements()
			ns := nsSVG
			if t.a == atom.Math {
				ns = nsMath
			}
			s.insert(t.a, t.tag, t.attrs, ns)
			if s.self {
				s.pop()
				s.self = false
			}
			return true
		case atom.Caption, atom.Col, atom.Colgroup, atom.Frame, atom.Head, atom.Tbody, atom.Td,
			atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
			// Ignore the token.
		default:
			s.reconstructActiveFormattingElements()
			s.addElement()
		}
	case htmltok.EndTagToken:
		switch t.a {
		case atom.Body:
			if s.inScope(defaultScope, atom.Body) {
				s.im = mAfterBody
			}
		case atom.Html:
			if s.inScope(defaultScope, atom.Body) {
				s.implied(htmltok.EndTagToken, atom.Body)
				return false
			}
			return true
		case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Button, atom.Center,
			atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Fieldset, atom.Figcaption,
			atom.Figure, atom.Footer, atom.Header, atom.Hgroup, atom.Listing, atom.Main, atom.Menu,
			atom.Nav, atom.Ol, atom.Pre, atom.Search, atom.Section, atom.Select, atom.Summary, atom.Ul:
			if !s.inScope(defaultScope, t.a) {
				return true
			}
			s.generateImpliedEndTags("")
			s.popUntil(defaultScope, t.a)
		case atom.Form:
			if s.contains(atom.Template) {
				bail("template")
			}
			id := s.form
			s.form = 0
			i := s.indexInScope(defaultScope, atom.Form)
			if id == 0 || i == -1 || s.oe[i].id != id {
				return true
			}
			s.generateImpliedEndTags("")
			// A form closed around open elements leaves the stack but
			// stays their ancestor: sync pops its frame after theirs.
			s.oeRemove(id)
		case atom.P:
			if !s.inScope(buttonScope, atom.P) {
				s.implied(htmltok.StartTagToken, atom.P)
			}
			s.popUntil(buttonScope, atom.P)
		case atom.Li:
			s.popUntil(listItemScope, atom.Li)
		case atom.Dd, atom.Dt:
			s.popUntil(defaultScope, t.a)
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			s.popUntil(defaultScope, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6)
		case atom.A, atom.B, atom.Big, atom.Code, atom.Em, atom.Font, atom.I, atom.Nobr, atom.S,
			atom.Small, atom.Strike, atom.Strong, atom.Tt, atom.U:
			s.endTagFormatting(t.a, t.tag)
		case atom.Applet, atom.Marquee, atom.Object:
			if s.popUntil(defaultScope, t.a) {
				s.clearActiveFormattingElements()
			}
		case atom.Br:
			t.tt = htmltok.StartTagToken
			return false
		case atom.Template:
			return s.inHeadIM()
		default:
			s.endTagOther(t.a, t.tag)
		}
	case htmltok.CommentToken:
		s.addComment()
	}
	return true
}

// endTagOther is "any other end tag" in body.
func (s *scanner) endTagOther(a atom.Atom, tag string) {
	for i := len(s.oe) - 1; i >= 0; i-- {
		e := &s.oe[i]
		if e.ns == nsHTML && e.a == a && (a != 0 || e.tag == tag) {
			s.oe = s.oe[:i]
			return
		}
		if isSpecial(e) {
			return
		}
	}
}

func (s *scanner) textIM() bool {
	switch s.tok.tt {
	case htmltok.ErrorToken:
		s.popText()
	case htmltok.TextToken:
		d := s.tok.text
		if top := s.top(); top.a == atom.Textarea && !top.kids {
			if len(d) > 0 && d[0] == '\r' {
				d = d[1:]
			}
			if len(d) > 0 && d[0] == '\n' {
				d = d[1:]
			}
		}
		s.addText(d)
		return true
	case htmltok.EndTagToken:
		s.popText()
	}
	s.im = s.orig
	return s.tok.tt == htmltok.EndTagToken
}

// popText closes a raw-text or RCDATA element.
func (s *scanner) popText() {
	if top := s.top(); top.id == s.titleID {
		s.endTitle()
	}
	s.pop()
}

func (s *scanner) afterBodyIM() bool {
	switch s.tok.tt {
	case htmltok.ErrorToken:
		return true
	case htmltok.TextToken:
		if len(trimLeftWhitespace(s.tok.text)) == 0 {
			return s.inBodyIM()
		}
	case htmltok.StartTagToken:
		if s.tok.a == atom.Html {
			return s.inBodyIM()
		}
	case htmltok.EndTagToken:
		if s.tok.a == atom.Html {
			s.im = mAfterAfterBody
			return true
		}
	case htmltok.CommentToken:
		return true // attached to the html element: not walked
	}
	s.im = mInBody
	return false
}

func (s *scanner) afterAfterBodyIM() bool {
	switch s.tok.tt {
	case htmltok.ErrorToken:
		return true
	case htmltok.TextToken:
		if len(trimLeftWhitespace(s.tok.text)) == 0 {
			return s.inBodyIM()
		}
	case htmltok.StartTagToken:
		if s.tok.a == atom.Html {
			return s.inBodyIM()
		}
	case htmltok.CommentToken:
		return true
	case htmltok.DoctypeToken:
		return s.inBodyIM()
	}
	s.im = mInBody
	return false
}

func (s *scanner) resetInsertionMode() {
	for i := len(s.oe) - 1; i >= 0; i-- {
		e := &s.oe[i]
		last := i == 0
		switch e.a {
		case atom.Td, atom.Th:
			s.im = mInCell
		case atom.Tr:
			s.im = mInRow
		case atom.Tbody, atom.Thead, atom.Tfoot:
			s.im = mInTableBody
		case atom.Caption:
			s.im = mInCaption
		case atom.Colgroup:
			s.im = mInColumnGroup
		case atom.Table:
			s.im = mInTable
		case atom.Template:
			if e.ns != nsHTML {
				continue
			}
			bail("template")
		case atom.Head:
			s.im = mInHead
		case atom.Body:
			s.im = mInBody
		case atom.Frameset:
			bail("frameset")
		case atom.Html:
			if !s.head {
				s.im = mBeforeHead
			} else {
				s.im = mAfterHead
			}
		default:
			if last {
				s.im = mInBody
				return
			}
			continue
		}
		return
	}
}

// Foreign content (svg, math): dropped by the walker, but its elements
// decide where the HTML after them goes.
