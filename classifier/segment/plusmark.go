package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Title marks on a page glued onto one line. Persian (and Arabic) news
// titles announce their media with a plus sign and a word after the
// title: "… باورتان نمیشود + فیلم", "… + عکس", "… + آموزش". A scraper
// that glued a related-stories list onto one line leaves "title + فیلم
// next title + عکس next title …" with no sentence end between the
// titles, and the splitter, which reads words one gap at a time, cuts
// few of them: the whole list then reads as a paragraph. plusMarkEnd
// finds the end of such a mark, where appendSentences cuts as after a
// sentence end.
//
// Limits: the mark must be " + " between spaces and one word of Arabic
// script after it (a plus before digits or Latin text, "2 + 2",
// "salt + pepper", is no mark); a mark of two words ("+ نحوه تشخیص") is
// cut after its first; a mark at the end of the text cuts nothing.

// plusMarkEnd returns the end of the first title mark in text[from:to]
// (" + " then one word whose first rune is an Arabic-script letter,
// U+0600 to U+06FF) that more text follows, and whether there is one.
// Its cost is linear in to-from.
func plusMarkEnd(text string, from, to int) (int, bool) {
	for k := from; k < to; {
		j := strings.Index(text[k:to], " + ")
		if j < 0 {
			return 0, false
		}
		w := k + j + len(" + ")
		end := w
		for end < to && !isASCIISpace(text[end]) {
			end++
		}
		if r, _ := utf8.DecodeRuneInString(text[w:end]); end > w && r >= 0x600 && r <= 0x6ff && unicode.IsLetter(r) && strings.TrimSpace(text[end:to]) != "" {
			return end, true
		}
		k += j + 1 // marks may overlap: " + + عکس"
	}
	return 0, false
}
