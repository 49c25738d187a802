package classifier

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestDoubledHead(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want bool
	}{
		{"persian card", "نوشیدنی که بلوغ زودرس می آورد نوشیدنی که بلوغ زودرس می آورد محققان می گویند مصرف این نوشیدنی ها خطرناک است.", true},
		{"english card", "Why wine smells like petrol Why wine smells like petrol Chemists have found the molecule behind it.", true},
		{"question title", "Do spiders dream? Do spiders dream? A new study watched them sleep.", true},
		{"three words", "Storm hits coast Storm hits coast and more", true},
		{"two words only", "Breaking news Breaking news from the city", false},
		{"doubled and nothing after", "Are we done yet? Are we done yet?", false},
		{"doubled sentence", "A Machine Learning Engineer designs ML systems. A Machine Learning Engineer designs ML systems. More text.", false},
		{"prose", "The council voted on Tuesday to approve the budget, the mayor said.", false},
		{"one word six times", "very very very very very very good", true},
		{"one word five times", "very very very very very good", false},
		{"not at the start", "Read more: Why wine smells like petrol Why wine smells like petrol", false},
		{"extra white space", "  Storm  hits\tcoast\nStorm hits coast  now ", true},
		{"empty", "", false},
		{"invalid utf-8", "\xff\xfe \xfd \xff\xfe \xfd x", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := doubledHead(tc.text); got != tc.want {
				t.Errorf("doubledHead(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestDoubledCards(t *testing.T) {
	lines := []string{
		"Why wine smells like petrol",
		"Chemists found the molecule behind the smell of old riesling.",
		"Do spiders dream? Do spiders dream? A new study watched them sleep.",
		"Do spiders dream? Do spiders dream? A new study watched them sleep.",
		"Do spiders dream? Do spiders dream? A new study watched them sleep.",
	}
	text := strings.Join(lines, "\n")
	var blocks []segment.Block
	for i, pos := 0, 0; i < len(lines); i++ {
		blocks = append(blocks, segment.Block{Start: pos, End: pos + len(lines[i])})
		pos += len(lines[i]) + 1
	}
	classes := []int{model.ClassTitle, model.ClassBody, model.ClassBody, model.ClassTitle, model.ClassMetadata}
	doubledCards(newDoubled(text, blocks), classes, func(int) int { return model.ClassRelated })
	want := []int{model.ClassTitle, model.ClassBody, model.ClassRelated, model.ClassRelated, model.ClassMetadata}
	for i := range want {
		if classes[i] != want[i] {
			t.Errorf("block %d (%q): class %d, want %d", i, lines[i], classes[i], want[i])
		}
	}
}

func TestDoubledWhole(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want bool
	}{
		{"title twice", "Why wine smells like petrol Why wine smells like petrol", true},
		{"bullet first", "* فین کردن خوب است یا بد؟ فین کردن خوب است یا بد؟", true},
		{"heading marks", "## Storm hits coast Storm hits coast", true},
		{"summary after", "Storm hits coast Storm hits coast and more", false},
		{"two words", "Breaking news Breaking news", false},
		{"sentence twice", "The storm hit the coast. The storm hit the coast.", false},
		{"odd count", "a b c a b c d", false},
		{"too long", strings.Repeat("w ", 2*maxDoubled+2), false},
		{"longest", strings.Repeat("w ", 2*maxDoubled), true},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := doubledWhole(tc.text); got != tc.want {
				t.Errorf("doubledWhole(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestCardRuns(t *testing.T) {
	const (
		title, body, meta, rel = model.ClassTitle, model.ClassBody, model.ClassMetadata, model.ClassRelated
	)
	type blk = classedLine
	cardA := []blk{{"Why wine smells like petrol Why wine smells like petrol", rel}, {"Chemists found the molecule behind the smell of old riesling.", body}}
	cardB := []blk{{"- Do spiders dream? Do spiders dream?", title}, {"- A new study watched them sleep in a lab.", body}}
	para := blk{"The council voted on Tuesday to approve the budget, the mayor said.", body}
	for _, tc := range []struct {
		name   string
		blocks []blk
		want   []int
	}{
		{"two cards", append(append([]blk{para}, cardA...), cardB...), []int{body, rel, rel, rel, rel}},
		{"three cards", append(append(append([]blk{}, cardA...), cardB...), cardA...), []int{rel, rel, rel, rel, rel, rel}},
		{"one card", append([]blk{para}, cardA...), []int{body, rel, body}},
		{"heading then body", []blk{{"Storm hits coast Storm hits coast", title}, para, para}, []int{title, body, body}},
		{"cards broken by a paragraph", append(append(append([]blk{}, cardA...), para), cardB...), []int{rel, body, body, title, body}},
		{"metadata keeps its class", append([]blk{cardA[0], {"Chemists found it.", meta}}, cardB...), []int{rel, meta, rel, rel}},
		{"title twice, then the title", []blk{cardA[0], cardA[0], cardB[0], cardB[1]}, []int{rel, rel, title, body}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks, classes := linePage(tc.blocks)
			cardRuns(newDoubled(text, blocks), classes, func(int) int { return rel })
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes %v, want %v", classes, tc.want)
			}
		})
	}
}

// FuzzDoubledHead checks that doubledHead never panics and says true only
// when the words strings.Fields gives start with a doubled phrase of
// minDoubled words or more that more words follow.
func FuzzDoubledHead(f *testing.F) {
	for _, s := range []string{"a b c a b c d", "a b c a b c", "x. y. z. x. y. z. w", "", "\xff \xfe \xfd \xff \xfe \xfd \xfc", "نوشیدنی که بلوغ نوشیدنی که بلوغ زودرس", strings.Repeat("w ", 30) + "x", "a\u00a0b\u3000c\u2028a b c d", "中文\u3000新闻。「中文」\u3000新闻。「中文」 x", "\xe3\x80 \xe3\x80 \xe3\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := doubledWhole(s), doubledWholeFields(s); got != want {
			t.Fatalf("doubledWhole(%q) = %v, strings.Fields reading %v", s, got, want)
		}
		got := doubledHead(s)
		if want := doubledHeadFields(s); got != want {
			t.Fatalf("doubledHead(%q) = %v, strings.Fields reading %v", s, got, want)
		}
		if !got {
			return
		}
		ws := strings.Fields(s)
		for k := minDoubled; k <= maxDoubled && 2*k < len(ws); k++ {
			if strings.Join(ws[:k], " ") == strings.Join(ws[k:2*k], " ") {
				return
			}
		}
		t.Errorf("doubledHead(%q) without a doubled phrase", s)
	})
}

// doubledHeadFields is doubledHead written plainly: the words of
// strings.Fields, every phrase length tried.
func doubledHeadFields(s string) bool {
	ws := strings.Fields(s)
	if len(ws) > 2*maxDoubled+1 {
		ws = ws[:2*maxDoubled+1]
	}
	for k := minDoubled; 2*k < len(ws); k++ {
		if sentenceEnd(ws[k-1]) {
			return false
		}
		if slices.Equal(ws[:k], ws[k:2*k]) {
			return true
		}
	}
	return false
}

// doubledWholeFields is doubledWhole written plainly, on the words of
// strings.Fields.
func doubledWholeFields(s string) bool {
	ws := strings.Fields(s)
	for len(ws) > 0 && !strings.ContainsFunc(ws[0], isLetterOrDigit) {
		ws = ws[1:]
	}
	k := len(ws) / 2
	return len(ws)%2 == 0 && k >= minDoubled && k <= maxDoubled && !sentenceEnd(ws[k-1]) &&
		strings.Join(ws[:k], " ") == strings.Join(ws[k:], " ")
}

// TestSpaceAt checks spaceAt against unicode.IsSpace on every rune
// alone, and on the bytes of invalid UTF-8.
func TestSpaceAt(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		want := 0
		if unicode.IsSpace(r) {
			want = utf8.RuneLen(r)
		}
		if got := spaceAt(string(r)+"x", 0); got != want {
			t.Fatalf("spaceAt(%U) = %d, want %d", r, got, want)
		}
	}
	for _, s := range []string{"\xc2", "\xc2\x20", "\xe2\x80", "\xe3\x80", "\x80", "\xff"} {
		if got := spaceAt(s, 0); got != 0 {
			t.Errorf("spaceAt(%q) = %d, want 0", s, got)
		}
	}
}

