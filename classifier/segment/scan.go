package segment

import (
	"fmt"
	"io"
	"strings"

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
//
// The scanner's parts, one a file: this file (its types and the token
// loop), scanstack.go (the stack of open elements and its scopes),
// scaninsert.go (inserting elements, text and comments; pending table
// parents, head, template, title), scanformat.go (the active formatting
// elements and the adoption agency), scanmodes.go (the insertion modes
// outside tables), scantable.go (those of tables) and scanforeign.go
// (foreign content).

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
