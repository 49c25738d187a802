package segment

import (
	"strings"

	"golang.org/x/net/html/atom"

	"github.com/winnowhq/winnow/classifier/segment/internal/htmltok"
)

// The scanner in foreign content: svg and math (scan.go).

func (s *scanner) inForeignContent() bool {
	if len(s.oe) == 0 {
		return false
	}
	n := s.top()
	if n.ns == nsHTML {
		return false
	}
	t := &s.tok
	if n.mip {
		if t.tt == htmltok.StartTagToken && t.a != atom.Mglyph && t.a != atom.Malignmark {
			return false
		}
		if t.tt == htmltok.TextToken {
			return false
		}
	}
	if n.ns == nsMath && n.a == atom.AnnotationXml && t.tt == htmltok.StartTagToken && t.a == atom.Svg {
		return false
	}
	if n.hip && (t.tt == htmltok.StartTagToken || t.tt == htmltok.TextToken) {
		return false
	}
	return t.tt != htmltok.ErrorToken
}

func (s *scanner) foreignContent() bool {
	t := &s.tok
	switch t.tt {
	case htmltok.TextToken:
		s.addText(t.text)
	case htmltok.CommentToken:
		s.addComment()
	case htmltok.StartTagToken:
		b := breakout(t.a)
		if t.a == atom.Font {
			for _, at := range t.attrs {
				switch string(at.key) {
				case "color", "face", "size":
					b = true
				}
			}
		}
		if b {
			for i := len(s.oe) - 1; i >= 0; i-- {
				e := &s.oe[i]
				if e.ns == nsHTML || e.hip || e.mip {
					s.oe = s.oe[:i+1]
					break
				}
			}
			return s.mode()
		}
		ns := s.top().ns
		a := t.a
		if ns == nsSVG && t.tag == "foreignobject" {
			a = atom.ForeignObject
		}
		s.insert(a, t.tag, t.attrs, ns)
		s.z.NextIsNotRawText()
		if s.self {
			s.pop()
			s.self = false
		}
	case htmltok.EndTagToken:
		if strings.EqualFold(s.top().tag, t.tag) {
			s.pop()
			return true
		}
		for i := len(s.oe) - 1; i >= 0; i-- {
			if strings.EqualFold(s.oe[i].tag, t.tag) {
				s.oe = s.oe[:i]
				return true
			}
			if i > 0 && s.oe[i-1].ns == nsHTML {
				break
			}
		}
		return s.mode()
	}
	return true
}

func breakout(a atom.Atom) bool {
	switch a {
	case atom.B, atom.Big, atom.Blockquote, atom.Body, atom.Br, atom.Center, atom.Code,
		atom.Dd, atom.Div, atom.Dl, atom.Dt, atom.Em, atom.Embed, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Head, atom.Hr, atom.I, atom.Img, atom.Li,
		atom.Listing, atom.Menu, atom.Meta, atom.Nobr, atom.Ol, atom.P, atom.Pre, atom.Ruby,
		atom.S, atom.Small, atom.Span, atom.Strong, atom.Strike, atom.Sub, atom.Sup,
		atom.Table, atom.Tt, atom.U, atom.Ul, atom.Var:
		return true
	}
	return false
}
