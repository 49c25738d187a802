package segment

import (
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/winnowhq/winnow/classifier/token"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLOptions tune HTML segmentation. The zero value is the default.
type HTMLOptions struct {
	// MaxPathElems bounds the elements named in Block.Path; 0 means 64.
	// A deeper element's Path starts at its nearest ancestor with an id
	// among the last MaxPathElems, or else names only the last
	// MaxPathElems elements, so it may then select other elements too
	// (see Block.Path).
	MaxPathElems int
	// MaxPathTokens bounds len(Block.PathTokens); 0 means 16.
	MaxPathTokens int
	// KeepHidden keeps elements hidden by attributes or inline styles.
	KeepHidden bool
	// Check, when set, is called every few KB of parsing and every
	// thousand nodes or so of the walk (typically a context's Err): when
	// it returns an error, HTML stops and returns it.
	Check func() error
	// MaxBlocks, when positive, bounds the blocks of the document: HTML
	// stops soon after the limit is passed (within a thousand nodes) and
	// returns a *TooManyBlocksError.
	MaxBlocks int

	limit *blockLimit // set by HTML from MaxBlocks
}

const (
	defaultPathElems  = 64
	defaultPathTokens = 16
	// maxClassesPerElem bounds the classes named per element in Path.
	maxClassesPerElem = 3
	// maxSelectorName bounds a tag, id or class named in Path; longer ids
	// and classes are left out, longer tags become *.
	maxSelectorName = 64
	// maxKidTags bounds the distinct child tags counted per element for
	// :nth-of-type; children of other tags are located by :nth-child.
	maxKidTags = 32
	// tokenScanElems bounds how many ancestors are scanned for PathTokens.
	tokenScanElems = 24
	// maxTitleBytes is the longest <title> taken as a title when it holds
	// markup; longer ones are an unclosed <title> swallowing the page.
	maxTitleBytes = 1024
)

// HTML segments an HTML page (already decoded to UTF-8) into its
// visible-text rendition: one block per line, lines joined by a single
// "\n" (paragraph breaks are not marked: every block is its own line, so
// Block.Line is the block's index and BlankBefore is always false).
//
// Dropped: comments, head, script, style, noscript, template, svg, math,
// iframe, object, embed, canvas and hidden elements: the hidden attribute
// (except React's streamed <div hidden id="S:…">), aria-hidden="true", an
// inline display:none or visibility:hidden style. A page whose text is
// all hidden is shown by its scripts; it is segmented again with hidden
// elements kept (HTMLOptions.KeepHidden).
//
// Block boundaries are block-level elements, br, hr, and form controls
// (option, button, label, select, textarea), which become their own
// blocks; inline elements are glued into their line and white space
// (including Unicode spaces such as NBSP, and U+FEFF, U+200B, U+2060) is
// collapsed to one space. Inside pre, every source line is a block.
//
// The tree is walked iteratively, so arbitrarily deep nesting is handled
// in linear time; Path and PathTokens are bounded (see HTMLOptions).
// Documents html.Parse rejects (more than 512 open elements) are
// segmented from the token stream, with simpler implied-end-tag rules and
// no <title>. PathTokens slices may be shared between blocks of one Doc
// and must not be modified.
//
// Pages are segmented in one pass over the tokenizer, without building
// the tree (scan.go); the few pages whose tree html.Parse would rearrange
// (misplaced table content, formatting elements closed around blocks,
// frameset, template, ...) are segmented from the tree. Both give the
// same Doc.
func HTML(src string, opt HTMLOptions) (*Doc, error) {
	opt.Check, opt.limit = limited(opt.Check, opt.MaxBlocks)
	if d := scanDoc(src, opt); d != nil {
		return checked(d, opt.Check)
	}
	return htmlTree(src, opt)
}

// htmlTree is HTML from the tree html.Parse builds: the reference the
// scanner is tested against, and its fallback.
func htmlTree(src string, opt HTMLOptions) (*Doc, error) {
	root, err := html.Parse(reader(src, opt.Check))
	if cerr := checkErr(opt.Check); cerr != nil {
		return nil, cerr
	}
	if err != nil {
		// html.Parse refuses documents nested deeper than its open-element
		// limit; segment them from the token stream instead of losing
		// their text.
		d := fromTokens(src, opt)
		if len(d.Blocks) == 0 && !opt.KeepHidden {
			opt.KeepHidden = true
			d = fromTokens(src, opt)
		}
		d.Schema, d.ArticleBody = schemaOf(src)
		return checked(d, opt.Check)
	}
	d := fromTree(root, opt, len(src))
	if len(d.Blocks) == 0 && !opt.KeepHidden {
		opt.KeepHidden = true
		d = fromTree(root, opt, len(src))
	}
	d.Schema, d.ArticleBody = schemaOf(src)
	return checked(d, opt.Check)
}

// FromNode segments an already parsed HTML tree like HTML does.
func FromNode(root *html.Node, opt HTMLOptions) *Doc {
	return fromTree(root, opt, 0)
}

// frame is an open element on the walker's ancestor stack.
type frame struct {
	node    *html.Node
	tag     string
	id      string
	class   string
	flags   Flags // cumulative: this element's and its ancestors'
	sig     uint64
	block   bool // block-level
	anchor  bool // <a href>
	pre     bool
	path    string   // cached Path (when this frame owns a block)
	tokens  []string // cached PathTokens
	own     []string // cached tokens of this element's id and class
	ownDone bool
	tokDone bool
	counted bool // counted in walker.sigs
	body    bool // inside an element named the article's body (Block.MarkedBody)

	// Position among the parent's element children, for Path: nth is
	// the 1-based index among same-tag siblings (ofType) or among all
	// element siblings.
	nth    int32
	ofType bool
	kidsLo int32 // start of this element's child counts in walker.kids
	kids   int32 // element children seen so far
}

// kidCount counts the element children of one tag seen so far.
type kidCount struct {
	tag string
	n   int32
}

type walker struct {
	opt    HTMLOptions
	stack  []frame
	out    []byte // rendition
	blocks []Block

	// current run
	runStart  int  // offset in out of the run's first byte
	runOpen   bool // the run has text
	pendSpace bool
	// carry holds the first bytes of a rune a text call ended inside (a
	// text node html.Parse made of two tokens, split by an ignored tag
	// or doctype, reaches the scanner's walker in two calls): the next
	// call completes it, anything else puts it as it is.
	carry      [utf8.UTFMax]byte
	nCarry     int
	linkBytes  int
	links      int
	anchorOpen int  // open <a href> count
	anchorNew  bool // an <a href> was entered and has not written text
	owner      int  // stack index of the run's block element

	intern map[string]string
	// classTokens holds the tokens of the class values seen (of
	// elements without an id).
	classTokens map[string][]string
	sigs        map[uint64]int // elements holding text, per Sig
	spill       string         // markup swallowed by an unclosed <title>
	doc         *Doc

	// Sibling counts for Path: kids holds, per open element, the counts
	// of its children's tags (a stack: an element's counts follow its
	// parent's and are dropped when it closes); rootKids and the counts
	// below stack[0].kidsLo are the document's.
	kids      []kidCount
	rootKids  int32
	canonical string          // the first <link rel=canonical> href in head
	ogURL     string          // the first og:url in head
	spillPath string          // Path of the <title> that swallowed spill
	titlePath string          // set while walking spill: every block's Path
	tokenMode bool            // walking the token stream (html, body not pushed)
	strArena  []string        // backs the token lists (see strs)
	pathBuf   strings.Builder // backs the Paths (see pathOf)
}

func newWalker(opt HTMLOptions, sizeHint int) *walker {
	if opt.MaxPathElems <= 0 {
		opt.MaxPathElems = defaultPathElems
	}
	if opt.MaxPathTokens <= 0 {
		opt.MaxPathTokens = defaultPathTokens
	}
	return &walker{
		opt:         opt,
		out:         make([]byte, 0, sizeHint/4),
		intern:      make(map[string]string),
		classTokens: make(map[string][]string),
		sigs:        make(map[uint64]int),
		doc:         &Doc{HTML: true},
	}
}

func fromTree(root *html.Node, opt HTMLOptions, sizeHint int) *Doc {
	w := newWalker(opt, sizeHint)
	w.walk(root)
	if w.spill != "" {
		// An unclosed <title> swallowed the page: browsers show nothing,
		// but scrapers recover the markup. Segment it once, here.
		spill := w.takeSpill()
		if r, err := html.Parse(strings.NewReader(spill)); err == nil {
			w.walk(r)
		} else {
			w.tokens(spill)
		}
	}
	return w.finish()
}

// takeSpill ends the walk of the page and readies the walker for the
// markup an unclosed <title> swallowed (spill), which it returns: every
// block walked after it has the title's Path.
func (w *walker) takeSpill() string {
	spill := w.spill
	w.spill = ""
	w.flush()
	clear(w.stack)
	w.stack = w.stack[:0]
	w.kids = w.kids[:0]
	w.rootKids = 0
	w.titlePath = w.spillPath
	if w.titlePath == "" {
		w.titlePath = "title"
	}
	return spill
}

func (w *walker) finish() *Doc {
	w.flush()
	w.doc.CanonicalURL = w.canonical
	if w.doc.CanonicalURL == "" {
		w.doc.CanonicalURL = w.ogURL
	}
	// Drop the final separator written by flush.
	if n := len(w.out); n > 0 && w.out[n-1] == '\n' {
		w.out = w.out[:n-1]
	}
	if cap(w.out) <= len(w.out)+len(w.out)/4 {
		// Nothing writes to out again: hand its bytes over rather than
		// copy a large rendition (unless much of its capacity is unused).
		w.doc.Text = unsafe.String(unsafe.SliceData(w.out), len(w.out))
		w.out = nil
	} else {
		w.doc.Text = string(w.out)
	}
	w.doc.Blocks = w.blocks
	for i := range w.doc.Blocks {
		b := &w.doc.Blocks[i]
		b.Repeat = max(1, w.sigs[b.Sig])
	}
	return w.doc
}

// walk visits the tree in document order without recursion.
func (w *walker) walk(root *html.Node) {
	n := root
	for steps := 1; n != nil; steps++ {
		if stopped(w.opt.Check, steps) {
			return
		}
		descend := w.enter(n)
		if descend && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		if descend {
			w.leave(n)
		}
		for n != nil {
			if n == root {
				n = nil
				break
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
			if n != nil {
				w.leave(n)
			}
		}
	}
}

// enter handles the start of n and reports whether to visit its children.
func (w *walker) enter(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return false
	case html.DocumentNode:
		return true
	case html.ElementNode:
	default:
		return false
	}
	nth, ofType := w.position(n)
	a := n.DataAtom
	switch a {
	case atom.Head:
		w.head(n)
		return false
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math,
		atom.Iframe, atom.Object, atom.Embed, atom.Canvas, atom.Title, atom.Input,
		atom.Img, atom.Link, atom.Meta, atom.Frameset, atom.Frame, atom.Param, atom.Source:
		return false
	case atom.Br:
		w.flush()
		return false
	case atom.Hr:
		w.flush()
		return false
	case atom.Html:
		for _, at := range n.Attr {
			if at.Namespace == "" && at.Key == "lang" && w.doc.Lang == "" {
				w.doc.Lang = strings.TrimSpace(at.Val)
			}
		}
	}
	if n.Namespace != "" {
		// Foreign content not already dropped: keep its text, not its
		// structure.
		return true
	}
	w.endCarry() // a rune split by an element is not one
	f := frame{node: n, tag: n.Data, nth: nth, ofType: ofType, kidsLo: int32(len(w.kids))}
	var own Flags
	href := false
	hidden := false
	for _, at := range n.Attr {
		if at.Namespace != "" {
			continue
		}
		switch at.Key {
		case "id":
			f.id = at.Val
		case "class":
			f.class = at.Val
		case "hidden":
			hidden = true
		case "aria-hidden":
			if !w.opt.KeepHidden && strings.EqualFold(strings.TrimSpace(at.Val), "true") {
				return false
			}
		case "style":
			if !w.opt.KeepHidden && hiddenStyle(at.Val) {
				return false
			}
		case "role":
			own |= roleFlags(at.Val)
		case "href":
			href = true
		case "itemprop", "property":
			f.body = f.body || namesArticleBody(at.Val)
		}
	}
	if hidden && !w.opt.KeepHidden && !strings.HasPrefix(f.id, "S:") {
		// <div hidden id="S:0"> holds React's streamed content, which a
		// script moves into place: it is the page, not hidden text.
		return false
	}
	block := isBlock(a)
	switch a {
	case atom.Nav:
		own |= InNav
	case atom.Aside:
		own |= InAside
	case atom.Footer:
		own |= InFooter
	case atom.Header:
		own |= InHeader
	case atom.Form:
		own |= InForm
	case atom.Menu:
		own |= InMenu | InList
	case atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd:
		own |= InList
	case atom.Table, atom.Td, atom.Th, atom.Tr, atom.Tbody, atom.Thead, atom.Tfoot, atom.Caption:
		own |= InTable
	case atom.Article, atom.Main:
		own |= InArticle
	case atom.Figure, atom.Figcaption:
		own |= InFigure
	case atom.Blockquote:
		own |= InBlockquote
	case atom.Pre, atom.Listing, atom.Xmp, atom.Plaintext:
		own |= InPre
		f.pre = true
	case atom.Button:
		own |= InButton
	case atom.Label:
		own |= InLabel
	case atom.Select, atom.Option, atom.Optgroup, atom.Datalist:
		own |= InSelect
	case atom.A:
		f.anchor = href
	}
	var parentSig uint64 = token.HashOffset
	if k := len(w.stack); k > 0 {
		p := &w.stack[k-1]
		own |= p.flags
		parentSig = p.sig
		f.pre = f.pre || p.pre
		f.body = f.body || p.body
	}
	f.flags = own
	f.block = block
	f.sig = sigStep(parentSig, f.tag, f.class)
	if block {
		w.flush()
	}
	w.stack = append(w.stack, f)
	if block {
		w.owner = len(w.stack) - 1
	}
	if f.anchor {
		w.anchorOpen++
		w.anchorNew = true
	}
	return true
}

// leave handles the end of an element whose children were visited.
func (w *walker) leave(n *html.Node) {
	k := len(w.stack)
	if k == 0 || w.stack[k-1].node != n {
		return // not pushed (document or foreign node)
	}
	w.pop()
}

// pop closes the innermost open element.
func (w *walker) pop() {
	w.endCarry()
	k := len(w.stack)
	f := &w.stack[k-1]
	if f.anchor {
		w.anchorOpen--
		w.anchorNew = false
	}
	block := f.block
	if block {
		w.flush()
	}
	w.kids = w.kids[:f.kidsLo]
	w.stack[k-1] = frame{}
	w.stack = w.stack[:k-1]
	if block {
		w.owner = 0
		for i := len(w.stack) - 1; i >= 0; i-- {
			if w.stack[i].block {
				w.owner = i
				break
			}
		}
	}
}

// text appends a text node's data to the current run. Calls in a row
// read as one string: a rune split between them is one rune.
func (w *walker) text(s string) {
	if w.nCarry > 0 {
		// Complete the held rune with s's leading continuation bytes.
		k := 0
		for k < len(s) && w.nCarry+k < utf8.UTFMax && !utf8.RuneStart(s[k]) {
			k++
		}
		var b [utf8.UTFMax]byte
		n := copy(b[:], w.carry[:w.nCarry])
		n += copy(b[n:], s[:k])
		w.nCarry = 0
		if k == len(s) && !utf8.FullRune(b[:n]) {
			w.nCarry = copy(w.carry[:], b[:n]) // still incomplete
			return
		}
		w.textRunes(string(b[:n]))
		s = s[k:]
	}
	// The tail is held only once the rest is written: a line break in a
	// <pre> ends the run there (flush), and the held bytes, which come
	// after it, must not go into that run.
	i := incompleteTail(s)
	w.textRunes(s[:i])
	if i < len(s) {
		w.nCarry = copy(w.carry[:], s[i:])
	}
}

// endCarry puts a rune's first bytes held by text, before anything else
// reaches the run.
func (w *walker) endCarry() {
	if w.nCarry > 0 {
		c := string(w.carry[:w.nCarry])
		w.nCarry = 0
		w.textRunes(c)
	}
}

// incompleteTail returns where s ends with the first bytes of a rune
// (len(s) if it does not).
func incompleteTail(s string) int {
	for i := len(s) - 1; i >= 0 && i >= len(s)-(utf8.UTFMax-1); i-- {
		if utf8.RuneStart(s[i]) {
			if s[i] >= utf8.RuneSelf && !utf8.FullRuneInString(s[i:]) {
				return i
			}
			break
		}
	}
	return len(s)
}

// textRunes appends s, which does not end inside a rune, to the run.
func (w *walker) textRunes(s string) {
	pre := len(w.stack) > 0 && w.stack[len(w.stack)-1].pre
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch c {
			case '\n':
				if pre {
					w.flush()
				} else {
					w.pendSpace = true
				}
				i++
				continue
			case ' ', '\t', '\r', '\f', '\v':
				w.pendSpace = true
				i++
				continue
			case 0:
				// NUL carries no text.
				i++
				continue
			}
		} else if r, size := utf8.DecodeRuneInString(s[i:]); isSpace(r) {
			w.pendSpace = true
			i += size
			continue
		}
		// Put the whole run of non-space characters at once, and the
		// words after it that one ASCII space sets apart (written as
		// they are: put would write the same space between them).
		j := i
		for j < len(s) {
			c := s[j]
			if c < utf8.RuneSelf {
				if c <= ' ' && (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0) {
					if c == ' ' && j+1 < len(s) && s[j+1] > ' ' && s[j+1] < utf8.RuneSelf {
						j += 2
						continue
					}
					break
				}
				j++
				continue
			}
			if c >= 0xE4 && c != 0xEF && j+2 < len(s) && isThreeByte(c, s[j+1], s[j+2]) {
				// a three-byte rune no white space starts with (CJK
				// ideographs, Hangul): all of it at once
				j += 3
				continue
			}
			if c != 0xC2 && (c < 0xE1 || c > 0xE3) && c != 0xEF {
				// no white space (isSpace) starts with c, nor does a
				// rune's continuation byte
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[j:])
			if isSpace(r) {
				break
			}
			j += size
		}
		w.put(s[i:j])
		i = j
	}
}

