package classifier

import (
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestSubheadings(t *testing.T) {
	const (
		para  = "This is a paragraph of the article that goes on for a while and ends a sentence."
		B     = model.ClassBody
		R     = model.ClassRelated
		A     = model.ClassAd
		M     = model.ClassMetadata
		N     = model.ClassNavigation
		title = model.ClassTitle
	)
	for _, tc := range []struct {
		name    string
		lines   []string
		classes []int
		want    []int
	}{
		{"subheading between paragraphs", []string{para, "Try new things", para}, []int{B, R, B}, []int{B, B, B}},
		{"two subheadings", []string{para, "Part two", "Why it matters:", para}, []int{B, N, R, B}, []int{B, B, B, B}},
		{"an ad stays", []string{para, "Cheap flights to Tehran today", para}, []int{B, A, B}, []int{B, A, B}},
		{"three lines are a list", []string{para, "One item here", "Two items here", "Three items here", para}, []int{B, R, R, R, B}, []int{B, R, R, R, B}},
		{"a date stays", []string{para, "12 March 2024, 10:21", para}, []int{B, M, B}, []int{B, M, B}},
		{"one word stays", []string{para, "ADVERTISEMENT", para}, []int{B, R, B}, []int{B, R, B}},
		{"written twice stays", []string{para, "Read more here", para, "Read more here", para}, []int{B, R, B, R, B}, []int{B, R, B, R, B}},
		{"after the title stays", []string{"The headline", "Home and away", para}, []int{title, N, B}, []int{title, N, B}},
		{"no paragraph after", []string{para, "Try new things", "Short line after"}, []int{B, R, B}, []int{B, R, B}},
		{"paragraph without a full stop after", []string{para, "Try new things", strings.TrimSuffix(para, ".")}, []int{B, R, B}, []int{B, R, B}},
		{"boilerplate after", []string{para, "Try new things", para}, []int{B, R, R}, []int{B, R, R}},
		{"too many words", []string{para, "one two three four five six seven eight nine", para}, []int{B, R, B}, []int{B, R, B}},
		{"persian subheading", []string{para, "کارهای جدید را امتحان کنید", para}, []int{B, R, B}, []int{B, B, B}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks(tc.lines)
			classes := append([]int(nil), tc.classes...)
			subheadings(text, blocks, classes)
			for i := range classes {
				if classes[i] != tc.want[i] {
					t.Fatalf("classes = %v, want %v", classes, tc.want)
				}
			}
		})
	}
}

func TestSubheadingsSameLine(t *testing.T) {
	// pieces of one line (a page glued on one line, cut at sentences) are
	// not lines of their own
	text := "A paragraph of the article that goes on for a while and ends a sentence. Try new things Another paragraph of the article that goes on for a while and ends."
	i := strings.Index(text, "Try")
	j := strings.Index(text, "Another")
	blocks := []segment.Block{{Start: 0, End: i - 1}, {Start: i, End: j - 1}, {Start: j, End: len(text)}}
	classes := []int{model.ClassBody, model.ClassRelated, model.ClassBody}
	subheadings(text, blocks, classes)
	if classes[1] != model.ClassRelated {
		t.Fatalf("classes = %v", classes)
	}
}

func TestSubheadingsMany(t *testing.T) {
	// past linearScans candidates the page's short blocks are counted in
	// a map: the answers stay the same
	const para = "This is a paragraph of the article that goes on for a while and ends a sentence."
	var lines []string
	var classes, want []int
	for i := range 2 * linearScans {
		head := "Section number " + strings.Repeat("x", i+1)
		if i == 2*linearScans-1 {
			head = "Section number x" // written twice
		}
		lines = append(lines, para, head)
		classes = append(classes, model.ClassBody, model.ClassRelated)
		if i == 0 || i == 2*linearScans-1 {
			want = append(want, model.ClassBody, model.ClassRelated)
		} else {
			want = append(want, model.ClassBody, model.ClassBody)
		}
	}
	lines = append(lines, para)
	classes = append(classes, model.ClassBody)
	want = append(want, model.ClassBody)
	text, blocks := lineBlocks(lines)
	subheadings(text, blocks, classes)
	for i := range classes {
		if classes[i] != want[i] {
			t.Fatalf("block %d: got %d, want %d", i, classes[i], want[i])
		}
	}
}

// lineBlocks joins lines with newlines and returns the text with one block
// per line.
func lineBlocks(lines []string) (string, []segment.Block) {
	blocks := make([]segment.Block, len(lines))
	at := 0
	for i, l := range lines {
		blocks[i] = segment.Block{Start: at, End: at + len(l), Line: i}
		at += len(l) + 1
	}
	return strings.Join(lines, "\n"), blocks
}

// classedLine is a line of a test page and the class it is decided.
type classedLine struct {
	text  string
	class int
}

// linePage is lineBlocks of the lines' texts, and their classes.
func linePage(lines []classedLine) (string, []segment.Block, []int) {
	texts := make([]string, len(lines))
	classes := make([]int, len(lines))
	for i, l := range lines {
		texts[i], classes[i] = l.text, l.class
	}
	text, blocks := lineBlocks(texts)
	return text, blocks, classes
}

// fuzzBlocks cuts a fuzzer's input into one block a line (lineBlocks),
// their classes every class in turn.
func fuzzBlocks(s string) (string, []segment.Block, []int) {
	text, blocks := lineBlocks(strings.Split(s, "\n"))
	classes := make([]int, len(blocks))
	for i := range classes {
		classes[i] = i % model.NumClasses
	}
	return text, blocks, classes
}

// fuzzRule runs rule on s's blocks (fuzzBlocks) and fails unless every
// block it changed went from a class to one that allowed accepts.
func fuzzRule(t *testing.T, s string, rule func(string, []segment.Block, []int), allowed func(before, after int) bool) {
	text, blocks, classes := fuzzBlocks(s)
	before := slices.Clone(classes)
	rule(text, blocks, classes)
	for i := range classes {
		if classes[i] != before[i] && !allowed(before[i], classes[i]) {
			t.Fatalf("block %d: class %d -> %d", i, before[i], classes[i])
		}
	}
}
