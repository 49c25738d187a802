package segment

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/winnowhq/winnow/classifier/segment/internal/htmltok"
)

// This file is the tree-free HTML segmenter: one pass over the tokenizer
// of golang.org/x/net/html (internal/htmltok: the same tokens, fewer
// allocations) with an explicit stack of open elements that
// follows html.Parse's tree construction (x/net/html's parse.go: its
// insertion modes, implied end tags, scopes, the list of active
// formatting elements with its reconstruction and Noah's Ark clause,
// raw-text and RCDATA elements, foreign content, the form pointer, the
// implied html, head, body, tbody and tr) and feeds the walker of
// html.go the element starts, text and element ends in the order the
// tree walk would see them, without building the tree.
//
// Where html.Parse would move nodes already seen to another place in the
// tree, a single pass cannot give the same blocks, so the scanner gives
// up and HTML segments the page from the tree instead (scanBail names
// the reason): foster parenting (text or elements misplaced inside a
// table) once the walker has entered the table (until then pendElem
// follows it; fosterVoid follows it for void elements after), the
// adoption agency algorithm with a furthest block (a formatting element
// closed around a block) where what it moves is not a chain of blocks,
// with elements that are not blocks open in the last one (adoptBlock and
// adoptChain follow those in place; adoptPlan, with blocks made inside
// them, by a second scan), frameset, a template
// holding svg or math (or title or meta, in head), attributes added to
// html, or to body once it has text, by a later tag (unless a second
// scan can give them), more than 512 open elements (which html.Parse
// rejects) and a panic of the scanner. Template content is skipped (the
// walker drops it); the markup an unclosed <title> swallowed is
// segmented at the end by a scanner of its own (spilled), as the tree
// walk segments it. The result is the tree walk's, block for block
// (TestScanDifferential, FuzzHTMLDifferential).

// scanBail is the panic value that stops the scanner.
type scanBail struct{ reason string }

// scanMode is an insertion mode of the HTML5 tree construction.
type scanMode uint8

const (
	mInitial scanMode = iota
	mBeforeHTML
	mBeforeHead
	mInHead
	mAfterHead
	mInBody
	mText
	mInTable
	mInCaption
	mInColumnGroup
	mInTableBody
	mInRow
	mInCell
	mAfterBody
	mAfterAfterBody
)

// Namespaces of open elements.
const (
	nsHTML uint8 = iota
	nsSVG
	nsMath
)

// scanAttr is an attribute of the current start tag; the tokenizer's
// slices stay valid to the end of the input, so they may be kept.
type scanAttr struct{ key, val []byte }

// scanTok is the token being processed.
type scanTok struct {
	tt    htmltok.TokenType
	a     atom.Atom
	tag   string
	attrs []scanAttr
	text  []byte
}

// scanElem is an element on the stack of open elements.
type scanElem struct {
	a    atom.Atom
	tag  string
	id   int32
	wd   int32 // walker depth of this element's content
	ns   uint8
	drop bool   // not walked: dropped, inside a dropped element or in head
	head bool   // the head element
	kids bool   // has a child node
	hip  bool   // HTML integration point
	mip  bool   // MathML text integration point
	keys uint16 // html, body: the walkerKeys of its attributes
	// pending: a table (or its body, head, foot or row) the walker has
	// not entered yet (see pendElem); fostered: an element inserted
	// before a pending table, or inside one.
	pending, fostered bool
	// blocks is how many blocks the walker had made when it entered
	// the element (after the flush its start may cause).
	blocks int32
}

// scanFmt is an entry of the list of active formatting elements.
type scanFmt struct {
	marker bool
	id     int32
	a      atom.Atom
	tag    string
	attrs  []scanAttr // sorted by key
}

type scanner struct {
	w   *walker
	z   *htmltok.Tokenizer
	src string
	tok scanTok
	sc  schemaScan // the page's Schema, read from every token
	oe  []scanElem
	afe []scanFmt

	im, orig     scanMode
	self         bool   // the start tag was self-closing
	eof          bool   // the input ended inside a template
	foster       bool   // insertions are foster parented
	quirks       int8   // 1 quirks, 0 no quirks, -1 unknown (see quirksMode)
	doctype      string // raw doctype token, in the initial mode
	rawDoctype   string
	nextID       int32
	form         int32 // the form element pointer (an id), 0 if none
	head         bool  // the head element pointer is set
	titleID      int32 // the head <title> whose text is collected
	title        []byte
	headIDClass  [2]string        // the head element's id and class, for the Path of an unclosed <title> (spillPath)
	titleIDClass [2]string        // the collected <title>'s
	titles       int32            // <title> elements in head so far
	titleNth     int32            // the collected <title>'s position among them
	nodes        []*[32]html.Node // walker nodes, one per walker depth
	nodeAttr     []html.Attribute
	scratchAttr  []scanAttr
	fmtAttrs     []scanAttr       // backs the attributes of afe (see keepAttrs)
	late         *[2][]scanAttr   // attributes of later html and body tags, from an earlier scan (scanHTML)
	plan         *adoptPlan       // adoptions an earlier scan found (scanHTML)
	replan       bool             // this scan planned an adoption: its Doc is wrong
	lateUsed     [2]bool          // the html, the body element has taken them
	pending      [2][]scanAttr    // attributes of later html and body tags this scan found
	pend         []pendElem       // tables and their parts not walked yet, in order
	pendAttrs    []html.Attribute // backs their walker attributes
}

// scanDoc is HTML's single pass: the Doc, or nil when the page needs the
// tree.
func scanDoc(src string, opt HTMLOptions) *Doc {
	d, bailed := scanHTML(src, opt)
	if bailed != "" {
		return nil
	}
	if len(d.Blocks) == 0 && !opt.KeepHidden {
		opt.KeepHidden = true
		if d, bailed = scanHTML(src, opt); bailed != "" {
			return nil
		}
	}
	return d
}

// scanHTML segments src like the tree walk does, or returns why the page
// needs the tree (see scanBail).
//
// A later <html> or <body> tag may give its element attributes that the
// walker reads after the walker has read the element (html.Parse's
// copyAttributes appends those the element lacks): the scan notes them
// and goes on, and a second scan gives them to the element when it
// inserts it, as the tree holds them.
func scanHTML(src string, opt HTMLOptions) (d *Doc, bailed string) {
	plan := &adoptPlan{}
	d, bailed, late := scanPlanned(src, opt, nil, plan)
	if late == nil {
		return d, bailed
	}
	if d, bailed, late = scanPlanned(src, opt, late, plan); late != nil {
		return nil, "attributes added to html or body"
	}
	return d, bailed
}

