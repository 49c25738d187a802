package classifier

import (
	"slices"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestFormLabels(t *testing.T) {
	const rel = model.ClassRelated
	para := "The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts of the city, and the mayor said the money had been found in last year's budget after a long search."
	article := []string{"Menu", para, para, para, para} // 4 × 38 words after a boilerplate block
	form := []string{"Name (*):", "Email (*):", "Comment:", "I accept the rules of use", "Send"}
	for _, tc := range []struct {
		name  string
		lines []string
		want  int // blocks from the end that become boilerplate
	}{
		{"a comment form", slices.Concat(article, form), len(form)},
		{"a comment under the form", slices.Concat(article, form, []string{"Great article, thanks!"}), len(form) + 1},
		{"spanish labels", slices.Concat(article, []string{"Nombre (*):", "Correo electrónico (*):", "Comentario:"}), 3},
		{"persian labels", slices.Concat(article, []string{"نام:", "ایمیل:", "دیدگاه شما:"}), 3},
		{"two labels", slices.Concat(article, []string{"Name:", "Email:", "Send"}), 0},
		{"numbered sections", slices.Concat(article, []string{"Exercise 1:", "Exercise 2:", "Exercise 3:"}), 0},
		{"code", slices.Concat(article, []string{"def read(doc):", "try:", "else:"}), 0},
		{"long labels", slices.Concat(article, []string{"The reasons may include the following:", "Name:", "Email:"}), 0},
		{"before the article's words", slices.Concat([]string{"Menu", para}, form, []string{para}), 0},
		{"more article after the form than before", slices.Concat(article, form, []string{para, para, para, para, para}), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkTail(t, tc.lines, tc.want, rel, func(text string, blocks []segment.Block, classes []int) {
				formLabels(text, blocks, classes, func(int) int { return rel }, &paraWords{})
			})
		})
	}
}

// FuzzFormLabels checks that formLabels never panics and only turns
// content blocks into the class boilerplate gives.
func FuzzFormLabels(f *testing.F) {
	f.Add("a b c d e f\nName:\nEmail:\nComment:\nx")
	f.Add("\xff:\n(*):\n：\n:")
	f.Fuzz(func(t *testing.T, s string) {
		fuzzRule(t, s, func(text string, blocks []segment.Block, classes []int) {
			formLabels(text, blocks, classes, func(int) int { return model.ClassRelated }, nil)
		}, func(before, after int) bool { return model.Content(before) && after == model.ClassRelated })
	})
}
