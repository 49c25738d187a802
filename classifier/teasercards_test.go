package classifier

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestTeaserCards(t *testing.T) {
	const rel = model.ClassRelated
	para := "The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts of the city, and the mayor said the money had been found in last year's budget after a long search."
	article := []string{para, para, para, para} // 4 × 38 words
	summary := "Apple has started to record its virtual September event, where it is expected to announce the new phones."
	card := func(head, date string, more ...string) []string {
		return slices.Concat([]string{head, date}, more, []string{summary})
	}
	cards := slices.Concat(
		card("Apple Preparing Pre-Recorded iPhone 14 Event", "Sunday August 7, 2022 6:13 am"),
		card("Color Options for All iPhone 14 Models", "Monday August 8, 2022 3:59 am", "by Hartley Charlton"),
		card("iOS 16 Beta 5: Battery Percentage in the Status Bar", "2022-08-08 10:43"),
	)
	trailed := slices.Concat(
		card("Apple Preparing Pre-Recorded iPhone 14 Event", "Sunday August 7, 2022 6:13 am"), []string{"Read Full Article • 128 comments"},
		card("Color Options for All iPhone 14 Models", "Monday August 8, 2022 3:59 am"), []string{"Read Full Article • 40 comments"},
		card("iOS 16 Beta 5: Battery Percentage in the Status Bar", "2 hours ago"),
	)
	persian := slices.Concat(
		card("افزایش قیمت بلیت قطار از هفته آینده", "۲۵ آذر ۱۴۰۲ - ۱۴:۱۰"),
		card("بارش برف در جاده‌های شمالی کشور", "۲۵ آذر ۱۴۰۲ - ۱۵:۲۰"),
		card("آغاز ثبت نام وام ازدواج در بانک‌ها", "۲۶ آذر ۱۴۰۲ - ۰۹:۰۵"),
	)
	cut := "Apple has started to record its virtual September event, where it is expected to…"
	truncated := []string{"Apple Preparing Its Event", cut, "Color Options for All Models", cut, "Battery Percentage", cut}
	for _, tc := range []struct {
		name  string
		lines []string
		want  int // blocks from the end that become boilerplate
	}{
		{"cards after the article", slices.Concat(article, cards), len(cards)},
		{"a trailer line between cards", slices.Concat(article, trailed), len(trailed)},
		{"persian cards", slices.Concat(article, persian), len(persian)},
		{"two cards", slices.Concat(article, cards[:7]), 0},
		{"no article before", cards, 0},
		{"the article goes on", slices.Concat(article, cards, article), 0},
		{"two runs, the second ending the page", slices.Concat(article, cards, article, cards), len(cards)},
		{"a live blog's entries of two paragraphs", slices.Concat(article,
			[]string{"Markle trusts her mother", "12:41", para, para, "A staffer in tears", "12:10", para, para, "A poll of voters", "11:52", para, para}), 0},
		{"quoted tweets between paragraphs", slices.Concat(article,
			[]string{"Now there's a brand of leadership.", "— Jane Roe (@jroe) April 15, 2019", para, "What do I know about it?", "— Al Fox (@alfox) April 15, 2019", para, "Fix the plane right now!", "— Jane Roe (@jroe) April 16, 2019", para}, article, article), 0},
		{"no summaries", slices.Concat(article, []string{"Title one here", "2022-08-08 10:43", "Title two here", "2022-08-08 11:43", "Title three here", "2022-08-08 12:43"}), 0},
		{"truncated summaries", slices.Concat(article, truncated), len(truncated)},
		{"truncated summaries with three dots", slices.Concat(article, []string{"Title one here", summary[:60] + "...", "Title two here", summary[:70] + "...", "Title three here", summary[:80] + "..."}), 6},
		{"two truncated summaries", slices.Concat(article, truncated[:4]), 0},
		{"summaries cut and whole", slices.Concat(article, truncated[:4], []string{"Battery Percentage", summary}), 0},
		{"a headline that is cut too", slices.Concat(article, []string{"Apple Preparing…", cut, "Color Options…", cut, "Battery…", cut}), 0},
		{"headlines of one word", slices.Concat(article, []string{"Sport", "2022-08-08 10:43", summary, "Money", "2022-08-08 11:43", summary, "Travel", "2022-08-08 12:43", summary}), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkTail(t, tc.lines, tc.want, rel, func(text string, blocks []segment.Block, classes []int) {
				teaserCards(text, blocks, classes, func(int) int { return rel }, true, &paraWords{})
			})
		})
	}
}

