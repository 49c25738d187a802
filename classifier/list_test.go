package classifier

import (
	"context"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
)

func TestAnnouncedLists(t *testing.T) {
	const announce = "The common causes of stress include the following:"
	para, long := testPara, strings.Repeat("one more line of a long paragraph ", 4)
	body, rel, nav, meta := model.ClassBody, model.ClassRelated, model.ClassNavigation, model.ClassMetadata
	type blk = testBlock
	for _, tc := range []struct {
		name   string
		blocks []blk
		want   []int
	}{
		{"items after a sentence", []blk{{para, 0, body}, {announce, 1, body}, {"Losing a job", 2, rel}, {"Moving house", 3, nav}, {para, 4, body}}, []int{body, body, body, body, body}},
		{"items at the end", []blk{{announce, 0, body}, {"Losing a job", 1, rel}, {"Moving house", 2, rel}}, []int{body, body, body}},
		{"a label ends the run", []blk{{announce, 0, body}, {"Losing a job", 1, rel}, {"Tags: stress", 2, meta}, {"Moving house", 3, rel}}, []int{body, body, meta, rel}},
		{"a long line ends the run", []blk{{announce, 0, body}, {"Losing a job", 1, rel}, {long, 2, rel}, {"Moving house", 3, rel}}, []int{body, body, rel, rel}},
		{"a short label announces nothing", []blk{{para, 0, body}, {"Read next:", 1, body}, {"Losing a job", 2, rel}}, []int{body, body, rel}},
		{"boilerplate announces nothing", []blk{{para, 0, body}, {announce, 1, rel}, {"Losing a job", 2, rel}}, []int{body, rel, rel}},
		{"no colon", []blk{{para, 0, body}, {"The common causes of stress include the following", 1, body}, {"Losing a job", 2, rel}}, []int{body, body, rel}},
		{"pieces of one line", []blk{{announce, 0, body}, {"Losing a job", 0, rel}}, []int{body, rel}},
		{"an ad ends the run", []blk{{announce, 0, body}, {"Losing a job", 1, rel}, {"Cheap flights to Istanbul", 2, model.ClassAd}, {"Moving house", 3, rel}}, []int{body, body, model.ClassAd, rel}},
		{"an address ends the run", []blk{{announce, 0, body}, {"https://flights.example/istanbul", 1, rel}, {"Moving house", 2, rel}}, []int{body, rel, rel}},
		{"an address without a scheme ends the run", []blk{{announce, 0, body}, {"www.flights.example/istanbul", 1, rel}, {"Moving house", 2, rel}}, []int{body, rel, rel}},
		{"a widget between the announcement and its items", []blk{{announce, 0, body}, {"Also read: how to sleep better", 1, rel}, {"Losing a job", 2, rel}, {"Moving house", 3, nav}}, []int{body, rel, body, body}},
		{"an ad between the announcement and its items", []blk{{announce, 0, body}, {"Home appliances: 20 % off this week", 1, model.ClassAd}, {"Losing a job", 2, rel}}, []int{body, model.ClassAd, body}},
		{"a metadata line is no widget", []blk{{announce, 0, body}, {"Published: 05.08.24 14:47", 1, meta}, {"Related topics", 2, rel}}, []int{body, meta, rel}},
		{"a widget and no item after it", []blk{{announce, 0, body}, {"Also read: how to sleep better", 1, rel}, {"Tags: stress", 2, meta}}, []int{body, rel, meta}},
		{"two widgets", []blk{{announce, 0, body}, {"Also read: how to sleep better", 1, rel}, {"Also read: how to eat well", 2, rel}, {"Losing a job", 3, rel}}, []int{body, rel, rel, rel}},
		{"a full-width colon", []blk{{"压力的常见原因包括以下几种情况 失业 搬家 离婚 疾病：", 0, body}, {"失业", 1, rel}}, []int{body, body}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks, classes := layBlocks(tc.blocks)
			announcedLists(text, blocks, classes)
			checkClasses(t, classes, tc.want)
		})
	}
}

// TestClassifyAnnouncedList checks that a list's items after the sentence
// announcing them are kept in an article sent as text: the model alone
// calls them other, share and legal lines.
func TestClassifyAnnouncedList(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	items := []string{"Losing a job or starting a new one", "Moving house", "Divorce or marriage", "Illness or injury", "Money problems"}
	text := "How to handle the stress of daily life\n\n" +
		"Stress is a problem that many of us face every day, at home and at work, and it builds up over weeks before we notice it.\n\n" +
		"Our bodies work overtime when we deal with the challenges of the day, and some events in life cause more stress than others.\n\n" +
		"The common causes of stress in daily life can include the following:\n\n" +
		strings.Join(items, "\n\n") + "\n"
	res, err := c.Classify(context.Background(), Input{Data: []byte(text), Mode: ModeText})
	if err != nil {
		t.Fatal(err)
	}
	main := res.MainText()
	for _, it := range items {
		if !strings.Contains(main, it) {
			t.Errorf("item %q dropped; main text:\n%s", it, main)
		}
	}
}

// TestAnnouncedListsLinks checks that a markdown list of links after an
// announcing sentence stays boilerplate.
func TestAnnouncedListsLinks(t *testing.T) {
	rel := model.ClassRelated
	text, blocks, classes := layBlocks([]testBlock{{"Read more about the council and its fees here:", 0, model.ClassBody}, {"Council fees", 1, rel}, {"Plain item", 2, rel}})
	blocks[1].LinkBytes = blocks[1].End - blocks[1].Start
	announcedLists(text, blocks, classes)
	checkClasses(t, classes, []int{model.ClassBody, rel, rel})
}

// FuzzAnnouncedLists checks that announcedLists never panics and only
// makes body of boilerplate blocks other than ads.
func FuzzAnnouncedLists(f *testing.F) {
	f.Add("The common causes of stress include the following:\nAlso read: sleep\nLosing a job\nMoving house")
	f.Add("\xff:\n:\nwww.x\n\xc2\xa0")
	f.Fuzz(func(t *testing.T, s string) {
		fuzzRule(t, s, announcedLists, func(before, after int) bool {
			return !model.Content(before) && before != model.ClassAd && after == model.ClassBody
		})
	})
}