// maxAdoptScans bounds the scans of one scanPlanned. A scan plans every
// adoption it cannot follow; the next finds more only where following the
// planned ones changed what adoptBlock or adoptChain could do.
const maxAdoptScans = 4

// scanPlanned is scanOnce, again from the start while a scan finds an
// adoption it can plan (see adoptPlan).
func scanPlanned(src string, opt HTMLOptions, late *[2][]scanAttr, plan *adoptPlan) (d *Doc, bailed string, found *[2][]scanAttr) {
	for range maxAdoptScans {
		if d, bailed, found = scanOnce(src, opt, late, plan); bailed != replanned {
			return d, bailed, found
		}
	}
	return nil, "adoption agency with a furthest block", nil
}

// scanOnce is one scan of scanHTML, given the attributes an earlier scan
// found on later html (late[0]) and body (late[1]) tags; it returns
// those it found itself instead of the Doc.
func scanOnce(src string, opt HTMLOptions, late *[2][]scanAttr, plan *adoptPlan) (d *Doc, bailed string, found *[2][]scanAttr) {
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(scanBail)
			if !ok {
				// A state html.Parse itself fails on (it recovers its
				// panics too) or a bug: the tree walk decides.
				// FuzzHTMLDifferential reports the bugs.
				b.reason = fmt.Sprint("panic: ", r)
			}
			d, bailed = nil, b.reason
		}
	}()
	s := &scanner{
		w:      newWalker(opt, len(src)),
		z:      htmltok.NewTokenizerString(src),
		src:    src,
		quirks: -1,
	}
	if l := opt.limit; l != nil {
		// A block needs a start and an end tag or a <br> or so: size the
		// blocks for a quarter of the tags (within the limit) rather
		// than copy them at every doubling of a page of many.
		s.w.blocks = make([]Block, 0, min(l.max+1, strings.Count(src, "<")/4+16))
	}
	if late == nil {
		late = &[2][]scanAttr{}
	}
	s.late = late
	s.plan = plan
	s.run()
	if s.replan {
		return nil, replanned, nil
	}
	if len(s.pending[0]) > 0 || len(s.pending[1]) > 0 {
		return nil, "", &s.pending
	}
	if s.w.spill != "" {
		s.spilled()
	}
	d = s.w.finish()
	d.Schema, d.ArticleBody = s.sc.s, s.sc.articleBodyText()
	return d, "", nil
}

func bail(reason string) { panic(scanBail{reason}) }

func (s *scanner) run() {
	for steps := 1; ; steps++ {
		if stopped(s.w.opt.Check, steps) {
			// The tree path sees the failed check and returns its error.
			bail("stopped by Check")
		}
		top := s.top()
		s.z.AllowCDATA(top != nil && top.ns != nsHTML)
		tt := s.z.Next()
		s.readToken(tt)
		if tt == htmltok.ErrorToken && s.z.Err() != io.EOF {
			bail("tokenizer error")
		}
		s.process()
		if tt == htmltok.ErrorToken || s.eof {
			break
		}
	}
	s.enterPending()
	s.sync(0)
}

// readToken fills s.tok from the tokenizer.
func (s *scanner) readToken(tt htmltok.TokenType) {
	t := &s.tok
	t.tt, t.a, t.tag, t.text = tt, 0, "", nil
	t.attrs = s.scratchAttr[:0]
	switch tt {
	case htmltok.TextToken, htmltok.CommentToken, htmltok.DoctypeToken:
		if tt == htmltok.DoctypeToken {
			s.rawDoctype = string(s.z.Raw())
		}
		if tt == htmltok.TextToken {
			t.text = s.z.Text()
		}
	case htmltok.StartTagToken, htmltok.SelfClosingTagToken, htmltok.EndTagToken:
		name, more := s.z.TagName()
		t.a = atom.Lookup(name)
		if t.a != 0 {
			t.tag = t.a.String()
		} else {
			t.tag = string(name)
		}
		for more {
			var k, v []byte
			k, v, more = s.z.TagAttr()
			t.attrs = append(t.attrs, scanAttr{k, v})
		}
		s.scratchAttr = t.attrs
		if tt == htmltok.EndTagToken {
			s.sc.end(t.a)
		} else {
			s.sc.start(t.a, t.attrs)
		}
	}
	if tt == htmltok.TextToken && s.sc.inLD {
		s.sc.text(t.text)
	}
}

// process is parseCurrentToken.
func (s *scanner) process() {
	if s.tok.tt == htmltok.SelfClosingTagToken {
		s.self = true
		s.tok.tt = htmltok.StartTagToken
	}
	for done := false; !done; {
		if s.inForeignContent() {
			done = s.foreignContent()
		} else {
			done = s.mode()
		}
	}
	s.self = false
}

// implied processes a token that is not in the input.
func (s *scanner) implied(tt htmltok.TokenType, a atom.Atom) {
	real, self := s.tok, s.self
	s.tok = scanTok{tt: tt, a: a, tag: a.String()}
	s.self = false
	s.process()
	s.tok, s.self = real, self
}

func (s *scanner) mode() bool {
	switch s.im {
	case mInitial:
		return s.initialIM()
	case mBeforeHTML:
		return s.beforeHTMLIM()
	case mBeforeHead:
		return s.beforeHeadIM()
	case mInHead:
		return s.inHeadIM()
	case mAfterHead:
		return s.afterHeadIM()
	case mInBody:
		return s.inBodyIM()
	case mText:
		return s.textIM()
	case mInTable:
		return s.inTableIM()
	case mInCaption:
		return s.inCaptionIM()
	case mInColumnGroup:
		return s.inColumnGroupIM()
	case mInTableBody:
		return s.inTableBodyIM()
	case mInRow:
		return s.inRowIM()
	case mInCell:
		return s.inCellIM()
	case mAfterBody:
		return s.afterBodyIM()
	case mAfterAfterBody:
		return s.afterAfterBodyIM()
	}
	bail("insertion mode")
	return true
}

// Stack of open elements.

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

// Insertion.

// sync pops the walker's frames above depth wd: elements the tree has
// closed (the walker leaves them when the next node is inserted).
func (s *scanner) sync(wd int32) {
	for int32(len(s.w.stack)) > wd {
		s.w.pop()
	}
}

func (s *scanner) shouldFoster() bool {
	if !s.foster {
		return false
	}
	switch s.top().a {
	case atom.Table, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr:
		return true
	}
	return false
}

// node returns the walker node for walker depth d, valid until the
// frame at that depth is popped.
func (s *scanner) node(d int) *html.Node {
	for d/32 >= len(s.nodes) {
		s.nodes = append(s.nodes, new([32]html.Node))
	}
	return &s.nodes[d/32][d%32]
}

func (s *scanner) addElement() {
	s.insert(s.tok.a, s.tok.tag, s.tok.attrs, nsHTML)
}