func TestTrailedCards(t *testing.T) {
	const (
		body  = model.ClassBody
		other = model.ClassOther
		ad    = model.ClassAd
		rel   = model.ClassRelated
	)
	para := "The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts of the city, and the mayor said the money had been found in last year's budget after a long search."
	summary := "Alan Thicke, the actor best known for his starring role in the sitcom, died on Tuesday in Los Angeles."
	article := []classedLine{{"Veteran Wraps Baby in Flag", model.ClassTitle}, {para, body}, {para, body}, {para, body}, {para, body}} // 4 × 38 words
	// card: a headline, its summary, the list's chrome after it
	card := func(head string, chrome ...classedLine) []classedLine {
		return slices.Concat([]classedLine{{head, body}, {summary, body}}, chrome)
	}
	save := []classedLine{{"Good Morning America", other}, {"Save", other}, {"More like this", other}}
	cards := slices.Concat(card("Growing Pains Star Dead at 69", save...), card("Trump Picks Zinke for Interior", save...), card("Critics on the New Star Wars Film", save...))
	taken := func(lines []classedLine, from, to int) []int {
		want := make([]int, len(lines))
		for i, l := range lines {
			want[i] = l.class
			if i >= from && i < to && model.Content(l.class) {
				want[i] = rel
			}
		}
		return want
	}
	n := len(article)
	header := []classedLine{{"Recommended for You", other}}
	withAd := slices.Concat(cards[:5], []classedLine{{"IFC Markets. Forex trading", other}, {"Excellent conditions for professional trading on five hundred instruments, regulated twice.", body}}, cards[5:])
	for _, tc := range []struct {
		name    string
		lines   []classedLine
		article bool // the page model names the page an article
		from    int  // the blocks [from, to) turn boilerplate
		to      int
	}{
		{"cards after the article", slices.Concat(article, header, cards), true, n, n + 1 + len(cards)},
		{"an advertiser's card between two", slices.Concat(article, header, withAd), true, n, n + 1 + len(withAd)},
		{"a page of another kind", slices.Concat(article, header, cards), false, 0, 0},
		{"two cards", slices.Concat(article, header, cards[:10]), true, 0, 0},
		{"the article goes on", slices.Concat(article, header, cards, article[1:]), true, 0, 0},
		{"chrome the article holds", slices.Concat(article[:1], []classedLine{{"Save", body}}, article[1:], header,
			card("Growing Pains Star Dead at 69", classedLine{"Save", other}),
			card("Trump Picks Zinke for Interior", classedLine{"Save", other}),
			card("Critics on the New Star Wars Film", classedLine{"Save", other})), true, 0, 0},
		{"an ad slot's label between sections", slices.Concat(article, header,
			card("The Gown at the Dune Premiere", classedLine{"Advertisement", ad}),
			card("Her Ensemble for the French Premiere", classedLine{"Advertisement", ad}),
			card("Another Set She Wore in Paris", classedLine{"Advertisement", ad})), true, 0, 0},
		{"a label that announces a link", slices.Concat(article, header,
			card("Confirm the equipment is in order", classedLine{"Related:", other}),
			card("Use extension cords with caution", classedLine{"Related:", other}),
			card("Use permanent receptacles for equipment", classedLine{"Related:", other})), true, 0, 0},
		{"sections the chrome follows too", slices.Concat(article, header,
			card("Welcome upside surprise: RBC Economics", classedLine{"Article content", other}), []classedLine{{para, body}, {"Article content", other}},
			card("The economy is not booming: BMO", classedLine{"Article content", other}), []classedLine{{para, body}, {"Article content", other}},
			card("Strength increases the chance of rate hikes", classedLine{"Article content", other}), []classedLine{{para, body}, {"Article content", other}}), true, 0, 0},
		{"section breaks", slices.Concat(article, header,
			card("The debt in the declaration of the leaders", classedLine{"*", other}),
			card("A second look at what the fund is for", classedLine{"*", other}),
			card("What the lenders may hope for in a crisis", classedLine{"*", other})), true, 0, 0},
		{"sections each under a picture's button", slices.Concat(article[:len(article)-1], []classedLine{{"Click to enlarge", other}},
			card("Keep away from the screen", classedLine{"Click to enlarge", other}),
			card("Lower the strength of your lenses", classedLine{"Click to enlarge", other}),
			card("Look into the distance when you rest", classedLine{"Click to enlarge", other})), true, 0, 0},
		{"cards right after the article's paragraph", slices.Concat(article, cards[:len(cards)-3], card("Yet another story for you", save...)), true, 0, 0},
		{"headlines of two words", slices.Concat(article, header, card("Growing Pains", save...), card("Trump Picks", save...), card("Critics Agree", save...)), true, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks, classes := linePage(tc.lines)
			teaserCards(text, blocks, classes, func(int) int { return rel }, tc.article, &paraWords{})
			if want := taken(tc.lines, tc.from, tc.to); !slices.Equal(classes, want) {
				t.Errorf("classes %v, want %v", classes, want)
			}
		})
	}
}

