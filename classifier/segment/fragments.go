package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text nodes one a line. The line most Python scrapers write,
// BeautifulSoup's get_text(separator="\n", strip=True), puts every text
// node of the page on a line of its own: a link or a bold word inside a
// paragraph stands alone, and so does the rest of the sentence after it
// ("The council voted on", "Tuesday", "to approve the budget."). Each
// piece alone reads as a menu item or a caption, and the model drops it.
// joinFragments joins such pieces back into their paragraph.
//
// It reads a text only when at least minFragmentMarks lines start with
// "," "." ";" ":" or ")", alone or before white space, or with a Chinese
// or Japanese mark ("、" "。" "，" "）" "」" "｣" …, fragmentMark),
// right after a line that ends no sentence: the rest of a sentence after
// a link, as only such a dump writes it (of the shared corpora's
// visible-text renditions, 119,035 blocks, one is joined so, against 36
// when any line that starts with such a mark counted: lines of code,
// "... print(x)"). Then a line is joined to the line before it (no blank line
// between) when that line ends no sentence and does not end with ":",
// and the line continues it (continues: it starts with a lower-case
// letter, with punctuation no sentence starts with, or with hiragana, a
// Japanese particle or ending), or is a piece of
// at most maxFragmentWords words that ends no sentence before a line that
// continues. A joined run holds minFragmentRun words or more, one of its
// lines minFragmentLine or more (fragmentWords: a Chinese or Japanese
// line counts half its characters) (a menu of lower-case items stays apart),
// and ends a sentence, as every block over lines does (joining runs that
// end otherwise too scored 0.003 higher on winnow eval's nodes mode and
// moved twice as many pages of the other modes).
//
// Limits: a piece that starts with a capital after a link ("…when",
// "TMZ", "asked") is joined only through the next line's lower case; a
// paragraph that ends with a link stays in pieces; a script without case
// (Persian, Chinese) is joined only at punctuation (Japanese also at
// hiragana).
const (
	minFragmentMarks = 3
	maxFragmentWords = 6
	minFragmentRun   = 10
	minFragmentLine  = 5
)

// joinFragments joins the pieces of sentences in d (plain text) that a
// text-node dump wrote one a line.
func joinFragments(d *Doc) {
	bs := d.Blocks
	if len(bs) < 2 {
		return
	}
	ls := wrapLinesOf(bs)
	text := d.Text
	line := func(k int) string { return text[ls.start(k):ls.end(k)] }
	// adjacent reports whether line k follows line k-1 directly
	adjacent := func(k int) bool { return ls.line(k) == ls.line(k-1)+1 && !ls.blankBefore(k) }
	open := func(k int) bool { // line k goes on into the next line
		s := line(k)
		return !EndsSentence(s) && !strings.HasSuffix(s, ":")
	}
	marks := 0
	for k := 1; k < ls.n && marks < minFragmentMarks; k++ {
		if fragmentMark(line(k)) && adjacent(k) && !EndsSentence(line(k-1)) {
			marks++
		}
	}
	if marks < minFragmentMarks {
		return
	}
	var paras []wpara
	for k := 0; k < ls.n; {
		n := 1
		for k+n < ls.n && adjacent(k+n) && open(k+n-1) {
			next := line(k + n)
			if continues(next) {
				n++
				continue
			}
			if k+n+1 < ls.n && adjacent(k+n+1) && len(strings.Fields(next)) <= maxFragmentWords && !EndsSentence(next) && continues(line(k+n+1)) {
				n += 2
				continue
			}
			break
		}
		if n >= 2 {
			total, longest := 0, 0
			for j := k; j < k+n; j++ {
				w := fragmentWords(line(j))
				total += w
				longest = max(longest, w)
			}
			if total >= minFragmentRun && longest >= minFragmentLine && EndsSentence(line(k+n-1)) {
				paras = append(paras, wpara{k, n})
			}
		}
		k += n
	}
	if paras != nil {
		d.Blocks = joinLines(bs, &ls, paras)
	}
}

// fragmentMark reports whether line s starts as the rest of a sentence
// after a link does: "," "." ";" ":" or ")" alone or before white space
// (", which …", "."), not "..." or ".foo" (a line of code, a prompt).
func fragmentMark(s string) bool {
	if r, _ := utf8.DecodeRuneInString(s); strings.ContainsRune(cjkMarks, r) {
		return true // Chinese and Japanese set no space after a mark
	}
	if s == "" || !strings.ContainsRune(",.;:)", rune(s[0])) {
		return false
	}
	return len(s) == 1 || s[1] == ' ' || s[1] == '\t'
}

// cjkMarks are the marks a Chinese or Japanese sentence goes on with
// after a link: commas, stops, closing brackets and quotes, full-width
// ! and ?, and the half-width forms of the comma and the corner bracket
// (､ ｣) that some Japanese sites write (gizmodo.jp's ｢…｣ around a
// linked name).
const cjkMarks = "、。，）」』】､｣！？"

// fragmentWords is how many words line s holds: its fields, or, for a
// line of Chinese or Japanese (cjkLine), half its runes if that is more
// (their words are one to three characters long).
func fragmentWords(s string) int {
	w := len(strings.Fields(s))
	if cjkLine(s) {
		w = max(w, utf8.RuneCountInString(s)/2)
	}
	return w
}

// continues reports whether line s goes on a sentence: it starts with a
// lower-case letter, with punctuation no sentence starts with, or with
// hiragana.
func continues(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if r >= 0x3041 && r <= 0x309F {
		return true // hiragana: a Japanese particle or ending after a link
	}
	return unicode.IsLower(r) || strings.ContainsRune(",.;:)]!?%…»”’"+cjkMarks, r)
}
