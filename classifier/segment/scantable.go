package segment

import (
	"bytes"

	"golang.org/x/net/html/atom"

	"github.com/winnowhq/winnow/classifier/segment/internal/htmltok"
)

// The scanner's insertion modes of tables (scan.go).

func (s *scanner) inTableIM() bool {
	t := &s.tok
	switch t.tt {
	case htmltok.TextToken:
		if bytes.IndexByte(t.text, 0) >= 0 {
			t.text = bytes.ReplaceAll(t.text, []byte{0}, nil)
		}
		switch s.top().a {
		case atom.Table, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr:
			if isWhitespace(t.text) {
				s.addText(t.text)
				return true
			}
		}
	case htmltok.StartTagToken:
		switch t.a {
		case atom.Caption:
			s.clearStackToContext(tableScope)
			s.addMarker()
			s.addElement()
			s.im = mInCaption
			return true
		case atom.Colgroup:
			s.clearStackToContext(tableScope)
			s.addElement()
			s.im = mInColumnGroup
			return true
		case atom.Col:
			s.implied(htmltok.StartTagToken, atom.Colgroup)
			return false
		case atom.Tbody, atom.Tfoot, atom.Thead:
			s.clearStackToContext(tableScope)
			s.addElement()
			s.im = mInTableBody
			return true
		case atom.Td, atom.Th, atom.Tr:
			s.implied(htmltok.StartTagToken, atom.Tbody)
			return false
		case atom.Table:
			if s.popUntil(tableScope, atom.Table) {
				s.resetInsertionMode()
				return false
			}
			return true
		case atom.Style, atom.Script, atom.Template:
			return s.inHeadIM()
		case atom.Input:
			if v := attrValue(t.attrs, "type"); v != nil && bytes.EqualFold(v, []byte("hidden")) {
				s.addElement()
				s.pop()
				return true
			}
		case atom.Form:
			if s.contains(atom.Template) || s.form != 0 {
				return true
			}
			s.addElement()
			s.form = s.top().id
			s.pop()
		}
	case htmltok.EndTagToken:
		switch t.a {
		case atom.Table:
			if s.popUntil(tableScope, atom.Table) {
				s.resetInsertionMode()
			}
			return true
		case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html, atom.Tbody, atom.Td,
			atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
			return true
		case atom.Template:
			return s.inHeadIM()
		}
	case htmltok.CommentToken:
		s.addComment()
		return true
	case htmltok.DoctypeToken:
		return true
	case htmltok.ErrorToken:
		return s.inBodyIM()
	}
	s.foster = true
	done := s.inBodyIM()
	s.foster = false
	return done
}

func (s *scanner) inCaptionIM() bool {
	switch s.tok.tt {
	case htmltok.StartTagToken:
		switch s.tok.a {
		case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Td, atom.Tfoot, atom.Thead, atom.Tr:
			if !s.popUntil(tableScope, atom.Caption) {
				return true
			}
			s.clearActiveFormattingElements()
			s.im = mInTable
			return false
		}
	case htmltok.EndTagToken:
		switch s.tok.a {
		case atom.Caption:
			if s.popUntil(tableScope, atom.Caption) {
				s.clearActiveFormattingElements()
				s.im = mInTable
			}
			return true
		case atom.Table:
			if !s.popUntil(tableScope, atom.Caption) {
				return true
			}
			s.clearActiveFormattingElements()
			s.im = mInTable
			return false
		case atom.Body, atom.Col, atom.Colgroup, atom.Html, atom.Tbody, atom.Td, atom.Tfoot, atom.Th,
			atom.Thead, atom.Tr:
			return true
		}
	}
	return s.inBodyIM()
}

func (s *scanner) inColumnGroupIM() bool {
	switch s.tok.tt {
	case htmltok.TextToken:
		if s.leadingSpace() {
			return true
		}
	case htmltok.CommentToken:
		s.addComment()
		return true
	case htmltok.DoctypeToken:
		return true
	case htmltok.StartTagToken:
		switch s.tok.a {
		case atom.Html:
			return s.inBodyIM()
		case atom.Col:
			s.addElement()
			s.pop()
			s.self = false
			return true
		case atom.Template:
			return s.inHeadIM()
		}
	case htmltok.EndTagToken:
		switch s.tok.a {
		case atom.Colgroup:
			if s.top().a == atom.Colgroup {
				s.pop()
				s.im = mInTable
			}
			return true
		case atom.Col:
			return true
		case atom.Template:
			return s.inHeadIM()
		}
	case htmltok.ErrorToken:
		return s.inBodyIM()
	}
	if s.top().a != atom.Colgroup {
		return true
	}
	s.pop()
	s.im = mInTable
	return false
}

