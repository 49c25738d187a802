package classifier

import (
	"strings"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// A comment form in text. Under an article a page sets its comment form:
// "Name (*):", "Email (*):", "Comment:", each label on a line of its own
// in a scraper's text (the fields themselves leave no text), often with
// the form's rules and the comments around it. HTML has the form's
// controls (formControls reads them); in text the model reads the labels
// and what follows as more of the article.

// Bounds of formLabels: the labels in a row that make a form, and the
// words of one label.
const (
	minFormLabels  = 3
	maxLabelWords  = 3
	formLabelBytes = 80
)

// formLabels gives every content block from the first run of
// minFormLabels form labels (formLabel) on lines of their own, after at
// least minThreadArticle words of the article's paragraphs (as
// datedThreads counts them), to the text's end its most probable
// boilerplate class (boilerplate), when the content after the run's
// start holds no more words than the content before it (a form ends an
// article). Limits: the form's rules before its labels ("Comments are the
// opinion of their authors …") stay content; labels with digits or code's
// marks are no labels, so that code ("def f(x):", "else:") and numbered
// sections ("Exercise 1:") are not forms, but keys of a configuration
// file written one per line without values ("services:", "web:",
// "ports:") would be. The caller applies it to text pages judged to hold
// an article, not forums.
func formLabels(text string, blocks []segment.Block, classes []int, boilerplate func(int) int, para *paraWords) {
	label := func(i int) bool { return formLabel(text[blocks[i].Start:blocks[i].End]) }
	for i := afterArticleWords(text, blocks, classes, para); i+minFormLabels <= len(blocks); i++ {
		k := i
		for k < i+minFormLabels && (k == i || blocks[k].Line != blocks[k-1].Line) && label(k) {
			k++
		}
		if k < i+minFormLabels {
			continue
		}
		after := contentAfter(text, blocks, classes)
		if after[i] > after[0]-after[i] {
			return
		}
		for k := i; k < len(blocks); k++ {
			if model.Content(classes[k]) {
				classes[k] = boilerplate(k)
			}
		}
		return
	}
}

// formLabel reports whether t reads as a form field's label: one to
// maxLabelWords words ending with a colon (a required field's "(*)" or
// "*" before it allowed), without digits (mayHaveDigits: ASCII,
// Arabic-Indic, Persian, full-width) or the marks of code and addresses.
func formLabel(t string) bool {
	t = strings.TrimSpace(t)
	if len(t) > formLabelBytes || !endsColon(t) {
		return false
	}
	t = strings.ReplaceAll(t, "(*)", "")
	if mayHaveDigits(t) || strings.ContainsAny(t, "_=()[]{}#.,;/\\<>") {
		return false
	}
	n := words(t, maxLabelWords+1)
	return n >= 1 && n <= maxLabelWords
}