// put writes a run of non-space characters to the run.
func (w *walker) put(c string) {
	if !w.runOpen {
		w.runOpen = true
		w.runStart = len(w.out)
		w.pendSpace = false
	} else if w.pendSpace {
		w.out = append(w.out, ' ')
		w.pendSpace = false
		if w.anchorOpen > 0 && !w.anchorNew {
			w.linkBytes++
		}
	}
	if w.anchorOpen > 0 {
		if w.anchorNew {
			w.links++
			w.anchorNew = false
		}
		w.linkBytes += len(c)
	}
	if len(w.out)+len(c) > cap(w.out) {
		// Double, as for blocks: the rendition of a large page would
		// otherwise be copied at every quarter of growth.
		w.out = slices.Grow(w.out, max(len(w.out), len(c)))
	}
	w.out = append(w.out, c...)
}

// flush ends the current run and emits it as a block.
func (w *walker) flush() {
	w.endCarry()
	w.pendSpace = false
	if !w.runOpen {
		return
	}
	w.runOpen = false
	start, end := w.runStart, len(w.out)
	b := Block{Start: start, End: end, Line: len(w.blocks), Tag: "#root"}
	if len(w.stack) > 0 {
		o := w.owner
		if o >= len(w.stack) {
			o = len(w.stack) - 1
		}
		f := &w.stack[o]
		b.Tag = f.tag
		if w.titlePath != "" {
			b.Path = w.titlePath
		} else {
			b.Path = w.pathOf(o)
		}
		b.PathTokens = w.tokensOf(o)
		b.Depth = o + 1
		b.Heading = headingLevel(f.node.DataAtom)
		b.Flags = f.flags
		b.MarkedBody = f.body
		b.Sig = f.sig
		if !f.counted {
			f.counted = true
			w.sigs[f.sig]++
		}
	}
	b.LinkBytes, b.Links = min(w.linkBytes, end-start), w.links
	if b.LinkBytes == end-start {
		b.Flags |= InAnchor
	}
	w.linkBytes, w.links = 0, 0
	w.anchorNew = w.anchorOpen > 0
	if len(w.blocks) == cap(w.blocks) {
		// Double, rather than let append grow a large slice by a quarter
		// at a time: a page of many blocks would allocate five times
		// their size.
		w.blocks = slices.Grow(w.blocks, len(w.blocks)+1)
	}
	w.blocks = append(w.blocks, b)
	w.out = append(w.out, '\n')
	w.opt.limit.count(len(w.blocks))
}

