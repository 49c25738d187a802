package classifier

import (
	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Content after the comment thread (HTML). Reader comments close an
// article page's main column: what a page shows after its thread is the
// site's, not the article's ("top stories" as headline, byline and
// summary, the next story's opening paragraphs, a quoted copy of another
// post), and those read as content. When the per-block decision and the
// decoder hold no one region (the teasers weigh as much as the article),
// the decoder leaves them all: MacRumors kept six top stories after 25
// comment blocks (0.419), and on daniel's pages Daily Mail kept its
// "most read" column after the comments. A thread here is a run of at
// least minThread blocks the decoding called comments; after the first
// such run that follows the article (content of minMainBytes or more,
// holding a block of paraBytes or more), every content block gets its
// boilerplate class. So after a comment form that follows the article:
// a run of at least minForm blocks called comments, two or more of them
// inside a <form> ("Leave a reply", "Your email address will not be
// published", "Post comment"), which many pages put before or instead
// of the thread: Yahoo's page kept its "more stories" summaries after
// one (0.476).
//
// HTML only: there a comments class mostly rests on the markup (a
// "comments" container, the thread's repeated elements). In plain text
// it is the model's guess from the words, and a run of quotes or a
// question-and-answer passage that reads as comments cut articles short
// (winnow eval's clean mode, the gold texts alone, lost 0.029 on
// htmltotext_bench).
//
// Limit: a page whose article continues after a thread (a live blog with
// a comment box between its updates) loses what follows.

// minThread is the fewest consecutive comments blocks that make a thread
// for afterThread; minForm the fewest that make a comment form, two of
// them or more inside a <form>.
const (
	minThread = 6
	minForm   = 2
)

// threadParaBytes is the length of a block that shows the article has begun
// for afterThread.
const threadParaBytes = 200

// afterThread gives every content block (classes) after the first run of
// minThread or more comments blocks, or of a comment form (isForm), that
// follows the article its boilerplate class (boilerplate). The article is the content before the
// run: it must hold minMainBytes or more and a block of threadParaBytes
// or more, else the page is left alone. The caller applies it to HTML
// pages judged to hold an article.
func afterThread(blocks []segment.Block, classes []int, boilerplate func(int) int) {
	var before int
	para := false
	for i := 0; i < len(classes); i++ {
		if model.Content(classes[i]) {
			n := blocks[i].End - blocks[i].Start
			before += n
			para = para || n >= threadParaBytes
			continue
		}
		if classes[i] != model.ClassComments {
			continue
		}
		j := i
		for j < len(classes) && classes[j] == model.ClassComments {
			j++
		}
		if j-i < minThread && !isForm(blocks[i:j]) || before < minMainBytes || !para {
			i = j - 1
			continue
		}
		for k := j; k < len(classes); k++ {
			if model.Content(classes[k]) {
				classes[k] = boilerplate(k)
			}
		}
		return
	}
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
