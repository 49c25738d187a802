package segment

import (
	"strings"
	"testing"
)

// nodesPage is a news page written one text node a line, as
// BeautifulSoup's get_text("\n", strip=True) writes it: each paragraph's
// links stand on lines of their own, and so does the rest of each
// sentence.
var nodesPage = []string{
	"Home", "News", "Sport",
	"Council approves new budget",
	"The council voted on", "Tuesday", "to approve a new budget that increases funding for public transport", ".",
	"Critics said the fees would fall hardest on", "small businesses", ", which are still recovering from a difficult year.",
	"The mayor called it", "a fair plan", "; others disagreed with her.",
	"Share",
}

func TestJoinFragments(t *testing.T) {
	page := strings.Join(nodesPage, "\n")
	// the same page with its sentence ends after the links written on the
	// links' lines: no line starts with punctuation
	var closed []string
	for _, l := range nodesPage {
		if l != "" && strings.ContainsRune(".,;", rune(l[0])) {
			closed[len(closed)-1] += strings.TrimSpace(l[:1])
			if rest := strings.TrimSpace(l[1:]); rest != "" {
				closed = append(closed, rest)
			}
			continue
		}
		closed = append(closed, l)
	}
	for _, tc := range []struct {
		name string
		text string
		want []string // the blocks that hold more than one line
	}{
		{"paragraphs of text nodes", page, []string{
			"The council voted on\nTuesday\nto approve a new budget that increases funding for public transport\n.",
			"Critics said the fees would fall hardest on\nsmall businesses\n, which are still recovering from a difficult year.",
			"The mayor called it\na fair plan\n; others disagreed with her.",
		}},
		{"fewer than three lines that start with punctuation: read as it is", strings.Join(closed, "\n"), nil},
		{"a menu of lower-case items stays apart", page + "\nhome\nnews\nsport\nweather", []string{
			"The council voted on\nTuesday\nto approve a new budget that increases funding for public transport\n.",
			"Critics said the fees would fall hardest on\nsmall businesses\n, which are still recovering from a difficult year.",
			"The mayor called it\na fair plan\n; others disagreed with her.",
		}},
		{"a line ending with a colon ends its run", page + "\nThe plan includes the following changes to the routes:\nnew stops near the airport and the harbour", []string{
			"The council voted on\nTuesday\nto approve a new budget that increases funding for public transport\n.",
			"Critics said the fees would fall hardest on\nsmall businesses\n, which are still recovering from a difficult year.",
			"The mayor called it\na fair plan\n; others disagreed with her.",
		}},
		{"a run that ends no sentence stays apart", page + "\nThe mayor said that the plan\nwould start\nin the spring and in the summer of next year", []string{
			"The council voted on\nTuesday\nto approve a new budget that increases funding for public transport\n.",
			"Critics said the fees would fall hardest on\nsmall businesses\n, which are still recovering from a difficult year.",
			"The mayor called it\na fair plan\n; others disagreed with her.",
		}},
		{"Japanese: marks without a space, particles after a link, characters as words", strings.Join([]string{
			"ホーム", "ニュース",
			"東京都は", "7日", "、新型コロナウイルスの感染者が新たに確認されたと発表した。",
			"都内の感染者は", "累計で1000人", "を超え", "、保健所が調査を進めている。",
			"知事は", "記者会見", "で外出の自粛を呼びかけ", "、協力を求めた。",
		}, "\n"), []string{
			"東京都は\n7日\n、新型コロナウイルスの感染者が新たに確認されたと発表した。",
			"都内の感染者は\n累計で1000人\nを超え\n、保健所が調査を進めている。",
			"知事は\n記者会見\nで外出の自粛を呼びかけ\n、協力を求めた。",
		}},
		{"Japanese with half-width corner brackets and comma (｢｣､)", strings.Join([]string{
			"ホーム", "ニュース",
			"バンダイは現代風な自販機｢", "スマートガシャポン", "｣を本格稼働することを発表しました。",
			"公式サイト｢", "ガシャどこ？PLUS", "｣で設置場所が調べられるようですよ。",
			"この自販機は", "池袋駅", "､新宿駅にも導入される予定とのことです。",
		}, "\n"), []string{
			"バンダイは現代風な自販機｢\nスマートガシャポン\n｣を本格稼働することを発表しました。",
			"公式サイト｢\nガシャどこ？PLUS\n｣で設置場所が調べられるようですよ。",
			"この自販機は\n池袋駅\n､新宿駅にも導入される予定とのことです。",
		}},
		{"a blank line ends a run", strings.Replace(page, "Tuesday\n", "Tuesday\n\n", 1), []string{
			"to approve a new budget that increases funding for public transport\n.",
			"Critics said the fees would fall hardest on\nsmall businesses\n, which are still recovering from a difficult year.",
			"The mayor called it\na fair plan\n; others disagreed with her.",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range blockTexts(t, tc.text, TextOptions{Reflow: true}) {
				if strings.Contains(s, "\n") {
					got = append(got, s)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("joined blocks:\n%q\nwant:\n%q", got, tc.want)
			}
		})
	}
}