// tokensOf returns the PathTokens of the element at stack index i: the
// first MaxPathTokens distinct tokens of the ownTokens of the element
// and its ancestors within tokenScanElems, nearest first. They are
// built once per element, from the parent's: the first n distinct
// tokens of own ++ parent's are among own and the parent's first n, so
// the parent's list (when it covers the same ancestors) stands for
// them; an element without tokens shares its parent's slice.
func (w *walker) tokensOf(i int) []string {
	if w.stack[i].tokDone {
		return w.stack[i].tokens
	}
	// The nearest ancestor with its tokens known; every element below
	// i and above it is computed in turn, parent first.
	j := i - 1
	for j >= 0 && !w.stack[j].tokDone {
		j--
	}
	for k := j + 1; k <= i; k++ {
		f := &w.stack[k]
		f.tokDone = true
		if k >= tokenScanElems && len(w.ownTokens(k-tokenScanElems)) > 0 {
			// The parent's list holds the tokens of an ancestor
			// beyond this element's reach.
			f.tokens = w.scanTokens(k)
			continue
		}
		own := w.ownTokens(k)
		var parent []string
		if k > 0 {
			parent = w.stack[k-1].tokens
		}
		if len(own) == 0 {
			f.tokens = parent
			continue
		}
		limit := w.opt.MaxPathTokens
		toks := w.strs(min(len(own)+len(parent), limit))
		toks = append(toks, own...) // distinct, at most MaxPathTokens
		// The parent's tokens are distinct: only own may repeat them.
		f.tokens = appendNew(toks, parent, len(own), limit)
	}
	return w.stack[i].tokens
}