// insert adds an element as the last child of the current node and
// pushes it.
func (s *scanner) insert(a atom.Atom, tag string, attrs []scanAttr, ns uint8) {
	var fosterParent *scanElem
	if s.shouldFoster() {
		if fosterParent = s.pendingTableParent(); fosterParent == nil {
			if !s.fosterVoid(a, tag, ns) {
				bail("foster parenting")
			}
			// Walked before the table: pushed only for the caller to pop.
			s.nextID++
			s.oe = append(s.oe, scanElem{a: a, tag: tag, id: s.nextID, ns: ns, drop: true, wd: s.top().wd})
			return
		}
	}
	s.nextID++
	e := scanElem{a: a, tag: tag, id: s.nextID, ns: ns}
	parent := s.top()
	if fosterParent != nil {
		// Inserted before the table, which the walker has not
		// entered: a child of the table's parent.
		parent, e.fostered = fosterParent, true
	}
	if parent != nil {
		parent.kids = true
	}
	e.fostered = e.fostered || parent != nil && parent.fostered
	if parent != nil && parent.pending && ns == nsHTML && tablePart(a) && len(s.pend) < maxPending {
		s.pendElement(&e, parent, attrs)
		s.oe = append(s.oe, e)
		return
	}
	if !e.fostered {
		// what is not walked before a pending table is walked after it
		s.enterPending()
	}
	var wd int32
	if parent != nil {
		wd = parent.wd
	}
	switch {
	case parent != nil && parent.head:
		e.drop, e.wd = true, wd
		s.headChild(&e, attrs)
	case a == atom.Table && ns == nsHTML && !e.fostered:
		s.pendElement(&e, parent, attrs)
	case parent != nil && parent.drop:
		e.drop, e.wd = true, wd
	case a == atom.Head && ns == nsHTML:
		s.sync(wd)
		n := s.node(len(s.w.stack))
		*n = html.Node{Type: html.ElementNode, Data: tag, DataAtom: a}
		s.w.position(n)
		e.drop, e.head, e.wd = true, true, wd
		s.headIDClass = idClass(attrs)
	default:
		fe := s.plan.formatting(e.id)
		if fe != 0 {
			// A planned block: its parent's open copy of the
			// formatting element (or the element itself) closes
			// first.
			if parent == nil || parent.id != fe && s.plan.formatting(parent.id) != fe {
				bail("adoption plan")
			}
			wd--
		}
		s.sync(wd)
		d := len(s.w.stack)
		n := s.node(d)
		*n = html.Node{Type: html.ElementNode, Data: tag, DataAtom: a, Attr: s.walkerAttrs(n.Attr[:0], attrs, a)}
		if ns != nsHTML {
			n.Namespace = nsName(ns)
		}
		if (a == atom.Html || a == atom.Body) && ns == nsHTML {
			i := 0
			if a == atom.Body {
				i = 1
			}
			if add := s.late[i]; len(add) > 0 && !s.lateUsed[i] {
				s.lateUsed[i] = true
				had := walkerKeys(attrs)
				attrs = attrs[:len(attrs):len(attrs)]
				for _, at := range add {
					if k := walkerKey(at.key); had&k == 0 {
						had |= k
						attrs = append(attrs, at)
					}
				}
				n.Attr = s.walkerAttrs(n.Attr[:0], attrs, a)
			}
			e.keys = walkerKeys(attrs)
		}
		if !s.w.enter(n) {
			if fe != 0 {
				bail("adoption plan")
			}
			e.drop, e.wd = true, wd
		} else {
			if fe != 0 {
				s.enterCopy(fe)
			}
			e.wd = int32(len(s.w.stack))
			e.blocks = int32(len(s.w.blocks))
		}
	}
	if ns == nsSVG {
		e.hip = a == atom.ForeignObject || a == atom.Desc || a == atom.Title
	} else if ns == nsMath {
		switch a {
		case atom.Mi, atom.Mo, atom.Mn, atom.Ms, atom.Mtext:
			e.mip = true
		case atom.AnnotationXml:
			v := attrValue(attrs, "encoding")
			e.hip = v != nil && (bytes.EqualFold(v, []byte("text/html")) || bytes.EqualFold(v, []byte("application/xhtml+xml")))
		}
	}
	s.oe = append(s.oe, e)
	if len(s.oe) > 512 {
		bail("more than 512 open elements")
	}
}

// pendElem is a table, or its body, head, foot or row, that the walker
// has not entered yet. Content html.Parse foster-parents (text or
// elements misplaced inside a table) goes before the table in the tree;
// while the walker has not entered the table, the scanner gives that
// content to the walker as the table's parent's, where the tree walk
// sees it. The walker enters pending elements (enterPending) when
// content that is not foster-parented reaches the walker: inside the
// table (a cell, a caption, text), or after it.
type pendElem struct {
	id, parentID int32
	up           int32 // the parent's index in scanner.pend, or -1
	parentWd     int32 // the walker depth of the parent's content (up == -1)
	parentDrop   bool  // the parent is dropped (up == -1)
	node         html.Node
	// after enterPending: the walker depth of its content, and whether
	// it was dropped
	wd   int32
	drop bool
}

// maxPending bounds scanner.pend (each insertion looks through it): a
// table with more rows than this before its first cell is entered.
const maxPending = 16

// tablePart reports whether a pending table's child stays pending.
func tablePart(a atom.Atom) bool {
	switch a {
	case atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr:
		return true
	}
	return false
}

// pendElement makes e, a child of parent, pending (see pendElem).
func (s *scanner) pendElement(e *scanElem, parent *scanElem, attrs []scanAttr) {
	p := pendElem{id: e.id, up: -1}
	if parent != nil {
		p.parentID, p.parentWd, p.parentDrop = parent.id, parent.wd, parent.drop
		if parent.pending {
			for i := range s.pend {
				if s.pend[i].id == parent.id {
					p.up = int32(i)
					break
				}
			}
		}
	}
	start := len(s.pendAttrs)
	s.pendAttrs = s.walkerAttrs(s.pendAttrs, attrs, e.a)
	p.node = html.Node{Type: html.ElementNode, Data: e.tag, DataAtom: e.a, Attr: s.pendAttrs[start:len(s.pendAttrs):len(s.pendAttrs)]}
	s.pend = append(s.pend, p)
	e.pending = true
}

