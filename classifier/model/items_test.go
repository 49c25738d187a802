package model

import (
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/segment"
)

func TestPrepareItems(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><body><div class="article">`)
	for range 4 {
		b.WriteString(`<p>An article paragraph with several words in it.</p>`)
	}
	b.WriteString(`</div><ol class="comments">`)
	for range 3 {
		b.WriteString(`<li class="comment"><div class="body"><p>A reader's comment.</p></div></li>`)
	}
	b.WriteString(`</ol><p>Alone.</p></body></html>`)
	doc, err := segment.HTML(b.String(), segment.HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var it itemScratch
	for range 2 { // reused: the same answer
		it.prepareItems(doc)
		var got []string
		for i := range doc.Blocks {
			c := int(it.code[i]) - 1
			if c < 0 {
				got = append(got, "-")
				continue
			}
			share := c / 8
			got = append(got, string(rune('0'+share/3))+string(rune('0'+share%3)))
		}
		// paragraphs: one parent and one grandparent among four (00);
		// comments: a parent and a grandparent each (22); the lone
		// paragraph does not repeat
		want := "00 00 00 00 22 22 22 -"
		if g := strings.Join(got, " "); g != want {
			t.Errorf("codes %q, want %q", g, want)
		}
	}
	td, _ := segment.Text("a\nb\nc", segment.TextOptions{NoSplit: true})
	it.prepareItems(td)
	for i, c := range it.code {
		if c != 0 {
			t.Errorf("text block %d: code %d, want none", i, c)
		}
	}
}
