package classifier

import (
	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Text of form controls (HTML). A <button>, a <label> or a <select>
// holds the page's interface, not its article: "Read aloud", "Share",
// "Show comments (12)", a newsletter checkbox's sentence, a sort menu's
// options; the model keeps such text when it reads as prose, in a
// language it knows little of most of all. A <textarea>'s text is a
// field's default value: the code a page offers to embed its story
// elsewhere ("<div style=…><a href=…>headline</a></div>", 600 to 2,400
// bytes kept as body at 0.93–0.96 beside a short article), a paste
// site's raw copy, a comment box's prompt. When the page holds
// minMainBytes of content outside form controls, every content block
// inside one but a title gets its boilerplate class, except an
// accordion's header: a button followed by a content block of
// minAnswerBytes or more outside any control (a FAQ's question, whose
// answer the button opens; without this exception wcxb's dev pages lost
// a course page's questions, 0.984 → 0.942).

// minAnswerBytes is the least length of the block after a button that
// makes the button an accordion's header.
const minAnswerBytes = 100

// controlFlags are the ancestors that make a block a form control's text.
const controlFlags = segment.InButton | segment.InLabel | segment.InSelect

// control reports whether b is a form control's text: inside a button, a
// label or a select, or a <textarea>'s.
func control(b *segment.Block) bool { return b.Flags&controlFlags != 0 || b.Tag == "textarea" }

// formControls gives every content block (classes) but a title that is
// a form control's text (control) its boilerplate class (boilerplate) when
// the content outside such controls holds minMainBytes or more; an
// accordion's header (a button followed by a content block of
// minAnswerBytes or more outside any control) keeps its class. The caller
// applies it to HTML pages judged to hold an article.
func formControls(blocks []segment.Block, classes []int, boilerplate func(int) int) {
	if !mainOutside(blocks, classes, control) {
		return
	}
	for i := range blocks {
		f := blocks[i].Flags
		if !model.Content(classes[i]) || classes[i] == model.ClassTitle || !control(&blocks[i]) {
			continue
		}
		if f&segment.InButton != 0 && i+1 < len(blocks) && model.Content(classes[i+1]) &&
			!control(&blocks[i+1]) && blocks[i+1].End-blocks[i+1].Start >= minAnswerBytes {
			continue // an accordion's header
		}
		classes[i] = boilerplate(i)
	}
}
