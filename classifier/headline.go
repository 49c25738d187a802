package classifier

import (
	"bytes"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// The page's own headline. An HTML page names its article in its head
// (og:title, <title>, the latter often with the site's name after a
// separator). The block that says that name, before the article's body,
// is its headline; the per-block decision sometimes calls it body, and
// the article-span decoder takes it out when a share bar, a byline and a
// picture stand between it and the body (it comes out "other" or
// metadata). headline names it title. Text has no head; there
// slugHeadline reads the page's address instead, whose last path segment
// usually spells the headline.

// Bounds of headline.
const (
	// minHeadlineBytes is the shortest name of a page that is read.
	minHeadlineBytes = 10
	// headlineReach is the most blocks from the headline to the body's
	// first block after it.
	headlineReach = 30
	// headlineProb is the content probability a block the decoding took
	// out needs to be named the headline again.
	headlineProb = 0.3
)

// headline names title the first block of text that says one of names
// (the page's og:title and <title>, white space collapsed, ASCII letters
// in any case): the whole name, or a part of it of half its length or
// more (a <title> with the site's name after it), and that a body block
// follows within headlineReach blocks. A block decided body becomes
// title; one the decoding made boilerplate becomes title when its content
// probability (cp) is headlineProb or more (nameTitle). It reports
// whether it found such a block; when it did not, the caller reads the
// address's slug (slugHeadline). The caller applies it to HTML pages judged
// to hold an article.
func headline(text string, blocks []segment.Block, classes []int, cp func(int) float64, boilerplate func(int) int, names ...string) bool {
	size := 0
	for _, n := range names {
		size += len(n)
	}
	if size < minHeadlineBytes {
		return false
	}
	// the names folded, in one buffer; then a block's text, folded
	buf := make([]byte, 0, 2*size)
	refs := make([][]byte, 0, len(names))
	limit := 0
	for _, n := range names {
		at := len(buf)
		if buf = foldName(buf, n); len(buf)-at >= minHeadlineBytes {
			refs = append(refs, buf[at:len(buf):len(buf)])
			limit = max(limit, 2*(len(buf)-at))
		} else {
			buf = buf[:at]
		}
	}
	if len(refs) == 0 {
		return false
	}
	t := buf[len(buf):]
	for i, b := range blocks {
		if n := b.End - b.Start; n < minHeadlineBytes || n > limit || !namesFirst(text[b.Start:b.End], refs) {
			continue
		}
		t = foldName(t[:0], text[b.Start:b.End])
		says, whole := saysName(t, refs)
		if !says {
			continue
		}
		if nameTitle(i, classes, cp, boilerplate, whole) {
			return true
		}
	}
	return false
}

// titleSeparators split a page's <title> into the headline and the
// site's or section's names.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " » ", " · "}

// titleNames returns the names headline reads: og:title, <title>, and
// <title>'s first and longest parts between separators ("That Way
// iCutting Lies - The Opinionator - Opinion - New York Times Blog",
// "Sonics | Veteran, rookie are tops in Sonics win | Seattle Times").
func titleNames(og, title string) []string {
	names := []string{og, title}
	parts := []string{title}
	for _, sep := range titleSeparators {
		var next []string
		for _, p := range parts {
			next = append(next, strings.Split(p, sep)...)
		}
		parts = next
	}
	if len(parts) < 2 {
		return names
	}
	longest := parts[0]
	for _, p := range parts[1:] {
		if len(p) > len(longest) {
			longest = p
		}
	}
	names = append(names, parts[0])
	if longest != parts[0] {
		names = append(names, longest)
	}
	return names
}

// titleHint returns the names headline reads for the caller's title
// (Input.Title), or nil when there is none or it is over MaxTitleBytes.
func titleHint(title string) []string {
	if title == "" || len(title) > MaxTitleBytes {
		return nil
	}
	return titleNames("", title)
}

// nameTitle names block i title, when a body block follows it within
// headlineReach blocks, from body or from boilerplate at a content
// probability (cp) of headlineProb or more, and gives the blocks decided
// title before it their best boilerplate class (boilerplate): a section's
// name, a masthead, a box's heading the model took for the headline.
// When the block says a whole name (whole: og:title, <title>, or one of
// the parts titleNames cuts it into), the content blocks before it get
// their best boilerplate class too: a page's own headline starts its
// article, and what was kept before it is other stories' teasers and
// summaries, a sidebar or a section's lead. A block that says only a part
// of a name may be a subheading inside the article (a table of contents
// or an introduction comes before it), so it takes out titles only.
// Measured with the shipped model (winnow eval -q --modes html): dev sets
// wcxb-dev-clean 0.844 (2 pages up, 1 down), news-dev/new-lang 0.894 ->
// 0.895, every other dev row unchanged; eval only: daniel 0.892 -> 0.902
// (142 pages up, none down), l3s_gn1 0.951 -> 0.955 (25 up, 1 down),
// fundus 0.941 -> 0.942. Taking out content before a block that says a
// part of a name as well cost two wcxb dev articles 0.03 and 0.06 (their
// introductions). It reports whether a body block follows.
func nameTitle(i int, classes []int, cp func(int) float64, boilerplate func(int) int, whole bool) bool {
	body := false
	for k := i + 1; k < len(classes) && k <= i+headlineReach && !body; k++ {
		body = classes[k] == model.ClassBody
	}
	if !body {
		return false
	}
	switch k := classes[i]; {
	case k == model.ClassBody, !model.Content(k) && cp(i) >= headlineProb:
		classes[i] = model.ClassTitle
	}
	if classes[i] == model.ClassTitle {
		for j := range i {
			if classes[j] == model.ClassTitle || whole && model.Content(classes[j]) {
				classes[j] = boilerplate(j)
			}
		}
	}
	return true
}

// foldName appends s to dst with its white space collapsed to single
// spaces, trimmed, and its ASCII letters lower-cased (other letters are
// compared as written).
func foldName(dst []byte, s string) []byte {
	start, space := len(dst), false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < utf8.RuneSelf && asciiSpace[c]:
			space = len(dst) > start
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = append(dst, c)
	}
	return dst
}

