package classifier

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestDateLine(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want bool
	}{
		{"english", "December 19, 2025, 1:01 am", true},
		{"iso", "2024-10-23 14:10", true},
		{"german", "23.10.2024 um 14:10 Uhr", true},
		{"persian digits", "۲۵ آذر ۱۴۰۲ - ۱۴:۱۰", true},
		{"arabic-indic digits", "٢٠٢٥/١٢/١٩ ١٠:٣٠", true},
		{"full-width digits", "２０２５-１２-１９ １０:３０", true},
		{"full-width punctuation", "你好，世界（测试）：", false},
		{"devanagari digits", "२०२५-१२-१९ १०:३०", false},
		{"year and day", "Sun Sep 01, 2019", true},
		{"chronology entry", "April 18, 1958:", false},
		{"one number", "Posted in 2019", false},
		{"no anchor", "12 replies 4 likes", false},
		{"prose", "The council voted on 19 December 2025 to approve the plan at 10:00.", false},
		{"long", strings.Repeat("2025 ", 20), false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := dateLine(tc.text); got != tc.want {
				t.Errorf("dateLine(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestRelativeDate(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want bool
	}{
		{"english", "73 months ago", true},
		{"german", "vor 3 Stunden", true},
		{"french", "il y a 2 jours", true},
		{"persian", "۳ ساعت پیش", true},
		{"russian", "3 часа назад", true},
		{"one word of letters", "26 hours", false},
		{"number last", "Head Line 2", false},
		{"two numbers", "3 hours 20 minutes", false},
		{"a long number", "2025 was great", false},
		{"punctuation", "3 hours ago.", false},
		{"too many words", "it was 3 hours ago now", false},
		{"no number", "a while ago", false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := relativeDate(tc.text); got != tc.want {
				t.Errorf("relativeDate(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestHeaderLine(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want bool
	}{
		{"title, date, author", "# re: 很高兴入住博客堂 2004-12-27 12:46 flyingbirds", true},
		{"posted by", "Posted by Jane on 19.12.2025 at 14:10", true},
		{"year and day", "Jane Roe, March 3, 2024", true},
		{"persian", "مریم ۱۴۰۲/۰۹/۲۵ ۱۴:۱۰", true},
		{"a date alone", "2004-12-27 12:46", false},
		{"a clock alone", "Jane at 12:46", false},
		{"a rating", "Clients Review: (4.9/5 stars)", false},
		{"a quotation's source", "— Jane Roe (@jroe) April 15, 2019", false},
		{"a sentence", "Jane wrote on 2004-12-27 that it was late.", false},
		{"too many words", "one two three four five six seven eight nine ten 2004-12-27", false},
		{"too long", strings.Repeat("x", 110) + " 2004-12-27 12:46", false},
		{"a name and a relative date", "jwatson 2 hours ago", true},
		{"a name of two words and a relative date", "Karen M. vor 3 Stunden", true},
		{"a relative date alone", "2 hours ago", false},
		{"a name with digits", "user42 2 hours ago", false},
		{"a name of five words", "the one and only Jane 2 hours ago", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := headerLine(tc.text); got != tc.want {
				t.Errorf("headerLine(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestDateWord(t *testing.T) {
	for _, tc := range []struct {
		word string
		want bool
	}{
		{"2004-12-27", true}, {"19.12.2025,", true}, {"12/27/04", true}, {"(2005-1-16)", true}, {"۱۴۰۲/۰۹/۲۵", true},
		{"4.9/5", false}, {"1.2.3.4", false}, {"123-45-6789", false}, {"2004-12", false}, {"12:46", false}, {"a-b-c", false},
	} {
		t.Run(tc.word, func(t *testing.T) {
			if got := dateWord(tc.word); got != tc.want {
				t.Errorf("dateWord(%q) = %v, want %v", tc.word, got, tc.want)
			}
		})
	}
}

func TestCommentDate(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want bool
	}{
		{"english", "December 19, 2025, 1:01 am", true},
		{"spanish", "3 de mayo de 2024 a las 10:15", true},
		{"relative", "2 hours ago", true},
		{"six words of letters", "on the 3rd of May in 2024 at 10:15", false},
		{"no digits", "Reply", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := commentDate(tc.text); got != tc.want {
				t.Errorf("commentDate(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
	if dateLine("3 de mayo de 2024 a las 10:15") {
		t.Error("dateLine takes five words of letters; teaserCards' dates keep to four")
	}
}

func TestNameLine(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want bool
	}{
		{"name", "Shirley Dulcey", true},
		{"handle", "user_1987", true},
		{"sentence", "Thanks.", false},
		{"lead-in", "Update:", false},
		{"an author who says", "Juan Pérez dice:", true},
		{"an author who says, French", "Paul dit :", true},
		{"five words", "one two three four five", false},
		{"a date", "2024-10-23 14:10", false},
		{"empty", "  ", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := nameLine(tc.text); got != tc.want {
				t.Errorf("nameLine(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestDatedThreads(t *testing.T) {
	const com = model.ClassComments
	para := "The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts of the city, and the mayor said the money had been found in last year's budget after a long search."
	article := []string{para, para, para, para} // 4 × 38 words
	comment := func(name, date string) []string {
		return []string{name, date, "I take this bus every day and it is always late, so this is good news for everyone here."}
	}
	thread := slices.Concat(comment("Pete", "December 19, 2025, 1:01 am"), comment("Laura Ty", "December 19, 2025, 1:59 am"), comment("Ty", "December 19, 2025, 4:03 am"))
	// one header line a comment, author and date on it
	headers := []string{"# re: Bus routes 2004-12-27 12:46 flyingbirds", "Good news.", "# re: Bus routes 2004-12-27 12:53 hanxing", "Finally!", "I waited years.", "# re: Bus routes 2004-12-28 9:20 Pete", "Late again today."}
	zhPara := strings.Repeat("承蒙开心就好的邀请，很高兴入住博客堂。", 6) // 6 × 17 letters
	zhHeaders := []string{"# re: 很高兴入住博客堂 2004-12-27 12:46 flyingbirds", "呵呵，又来了一位大哥啊", "# re: 很高兴入住博客堂 2004-12-27 12:53 寒星", "很不错。", "# re: 很高兴入住博客堂 2004-12-27 12:55 scong", "名人来了"}
	for _, tc := range []struct {
		name  string
		lines []string
		want  int // blocks from the end that become comments
	}{
		{"thread after the article", slices.Concat(article, thread), len(thread)},
		{"two units", slices.Concat(article, thread[:6]), 0},
		{"no article before", thread, 0},
		{"chronology", slices.Concat(article, []string{"Baseball", "April 18, 1958:", para, "Football", "May 7, 1959:", para, "Boxing", "June 1, 1960:", para}), 0},
		{"units too far apart", slices.Concat(article, comment("Pete", "2025-12-19 01:01"), article, article, article, comment("Ty", "2025-12-19 02:01"), comment("Al", "2025-12-19 03:01")), 0},
		{"header lines", slices.Concat(article, headers), len(headers)},
		{"header lines of a Chinese article", slices.Concat([]string{zhPara, zhPara}, zhHeaders), len(zhHeaders)},
		{"a short Chinese article", slices.Concat([]string{zhPara[:90]}, zhHeaders), 0},
		{"header lines with no word in common", slices.Concat(article, []string{"Pete 2004-12-27 12:46", "Good.", "Laura 2004-12-27 12:53", "Yes.", "Ty 2004-12-28 09:10", "No."}), 0},
		{"a column of dates", slices.Concat(article, []string{"12.04.2024, 10:21 Uhr", "Title one", "27.03.2024, 12:29 Uhr", "Title two", "25.03.2024, 05:13 Uhr", "Title three"}), 0},
		{"quoted tweets", slices.Concat(article, []string{"Now there's a brand.", "— Jane Roe (@jroe) April 15, 2019", para, "What do I know?", "— Al Fox (@alfox) April 15, 2019", para, "Fix the plane!", "— Jane Roe (@jroe) April 16, 2019", para}), 0},
		{"a forum's posts from the top", slices.Concat(article[:2], headers, article[:2], headers), 0},
		{"a blog's authors who say, and long dates", slices.Concat(article, comment("Juan Pérez dice:", "3 de mayo de 2024 a las 10:15"), comment("Lucía dice:", "3 de mayo de 2024 a las 12:40"), comment("Ana dice:", "4 de mayo de 2024 a las 9:02")), 9},
		{"relative dates", slices.Concat(article, comment("jyen", "73 months ago"), comment("Return Zero", "73 months ago"), comment("AngerDanger", "2 hours ago")), 9},
		{"names and relative dates on one line", slices.Concat(article, []string{"jwatson 2 hours ago", "About time, I ride this route every day.", "Reply", "Karen M. 1 hour ago", "Another waste of money.", "Reply", "DaveR 45 minutes ago", "Which one is it?"}), 8},
		{"names and relative dates ending in other words", slices.Concat(article, []string{"Anna K. vor 2 Stunden", "Endlich, das wurde Zeit.", "Peter vor 45 Minuten", "Reine Geldverschwendung.", "Mia Sch. vor 1 Stunde", "Welche Zahl stimmt denn?"}), 6},
		{"one source's relative dates", slices.Concat(article, []string{"Posted 2 hours ago", "Storm closes schools", "Posted 3 hours ago", "Budget approved", "Posted 5 hours ago", "Bakery wins award"}), 0},
		{"a table of hours", slices.Concat(article, []string{"Suunto Run", "$200", "20 hours", "Coros Vertix 2S", "$700", "118 hours", "Polar Grit X2", "$800", "30 hours"}), 0},
		{"numbered labels", slices.Concat(article, []string{"Learn More", "Head Line 2", para, "Learn More", "Head Line 3", para, "Learn More", "Head Line 4", para}), 0},
		{"adjacent header lines", slices.Concat(article, []string{"# re: Title 2004-12-27 12:46 pete", "# re: Title 2004-12-27 12:53 laura", "# re: Title 2004-12-27 12:55 ty"}), 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkTail(t, tc.lines, tc.want, com, func(text string, blocks []segment.Block, classes []int) {
				datedThreads(text, blocks, classes, &paraWords{})
			})
		})
	}
}

// checkTail runs a rule on a test page of lines, one block each, whose
// first block is metadata and the others body, and checks that the last
// n blocks have become class and the rest kept theirs.
func checkTail(t *testing.T, lines []string, n, class int, rule func(text string, blocks []segment.Block, classes []int)) {
	t.Helper()
	text, blocks := lineBlocks(lines)
	classes := make([]int, len(blocks))
	for i := range classes {
		classes[i] = model.ClassBody
	}
	classes[0] = model.ClassMetadata // a boilerplate block keeps its class
	rule(text, blocks, classes)
	for i, k := range classes {
		want := model.ClassBody
		if i == 0 {
			want = model.ClassMetadata
		}
		if i >= len(classes)-n && want == model.ClassBody {
			want = class
		}
		if k != want {
			t.Errorf("block %d (%q): class %d, want %d", i, lines[i], k, want)
		}
	}
}

// FuzzDatedThreads checks that datedThreads never panics and only turns
// content blocks, and blocks of a thread's own boilerplate classes
// (threadLine), into comments.
func FuzzDatedThreads(f *testing.F) {
	f.Add("Pete\nDecember 19, 2025, 1:01 am\nGood.\nTy\n2024-10-23 14:10\nYes.\nAl\n1:02 2025\nNo.")
	f.Add("\xff\n\xc2\xa0 1:1 2025\n:\n")
	f.Add("# re: T 2004-12-27 12:46 a\nx\n# re: T 2004-12-27 12:53 b\ny\n# re: T 2004-12-28 9:20 c\nz")
	f.Add("jwatson 2 hours ago\nAbout time.\nReply\nKaren M. 1 hour ago\nNo.\nReply\nDaveR 45 minutes ago\nWhich?")
	f.Fuzz(func(t *testing.T, s string) {
		fuzzRule(t, s, func(text string, blocks []segment.Block, classes []int) {
			datedThreads(text, blocks, classes, nil)
		}, func(before, after int) bool {
			return (model.Content(before) || threadLine(before)) && after == model.ClassComments
		})
		_ = dateLine(s)
		_ = nameLine(s)
		_ = headerLine(s)
		_ = articleWords(s, minThreadArticle)
	})
}

// TestArticleWordsPrefix checks articleWords' shortcut (a long text
// whose first wordsPrefix bytes already hold the limit's spaces) against
// the count of all of its spaces, for texts around the shortcut's edges.
func TestArticleWordsPrefix(t *testing.T) {
	whole := func(s string, limit int) int { // articleWords without the shortcut
		if n := strings.Count(s, " ") + 1; n > threadParagraph {
			return min(n, limit)
		}
		return articleWords(s, limit) // no more spaces than threadParagraph: the shortcut cannot apply
	}
	for _, word := range []string{"a", "word", "longerwords", "漢字", "a tail"} {
		for words := 1; words <= 80; words++ {
			s := strings.TrimSpace(strings.Repeat(word+" ", words))
			if word == "a tail" { // the words, then no space after the prefix
				s = strings.Repeat("a ", words) + strings.Repeat("x", wordsPrefix)
			}
			if len(s) <= wordsPrefix {
				continue // the shortcut reads only longer texts
			}
			for _, limit := range []int{1, 3, 12, 26, 31, 100} {
				if got, want := articleWords(s, limit), whole(s, limit); got != want {
					t.Errorf("articleWords(%d × %q, %d) = %d, want %d", words, word, limit, got, want)
				}
			}
		}
	}
}

// TestParaWords checks that afterArticleWords gives the same block with a
// paraWords kept across calls as without one, while the blocks' classes
// change between the calls as the rules between them change them, and
// that the kept counts are articleWords'.
func TestParaWords(t *testing.T) {
	para := strings.Repeat("a word of the article ", 8) // 32 words
	lines := []string{
		"Headline of the story", para, "short line", para + para, "漢字かな交じりの文がここに続いて三十字を超えるまで書かれている",
		"ไทยภาษาไทยภาษาไทย", "", para[:60], "Comments (3)", para, "x y z", para,
	}
	text, blocks := lineBlocks(lines)
	rng := rand.New(rand.NewPCG(1, 2))
	var memo paraWords
	classes := make([]int, len(blocks))
	for round := range 200 {
		for i := range classes {
			if rng.IntN(3) == 0 {
				classes[i] = rng.IntN(model.NumClasses)
			}
		}
		if got, want := afterArticleWords(text, blocks, classes, &memo), afterArticleWords(text, blocks, classes, nil); got != want {
			t.Fatalf("round %d: %d with the kept counts, %d without", round, got, want)
		}
	}
	for i := range blocks {
		want := articleWords(text[blocks[i].Start:blocks[i].End], minThreadArticle)
		for range 2 { // counted, then kept
			if got := memo.words(text, blocks, i); got != want {
				t.Errorf("block %d: %d, articleWords %d", i, got, want)
			}
		}
	}
}