// pendingTableParent returns the element that content foster-parented
// now goes into, the parent of the last table on the stack, when the
// walker has not entered that table; nil when it has (or the case is
// one the scanner does not follow).
func (s *scanner) pendingTableParent() *scanElem {
	ti := len(s.oe) - 1
	for ti >= 0 && (s.oe[ti].a != atom.Table || s.oe[ti].ns != nsHTML) {
		if s.oe[ti].a == atom.Template {
			return nil
		}
		ti--
	}
	if ti < 1 || !s.oe[ti].pending {
		return nil
	}
	p := &s.oe[ti-1]
	// The table's tree parent must be the element below it (a form
	// closed around the table leaves the stack, not the tree).
	for _, q := range s.pend {
		if q.id == s.oe[ti].id {
			if q.up != -1 || q.parentID != p.id || p.pending {
				return nil
			}
			return p
		}
	}
	return nil
}

// enterPending has the walker enter the pending elements, in order
// (those already closed are popped by the next sync).
func (s *scanner) enterPending() {
	if len(s.pend) > 0 {
		s.enterPendingNow()
	}
}

func (s *scanner) enterPendingNow() {
	for i := range s.pend {
		p := &s.pend[i]
		wd, drop := p.parentWd, p.parentDrop
		if p.up >= 0 {
			wd, drop = s.pend[p.up].wd, s.pend[p.up].drop
		}
		var blocks int32
		if !drop {
			s.sync(wd)
			n := s.node(len(s.w.stack))
			*n = p.node
			entered := s.w.enter(n)
			n.Attr = nil // read at enter only; pendAttrs is reused
			if entered {
				wd = int32(len(s.w.stack))
				blocks = int32(len(s.w.blocks))
			} else {
				drop = true
			}
		}
		p.wd, p.drop = wd, drop
		if oi := s.oeIndex(p.id); oi >= 0 {
			e := &s.oe[oi]
			e.pending, e.wd, e.drop, e.blocks = false, wd, drop, blocks
		}
	}
	clear(s.pend)
	s.pend = s.pend[:0]
	s.pendAttrs = s.pendAttrs[:0]
}

// fosterVoid handles a void element that html.Parse foster parents
// (moves before the table it is misplaced in) and that the walker only
// counts among its parent's children (a <br> or <hr> there ends the run
// the table's start ended already): it counts it among the table's
// parent's, as position would have, and reports whether it could (the
// table's own position must be by tag, which it does not change).
func (s *scanner) fosterVoid(a atom.Atom, tag string, ns uint8) bool {
	switch a {
	case atom.Br, atom.Hr, atom.Img, atom.Link, atom.Meta, atom.Input:
	default:
		return false
	}
	ti := len(s.oe) - 1
	for ti >= 0 && (s.oe[ti].a != atom.Table || s.oe[ti].ns != nsHTML) {
		ti--
	}
	if ns != nsHTML || ti < 1 {
		return false
	}
	tbl, p := &s.oe[ti], &s.oe[ti-1]
	if tbl.drop || p.drop || p.wd < 1 || p.wd != tbl.wd-1 {
		return false
	}
	w := s.w
	pf, tf := &w.stack[p.wd-1], &w.stack[tbl.wd-1]
	if tf.tag != "table" || !tf.ofType {
		return false
	}
	// position for a child of pf, whose counts end where the table's
	// start.
	pf.kids++
	for i := pf.kidsLo; i < tf.kidsLo; i++ {
		if w.kids[i].tag == tag {
			w.kids[i].n++
			return true
		}
	}
	if tf.kidsLo-pf.kidsLo < maxKidTags {
		w.kids = slices.Insert(w.kids, int(tf.kidsLo), kidCount{tag: tag, n: 1})
		for j := int(p.wd); j < len(w.stack); j++ {
			w.stack[j].kidsLo++
		}
	}
	return true
}

func nsName(ns uint8) string {
	switch ns {
	case nsSVG:
		return "svg"
	case nsMath:
		return "math"
	}
	return ""
}

func attrValue(attrs []scanAttr, key string) []byte {
	for _, at := range attrs {
		if string(at.key) == key {
			if at.val == nil {
				return []byte{}
			}
			return at.val
		}
	}
	return nil
}

// walkerAttrs converts the attributes the walker reads (see walker.enter)
// to html.Attributes, leaving out those that cannot change its result.
// Values alias the tokenizer's buffer, which no later token writes to:
// the walker copies what it keeps of them (Path, PathTokens), but for
// lang, which becomes Doc.Lang and is copied here.
func (s *scanner) walkerAttrs(dst []html.Attribute, attrs []scanAttr, a atom.Atom) []html.Attribute {
	for _, at := range attrs {
		k, v := at.key, at.val
		switch string(k) {
		case "id":
			dst = append(dst, html.Attribute{Key: "id", Val: alias(v)})
		case "class":
			dst = append(dst, html.Attribute{Key: "class", Val: alias(v)})
		case "role":
			dst = append(dst, html.Attribute{Key: "role", Val: alias(v)})
		case "hidden":
			dst = append(dst, html.Attribute{Key: "hidden"})
		case "href":
			dst = append(dst, html.Attribute{Key: "href"})
		case "aria-hidden":
			if bytes.EqualFold(bytes.TrimSpace(v), []byte("true")) {
				dst = append(dst, html.Attribute{Key: "aria-hidden", Val: "true"})
			}
		case "style":
			if bytes.Contains(v, []byte("none")) || bytes.Contains(v, []byte("hidden")) ||
				bytes.Contains(v, []byte("NONE")) || bytes.Contains(v, []byte("HIDDEN")) {
				dst = append(dst, html.Attribute{Key: "style", Val: alias(v)})
			}
		case "lang":
			if a == atom.Html {
				dst = append(dst, html.Attribute{Key: "lang", Val: string(v)})
			}
		case "itemprop", "property":
			if namesArticleBody(alias(v)) {
				dst = append(dst, html.Attribute{Key: "itemprop", Val: "articleBody"})
			}
		}
	}
	return dst
}