// scanTokens is tokensOf(i) read from the ancestors' ownTokens.
func (w *walker) scanTokens(i int) []string {
	limit := w.opt.MaxPathTokens
	n := 0
	for j := i; j >= 0 && j > i-tokenScanElems; j-- {
		n += len(w.ownTokens(j))
	}
	toks := w.strs(min(n, limit))
	for j := i; j >= 0 && j > i-tokenScanElems && len(toks) < limit; j-- {
		toks = appendNew(toks, w.ownTokens(j), -1, limit)
	}
	return toks
}

// appendNew appends the tokens of add not already among the first n of
// toks (all of them when n < 0), while toks holds fewer than limit.
func appendNew(toks, add []string, n, limit int) []string {
next:
	for _, t := range add {
		if len(toks) >= limit {
			break
		}
		seen := toks
		if n >= 0 {
			seen = toks[:n]
		}
		for _, u := range seen {
			if u == t {
				continue next
			}
		}
		toks = append(toks, t)
	}
	return toks
}

// strs returns an empty slice of capacity n, cut from a block of
// strings that the walker's token lists share (capped, so that an append
// to one list cannot reach the next).
func (w *walker) strs(n int) []string {
	if n == 0 {
		return nil
	}
	if len(w.strArena)+n > cap(w.strArena) {
		w.strArena = make([]string, 0, max(n, 32, min(2*cap(w.strArena), 4096)))
	}
	k := len(w.strArena)
	w.strArena = w.strArena[:k+n]
	return w.strArena[k : k : k+n]
}

