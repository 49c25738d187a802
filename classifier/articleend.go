package classifier

import (
	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// The article's end, by what the markup puts after it (HTML). Reader
// comments, the form to write one and the bar of share buttons close an
// article page's main column: what a page shows after them is the
// site's, not the article's ("top stories" as headline, byline and
// summary, "most read" columns, the next story's opening paragraphs, a
// quoted copy of another post), and those read as content. When they
// weigh as much as the article, no region dominates and the decoder keeps
// everything the per-block decision kept: MacRumors kept six top stories
// after 25 comment blocks (0.419), Yahoo its "more stories" summaries
// after a comment form (0.476), CNN its "related" teasers after a share
// bar (0.922). After the first end marker that follows the article
// (content of minMainBytes or more, holding a block of threadParaBytes or
// more), every content block gets its boilerplate class. End markers:
//
//   - a comment thread: a run of at least minThread blocks the decoding
//     called comments;
//   - a comment form: a run of at least minForm blocks called comments,
//     two or more of them inside a <form> ("Leave a reply", "Your email
//     address will not be published"), which many pages put before their
//     thread or instead of it;
//   - a share bar: a run of at least minShareBar blocks called share,
//     when the content after it is less than the article's (a bar under
//     the lede, with the article going on below it, is no end).
//
// HTML only: there these classes mostly rest on the markup (a "comments"
// container, a form, a list of share links). In plain text they are the
// model's guess from the words, and a run of quotes or a
// question-and-answer passage that reads as comments cut articles short
// (winnow eval's clean mode, the gold texts alone, lost 0.029 on
// htmltotext_bench).
//
// Limit: a page whose article goes on after a marker (a live blog with a
// comment box between its updates, a share bar between two long halves)
// loses what follows.

// Bounds of the end markers: the fewest blocks of a comment thread, of a
// comment form (two of them inside a <form>) and of a share bar.
const (
	minThread   = 6
	minForm     = 2
	minShareBar = 3
)

// threadParaBytes is the length of a block that shows the article has
// begun for afterEnd.
const threadParaBytes = 200

// afterEnd gives every content block (classes) after the first end
// marker (endsArticle) that follows the article its boilerplate class
// (boilerplate). The article is the content before the marker: it must
// hold minMainBytes or more and a block of threadParaBytes or more, else
// the marker is passed over. The caller applies it to HTML pages judged
// to hold an article that the page model does not name a forum (a
// forum's posts are its content, as commentThreads has it).
func afterEnd(blocks []segment.Block, classes []int, boilerplate func(int) int) {
	var before, total int
	for i, k := range classes {
		if model.Content(k) {
			total += blocks[i].End - blocks[i].Start
		}
	}
	para := false
	for i := 0; i < len(classes); i++ {
		k := classes[i]
		if model.Content(k) {
			n := blocks[i].End - blocks[i].Start
			before += n
			para = para || n >= threadParaBytes
			continue
		}
		if k != model.ClassComments && k != model.ClassShare {
			continue
		}
		j := i
		for j < len(classes) && classes[j] == k {
			j++
		}
		// the run holds no content: what follows it is total-before
		if before < minMainBytes || !para || !endsArticle(blocks, classes[i], i, j, before, total-before) {
			i = j - 1
			continue
		}
		for m := j; m < len(classes); m++ {
			if model.Content(classes[m]) {
				classes[m] = boilerplate(m)
			}
		}
		return
	}
}

// endsArticle reports whether the run of blocks i to j (exclusive), all
// of class k, comments or share, is an end marker between before bytes of
// content and after bytes: a thread, a comment form (isForm) or a share
// bar with less content after it than before.
func endsArticle(blocks []segment.Block, k, i, j, before, after int) bool {
	if k == model.ClassComments {
		return j-i >= minThread || isForm(blocks[i:j])
	}
	return j-i >= minShareBar && after < before
}

// isForm reports whether a run of comments blocks is a comment form: at
// least minForm blocks, two or more of them inside a <form>.
func isForm(run []segment.Block) bool {
	if len(run) < minForm {
		return false
	}
	n := 0
	for i := range run {
		if run[i].Flags&segment.InForm != 0 {
			if n++; n >= 2 {
				return true
			}
		}
	}
	return false
}