// alias returns b's bytes as a string without copying them: b must not
// change while the string is in use.
func alias(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// headChild notes the title and og:title of an element inserted in head,
// as walker.head reads them from the tree.
func (s *scanner) headChild(e *scanElem, attrs []scanAttr) {
	switch e.a {
	case atom.Title:
		s.titles++
		if s.w.doc.Title == "" {
			s.titleID = e.id
			s.title = s.title[:0]
			s.titleIDClass, s.titleNth = idClass(attrs), s.titles
		}
	case atom.Meta:
		var prop, content []byte
		for _, at := range attrs {
			switch string(at.key) {
			case "property", "name":
				prop = at.val
			case "content":
				content = at.val
			}
		}
		if s.w.doc.OGTitle == "" && bytes.EqualFold(prop, []byte("og:title")) {
			s.w.doc.OGTitle = collapse(string(content))
		}
		if s.w.doc.OGType == "" && bytes.EqualFold(prop, []byte("og:type")) && len(content) <= 64 {
			s.w.doc.OGType = strings.ToLower(collapse(string(content)))
		}
		if s.w.ogURL == "" && bytes.EqualFold(prop, []byte("og:url")) {
			s.w.ogURL = pageURL(string(content))
		}
	case atom.Link:
		var rel, href []byte
		for _, at := range attrs {
			switch string(at.key) {
			case "rel":
				rel = at.val
			case "href":
				href = at.val
			}
		}
		if s.w.canonical == "" && relCanonical(string(rel)) {
			s.w.canonical = pageURL(string(href))
		}
	}
}

// template inserts a <template> and skips its content, which the walker
// drops and which cannot reach outside it: the tokens up to the matching
// </template>, or to the end of the input. A title or meta inside a
// template in head (which walker.head reads) and a template inside
// foreign content go to the tree.
//
// Inside foreign content (from an <svg> or <math> in the template on)
// the parser tokenizes the text of raw-text elements (<style>, <title>
// …) as markup and reads <![CDATA[…]]> sections, which the skip does
// not: the skip ends where the parser's template ends as long as such a
// text holds no '<' and such a section ends at its first '>', and the
// page goes to the tree otherwise (foreignSkip). So do templates nested
// in foreign content, which the depth count could mistake for HTML
// ones.
func (s *scanner) template() {
	for i := range s.oe {
		if s.oe[i].ns != nsHTML {
			bail("template in foreign content")
		}
	}
	inHead := s.top().head
	s.addElement()
	id := s.top().id
	s.addMarker()
	s.z.AllowCDATA(false)
	var fs foreignSkip
	for depth, steps := 1, 1; depth > 0; steps++ {
		if stopped(s.w.opt.Check, steps) {
			bail("stopped by Check")
		}
		tt := s.z.Next()
		var name []byte
		if tt == htmltok.StartTagToken || tt == htmltok.SelfClosingTagToken || tt == htmltok.EndTagToken {
			name, _ = s.z.TagName()
		}
		fs.check(s.z, tt, name)
		switch tt {
		case htmltok.ErrorToken:
			if s.z.Err() != io.EOF {
				bail("tokenizer error")
			}
			s.closeTemplate(id)
			s.readToken(tt)
			s.process()
			s.eof = true
			return
		case htmltok.StartTagToken, htmltok.SelfClosingTagToken:
			switch a := atom.Lookup(name); a {
			case atom.Template:
				if fs.open() {
					bail("template in a template's foreign content")
				}
				depth++
			case atom.Title, atom.Meta:
				if inHead {
					bail("title or meta in a template in head")
				}
			}
		case htmltok.EndTagToken:
			if string(name) == "template" {
				depth--
			}
		}
	}
	s.closeTemplate(id)
}

// foreignSkip follows the tokens a template skips once foreign content
// may be open in it, and sends the page to the tree where the tokenizer,
// which never leaves HTML rules there, may cut them elsewhere than the
// parser's does (see template).
type foreignSkip struct {
	foreign bool // an <svg> or <math> was seen in the template
	raw     bool // the last token was a start tag that makes the next one raw text
	// svg and math count the <svg> and <math> elements open, as their
	// start and end tags say. They are never fewer than the parser has
	// open unless an integration point was opened (integration), inside
	// which the parser may ignore their end tags.
	svg, math   int
	integration bool
}

// open reports whether foreign content may be open, where a <template>
// start tag might make a foreign element, which the parser can close
// without its end tag.
func (f *foreignSkip) open() bool {
	return f.svg > 0 || f.math > 0 || f.integration
}

// check looks at the token tt the tokenizer z has just read (name: a
// tag's lower-case name).
func (f *foreignSkip) check(z *htmltok.Tokenizer, tt htmltok.TokenType, name []byte) {
	switch tt {
	case htmltok.StartTagToken, htmltok.SelfClosingTagToken:
		switch string(name) {
		case "svg":
			f.foreign = true
			if tt == htmltok.StartTagToken {
				f.svg++
			}
			return
		case "math":
			f.foreign = true
			if tt == htmltok.StartTagToken {
				f.math++
			}
			return
		}
	case htmltok.EndTagToken:
		switch {
		case string(name) == "svg" && f.svg > 0:
			f.svg--
		case string(name) == "math" && f.math > 0:
			f.math--
		}
	}
	if !f.foreign {
		return
	}
	raw := f.raw
	f.raw = false
	switch tt {
	case htmltok.TextToken:
		if raw && bytes.IndexByte(z.Raw(), '<') >= 0 {
			bail("markup in raw text in a template's foreign content")
		}
	case htmltok.StartTagToken, htmltok.SelfClosingTagToken:
		f.raw = z.NextIsRawText()
		switch string(name) {
		case "foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml":
			f.integration = true
		}
	case htmltok.CommentToken:
		if r := z.Raw(); bytes.HasPrefix(r, []byte("<![CDATA[")) && !bytes.HasSuffix(r, []byte("]]>")) {
			bail("CDATA in a template's foreign content")
		}
	}
}

// closeTemplate is </template> for the template with that id, whose
// content was skipped.
func (s *scanner) closeTemplate(id int32) {
	if i := s.oeIndex(id); i >= 0 {
		s.oe = s.oe[:i]
	}
	s.clearActiveFormattingElements()
	s.resetInsertionMode()
}

// endTitle sets the title collected from a head <title>.
func (s *scanner) endTitle() {
	s.titleID = 0
	if s.w.doc.Title != "" {
		return
	}
	title := string(s.title)
	if i := strings.IndexByte(title, '<'); i >= 0 && len(title) > maxTitleBytes {
		// An unclosed <title> swallowed the page: its markup is
		// segmented at the end (spill), as the tree walk does.
		w := s.w
		if len(w.stack) == 0 || w.stack[0].tag != "html" {
			bail("unclosed title")
		}
		w.spill, title = title[i:], title[:i]
		var sb strings.Builder
		writeStep(&sb, "html", w.stack[0].id, w.stack[0].class, 1, true)
		sb.WriteByte('>')
		writeStep(&sb, "head", s.headIDClass[0], s.headIDClass[1], 1, true)
		sb.WriteByte('>')
		writeStep(&sb, "title", s.titleIDClass[0], s.titleIDClass[1], s.titleNth, true)
		w.spillPath = sb.String()
	}
	s.w.doc.Title = collapse(title)
}

// idClass returns the values of the id and class attributes.
func idClass(attrs []scanAttr) [2]string {
	return [2]string{string(attrValue(attrs, "id")), string(attrValue(attrs, "class"))}
}

// spilled segments the markup an unclosed <title> swallowed (walker.spill)
// as fromTree does, with a scanner of its own over it: every block's Path
// is the title's.
func (s *scanner) spilled() {
	spill := s.w.takeSpill()
	t := &scanner{w: s.w, z: htmltok.NewTokenizerString(spill), src: spill, quirks: -1, late: &[2][]scanAttr{}}
	t.run()
	if len(t.pending[0]) > 0 || len(t.pending[1]) > 0 {
		bail("attributes added to html or body")
	}
}

// addText adds text to the current node.
func (s *scanner) addText(text []byte) {
	if len(text) == 0 {
		return
	}
	to := s.top() // the element the text goes into
	if s.shouldFoster() {
		// Text inserted before the table: the table's parent's.
		if to = s.pendingTableParent(); to == nil {
			bail("foster parenting")
		}
	} else if !to.fostered {
		if to.pending {
			to.kids = true
			return // white space in a table the walker has not entered
		}
		s.enterPending()
	}
	to.kids = true
	if to.drop {
		if to.id == s.titleID {
			s.title = append(s.title, text...)
		}
		return
	}
	s.sync(to.wd)
	// The walker copies what it keeps: the string may alias the
	// tokenizer's buffer.
	s.w.text(unsafe.String(&text[0], len(text)))
}

func (s *scanner) addComment() {
	if s.shouldFoster() {
		return // a foster-parented comment is not walked
	}
	if top := s.top(); top != nil {
		top.kids = true
	}
}

// Active formatting elements.

func (s *scanner) afeIndex(id int32) int {
	for i := len(s.afe) - 1; i >= 0; i-- {
		if !s.afe[i].marker && s.afe[i].id == id {
			return i
		}
	}
	return -1
}

func (s *scanner) afeRemove(id int32) {
	if i := s.afeIndex(id); i >= 0 {
		s.afe = slices.Delete(s.afe, i, i+1)
	}
}

func (s *scanner) addMarker() { s.afe = append(s.afe, scanFmt{marker: true}) }

func (s *scanner) addFormattingElement() {
	a := s.tok.a
	attrs := s.keepAttrs(s.tok.attrs)
	slices.SortFunc(attrs, func(x, y scanAttr) int {
		if c := bytes.Compare(x.key, y.key); c != 0 {
			return c
		}
		return bytes.Compare(x.val, y.val)
	})
	s.addElement()
	identical := 0
	for i := len(s.afe) - 1; i >= 0; i-- {
		f := &s.afe[i]
		if f.marker {
			break
		}
		if f.a != a || !sameAttrs(f.attrs, attrs) {
			continue
		}
		identical++
		if identical >= 3 {
			s.afeRemove(f.id)
		}
	}
	s.afe = append(s.afe, scanFmt{id: s.top().id, a: a, tag: s.tok.tag, attrs: attrs})
}

// keepAttrs copies attrs for the list of active formatting elements,
// into a block that the lists' entries share (capped, so that an
// append to one cannot reach the next).
func (s *scanner) keepAttrs(attrs []scanAttr) []scanAttr {
	n := len(attrs)
	if n == 0 {
		return nil
	}
	if len(s.fmtAttrs)+n > cap(s.fmtAttrs) {
		s.fmtAttrs = make([]scanAttr, 0, max(n, 8, min(2*cap(s.fmtAttrs), 1024)))
	}
	k := len(s.fmtAttrs)
	s.fmtAttrs = append(s.fmtAttrs, attrs...)
	return s.fmtAttrs[k : k+n : k+n]
}

func sameAttrs(x, y []scanAttr) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if !bytes.Equal(x[i].key, y[i].key) || !bytes.Equal(x[i].val, y[i].val) {
			return false
		}
	}
	return true
}

