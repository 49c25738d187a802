package segment

import (
	"slices"

	"golang.org/x/net/html/atom"
)

// The scanner's stack of open elements and its scopes (scan.go).

func (s *scanner) top() *scanElem {
	if k := len(s.oe); k > 0 {
		return &s.oe[k-1]
	}
	return nil
}

func (s *scanner) pop() {
	s.oe = s.oe[:len(s.oe)-1]
}

func (s *scanner) oeIndex(id int32) int {
	for i := len(s.oe) - 1; i >= 0; i-- {
		if s.oe[i].id == id {
			return i
		}
	}
	return -1
}

func (s *scanner) oeRemove(id int32) {
	if i := s.oeIndex(id); i >= 0 {
		s.oe = slices.Delete(s.oe, i, i+1)
	}
}

func (s *scanner) contains(a atom.Atom) bool {
	for i := range s.oe {
		if s.oe[i].a == a && s.oe[i].ns == nsHTML {
			return true
		}
	}
	return false
}

type scanScope uint8

const (
	defaultScope scanScope = iota
	listItemScope
	buttonScope
	tableScope
	tableRowScope
	tableBodyScope
)

func (s *scanner) indexInScope(sc scanScope, match ...atom.Atom) int {
	for i := len(s.oe) - 1; i >= 0; i-- {
		e := &s.oe[i]
		a := e.a
		if e.ns == nsHTML {
			if slices.Contains(match, a) {
				return i
			}
			switch sc {
			case listItemScope:
				if a == atom.Ol || a == atom.Ul {
					return -1
				}
			case buttonScope:
				if a == atom.Button {
					return -1
				}
			case tableScope:
				if a == atom.Html || a == atom.Table || a == atom.Template {
					return -1
				}
			}
		}
		if sc == defaultScope || sc == listItemScope || sc == buttonScope {
			if scopeStop(e) {
				return -1
			}
		}
	}
	return -1
}

func scopeStop(e *scanElem) bool {
	switch e.ns {
	case nsHTML:
		switch e.a {
		case atom.Applet, atom.Caption, atom.Html, atom.Table, atom.Td, atom.Th,
			atom.Marquee, atom.Object, atom.Template, atom.Select:
			return true
		}
	case nsMath:
		switch e.a {
		case atom.AnnotationXml, atom.Mi, atom.Mn, atom.Mo, atom.Ms, atom.Mtext:
			return true
		}
	case nsSVG:
		switch e.a {
		case atom.Desc, atom.ForeignObject, atom.Title:
			return true
		}
	}
	return false
}

func (s *scanner) inScope(sc scanScope, match ...atom.Atom) bool {
	return s.indexInScope(sc, match...) != -1
}

func (s *scanner) popUntil(sc scanScope, match ...atom.Atom) bool {
	if i := s.indexInScope(sc, match...); i != -1 {
		s.oe = s.oe[:i]
		return true
	}
	return false
}

func (s *scanner) clearStackToContext(sc scanScope) {
	for i := len(s.oe) - 1; i >= 0; i-- {
		a := s.oe[i].a
		switch sc {
		case tableScope:
			if a == atom.Html || a == atom.Table || a == atom.Template {
				s.oe = s.oe[:i+1]
				return
			}
		case tableRowScope:
			if a == atom.Html || a == atom.Tr || a == atom.Template {
				s.oe = s.oe[:i+1]
				return
			}
		case tableBodyScope:
			if a == atom.Html || a == atom.Tbody || a == atom.Tfoot || a == atom.Thead || a == atom.Template {
				s.oe = s.oe[:i+1]
				return
			}
		}
	}
}

// generateImpliedEndTags pops dd, dt, li, optgroup, option, p, rb, rp, rt
// and rtc, except the tag named.
func (s *scanner) generateImpliedEndTags(except string) {
	i := len(s.oe) - 1
	for ; i >= 0; i-- {
		e := &s.oe[i]
		if !impliedEndTag(e.a) || e.tag == except {
			break
		}
	}
	s.oe = s.oe[:i+1]
}

func impliedEndTag(a atom.Atom) bool {
	switch a {
	case atom.Dd, atom.Dt, atom.Li, atom.Optgroup, atom.Option, atom.P, atom.Rb, atom.Rp, atom.Rt, atom.Rtc:
		return true
	}
	return false
}

func isSpecial(e *scanElem) bool {
	switch e.ns {
	case nsHTML:
		switch e.a {
		case atom.Address, atom.Applet, atom.Area, atom.Article, atom.Aside, atom.Base,
			atom.Basefont, atom.Bgsound, atom.Blockquote, atom.Body, atom.Br, atom.Button,
			atom.Caption, atom.Center, atom.Col, atom.Colgroup, atom.Dd, atom.Details,
			atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Embed, atom.Fieldset, atom.Figcaption,
			atom.Figure, atom.Footer, atom.Form, atom.Frame, atom.Frameset, atom.H1, atom.H2,
			atom.H3, atom.H4, atom.H5, atom.H6, atom.Head, atom.Header, atom.Hgroup, atom.Hr,
			atom.Html, atom.Iframe, atom.Img, atom.Input, atom.Keygen, atom.Li, atom.Link,
			atom.Listing, atom.Main, atom.Marquee, atom.Menu, atom.Meta, atom.Nav,
			atom.Noembed, atom.Noframes, atom.Noscript, atom.Object, atom.Ol, atom.P,
			atom.Param, atom.Plaintext, atom.Pre, atom.Script, atom.Section, atom.Select,
			atom.Source, atom.Style, atom.Summary, atom.Table, atom.Tbody, atom.Td,
			atom.Template, atom.Textarea, atom.Tfoot, atom.Th, atom.Thead, atom.Title,
			atom.Tr, atom.Track, atom.Ul, atom.Wbr, atom.Xmp:
			return true
		}
		return false
	}
	return scopeStop(e) && e.a != atom.Html
}