// namesFirst is saysName's cheap first test: s's first word, folded (its
// first 16 bytes), occurs in one of refs.
func namesFirst(s string, refs [][]byte) bool {
	var buf [16]byte
	w := buf[:0]
	for i := 0; i < len(s) && len(w) < len(buf); i++ {
		c := s[i]
		if c < utf8.RuneSelf && asciiSpace[c] {
			if len(w) > 0 {
				break
			}
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		w = append(w, c)
	}
	for _, r := range refs {
		if bytes.Contains(r, w) {
			return true
		}
	}
	return false
}

// saysName reports whether t (folded) is one of refs or a part of one of
// half its length or more (says), and whether it is one of refs whole.
func saysName(t []byte, refs [][]byte) (says, whole bool) {
	if len(t) < minHeadlineBytes {
		return false, false
	}
	for _, r := range refs {
		if bytes.Equal(t, r) {
			return true, true
		}
		says = says || 2*len(t) >= len(r) && bytes.Contains(r, t)
	}
	return says, false
}

// slugWords returns the words of the last path segment of raw (an
// address) that holds three words or more joined by '-' or '_' (a slug:
// "…/nach-kalifat-rufen-in-hamburg"), lower-cased; nil when there is none.
func slugWords(raw string) []string {
	u, err := url.Parse(raw)
	if err != nil {
		return nil
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	for k := len(segs) - 1; k >= 0; k-- {
		seg := segs[k]
		if i := strings.LastIndexByte(seg, '.'); i > 0 && len(seg)-i <= 6 && !strings.ContainsAny(seg[i:], "-_") {
			seg = seg[:i] // an extension: .html, .shtml, .php
		}
		var ws []string
		for _, w := range strings.FieldsFunc(strings.ToLower(seg), func(r rune) bool { return r == '-' || r == '_' || r == '+' }) {
			if !strings.ContainsFunc(w, unicode.IsDigit) && utf8.RuneCountInString(w) >= 2 {
				ws = append(ws, w)
			}
		}
		if len(ws) >= 3 {
			return ws
		}
	}
	return nil
}

// maxSlugWords bounds the slug words slugHeadline reads.
const maxSlugWords = 32

// slugHeadline is headline for text, which has no head: the first block
// that holds 70 % or more of the address's slug words (slugWords, any
// case), and at most two and a half times as many words, with a body
// block within headlineReach blocks after it, is named title (from body,
// or from boilerplate at a content probability of headlineProb or more).
// The caller applies it to text pages judged to hold an article and sent
// with their address.
func slugHeadline(text string, blocks []segment.Block, classes []int, cp func(int) float64, boilerplate func(int) int, address string) {
	slug := slugWords(address)
	if len(slug) > maxSlugWords {
		slug = slug[:maxSlugWords]
	}
	if slug == nil {
		return
	}
	maxWords := 5 * len(slug) / 2
	for i, b := range blocks {
		t := text[b.Start:b.End]
		if len(t) > 24*maxWords || !saysSlug(t, slug, maxWords) {
			continue
		}
		if nameTitle(i, classes, cp, boilerplate, false) {
			return
		}
	}
}

// saysSlug reports whether t has at most maxWords words (runs of
// letters, digits and marks) and holds 70 % or more of slug's words, in
// any case.
func saysSlug(t string, slug []string, maxWords int) bool {
	var found [maxSlugWords]bool
	n, have := 0, 0
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		if !isWord(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(t) {
			r, size := utf8.DecodeRuneInString(t[j:])
			if !isWord(r) {
				break
			}
			j += size
		}
		if n++; n > maxWords {
			return false
		}
		for k, s := range slug {
			if !found[k] && strings.EqualFold(t[i:j], s) {
				found[k] = true
				have++
			}
		}
		i = j
	}
	return n > 0 && 10*have >= 7*len(slug)
}
