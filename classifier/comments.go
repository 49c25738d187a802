package classifier

import (
	"sort"
	"strings"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// commentWords are the words of an id or class value that name a reader
// comment thread or one of its parts ("comments", "comment-list",
// "sf_comment_list", "xenforo-comment-content", "commentList", "kommentare").
var commentWords = map[string]bool{
	"comment": true, "comments": true, "commentlist": true, "commentslist": true,
	"kommentar": true, "kommentare": true, "komentarz": true, "komentarze": true,
	"commentaire": true, "commentaires": true, "comentario": true, "comentarios": true,
	"disqus": true, "replies": true,
}

// commentNot are words that make a comment-named value something else: a
// flag on the article's own container ("has-comments", "comments-enabled"),
// or a count, link, button or pop-up in the article's header. A comment
// form ("comment-form", "sf_comment_form_container") is part of the
// thread: its prompt and its rules for commenters are no article.
var commentNot = map[string]bool{
	"has": true, "no": true, "enabled": true, "disabled": true, "on": true, "off": true,
	"count": true, "counter": true, "number": true, "num": true, "link": true, "links": true,
	"icon": true, "btn": true, "button": true, "popup": true, "overlay": true, "header": true,
	"meta": true, "tooltip": true, "promoted": true, "toggle": true, "open": true, "show": true,
	"bubble": true, "badge": true, "cta": true, "share": true, "total": true,
}

// commentName reports whether an id or class value names a comment thread
// or a part of one: a word of commentWords among its first two words
// (words split at '-', '_' and camelCase; further in, the value is more
// likely a heading's slug, such as "respond-to-review-comments") and no
// word of commentNot.
func commentName(v string) bool {
	named := false
	n := 0
	for w := range nameWords(v) {
		if commentNot[w] {
			return false
		}
		if n < 2 && commentWords[w] {
			named = true
		}
		n++
	}
	return named
}

// nameWords yields the lower-cased words of an id or class value.
func nameWords(v string) func(func(string) bool) {
	return func(yield func(string) bool) {
		start := 0
		for i := 0; i <= len(v); i++ {
			cut := i == len(v) || v[i] == '-' || v[i] == '_'
			upper := !cut && i > start && v[i] >= 'A' && v[i] <= 'Z' && v[i-1] >= 'a' && v[i-1] <= 'z'
			if !cut && !upper {
				continue
			}
			if i > start && !yield(strings.ToLower(v[start:i])) {
				return
			}
			start = i
			if cut {
				start = i + 1
			}
		}
	}
}

// commentHints are what a Path holding a comment-named value contains (in
// any case but the first letter's); a Path without any is not parsed.
var commentHints = [...]string{"omment", "isqus", "eplies", "omentar"}

// inComments reports whether any element of a block's Path (a CSS
// selector, segment.Block.Path) has an id or class value that names a
// comment thread.
func inComments(path string) bool {
	hinted := false
	for _, h := range commentHints {
		if strings.Contains(path, h) {
			hinted = true
			break
		}
	}
	if !hinted {
		return false
	}
	// Each step is tag#id.class.class:nth-of-type(n); CSS escapes are
	// backslash-led, so an escaped '#', '.', ':' or '>' is part of a name.
	start, inName := 0, false
	for i := 0; i <= len(path); i++ {
		c := byte(0)
		if i < len(path) {
			c = path[i]
		}
		if c == '\\' {
			if i+1 < len(path) {
				i++ // the escaped byte
			}
			continue
		}
		if c != 0 && c != '#' && c != '.' && c != ':' && c != '>' {
			continue
		}
		if inName && commentName(strings.ReplaceAll(path[start:i], `\`, "")) {
			return true
		}
		inName = c == '#' || c == '.'
		start = i + 1
		if c == ':' { // skip the pseudo-class up to the next step
			for i+1 < len(path) && path[i+1] != '>' {
				i++
			}
		}
	}
	return false
}

// commentThreads labels comments the content blocks of an article page
// that sit in an element named like a comment thread (inComments), once
// the body has begun outside one. Reader comments read like prose, and
// inside the article's own container the model keeps them at content
// probabilities up to 0.97; their markup names them. Forum posts are a
// thread's content: call it only on pages judged to hold an article.
func commentThreads(blocks []segment.Block, classes []int) {
	body := false
	var pc pathCache
	for i := range blocks {
		k := classes[i]
		if k != model.ClassBody && k != model.ClassTitle {
			continue
		}
		if pc.inComments(blocks[i].Path) {
			if body {
				classes[i] = model.ClassComments
			}
			continue
		}
		if k == model.ClassBody {
			body = true
		}
	}
}

// pathCache is inComments for the blocks of one page in document order:
// a block's Path shares its leading steps with the previous block's, and
// only the steps after those are read.
type pathCache struct {
	prev string
	ends []int  // the end of each step of prev ('>' or the end of prev)
	cum  []bool // cum[k]: a step up to k names a comment thread
}

// inComments is inComments(path).
func (c *pathCache) inComments(path string) bool {
	if strings.IndexByte(path, '\\') >= 0 { // an escaped '>' is no step's end
		c.prev, c.ends, c.cum = "", c.ends[:0], c.cum[:0]
		return inComments(path)
	}
	// The steps of prev that path starts with: a prefix, so binary search.
	k := sort.Search(len(c.ends), func(k int) bool {
		e := c.ends[k]
		return len(path) < e || path[:e] != c.prev[:e] || len(path) > e && path[e] != '>'
	})
	c.ends, c.cum = c.ends[:k], c.cum[:k]
	in, start := false, 0
	if k > 0 {
		in, start = c.cum[k-1], c.ends[k-1]+1
	}
	for start <= len(path) {
		end := strings.IndexByte(path[start:], '>')
		if end < 0 {
			end = len(path)
		} else {
			end += start
		}
		in = in || inComments(path[start:end])
		c.ends, c.cum = append(c.ends, end), append(c.cum, in)
		start = end + 1
	}
	c.prev = path
	return in
}
