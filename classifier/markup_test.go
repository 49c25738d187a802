package classifier

import (
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestEscapedMarkup(t *testing.T) {
	const (
		body = model.ClassBody
		nav  = model.ClassNavigation
		rel  = model.ClassRelated
	)
	embed := `<div style="margin:0; padding:15px; background:#ffffff;"><a href="https://example.com/news/1"><img src="https://example.com/i.jpg" width="120"></a><p style="font:12px Arial"><a href="https://example.com/news/1">Three die in a chemical plant blast</a></p><br/><span>Example News</span></div>`
	escaped := `<h2>Tomatoes named the healthiest food</h2><br /> <div>American researchers compared the vitamins, minerals and fibre of forty vegetables and fruits and found that the tomato, eaten raw or cooked, gave more of them than any other. The study followed two thousand people for ten years.</div><br /><div>Its authors say the result holds for every age.</div><br /><b>Source</b>`
	para := "The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts."
	for _, tc := range []struct {
		name    string
		lines   []string
		classes []int
		want    []int
	}{
		{"embed code among widgets", []string{para, "Like", embed, "More"}, []int{body, nav, body, nav}, []int{body, nav, rel, nav}},
		{"embed code at the end", []string{para, "Like", embed}, []int{body, nav, body}, []int{body, nav, rel}},
		{"embed code at the start", []string{embed, "Menu", para}, []int{body, nav, body}, []int{rel, nav, body}},
		{"code between paragraphs", []string{para, embed, para}, []int{body, body, body}, []int{body, body, body}},
		{"code after the last paragraph", []string{para, embed, "More"}, []int{body, body, nav}, []int{body, body, nav}},
		{"an article written as escaped HTML", []string{"Menu", escaped, "More"}, []int{nav, body, nav}, []int{nav, body, nav}},
		{"seven tags", []string{"Menu", `<div><a href="/x"><b>x</b></a>y</div><br>`, "More"}, []int{nav, body, nav}, []int{nav, body, nav}},
		{"markup called boilerplate", []string{"Menu", embed, "More"}, []int{nav, nav, nav}, []int{nav, nav, nav}},
		{"less-than signs, no tags", []string{"Menu", strings.Repeat("a < b and c <d> ", 20), "More"}, []int{nav, body, nav}, []int{nav, body, nav}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks(tc.lines)
			classes := append([]int(nil), tc.classes...)
			escapedMarkup(text, blocks, classes, func(int) int { return rel })
			for i := range classes {
				if classes[i] != tc.want[i] {
					t.Errorf("block %d: class %d, want %d", i, classes[i], tc.want[i])
				}
			}
		})
	}
}

func TestMarkupBlock(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want bool
	}{
		{"tags only", strings.Repeat("<p></p>", 4), true},
		{"seven tags", strings.Repeat("<b>", 7), false},
		{"words outweigh the tags", strings.Repeat("<b>x</b> ", 4) + strings.Repeat("word ", 20), false},
		{"a tag never closed", "<div " + strings.Repeat("x", 2*maxTagBytes), false},
		{"a tag longer than the bound", strings.Repeat(`<a href="`+strings.Repeat("x", maxTagBytes)+`">`, 8), false},
		{"closing tags count", strings.Repeat("</td>", 8), true},
		{"no letter after the sign", strings.Repeat("< b>", 8), false},
		{"a sign inside a tag", strings.Repeat("<a <b>", 8), true},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := markupBlock(tc.text); got != tc.want {
				t.Errorf("markupBlock(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

// FuzzEscapedMarkup checks that escapedMarkup never panics and only turns
// content blocks into the class boilerplate gives.
func FuzzEscapedMarkup(f *testing.F) {
	f.Add("Menu\n<div><a href=\"/x\"><b>x</b></a><i>y</i><p></p></div>\nMore")
	f.Add("<\n</\n<a\n<a <b>\n\xff<b>")
	f.Fuzz(func(t *testing.T, s string) {
		fuzzRule(t, s, func(text string, blocks []segment.Block, classes []int) {
			escapedMarkup(text, blocks, classes, func(int) int { return model.ClassRelated })
		}, func(before, after int) bool { return model.Content(before) && after == model.ClassRelated })
	})
}
