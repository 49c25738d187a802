package segment

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/winnowhq/winnow/classifier/segment/internal/htmltok"
)

// How the scanner inserts elements, text and comments, and the parts of
// the tree it follows without building it: pending table parents, foster
// parenting of void elements, head, template and title (scan.go).

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
