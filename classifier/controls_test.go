package classifier

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestFormControls(t *testing.T) {
	const (
		B = model.ClassBody
		T = model.ClassTitle
		R = model.ClassRelated
	)
	for _, tc := range []struct {
		name   string
		blocks []flagged
		want   []int
	}{
		{"a button's label", []flagged{{T, 60, 0}, {B, 600, 0}, {B, 30, segment.InButton}}, []int{T, B, R}},
		{"a label and a select", []flagged{{B, 600, 0}, {B, 80, segment.InLabel}, {B, 40, segment.InSelect}}, []int{B, R, R}},
		{"an accordion's question", []flagged{{B, 600, 0}, {B, 40, segment.InButton}, {B, 150, 0}}, []int{B, B, B}},
		{"a button before a short line", []flagged{{B, 600, 0}, {B, 40, segment.InButton}, {B, 50, 0}}, []int{B, R, B}},
		{"a title in a button", []flagged{{T, 60, segment.InButton}, {B, 600, 0}}, []int{T, B}},
		{"too little outside", []flagged{{B, 300, 0}, {B, 30, segment.InButton}}, []int{B, B}},
		{"no control", []flagged{{B, 600, 0}}, []int{B}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) { checkFlagged(t, formControls, tc.blocks, R, tc.want) })
	}
}

// TestFormControlsTextarea checks that a <textarea>'s text, an embed code
// or a comment box's prompt, is taken out beside an article.
func TestFormControlsTextarea(t *testing.T) {
	const (
		B = model.ClassBody
		R = model.ClassRelated
	)
	for _, tc := range []struct {
		name string
		tags []string
		size []int
		want []int
	}{
		{"an embed code", []string{"p", "p", "textarea"}, []int{400, 400, 1200}, []int{B, B, R}},
		{"too little outside", []string{"p", "textarea"}, []int{300, 1200}, []int{B, B}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bs := make([]segment.Block, len(tc.tags))
			classes := make([]int, len(tc.tags))
			for i := range bs {
				bs[i] = segment.Block{End: tc.size[i], Tag: tc.tags[i]}
				classes[i] = B
			}
			formControls(bs, classes, func(int) int { return R })
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes = %v, want %v", classes, tc.want)
			}
		})
	}
}

// TestClassifyEmbedCode checks that the code a page offers to embed its
// story, in a <textarea>, is not the article's.
func TestClassifyEmbedCode(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	para := "<p>The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts of the city, and the mayor said the money had been found in last year's budget.</p>"
	embed := `&lt;div style="margin:0;padding:15px;background:#fff"&gt;&lt;a href="https://news.example/buses"&gt;Council approves new bus routes for the north&lt;/a&gt; The council voted on Tuesday to approve a plan that adds new bus routes.&lt;/div&gt;`
	page := "<html><head><title>Council approves new bus routes</title></head><body><h1>Council approves new bus routes</h1>" +
		strings.Repeat(para, 4) + "<div class=share><p>Embed this story:</p><textarea>" + embed + "</textarea></div></body></html>"
	res, err := c.Classify(context.Background(), Input{Data: []byte(page), Mode: ModeHTML})
	if err != nil {
		t.Fatal(err)
	}
	if main := res.MainText(); strings.Contains(main, "margin:0") {
		t.Errorf("the embed code is kept:\n%s", main)
	}
}