func (s *scanner) clearActiveFormattingElements() {
	for len(s.afe) > 0 {
		f := s.afe[len(s.afe)-1]
		s.afe = s.afe[:len(s.afe)-1]
		if f.marker {
			return
		}
	}
}

func (s *scanner) reconstructActiveFormattingElements() {
	k := len(s.afe)
	if k == 0 {
		return
	}
	f := &s.afe[k-1]
	if f.marker || s.oeIndex(f.id) != -1 {
		return
	}
	i := k - 1
	for !s.afe[i].marker && s.oeIndex(s.afe[i].id) == -1 {
		if i == 0 {
			i = -1
			break
		}
		i--
	}
	for {
		i++
		f := &s.afe[i]
		s.insert(f.a, f.tag, f.attrs, nsHTML)
		f.id = s.top().id
		if i == len(s.afe)-1 {
			break
		}
	}
}

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

// Insertion modes (x/net/html parse.go, less what is bailed on).

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

// endTagFormatting is the adoption agency algorithm, as far as it does
// not move nodes already inserted.
func (s *scanner) endTagFormatting(a atom.Atom, tag string) {
	if top := s.top(); top.tag == tag && s.afeIndex(top.id) == -1 {
		s.pop()
		return
	}
	for range 8 {
		fi := -1
		for j := len(s.afe) - 1; j >= 0; j-- {
			if s.afe[j].marker {
				break
			}
			if s.afe[j].a == a {
				fi = j
				break
			}
		}
		if fi == -1 {
			s.endTagOther(a, tag)
			return
		}
		id := s.afe[fi].id
		oi := s.oeIndex(id)
		if oi == -1 {
			s.afe = slices.Delete(s.afe, fi, fi+1)
			return
		}
		if !s.inScope(defaultScope, a) {
			return
		}
		for j := oi; j < len(s.oe); j++ {
			if isSpecial(&s.oe[j]) {
				// A rune's first bytes the walker holds (walker.carry)
				// are text of the block the adoption moves: html.Parse's
				// text node ends here.
				s.w.endCarry()
				// (Adoptions move walker frames: pending tables are
				// entered where they are first, unless the formatting
				// element is walked before the table, foster-parented.)
				if !s.oe[oi].fostered {
					s.enterPending()
				}
				if s.adoptPlanned(fi, oi) || s.adoptBlock(fi, oi) || s.adoptChain(fi, oi) {
					return
				}
				if s.planAdoption(fi, oi) {
					return
				}
				bail("adoption agency with a furthest block")
			}
		}
		s.oe = s.oe[:oi]
		s.afeRemove(id)
		return
	}
}

