package classifier

import (
	"slices"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestEchoCards(t *testing.T) {
	const (
		title, body, other, rel = model.ClassTitle, model.ClassBody, model.ClassOther, model.ClassRelated
	)
	type blk = classedLine
	// a grid's cards: the title, a section's name, the title again
	card := func(h string) []blk { return []blk{{h, body}, {"Science", other}, {h, body}} }
	cardA := card("Humans are not prepared for a pandemic caused by fungi")
	cardB := card("Can food crops grow in the dark? Scientists are working out how.")
	para := blk{"The council voted on Tuesday to approve the budget for next year, after a long debate in which members of both parties asked for more money for roads and schools and the mayor promised to look again at the numbers before the vote in the spring.", body}
	summary := blk{"A new study watched them sleep in a lab.", body}
	cat := func(parts ...[]blk) []blk { return slices.Concat(parts...) }
	for _, tc := range []struct {
		name   string
		blocks []blk
		want   []int
	}{
		{"two cards after the article", cat([]blk{para}, cardA, cardB), []int{body, rel, other, rel, rel, other, rel}},
		{"cards with a summary between them", cat(cardA, []blk{summary}, cardB), []int{rel, other, rel, body, rel, other, rel}},
		{"one card", cat([]blk{para}, cardA, []blk{para}), []int{body, body, other, body, body}},
		{"a paragraph between two cards breaks the run", cat(cardA, []blk{para}, cardB), []int{body, other, body, body, body, other, body}},
		{"a question written twice in a row is no card", []blk{
			{"What does the agency specialize in?", body}, {"What does the agency specialize in?", body}, summary,
			{"Is the agency the same as its parent?", body}, {"Is the agency the same as its parent?", body}, summary,
		}, []int{body, body, body, body, body, body}},
		{"a long line between title and copy", []blk{cardA[0], summary, cardA[0], cardB[0], cardB[1], cardB[2]}, []int{body, body, body, body, other, body}},
		{"a title keeps the best boilerplate class too", cat([]blk{{cardA[0].text, title}}, cardA[1:], cardB), []int{rel, other, rel, rel, other, rel}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks, classes := linePage(tc.blocks)
			echoCards(text, blocks, classes, func(int) int { return rel })
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes %v, want %v", classes, tc.want)
			}
		})
	}
}