// ownTokens returns the tokens of the id and class of the element at
// stack index j, computed once per element.
func (w *walker) ownTokens(j int) []string {
	g := &w.stack[j]
	if !g.ownDone {
		g.ownDone = true
		switch {
		case g.id == "" && g.class == "":
		case g.id == "":
			// Pages repeat their class attributes: split each once.
			own, ok := w.classTokens[g.class]
			if !ok {
				own = w.newOwn(g.id, g.class)
				w.classTokens[g.class] = own
			}
			g.own = own
		default:
			g.own = w.newOwn(g.id, g.class)
		}
	}
	return g.own
}

// newOwn returns the tokens of an id and a class value.
func (w *walker) newOwn(id, class string) []string {
	limit := w.opt.MaxPathTokens
	var buf [16]string
	own := w.appendTokens(buf[:0], id, limit)
	own = w.appendTokens(own, class, limit)
	if len(own) == 0 {
		return nil
	}
	return append(w.strs(len(own)), own...)
}

// appendTokens appends the lower-cased tokens of an id or class value,
// split on '-', '_', white space, punctuation, digits and camelCase,
// skipping tokens already present.
func (w *walker) appendTokens(toks []string, s string, limit int) []string {
	if s == "" {
		return toks
	}
	var buf [64]byte
	tok := buf[:0]
	emit := func() {
		if len(tok) < 2 || len(toks) >= limit {
			tok = tok[:0]
			return
		}
		for _, t := range toks {
			if t == string(tok) {
				tok = tok[:0]
				return
			}
		}
		t, ok := w.intern[string(tok)]
		if !ok {
			t = string(tok)
			w.intern[t] = t
		}
		toks = append(toks, t)
		tok = tok[:0]
	}
	prevLower := false
	for i := 0; i < len(s) && len(toks) < limit; i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			tok = append(tok, c)
			prevLower = true
		case c >= 'A' && c <= 'Z':
			if prevLower {
				emit()
			}
			tok = append(tok, c+'a'-'A')
			prevLower = false
		case c >= 0x80:
			tok = append(tok, c)
			prevLower = false
		default: // digits, '-', '_', space, punctuation
			emit()
			prevLower = false
		}
		if len(tok) == cap(buf) {
			emit()
		}
	}
	emit()
	return toks
}