// adoptBlock is the adoption agency algorithm in its most common case
// with a furthest block: the end tag of a formatting element (afe[fi],
// oe[oi]) whose child is the current node, a block, as in
// <font><p>a</font>b. html.Parse moves the block out of the formatting
// element to follow it, and wraps the block's children in a copy of the
// formatting element, which the end tag then closes: the copy holds the
// block's content so far and the block the content that follows. The
// walker follows while what the block holds is segmented as the
// block's own (its open run, and lines it ended with <br>, whose Path,
// PathTokens, Sig and Depth are rewritten): it reports whether it
// could.
func (s *scanner) adoptBlock(fi, oi int) bool {
	w := s.w
	if oi < 1 || oi != len(s.oe)-2 {
		return false
	}
	ca, fe, fb := &s.oe[oi-1], &s.oe[oi], &s.oe[oi+1]
	if ca.ns != nsHTML || fe.ns != nsHTML || fb.ns != nsHTML || ca.drop || fe.drop || fb.drop ||
		fe.wd < 2 || ca.wd != fe.wd-1 || fb.wd != fe.wd+1 {
		return false
	}
	switch ca.a {
	case atom.Table, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr:
		return false // the block is foster parented
	}
	s.sync(fb.wd)
	fi0 := int(fe.wd - 1) // the formatting element's frame; the block's is next
	parent, f, b := &w.stack[fi0-1], &w.stack[fi0], w.stack[fi0+1]
	if !b.block || f.tag != fe.tag || b.tag != fb.tag || f.flags != parent.flags || f.body != parent.body {
		// (a role on the formatting element would leave the block's flags)
		return false
	}
	// Blocks the block made (br-separated lines) move with it; blocks of
	// elements inside it would need their Paths rewritten.
	made := w.blocks[fb.blocks:]
	for i := range made {
		// (Deep Paths name only the last elements: the block's own
		// string, not an equal one, marks its blocks.)
		p := made[i].Path
		if b.path == "" || len(p) != len(b.path) || unsafe.StringData(p) != unsafe.StringData(b.path) ||
			made[i].Depth != fi0+2 {
			return false
		}
	}
	if f.anchor {
		// The copy, closed, leaves no anchor open.
		w.anchorOpen--
		w.anchorNew = false
	}
	// The block's frame again, as the next child of the formatting
	// element's parent, holding one element: the copy.
	w.kids = w.kids[:f.kidsLo]
	n := s.node(fi0)
	*n = *b.node
	n.Attr = nil // read at enter only
	w.stack[fi0], w.stack[fi0+1] = frame{}, frame{}
	w.stack = w.stack[:fi0]
	b.node = n
	b.nth, b.ofType = w.position(n)
	oldSig := b.sig
	b.sig = sigStep(parent.sig, b.tag, b.class)
	b.path, b.tokens, b.tokDone = "", nil, false
	b.kidsLo = int32(len(w.kids))
	b.kids = 1
	w.kids = append(w.kids, kidCount{tag: fe.tag, n: 1})
	w.stack = append(w.stack, b)
	w.owner = fi0
	if len(made) > 0 {
		w.sigs[oldSig]--
		w.sigs[b.sig]++
		path, toks := w.pathOf(fi0), w.tokensOf(fi0)
		for i := range made {
			made[i].Path, made[i].PathTokens, made[i].Sig, made[i].Depth = path, toks, b.sig, fi0+1
		}
	}
	fb.wd, fb.kids = fe.wd, true
	s.oe = slices.Delete(s.oe, oi, oi+1)
	s.afe = slices.Delete(s.afe, fi, fi+1)
	return true
}

// adoptChain is the adoption agency algorithm with a furthest block
// when every element open inside the formatting element (afe[fi],
// oe[oi]) is a block (a special element outside tables, none a scope
// boundary) and none of them has made a block yet, as in
// <div><a href><div><h2>Title</a>: the text of the innermost one is the
// open run. html.Parse runs its outer loop once per block: the first
// block moves out of the formatting element to follow it, each block
// then holds a copy of the formatting element (wrapping the children it
// had, none with text) and the next block, and the last block's copy,
// which wraps the open run, is closed by the end tag. The walker's
// frames of the blocks move up one level after the formatting element
// closes, with their positions, Sigs and cached Paths made again, each
// block counting its copy as its first child: what the tree walk sees.
// It reports whether it could (at most seven blocks: the outer loop
// runs eight times).
func (s *scanner) adoptChain(fi, oi int) bool {
	w := s.w
	k := len(s.oe) - oi - 1
	if oi < 1 || k < 1 || s.chainAfter(oi) != k {
		return false // not blocks only
	}
	ca, fe := &s.oe[oi-1], &s.oe[oi]
	if ca.drop && fe.ns == nsHTML && chainParent(ca.a) {
		// nothing of it is walked: only the stacks change
		s.adopted(fi, oi, k)
		return true
	}
	if ca.ns != nsHTML || fe.ns != nsHTML || ca.drop || fe.drop || fe.wd < 2 || ca.wd != fe.wd-1 || !chainParent(ca.a) {
		return false
	}
	for j := 1; j <= k; j++ {
		if b := &s.oe[oi+j]; b.drop || b.wd != fe.wd+int32(j) {
			return false
		}
	}
	// (the sync first: an element closed inside the last block ends its
	// run when its frame is popped)
	s.sync(s.oe[oi+k].wd)
	if int(s.oe[oi+1].blocks) != len(w.blocks) {
		return false // a block made inside would need its Path rewritten
	}
	fi0 := int(fe.wd - 1) // the formatting element's frame; the blocks' follow
	if len(w.stack) != fi0+k+1 {
		return false
	}
	parent, f := &w.stack[fi0-1], &w.stack[fi0]
	if f.tag != fe.tag || f.block || f.flags != parent.flags || f.body != parent.body || f.pre != parent.pre {
		return false
	}
	for j := 1; j <= k; j++ {
		if b := &w.stack[fi0+j]; !b.block || b.counted || b.tag != s.oe[oi+j].tag {
			return false
		}
	}
	if f.anchor {
		// The last copy, closed, leaves no anchor open.
		w.anchorOpen--
		w.anchorNew = false
	}
	// The blocks' frames again, each the next child of the one before
	// (the first of the formatting element's parent), after a copy of
	// the formatting element.
	blocks := make([]frame, k)
	copy(blocks, w.stack[fi0+1:])
	w.kids = w.kids[:f.kidsLo]
	clear(w.stack[fi0:])
	w.stack = w.stack[:fi0]
	copyNode := html.Node{Type: html.ElementNode, Data: fe.tag, DataAtom: fe.a}
	for j := range blocks {
		b := blocks[j]
		d := len(w.stack)
		n := s.node(d)
		*n = *b.node
		n.Attr = nil // read at enter only
		b.node = n
		top := &w.stack[d-1]
		b.nth, b.ofType = w.position(n)
		b.sig = sigStep(top.sig, b.tag, b.class)
		b.path, b.tokens, b.tokDone = "", nil, false
		b.kidsLo, b.kids = int32(len(w.kids)), 0
		w.stack = append(w.stack, b)
		w.position(&copyNode)
		e := &s.oe[oi+1+j]
		e.wd, e.kids = int32(d+1), true
	}
	w.owner = len(w.stack) - 1
	s.adopted(fi, oi, k)
	return true
}

