package classifier

import (
	"slices"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestCountHeader(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"27 Comments", true},
		{"Comments (10580)", true},
		{"[ 234 comments ]", true},
		{"12 Kommentare", true},
		{"نظرات (۱۲)", true},
		{"2.6k Reactions", true},
		{"1,204 comments", true},
		{"1,204,330 views", true},
		{"2022.08.10 Buy", false}, // a date
		{"1,2,3 go", false},
		{"12. Kommentare", false},
		{"MWC 2017", false},       // a year
		{"All Comments 4", false}, // three words
		{"4 min read", false},
		{"Comments", false},
		{"27", false},
		{"Comments: 27.", false},
		{"Post 2b", false},
		{"", false},
	} {
		t.Run(tc.line, func(t *testing.T) {
			if got := countHeader(tc.line); got != tc.want {
				t.Errorf("countHeader(%q) = %v, want %v", tc.line, got, tc.want)
			}
		})
	}
}

func TestCountedThreads(t *testing.T) {
	const (
		body = model.ClassBody
		com  = model.ClassComments
		meta = model.ClassMetadata
		rel  = model.ClassRelated
		nav  = model.ClassNavigation
	)
	para := "The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts of the city, and the mayor said the money had been found in last year's budget after a long search."
	article := []classedLine{{para, body}, {para, body}, {para, body}, {para, body}} // 4 × 38 words
	comment := "I take this bus every day and it is always late, so this is good news."
	for _, tc := range []struct {
		name  string
		lines []classedLine
		want  []int // the classes after the article
	}{
		{"a thread after its count",
			slices.Concat(article, []classedLine{{"27 Comments", com}, {comment, body}, {"Reply", rel}, {comment, body}, {"Privacy", nav}}),
			[]int{com, com, com, com, nav}},
		{"a count after a gap",
			slices.Concat(article, []classedLine{{"Comments (2)", com}, {"Sort by", meta}, {"Newest", nav}, {comment, body}, {comment, body}}),
			[]int{com, meta, nav, com, com}},
		{"content after a long gap stays",
			slices.Concat(article, []classedLine{{"27 Comments", com}, {"a", nav}, {"b", nav}, {"c", nav}, {"d", nav}, {"e", nav}, {para, body}}),
			[]int{com, nav, nav, nav, nav, nav, body}},
		{"a title ends the thread",
			slices.Concat(article, []classedLine{{"27 Comments", com}, {comment, body}, {"Next story", model.ClassTitle}, {para, body}}),
			[]int{com, com, model.ClassTitle, body}},
		{"a count the model calls metadata",
			slices.Concat(article, []classedLine{{"27 Comments", meta}, {comment, body}}),
			[]int{meta, body}},
		{"a count before the article",
			slices.Concat([]classedLine{{"27 Comments", com}}, article),
			nil},
		{"a year",
			slices.Concat(article, []classedLine{{"MWC 2017", com}, {comment, body}}),
			[]int{com, body}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks, classes := linePage(tc.lines)
			want := make([]int, 0, len(classes))
			for _, l := range tc.lines[:len(tc.lines)-len(tc.want)] {
				want = append(want, l.class)
			}
			want = append(want, tc.want...)
			countedThreads(text, blocks, classes, &paraWords{})
			if !slices.Equal(classes, want) {
				t.Errorf("classes %v, want %v", classes, want)
			}
		})
	}
}

// FuzzCountedThreads checks that countedThreads never panics and only
// turns content blocks, and blocks of a thread's own boilerplate classes
// (threadLine), into comments.
func FuzzCountedThreads(f *testing.F) {
	f.Add("27 Comments\nGood.\nReply\nYes.")
	f.Add("Comments (۱۲)\n\xff\n")
	f.Add("[ 2.6k comments ]\n1,2,\n,5 x")
	f.Fuzz(func(t *testing.T, s string) {
		fuzzRule(t, s, func(text string, blocks []segment.Block, classes []int) {
			countedThreads(text, blocks, classes, nil)
		}, func(before, after int) bool {
			return (model.Content(before) || threadLine(before)) && after == model.ClassComments
		})
		_ = countHeader(s)
	})
}