// head collects the title, og:title, og:type and lang from <head>.
func (w *walker) head(h *html.Node) {
	// <head> children are flat in practice; look one level below too.
	var visit func(n *html.Node, depth int)
	visit = func(n *html.Node, depth int) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Title:
				if w.doc.Title == "" {
					var sb strings.Builder
					for t := c.FirstChild; t != nil; t = t.NextSibling {
						if t.Type == html.TextNode {
							sb.WriteString(t.Data)
						}
					}
					title := sb.String()
					if i := strings.IndexByte(title, '<'); i >= 0 && len(title) > maxTitleBytes {
						w.spill, title = title[i:], title[:i]
						w.spillPath = nodePath(c)
					}
					w.doc.Title = collapse(title)
				}
			case atom.Meta:
				var prop, content string
				for _, at := range c.Attr {
					switch at.Key {
					case "property", "name":
						prop = at.Val
					case "content":
						content = at.Val
					}
				}
				if w.doc.OGTitle == "" && strings.EqualFold(prop, "og:title") {
					w.doc.OGTitle = collapse(content)
				}
				if w.doc.OGType == "" && strings.EqualFold(prop, "og:type") && len(content) <= 64 {
					w.doc.OGType = strings.ToLower(collapse(content))
				}
				if w.ogURL == "" && strings.EqualFold(prop, "og:url") {
					w.ogURL = pageURL(content)
				}
			case atom.Link:
				var rel, href string
				for _, at := range c.Attr {
					switch at.Key {
					case "rel":
						rel = at.Val
					case "href":
						href = at.Val
					}
				}
				if w.canonical == "" && relCanonical(rel) {
					w.canonical = pageURL(href)
				}
			default:
				if depth < 2 {
					visit(c, depth+1)
				}
			}
		}
	}
	visit(h, 0)
}