// adoptPlan holds the adoptions with a furthest block that a scan found
// and could not follow in place (blocks made inside the moved blocks
// would need their Paths, Sigs and PathTokens rewritten), for the next
// scan to follow from the start. Where the formatting element
// (<div><a href><ul><li>a<li>b</a>) has only blocks open inside it at
// its end tag, each a special element outside tables (as adoptChain
// asks), then perhaps elements that are not (chainAfter), the tree
// html.Parse builds holds the formatting element's content before the
// first block, then the first block, holding a copy of the formatting
// element (wrapping the content the block had before the next block) and
// the next block, and so on, the last block's copy wrapping what the
// last block held at the end tag. Element ids are the same in every scan
// (the scanner's stack of open elements never depends on the walker), so
// the next scan, at the start of each planned block, closes the walker's
// frame of the formatting element or of the copy in the parent block and
// opens the block and its own copy of the formatting element, and at the
// end tag closes the last copy and what is open in it: the walker sees
// the tree's elements in the tree's order, and every block's Path is the
// tree walk's from the start.
type adoptPlan struct {
	blocks map[int32]int32 // planned block id -> its formatting element's id
	fe     map[int32]bool  // planned formatting elements' ids
}

// formatting returns the id of the formatting element whose adoption
// moves the element id, or 0.
func (p *adoptPlan) formatting(id int32) int32 {
	if p == nil {
		return 0
	}
	return p.blocks[id]
}

// replanned is what a scan that planned an adoption returns as the
// reason it gives no Doc.
const replanned = "adoption planned"

// planAdoption plans the adoption of the formatting element (afe[fi],
// oe[oi]) for the next scan when the elements open inside it are blocks
// that adoptChain could move and perhaps elements that are not blocks
// after them (chainAfter), and reports whether it did. The scan goes
// on to plan the page's other adoptions: the formatting element leaves
// the stack of open elements and the list, as in html.Parse, but its
// walker frame stays under the blocks (this scan's Doc is thrown away;
// scanOnce returns replanned).
func (s *scanner) planAdoption(fi, oi int) bool {
	p := s.plan
	k := s.chainAfter(oi)
	if p == nil || oi < 1 || k < 1 {
		return false
	}
	ca, fe := &s.oe[oi-1], &s.oe[oi]
	if ca.ns != nsHTML || fe.ns != nsHTML || ca.drop || fe.drop || !chainParent(ca.a) || p.fe[fe.id] {
		return false
	}
	for j := 1; j <= k; j++ {
		if b := &s.oe[oi+j]; b.drop || p.blocks[b.id] != 0 {
			return false
		}
	}
	if p.blocks == nil {
		p.blocks, p.fe = make(map[int32]int32), make(map[int32]bool)
	}
	p.fe[fe.id] = true
	for j := 1; j <= k; j++ {
		p.blocks[s.oe[oi+j].id] = fe.id
	}
	s.adopted(fi, oi, k)
	s.replan = true
	return true
}

// chainAfter returns how many blocks adoptChain or adoptPlan could move
// for the formatting element oe[oi]: the elements open inside it are k
// blocks (special HTML elements that chainBlock allows, at most seven:
// the algorithm's outer loop runs eight times, the last to close the
// last copy), then elements that are not special (html.Parse closes
// them with the last copy); 0 when they are not.
func (s *scanner) chainAfter(oi int) int {
	k := 0
	for j := oi + 1; j < len(s.oe); j++ {
		e := &s.oe[j]
		switch {
		case !isSpecial(e):
			if k == 0 {
				return 0
			}
		case k < j-oi-1 || e.ns != nsHTML || !chainBlock(e.a):
			return 0 // a block after an element that is not one
		default:
			k++
		}
	}
	if k > 7 {
		return 0
	}
	return k
}

// adopted makes the adoption's changes to the stack of open elements and
// the list of active formatting elements: the formatting element (afe[fi],
// oe[oi]) leaves both, the k blocks that followed it each hold a copy of
// it (which the end tag closes with the elements inside the last block).
func (s *scanner) adopted(fi, oi, k int) {
	for j := 1; j <= k; j++ {
		s.oe[oi+j].kids = true
	}
	s.oe = slices.Delete(s.oe[:oi+k+1], oi, oi+1)
	s.afe = slices.Delete(s.afe, fi, fi+1)
}

// enterCopy opens the walker's frame of a copy of the planned formatting
// element fe inside the block just entered (see adoptPlan).
func (s *scanner) enterCopy(fe int32) {
	fi := s.afeIndex(fe)
	if fi == -1 {
		bail("adoption plan")
	}
	f := &s.afe[fi]
	n := s.node(len(s.w.stack))
	*n = html.Node{Type: html.ElementNode, Data: f.tag, DataAtom: f.a, Attr: s.walkerAttrs(n.Attr[:0], f.attrs, f.a)}
	if !s.w.enter(n) {
		bail("adoption plan")
	}
}

// adoptPlanned follows a planned adoption (adoptPlan) at the end tag of
// the formatting element (afe[fi], oe[oi]): the last block's copy
// closes, and each block's content goes on after its copy and the next
// block.
func (s *scanner) adoptPlanned(fi, oi int) bool {
	fe := s.oe[oi].id
	if s.plan == nil || !s.plan.fe[fe] {
		return false
	}
	k := s.chainAfter(oi)
	if k < 1 {
		bail("adoption plan")
	}
	for j := 1; j <= k; j++ {
		if s.plan.blocks[s.oe[oi+j].id] != fe {
			bail("adoption plan")
		}
		s.oe[oi+j].wd--
	}
	// the last copy closes, and what is open inside it
	s.sync(s.oe[oi+k].wd)
	s.adopted(fi, oi, k)
	return true
}

// chainParent reports whether an element may receive the first moved
// block in adoptChain: not a table, its body or row (html.Parse would
// foster-parent the block).
func chainParent(a atom.Atom) bool {
	switch a {
	case atom.Table, atom.Tbody, atom.Tfoot, atom.Thead, atom.Tr, atom.Template:
		return false
	}
	return true
}

// chainBlock reports whether an element may be one of adoptChain's
// blocks: a chainParent (it receives the next) that does not bound the
// default scope (the copy of the formatting element inside it must be
// in scope for the next round) and is no other table part.
func chainBlock(a atom.Atom) bool {
	switch a {
	case atom.Td, atom.Th, atom.Caption, atom.Colgroup, atom.Col, atom.Html, atom.Applet,
		atom.Marquee, atom.Object, atom.Select, atom.Frameset:
		return false
	}
	return chainParent(a)
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
