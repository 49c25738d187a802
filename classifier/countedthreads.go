package classifier

import (
	"strings"
	"unicode"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Comment threads in plain text, by the count that heads them. A page's
// thread under its article often starts with a line that counts it ("27
// Comments", "Comments (10580)", "[ 234 comments ]", "12 Kommentare");
// where a scraper kept the comments' paragraphs but not their authors'
// and dates' lines, nothing else in the text tells them from the
// article's, and the model keeps them as body (a phone-news page's 27
// comments, kept at 0.57–0.98 after its four paragraphs: text precision
// 0.20 against HTML's 0.66).
//
// A block the model calls comments, after at least minThreadArticle words
// of the article's paragraphs (afterArticleWords), that is a count header
// (countHeader: one number and one word, nothing else) starts a thread:
// the content blocks after it, each within maxCountGap boilerplate blocks
// of the header or of the content block before it, become comments, and
// so do the thread's own boilerplate lines between them (threadLine). A
// title ends the thread. The header is told by its shape, not by any
// language's word for comments: the model's category says what it
// counts.
//
// Limits: a count header that does not start the thread (a count in a
// share bar after the article's first paragraphs) takes the article's
// paragraphs after it when the model called it comments; on the dev
// pages every such header had either no content after it or only the
// thread's. A thread whose comments have boilerplate runs longer than
// maxCountGap between them (each comment's author, date and reply
// buttons on more lines) is taken up to the first such run.

// Bounds of countedThreads.
const (
	// maxCountHeader is the most bytes of a count header.
	maxCountHeader = 40
	// maxCountGap is the most boilerplate blocks between the header and
	// the thread's first content block, and between two of its content
	// blocks.
	maxCountGap = 4
)

// countedThreads makes comments the content blocks of a thread headed by a
// count (see above). classes are the blocks' classes; the caller applies
// it to text pages judged to hold an article, not a forum.
func countedThreads(text string, blocks []segment.Block, classes []int, para *paraWords) {
	for i := afterArticleWords(text, blocks, classes, para); i < len(blocks); i++ {
		if classes[i] != model.ClassComments || blocks[i].End-blocks[i].Start > maxCountHeader ||
			!countHeader(text[blocks[i].Start:blocks[i].End]) {
			continue
		}
		last, gap := -1, 0
		j := i + 1
		for ; j < len(blocks) && gap <= maxCountGap && classes[j] != model.ClassTitle; j++ {
			if !model.Content(classes[j]) {
				gap++
				continue
			}
			if last >= 0 {
				// the thread's own lines between two of its comments
				for k := last + 1; k < j; k++ {
					if threadLine(classes[k]) {
						classes[k] = model.ClassComments
					}
				}
			}
			classes[j] = model.ClassComments
			last, gap = j, 0
		}
		i = j - 1
	}
}

// countHeader reports whether t is a count and a word, in either order,
// and nothing else but brackets, parentheses and spaces around them ("27
// Comments", "Comments (27)", "[ 234 comments ]", "نظرات (۱۲)"): the
// number's digits (any script's) may be grouped by commas or dots and end
// with k ("2.6k"); a number of four digits from 1900 to 2099 is a year
// ("MWC 2017"), not a count. The word is letters (and their marks) alone.
func countHeader(t string) bool {
	f := strings.FieldsFunc(t, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("()[]{}（）", r)
	})
	if len(f) != 2 {
		return false
	}
	return countWord(f[0]) && letterWord(f[1]) || letterWord(f[0]) && countWord(f[1])
}

// countWord reports whether w is a count (see countHeader): digits, in
// groups of three after the first when more than one comma or dot
// separates them ("1,204,330"; "2022.08.10" is a date), and k.
func countWord(w string) bool {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "k"), "K")
	digits, group, groups, year := 0, 0, 0, 0
	short := false // a group after the first that is not three digits
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			digits++
			group++
			year = year*10 + int(r-'0')
		case (r == ',' || r == '.') && group > 0:
			if groups++; groups > 1 && group != 3 {
				short = true
			}
			group = 0
		default:
			return false
		}
	}
	if group == 0 || groups > 1 && (short || group != 3) {
		return false
	}
	return digits > 0 && !(len(w) == 4 && digits == 4 && year >= 1900 && year <= 2099)
}

// letterWord reports whether w is letters and their marks alone.
func letterWord(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.M, r) {
			return false
		}
	}
	return true
}