func TestCardPage(t *testing.T) {
	const body, rel = model.ClassBody, model.ClassRelated
	card := "Why wine smells like petrol Why wine smells like petrol Chemists have found the molecule behind it."
	title := "Do spiders dream? Do spiders dream?"
	para := "The council voted on Tuesday to approve the budget, the mayor said."
	rep := func(s string, n int) []string { return slices.Repeat([]string{s}, n) }
	for _, tc := range []struct {
		name    string
		lines   []string
		classes func(i int) int // nil: every block body
		want    bool
	}{
		{"front page of cards", slices.Concat(rep(card, 4), rep(para, 2)), nil, true},
		{"titles written twice", slices.Concat(rep(title, 3), rep(para, 6)), nil, true},
		{"article with cards after it", slices.Concat(rep(para, 8), rep(card, 3)), nil, false},
		{"two cards", slices.Concat(rep(card, 2), rep(para, 1)), nil, false},
		{"cards already boilerplate", slices.Concat(rep(card, 4), rep(para, 2)), func(i int) int {
			if i < 4 {
				return rel
			}
			return body
		}, false},
		{"empty", nil, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks(tc.lines)
			classes := make([]int, len(blocks))
			for i := range classes {
				classes[i] = body
				if tc.classes != nil {
					classes[i] = tc.classes(i)
				}
			}
			if got := cardPage(newDoubled(text, blocks), classes); got != tc.want {
				t.Errorf("cardPage = %v, want %v", got, tc.want)
			}
		})
	}
}