// FuzzTeaserCards checks that teaserCards never panics and only turns
// content blocks into the class boilerplate gives.
func FuzzTeaserCards(f *testing.F) {
	f.Add("a b c\n2022-08-08 10:43\none two three four five six seven eight nine ten eleven twelve\nx y z\n1:01 2025\nw")
	f.Add("\xff\n\xc2\xa0 1:1 2025\n:\n")
	f.Add("a b c d\none two three four five six seven eight nine ten eleven twelve\nSave\nx y z w\none two three four five six seven eight nine ten eleven twelve\nSave\nq r s t\none two three four five six seven eight nine ten eleven twelve\nSave")
	f.Fuzz(func(t *testing.T, s string) {
		fuzzRule(t, s, func(text string, blocks []segment.Block, classes []int) {
			teaserCards(text, blocks, classes, func(int) int { return model.ClassRelated }, true, nil)
		}, func(before, after int) bool { return model.Content(before) && after == model.ClassRelated })
	})
}

func TestEndsEllipsis(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"ellipsis", "The council voted on Tuesday to…", true},
		{"three dots", "The council voted on Tuesday to...", true},
		{"full stop", "The council voted on Tuesday.", false},
		{"trailing white space", "The council voted on Tuesday to… \t", true},
		{"no-break space", "Le conseil a voté mardi…\u00a0", true},
		{"direction marks", "شورای شهر روز سه شنبه…\u200f\u202c", true},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := endsEllipsis(tc.text); got != tc.want {
				t.Errorf("endsEllipsis(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

// TestClassifyTrailedCards runs a text page whose article is followed by
// a list of cards, each a headline, a summary and the list's own lines,
// through the shipped model: the summaries go, the article stays (without
// trailed cards the first card's headline and summary are kept, at 0.51
// and 0.76).
func TestClassifyTrailedCards(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	stories := [][2]string{
		{"Growing Pains Star Alan Thicke Dead at 69", "Alan Thicke, the actor best known for his starring role in the sitcom Growing Pains, died on Tuesday in Los Angeles after falling ill."},
		{"Trump Picks Montana Congressman for Interior Secretary", "The president-elect offered the job of secretary of the interior to a former Navy SEAL who represents Montana in Congress."},
		{"What Critics Are Saying About the New Star Wars Film", "Reviewers praised the battle scenes and the cast of the first stand-alone film of the series, though some found its opening slow."},
		{"Woman Shares Her Journey From Fitness Competitor to Cancer Patient", "A young woman has been documenting her treatment online, and she says the messages from strangers have kept her going."},
	}
	var page strings.Builder
	page.WriteString("Home\nNews\nSports\nVeteran Wraps Baby in American Flag, Photo Sparks Controversy\nBy Gillian Mohney March 11, 2015\n")
	for _, p := range []string{
		"A photographer and Navy veteran is fighting back after a photo she posted to social media started an online debate about how the flag should be treated.",
		"Vanessa Hicks said she had no idea her photo would be considered controversial. The photo, taken at a homecoming, shows her newborn son wrapped in the flag.",
		"Hicks, a veteran herself and the wife of an active-duty sailor, said her intention was to honour the sacrifice that military families make every day.",
		"She said she stayed up until four in the morning to take down the comments from her business page, and that strangers wrote to support her.",
	} {
		page.WriteString(p + "\n")
	}
	page.WriteString("Share this\nRecommended for You\n")
	for _, s := range stories {
		page.WriteString(s[0] + "\n" + s[1] + "\nGood Morning America\nSave\nMore like this\nFewer like this\n")
	}
	page.WriteString("Terms of Service\nPrivacy Policy\n")
	res, err := c.Classify(context.Background(), Input{Data: []byte(page.String()), Mode: ModeText})
	if err != nil {
		t.Fatal(err)
	}
	main := res.MainText()
	for _, s := range stories {
		if strings.Contains(main, s[1]) {
			t.Errorf("a card's summary is kept: %q", s[1])
		}
	}
	if !strings.Contains(main, "strangers wrote to support her") {
		t.Errorf("the article's last paragraph is lost:\n%s", main)
	}
}
