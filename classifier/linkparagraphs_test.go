package classifier

import (
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestLinkParagraphs(t *testing.T) {
	const (
		B = model.ClassBody
		T = model.ClassTitle
		R = model.ClassRelated
		N = model.ClassNavigation
	)
	// linked is a block of a test: its class, length, link bytes and
	// links.
	type linked struct{ class, size, linkBytes, links int }
	for _, tc := range []struct {
		name   string
		blocks []linked
		want   []int
	}{
		{"link spam inside the article", []linked{{T, 50, 0, 0}, {B, 300, 0, 0}, {B, 75, 72, 3}, {B, 300, 20, 1}}, []int{T, B, R, B}},
		{"one link is a sentence's", []linked{{B, 300, 0, 0}, {B, 60, 60, 1}, {B, 300, 0, 0}}, []int{B, B, B}},
		{"a paragraph with a link or two in its words", []linked{{B, 300, 0, 0}, {B, 200, 100, 2}, {B, 300, 0, 0}}, []int{B, B, B}},
		{"a page of shop links keeps them", []linked{{B, 100, 0, 0}, {B, 120, 120, 2}, {B, 120, 118, 3}, {B, 120, 120, 2}}, []int{B, B, B, B}},
		{"boilerplate keeps its class", []linked{{B, 600, 0, 0}, {N, 60, 60, 4}}, []int{B, N}},
		{"a title stays", []linked{{T, 60, 60, 2}, {B, 600, 0, 0}}, []int{T, B}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bs := make([]segment.Block, len(tc.blocks))
			classes := make([]int, len(tc.blocks))
			for i, b := range tc.blocks {
				bs[i] = segment.Block{Start: 0, End: b.size, LinkBytes: b.linkBytes, Links: b.links}
				classes[i] = b.class
			}
			linkParagraphs(bs, classes)
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes = %v, want %v", classes, tc.want)
			}
		})
	}
}

func TestPointerLines(t *testing.T) {
	const (
		B = model.ClassBody
		M = model.ClassMetadata
		R = model.ClassRelated
	)
	// line is a block of a test: its class, its text, the text of its
	// links and their number (one when not given and link is not empty).
	type line struct {
		class      int
		text, link string
		links      int
	}
	for _, tc := range []struct {
		name  string
		lines []line
		want  []int
	}{
		{"read more inside the article", []line{
			{B, "The council voted seven to four on Tuesday night.", "", 0},
			{B, "Read more: Mill Street crash: what we know so far", "Mill Street crash: what we know so far", 0},
			{B, "Construction begins in September.", "", 0},
		}, []int{B, R, B}},
		{"other languages and a label of three words", []line{
			{B, "Читайте также: Власти рассказали о планах развития метро", "Власти рассказали о планах развития метро", 0},
			{B, "Lesen Sie auch: Wie Anwohner richtig reagieren sollten", "Wie Anwohner richtig reagieren sollten", 0},
			{B, "اقرأ أيضا: تفاصيل القرار الجديد بشأن الأجور", "تفاصيل القرار الجديد بشأن الأجور", 0},
		}, []int{R, R, R}},
		{"an address, a name or a price after the label stays", []line{
			{B, "Website: https://www.example.com/", "https://www.example.com/", 0},
			{B, "Source: Riverside Gazette", "Riverside Gazette", 0},
			{B, "My Guess: $25,000,000", "$25,000,000", 0},
		}, []int{B, B, B}},
		{"a sentence with a link in it stays", []line{
			{B, "Officials said: the plan was approved after a long debate", "approved after a long debate", 0},
			{B, "Note: the full report of the council is online", "report of the council", 0},
		}, []int{B, B}},
		{"a label of four words stays", []line{
			{B, "Best Smartwatch for Running: Apple Watch Ultra 3 today", "Apple Watch Ultra 3 today", 0},
		}, []int{B}},
		{"two links stay", []line{
			{B, "See also: one story and another story here", "one story and another story here", 2},
		}, []int{B}},
		{"boilerplate keeps its class", []line{
			{M, "Tags: council transport cycling city news", "council transport cycling city news", 0},
		}, []int{M}},
		{"no colon", []line{
			{B, "Read more Mill Street crash what we know", "Mill Street crash what we know", 0},
		}, []int{B}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var text strings.Builder
			bs := make([]segment.Block, len(tc.lines))
			classes := make([]int, len(tc.lines))
			for i, l := range tc.lines {
				bs[i] = segment.Block{Start: text.Len(), End: text.Len() + len(l.text), LinkBytes: len(l.link), Links: l.links}
				if l.link != "" && l.links == 0 {
					bs[i].Links = 1
				}
				text.WriteString(l.text + "\n")
				classes[i] = l.class
			}
			pointerLines(text.String(), bs, classes)
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes = %v, want %v", classes, tc.want)
			}
		})
	}
}