func (s *scanner) inTableBodyIM() bool {
	switch s.tok.tt {
	case htmltok.StartTagToken:
		switch s.tok.a {
		case atom.Tr:
			s.clearStackToContext(tableBodyScope)
			s.addElement()
			s.im = mInRow
			return true
		case atom.Td, atom.Th:
			s.implied(htmltok.StartTagToken, atom.Tr)
			return false
		case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Tfoot, atom.Thead:
			if s.popUntil(tableScope, atom.Tbody, atom.Thead, atom.Tfoot) {
				s.im = mInTable
				return false
			}
			return true
		}
	case htmltok.EndTagToken:
		switch s.tok.a {
		case atom.Tbody, atom.Tfoot, atom.Thead:
			if s.inScope(tableScope, s.tok.a) {
				s.clearStackToContext(tableBodyScope)
				s.pop()
				s.im = mInTable
			}
			return true
		case atom.Table:
			if s.popUntil(tableScope, atom.Tbody, atom.Thead, atom.Tfoot) {
				s.im = mInTable
				return false
			}
			return true
		case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html, atom.Td, atom.Th, atom.Tr:
			return true
		}
	case htmltok.CommentToken:
		s.addComment()
		return true
	}
	return s.inTableIM()
}

func (s *scanner) inRowIM() bool {
	switch s.tok.tt {
	case htmltok.StartTagToken:
		switch s.tok.a {
		case atom.Td, atom.Th:
			s.clearStackToContext(tableRowScope)
			s.addElement()
			s.addMarker()
			s.im = mInCell
			return true
		case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr:
			if s.inScope(tableScope, atom.Tr) {
				s.clearStackToContext(tableRowScope)
				s.pop()
				s.im = mInTableBody
				return false
			}
			return true
		}
	case htmltok.EndTagToken:
		switch s.tok.a {
		case atom.Tr:
			if s.inScope(tableScope, atom.Tr) {
				s.clearStackToContext(tableRowScope)
				s.pop()
				s.im = mInTableBody
			}
			return true
		case atom.Table:
			if s.inScope(tableScope, atom.Tr) {
				s.clearStackToContext(tableRowScope)
				s.pop()
				s.im = mInTableBody
				return false
			}
			return true
		case atom.Tbody, atom.Tfoot, atom.Thead:
			if s.inScope(tableScope, s.tok.a) && s.inScope(tableScope, atom.Tr) {
				s.clearStackToContext(tableRowScope)
				s.pop()
				s.im = mInTableBody
				return false
			}
			return true
		case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html, atom.Td, atom.Th:
			return true
		}
	}
	return s.inTableIM()
}

func (s *scanner) inCellIM() bool {
	switch s.tok.tt {
	case htmltok.StartTagToken:
		switch s.tok.a {
		case atom.Caption, atom.Col, atom.Colgroup, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr:
			if s.popUntil(tableScope, atom.Td, atom.Th) {
				s.clearActiveFormattingElements()
				s.im = mInRow
				return false
			}
			return true
		}
	case htmltok.EndTagToken:
		switch s.tok.a {
		case atom.Td, atom.Th:
			if !s.popUntil(tableScope, s.tok.a) {
				return true
			}
			s.clearActiveFormattingElements()
			s.im = mInRow
			return true
		case atom.Body, atom.Caption, atom.Col, atom.Colgroup, atom.Html:
			return true
		case atom.Table, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr:
			if !s.inScope(tableScope, s.tok.a) {
				return true
			}
			if s.popUntil(tableScope, atom.Td, atom.Th) {
				s.clearActiveFormattingElements()
			}
			s.im = mInRow
			return false
		}
	}
	return s.inBodyIM()
}
