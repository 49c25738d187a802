package segment

import (
	"bytes"
	"slices"
	"unsafe"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The scanner's list of active formatting elements and the adoption
// agency algorithm (scan.go).

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