// collapse trims s and collapses its white space runs to one space.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpace), " ")
}

// hiddenStyle reports whether an inline style hides the element.
func hiddenStyle(s string) bool {
	if !strings.Contains(s, "none") && !strings.Contains(s, "hidden") &&
		!strings.Contains(s, "NONE") && !strings.Contains(s, "HIDDEN") {
		return false
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	for decl := range strings.SplitSeq(b.String(), ";") {
		switch strings.TrimSuffix(decl, "!important") {
		case "display:none", "visibility:hidden":
			return true
		}
	}
	return false
}

// roleFlags maps ARIA landmark roles to flags.
func roleFlags(v string) Flags {
	var f Flags
	for r := range strings.FieldsSeq(strings.ToLower(v)) {
		switch r {
		case "navigation":
			f |= InNav
		case "complementary":
			f |= InAside
		case "contentinfo":
			f |= InFooter
		case "banner":
			f |= InHeader
		case "main", "article":
			f |= InArticle
		case "menu", "menubar", "menuitem", "tablist":
			f |= InMenu
		case "form", "search":
			f |= InForm
		case "list", "listitem":
			f |= InList
		case "button":
			f |= InButton
		}
	}
	return f
}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// isBlock reports whether an element starts and ends a line.
func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body,
		atom.Caption, atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Dir,
		atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure,
		atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5,
		atom.H6, atom.Header, atom.Hgroup, atom.Html, atom.Legend, atom.Li,
		atom.Listing, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P,
		atom.Plaintext, atom.Pre, atom.Section, atom.Summary, atom.Table,
		atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead, atom.Tr, atom.Ul,
		atom.Xmp, atom.Button, atom.Label, atom.Select, atom.Option,
		atom.Optgroup, atom.Textarea, atom.Datalist, atom.Video, atom.Audio,
		atom.Noframes, atom.Search:
		return true
	}
	return false
}

