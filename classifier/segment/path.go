package segment

import (
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/html"
)

// position counts element n among its parent's element children and
// returns its 1-based index among the siblings of its tag (ofType) or,
// past maxKidTags distinct tags or for a tag Path cannot name, among all
// element siblings. Counts are kept on the ancestor stack as the walk
// goes; a parent that is not on the stack (rare) is scanned instead.
func (w *walker) position(n *html.Node) (nth int32, ofType bool) {
	var count *int32
	lo := 0
	k := len(w.stack)
	switch {
	case k > 0 && (n.Parent == nil || w.stack[k-1].node == n.Parent):
		top := &w.stack[k-1]
		count, lo = &top.kids, int(top.kidsLo)
	case k == 0 && (n.Parent == nil || n.Parent.Type == html.DocumentNode):
		count = &w.rootKids
	default:
		return siblingPosition(n)
	}
	*count++
	if n.DataAtom == 0 && !selectorName(n.Data) {
		return *count, false
	}
	for i := lo; i < len(w.kids); i++ {
		if w.kids[i].tag == n.Data {
			w.kids[i].n++
			return w.kids[i].n, true
		}
	}
	if len(w.kids)-lo < maxKidTags {
		w.kids = append(w.kids, kidCount{tag: n.Data, n: 1})
		return 1, true
	}
	return *count, false
}

// siblingPosition is position computed from n's preceding siblings.
func siblingPosition(n *html.Node) (nth int32, ofType bool) {
	ofType = selectorName(n.Data)
	nth = 1
	for s := n.PrevSibling; s != nil; s = s.PrevSibling {
		if s.Type == html.ElementNode && (!ofType || s.Data == n.Data) {
			nth++
		}
	}
	return nth, ofType
}

// pathOf returns the Path of the element at stack index i: a CSS
// selector of child combinators from the root, each step naming the
// element's tag, id, up to maxClassesPerElem classes and its position
// among its siblings. An element deeper than MaxPathElems starts at its
// nearest ancestor with an id among the last MaxPathElems elements, or
// else at the MaxPathElems-th ancestor, without the root. Paths are
// built once per element, from the parent's, in the walker's path
// block (see pathSpace): a Path written right after its parent's
// extends it in place instead of copying it.
func (w *walker) pathOf(i int) string {
	f := &w.stack[i]
	if f.path != "" {
		return f.path
	}
	sb := &w.pathBuf
	if i < w.opt.MaxPathElems {
		prefix := ""
		if i > 0 {
			prefix = w.pathOf(i - 1)
		} else if w.tokenMode {
			// The token stream does not push html and body.
			prefix = "html>body"
		}
		start := sb.Len()
		if k := len(prefix); k > 0 && start >= k && sb.Cap()-start > stepBound(f) &&
			unsafe.StringData(prefix) == unsafe.StringData(sb.String()[start-k:]) {
			// The parent's Path ends the block: extend it.
			start -= k
		} else {
			w.pathSpace(len(prefix) + stepBound(f))
			start = sb.Len()
			sb.WriteString(prefix)
		}
		if prefix != "" {
			sb.WriteByte('>')
		}
		writeStep(sb, f.tag, f.id, f.class, f.nth, f.ofType)
		f.path = sb.String()[start:]
		return f.path
	}
	lo := i + 1 - w.opt.MaxPathElems
	for j := i; j >= lo; j-- {
		if id := w.stack[j].id; id != "" && selectorName(id) {
			lo = j
			break
		}
	}
	n := 0
	for j := lo; j <= i; j++ {
		n += stepBound(&w.stack[j])
	}
	w.pathSpace(n)
	start := sb.Len()
	for j := lo; j <= i; j++ {
		if j > lo {
			sb.WriteByte('>')
		}
		g := &w.stack[j]
		writeStep(sb, g.tag, g.id, g.class, g.nth, g.ofType)
	}
	f.path = sb.String()[start:]
	return f.path
}

// pathSpace makes room for n more bytes in the path block, starting a
// new one when the current one is short. A strings.Builder only ever
// appends, so the strings cut from it stay valid.
func (w *walker) pathSpace(n int) {
	sb := &w.pathBuf
	if sb.Cap()-sb.Len() >= n {
		return
	}
	size := max(n, min(2*sb.Cap(), 1<<20), 512)
	*sb = strings.Builder{}
	sb.Grow(size)
}

// stepBound bounds the length of a frame's step in Path, and the '>'
// before it: tag, id and at most maxClassesPerElem classes, escaped
// (at most 4 bytes per byte), and the position.
func stepBound(f *frame) int {
	return 4*(min(len(f.tag), maxSelectorName)+min(len(f.id), maxSelectorName)+
		min(len(f.class), maxClassesPerElem*(maxSelectorName+1))) + 48
}