// sigStep extends a repeat signature by one element: its tag and its
// class tokens with digits removed (so "post-17" and "post-18" match).
func sigStep(h uint64, tag, class string) uint64 {
	h = token.AddString(token.AddByte(h, '>'), tag)
	h = token.AddByte(h, '.')
	for i := 0; i < len(class); i++ {
		if c := class[i]; c < '0' || c > '9' {
			h = token.AddByte(h, c)
		}
	}
	return h
}

// namesArticleBody reports whether an itemprop or property attribute's
// value names schema.org's articleBody among its space-separated names
// (microdata "articleBody", RDFa "articleBody" or "schema:articleBody").
func namesArticleBody(v string) bool {
	return anyName(v, func(name string) bool { return strings.EqualFold(strings.TrimPrefix(name, "schema:"), "articleBody") })
}

// anyName reports whether match holds for one of the space-separated
// names of an attribute's value.
func anyName(v string, match func(string) bool) bool {
	for _, name := range strings.Fields(v) {
		if match(name) {
			return true
		}
	}
	return false
}

// maxPageURLBytes bounds the canonical address kept (Doc.CanonicalURL).
const maxPageURLBytes = 2048

// pageURL is a canonical address as kept: trimmed, "" when longer than
// maxPageURLBytes.
func pageURL(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > maxPageURLBytes {
		return ""
	}
	return s
}

// relCanonical reports whether a <link>'s rel names canonical among its
// space-separated values.
func relCanonical(rel string) bool {
	return anyName(rel, func(v string) bool { return strings.EqualFold(v, "canonical") })
}