// nodePath returns the Path of an element of a parsed tree, walking up
// its ancestors (for the rare element not on the walker's stack).
func nodePath(n *html.Node) string {
	var steps []string
	for ; n != nil && n.Type == html.ElementNode && len(steps) < defaultPathElems; n = n.Parent {
		var id, class string
		for _, at := range n.Attr {
			if at.Namespace == "" {
				switch at.Key {
				case "id":
					id = at.Val
				case "class":
					class = at.Val
				}
			}
		}
		nth, ofType := siblingPosition(n)
		var sb strings.Builder
		writeStep(&sb, n.Data, id, class, nth, ofType)
		steps = append(steps, sb.String())
	}
	for i, j := 0, len(steps)-1; i < j; i, j = i+1, j-1 {
		steps[i], steps[j] = steps[j], steps[i]
	}
	return strings.Join(steps, ">")
}

// writeStep writes one compound selector: tag#id.class:nth-of-type(n),
// or tag:nth-child(n) when !ofType, with * for a tag Path cannot name.
// The position is left out for html, head and body, which a parsed tree
// holds once; ids and classes Path cannot name exactly are left out.
func writeStep(sb *strings.Builder, tag, id, class string, nth int32, ofType bool) {
	if ofType || selectorName(tag) {
		writeIdent(sb, tag)
	} else {
		sb.WriteByte('*')
	}
	if id != "" && selectorName(id) {
		sb.WriteByte('#')
		writeIdent(sb, id)
	}
	n := 0
	for i := 0; i < len(class) && n < maxClassesPerElem; {
		for i < len(class) && isHTMLSpace(class[i]) {
			i++
		}
		j := i
		for j < len(class) && !isHTMLSpace(class[j]) {
			j++
		}
		if c := class[i:j]; selectorName(c) {
			sb.WriteByte('.')
			writeIdent(sb, c)
			n++
		}
		i = j
	}
	if ofType && (tag == "html" || tag == "head" || tag == "body") {
		return
	}
	if ofType {
		sb.WriteString(":nth-of-type(")
	} else {
		sb.WriteString(":nth-child(")
	}
	sb.WriteString(strconv.Itoa(int(nth)))
	sb.WriteByte(')')
}

// isHTMLSpace reports the ASCII white space that separates classes.
func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// selectorName reports whether Path can name s exactly: non-empty, at
// most maxSelectorName bytes, valid UTF-8.
func selectorName(s string) bool {
	return s != "" && len(s) <= maxSelectorName && utf8.ValidString(s)
}

// writeIdent writes s as a CSS identifier, escaped like CSS.escape: NUL
// becomes U+FFFD, control characters and a leading digit (or a digit
// after leading dashes) are hex-escaped, ASCII characters other than
// letters, digits, '-' and '_' are backslash-escaped.
func writeIdent(sb *strings.Builder, s string) {
	if plainIdent(s) {
		sb.WriteString(s)
		return
	}
	const hex = "0123456789abcdef"
	// Leading dashes must be followed by a name character: a digit
	// there is hex-escaped and a name of dashes only ends in "\-" (both
	// valid CSS, and what selector engines such as cascadia parse).
	d := 0
	for d < len(s) && s[d] == '-' {
		d++
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == 0:
			sb.WriteString("\uFFFD")
		case c < 0x20 || c == 0x7f, c >= '0' && c <= '9' && i == d:
			sb.WriteByte('\\')
			if c >= 0x10 {
				sb.WriteByte(hex[c>>4])
			}
			sb.WriteByte(hex[c&0xf])
			sb.WriteByte(' ')
		case c == '-' && d == len(s) && i == d-1:
			sb.WriteString(`\-`)
		case c >= 0x80, c == '-', c == '_', c >= '0' && c <= '9',
			c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			sb.WriteByte(c)
		default:
			sb.WriteByte('\\')
			sb.WriteByte(c)
		}
	}
}

// plainIdent reports whether s needs no escaping as a CSS identifier.
func plainIdent(s string) bool {
	d := 0
	for d < len(s) && s[d] == '-' {
		d++
	}
	if d == len(s) || s[d] >= '0' && s[d] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '_' || c >= 0x80) {
			return false
		}
	}
	return true
}

// ParentPath returns Block.Path p without its last step: the path of the
// element's parent, "" at the root. It cuts at the last '>', so a step
// whose id or class holds an escaped '>' ("\>") is cut inside; two
// siblings then still share their parent path.
func ParentPath(p string) string {
	if i := strings.LastIndexByte(p, '>'); i >= 0 {
		return p[:i]
	}
	return ""
}
