package model

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/segment"
)

func TestHeadlineShaped(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"english headline", "Council approves the new bus routes", true},
		{"headline with a date", "Why wine smells like strawberry, pepper and petrol - 19 January 2026", true},
		{"quoted headline", "“The spirit behind the Pisco Sour”", true},
		{"sentence", "The council approved the routes on Tuesday.", false},
		{"quoted sentence", `He said: "we will go."`, false},
		{"question", "Is my site slower than it was last week?", false},
		{"lead-in", "Other key measures in the programme include:", false},
		{"two words", "Read more", false},
		{"japanese headline", "フジテレビは日枝久氏を切れないのか 取締役会で辞任に言及", true},
		{"japanese sentence", "取締役会で辞任について議論が行われた。", false},
		{"short japanese", "閉じる", false},
		{"persian headline", "همکاری اطلاعاتی مسکو با طالبان علیه داعش", true},
		{"persian question", "چرا مسئولین هیچ کاری نمی کنند؟", false},
		{"numbered section", "11.2. Index Types and Their Uses", false},
		{"numbered item", "3) Decide what you want to learn", false},
		{"leading year", "2025 drinks calendar for the trade", true},
		{"too long", strings.Repeat("word ", 40), false},
		{"empty", "", false},
		{"only quotes", "”’»", false},
		{"german quoted sentence", "Er sagte: „Das ist ein Kampf.“", false},
		{"german quoted headline", "Bundestagspräsidentin soll „über Parteipolitik stehen“", true},
		{"chinese quote after a stop", "有人讥笑他活得象条狗，他却不恼。“", true},
		{"persian sentence, direction mark", "همکاری اطلاعاتی مسکو با طالبان علیه داعش ادامه دارد.\u200f", false},
		{"french quoted sentence", "Le ministre a répondu : « Ce sera la fin.\u00a0»", false},
		{"japanese sentence in brackets", "首相は記者団に「辞任はしない」と話した。】", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := headlineShaped(tc.text); got != tc.want {
				t.Errorf("headlineShaped(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestSummaryShaped(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"one sentence", "The council voted on Tuesday to approve a plan for new bus routes.", true},
		{"persian sentence", "در این گزارش از راز نقاشی هایی پرده برداری می کنیم که سال ها پنهان مانده بود.", true},
		{"two sentences", "The council voted on Tuesday. Residents had asked for it for years.", false},
		{"a headline", "Council approves the new bus routes", false},
		{"too short", "Yes, it did.", false},
		{"too long", strings.Repeat("word ", 60) + "end.", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := summaryShaped(tc.text); got != tc.want {
				t.Errorf("summaryShaped(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

// TestDecideDoc checks the run rules: a run of headline lines, teaser
// cards or interleaved boilerplate and text after the article is cut where
// the ordinary decoding keeps it, and neither an article that is a list
// nor a short run moves.
func TestDecideDoc(t *testing.T) {
	const para = "The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts."
	const head = "Five things to know about the new bus routes"
	const summ = "Residents of the northern districts will wait less for a bus."
	const dated = "Why wine smells like strawberry, pepper and petrol - 19 January 2026"
	// s: an article sentence at content probability 0.95; h: a headline
	// and u: a one-sentence summary, both at 0.7 (content at 0.5, below
	// Outside); m: a boilerplate line (0.1) and c: a comment's sentence
	// (0.7); l: a linked headline (0.7, HTML only); d: a headline ending
	// with a date and f: a month's heading (0.7); p: a headline with a
	// third of it linked (0.7, HTML only); q: a headline asked as a
	// question (0.7); P: a paragraph of three such sentences (0.95).
	tests := []struct {
		name, page, want string // want: k kept, r turned to boilerplate
		html             bool
	}{
		{"teasers after the article", "sssssshhhhhh", "kkkkkkrrrrrr", false},
		{"a run of four stays", "sssssshhhh", "kkkkkkkkkk", false},
		{"an article that is a list", "sshhhhhhhhhhhh", "kkkkkkkkkkkkkk", false},
		{"a list inside the article", "ssssssshhhhhsssssss", "kkkkkkkkkkkkkkkkkkk", false},
		{"no headlines", "ssss", "kkkk", false},
		{"teaser cards after the article", "sssssshuhuhu", "kkkkkkrrrrrr", false},
		{"two cards stay", "sssssshuhu", "kkkkkkkkkk", false},
		{"a thread after the article", "ssssssmcmcmccmc", "kkkkkkrrrrrrrrr", false},
		{"three units stay", "ssssssmcmcmc", "kkkkkkrkrkrk", false},
		{"linked headlines with a line each", "sssssslclclclc", "kkkkkkrrrrrrrr", true},
		{"text has no links", "sssssslclclclc", "kkkkkkkkkkkkkk", false},
		{"a dated archive longer than the article", "ssdddddddddddd", "kkrrrrrrrrrrrr", false},
		{"a dated archive with a month's heading", "ssddfdddfdd", "kkrrrrrrrrr", false},
		{"four dated headlines stay", "ssssdddd", "kkkkkkkk", false},
		{"an undated list stays", "sshhhhhhhhhhhh", "kkkkkkkkkkkkkk", false},
		{"html has no dated runs", "ssdddddddddddd", "kkkkkkkkkkkkkk", true},
		{"partly linked headlines after the article", "sssssspppppp", "kkkkkkrrrrrr", true},
		{"question headlines after the article", "ssssssqhqhqh", "kkkkkkrrrrrr", false},
		{"four partly linked headlines stay", "sssssspppp", "kkkkkkkkkk", true},
		{"an article of partly linked headlines", "sspppppppppppp", "kkkkkkkkkkkkkk", true},
		{"a short article before a long list", "Phhhhhhhhhhhhhhh", "krrrrrrrrrrrrrrr", false},
		{"html keeps the share gate", "Ppppppppppppppppp", "kkkkkkkkkkkkkkkkk", true},
		{"a long list before the paragraph", "hhhhhhhhhhhhhhhP", "kkkkkkkkkkkkkkkk", false},
		{"a list article's cards after its introduction", "Phuhuhuhu", "kkkkkkkkk", false},
		{"teaser cards after a header", "Pmhuhuhu", "krrrrrrr", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			blocks := make([]segment.Block, len(tc.page))
			preds := &Predictions{probs: make([][NumClasses]float32, len(tc.page))}
			for i, c := range tc.page {
				line, p := para, float32(0.95)
				switch c {
				case 'h', 'l', 'p':
					line, p = head, 0.7
				case 'u':
					line, p = summ, 0.7
				case 'd':
					line, p = dated, 0.7
				case 'q':
					line, p = "Do spiders dream about the city at night?", 0.7
				case 'f':
					line, p = "February", 0.7
				case 'P':
					line = strings.TrimSpace(strings.Repeat(para+" ", 3))
				case 'm':
					line, p = "Reply", 0.1
				case 'c':
					line, p = "I have lived in the north for years. This plan is long overdue.", 0.7
				}
				blocks[i] = segment.Block{Start: b.Len(), End: b.Len() + len(line), Line: i}
				if c == 'l' && tc.html {
					blocks[i].LinkBytes = len(line)
				}
				if c == 'p' && tc.html {
					blocks[i].LinkBytes = len(line) / 3
				}
				b.WriteString(line + "\n")
				preds.probs[i][ClassBody] = p
				preds.probs[i][ClassRelated] = 1 - p
			}
			m := &Model{span: DefaultSpan}
			classes := make([]int, len(blocks))
			m.DecideDoc(preds, &segment.Doc{Text: b.String(), Blocks: blocks, HTML: tc.html}, 0.5, classes)
			got := make([]byte, len(classes))
			for i, k := range classes {
				got[i] = 'r'
				if Content(k) {
					got[i] = 'k'
				}
			}
			if string(got) != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestQuestionHeadline(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"english question", "Do spiders dream about the city at night?", true},
		{"persian question", "چرا موقع تعطیلات افسردگی می گیریم؟", true},
		{"full-width question mark", "大阪・関西万博の跡地開発で得するのは誰だ？", true},
		{"trailing space", "Can food crops grow in the dark? ", true},
		{"two questions", "Snoozing in flower beds? Behold the bears of summer?", false},
		{"a sentence, then a question", "Nuclear fusion powers stars. Could it one day electrify Earth?", false},
		{"two words", "Why not?", false},
		{"statement", "Council approves the new bus routes", false},
		{"too long", strings.Repeat("word ", 30) + "end?", false},
		{"empty", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := questionHeadline(tc.text); got != tc.want {
				t.Errorf("questionHeadline(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestEndsYear(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"english date", "Tequila versus Mezcal - 22 April 2025", true},
		{"numeric date", "Bericht vom 27.02.2024", true},
		{"full stop after it", "Published in 1999.", true},
		{"in brackets", "The Mezcal harvest (2024)", true},
		{"persian date", "افزایش قیمت نان در تهران ۲۷ اسفند ۱۴۰۳", true},
		{"arabic-indic digits", "الأخبار ٢٠٢٤", true},
		{"a number, no year", "Ten facts about 4000 species", false},
		{"five digits", "Order number 20245", false},
		{"three digits", "Route 202", false},
		{"year out of range", "Welcome to 2100", false},
		{"iso date ends with the day", "Release 2024-05-12", false},
		{"only a year", "2024", true},
		{"empty", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := endsYear(tc.text); got != tc.want {
				t.Errorf("endsYear(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

// FuzzHeadlineShaped checks that headlineShaped, summaryShaped,
// headlineRuns, datedRuns, endsYear and stampLine never panic, that text ending a sentence is no headline, and that two blocks
// make no run.
func FuzzHeadlineShaped(f *testing.F) {
	for _, s := range []string{"Council approves the new bus routes", "11.2. Index", "\xff\xfe\xfd abc def", "”", "a b c.", "1)", "21:31", "2019年3月5日"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if headlineShaped(s) && (strings.HasSuffix(s, ".") || utf8.RuneCountInString(s) < headlineWords) {
			t.Fatalf("headlineShaped(%q) = true", s)
		}
		summaryShaped(s)
		endsYear(s)
		if stampLine(s) && utf8.RuneCountInString(s) > maxStampRunes {
			t.Fatalf("stampLine(%q) = true", s)
		}
		if e := strings.TrimRight(s, " "); questionHeadline(s) && !strings.HasSuffix(e, "?") && !strings.HasSuffix(e, "؟") && !strings.HasSuffix(e, "？") {
			t.Fatalf("questionHeadline(%q) = true", s)
		}
		one := []segment.Block{{Start: 0, End: len(s)}}
		if datedRuns(s, one, headlineShapes(s, one)) != nil {
			t.Fatalf("one block makes a dated run")
		}
		two := []segment.Block{{Start: 0, End: len(s)}, {Start: len(s) + 1, End: 2*len(s) + 1}}
		runs := headlineRuns(s+"\n"+s, two, headlineShapes(s+"\n"+s, two))
		if runs != nil {
			t.Fatalf("two blocks make a run: %v", runs)
		}
	})
}

// TestDecideThresholdZero checks that a threshold of 0 makes every block
// content, as ClassifyOptions documents, though the decoders would cut
// link text (HTML) and headline runs (text) off the article.
func TestDecideThresholdZero(t *testing.T) {
	var b strings.Builder
	blocks := make([]segment.Block, 12)
	preds := &Predictions{probs: make([][NumClasses]float32, len(blocks))}
	for i := range blocks {
		line, p := "The council voted on Tuesday to approve a plan for new bus routes.", float32(0.95)
		if i >= 6 {
			line, p = "Five things to know about the new bus routes", 0.3
			blocks[i].LinkBytes = len(line)
		}
		blocks[i].Start, blocks[i].End = b.Len(), b.Len()+len(line)
		b.WriteString(line + "\n")
		preds.probs[i][ClassBody] = p
		preds.probs[i][ClassRelated] = 1 - p
	}
	m := &Model{span: DefaultSpan}
	for _, tc := range []struct {
		name   string
		decide func(classes []int) bool
	}{
		{"html", func(classes []int) bool { return m.DecideCompact(preds, blocks, 0, classes) }},
		{"text", func(classes []int) bool {
			return m.DecideDoc(preds, &segment.Doc{Text: b.String(), Blocks: blocks}, 0, classes)
		}},
		{"html, DecideDoc", func(classes []int) bool {
			return m.DecideDoc(preds, &segment.Doc{Text: b.String(), Blocks: blocks, HTML: true}, 0, classes)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			classes := make([]int, len(blocks))
			if !tc.decide(classes) {
				t.Error("one region dominates the page, but the decoder says not")
			}
			for i, k := range classes {
				if !Content(k) {
					t.Errorf("block %d: class %d, want content", i, k)
				}
			}
		})
	}
}

// TestPredictionsDecide checks the compact decision against Decide of the
// expanded prediction, ties and thresholds at the edges included.
func TestPredictionsDecide(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	p := &Predictions{probs: make([][NumClasses]float32, 2000)}
	for i := range p.probs {
		for k := range NumClasses {
			p.probs[i][k] = float32(rng.IntN(5)) / 10 // many ties
		}
	}
	for _, th := range []float64{0, 0.2, 0.5, 0.7, 1, 2} {
		for i := range p.probs {
			if got, want := p.decide(i, th), Decide(p.At(i), th); got != want {
				t.Fatalf("block %d %v at %v: decide %d, Decide %d", i, p.probs[i], th, got, want)
			}
			if got, want := p.contentProb(i), p.At(i).ContentProb; got != want {
				t.Fatalf("block %d: contentProb %v, want %v", i, got, want)
			}
		}
	}
}

// TestLongLineOutside checks that the pieces of a page glued on one line
// need longOutside to stay content outside the article's region, and
// that the same blocks on lines of their own need only Outside.
func TestLongLineOutside(t *testing.T) {
	const para = "The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts, and the mayor said the money was found. "
	// 40 article sentences, 4 boilerplate pieces, one glued teaser and
	// its summary at content probability 0.93
	probs := []float32{}
	for range 40 {
		probs = append(probs, 0.95)
	}
	probs = append(probs, 0.1, 0.1, 0.1, 0.1, 0.93)
	for _, tc := range []struct {
		name    string
		oneLine bool
		want    bool // the teaser stays content
	}{
		{"one line", true, false},
		{"a line each", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks, preds := sentenceDoc(para, probs, tc.oneLine)
			if got := longLines(blocks) != nil; got != tc.oneLine {
				t.Fatalf("longLines found a long line: %v, want %v", got, tc.oneLine)
			}
			if tc.oneLine {
				// the text's only line counts from segment.ShortPage
				short := blocks[:segment.ShortPage/len(para)+1]
				if longLines(short) == nil {
					t.Errorf("a line of %d bytes, the text's only one, is no glued page", short[len(short)-1].End)
				}
				if longLines(append(short[:len(short):len(short)], segment.Block{Start: len(text) + 1, End: len(text) + 5, Line: 1})) != nil {
					t.Error("the same line beside another one is a glued page")
				}
			}
			m := &Model{span: DefaultSpan}
			classes := make([]int, len(blocks))
			m.DecideDoc(preds, &segment.Doc{Text: text, Blocks: blocks}, 0.5, classes)
			if got := Content(classes[len(classes)-1]); got != tc.want {
				t.Errorf("the glued teaser is content: %v, want %v", got, tc.want)
			}
			if !Content(classes[0]) {
				t.Error("the article's first sentence was dropped")
			}
		})
	}
}

// TestWideGap checks the decoding with wideGap: an article cut in two by
// a widget of more than Gap boilerplate blocks is one region again when
// no region dominates with Gap, so the teasers after it are dropped;
// whether a region dominates (DecideDoc's result) is still judged with
// Gap, and a widget longer than wideGap still cuts.
func TestWideGap(t *testing.T) {
	const para = "The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts, and the mayor said the money was found. "
	const teaser = "A teaser summary of another story. "
	type blk struct {
		text string
		p    float32 // content probability
	}
	build := func(widget int) []blk {
		var bs []blk
		for range 5 {
			bs = append(bs, blk{para, 0.95})
		}
		for range widget {
			bs = append(bs, blk{"Most popular", 0.1})
		}
		for range 5 {
			bs = append(bs, blk{para, 0.95})
		}
		for range 4 {
			bs = append(bs, blk{"More stories", 0.1}, blk{teaser, 0.8})
		}
		return bs
	}
	for _, tc := range []struct {
		name         string
		widget       int
		teasersKept  bool
		wantDominant bool
	}{
		{"widget within Gap", DefaultSpan.Gap, false, true},
		{"widget longer than Gap", DefaultSpan.Gap + 3, false, false},
		{"widget longer than wideGap", wideGap + 1, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bs := build(tc.widget)
			var b strings.Builder
			blocks := make([]segment.Block, len(bs))
			preds := &Predictions{probs: make([][NumClasses]float32, len(bs))}
			for i, x := range bs {
				blocks[i] = segment.Block{Start: b.Len(), End: b.Len() + len(x.text), Line: i}
				b.WriteString(x.text + "\n")
				preds.probs[i][ClassBody] = x.p
				preds.probs[i][ClassRelated] = 1 - x.p
			}
			m := &Model{span: DefaultSpan}
			classes := make([]int, len(blocks))
			dominant := m.DecideDoc(preds, &segment.Doc{Text: b.String(), Blocks: blocks, HTML: true}, 0.5, classes)
			if dominant != tc.wantDominant {
				t.Errorf("dominant %v, want %v", dominant, tc.wantDominant)
			}
			if got := Content(classes[len(classes)-1]); got != tc.teasersKept {
				t.Errorf("the last teaser is content: %v, want %v", got, tc.teasersKept)
			}
			if !Content(classes[0]) || !Content(classes[len(bs)-9]) {
				t.Error("the article was cut")
			}
		})
	}
}

func TestTeaserComments(t *testing.T) {
	const (
		R = ClassRelated
		C = ClassComments
		B = ClassBody
		S = ClassShare
	)
	for _, tc := range []struct {
		name    string
		classes []int
		heads   []bool
		want    []int
	}{
		{"teaser list mostly related", []int{B, R, C, R, C, S}, []bool{false, true, true, true, true, false}, []int{B, R, R, R, R, S}},
		{"comment thread", []int{B, C, C, R, C}, []bool{false, true, true, true, true}, []int{B, C, C, R, C}},
		{"half related", []int{R, C}, []bool{true, true}, []int{R, R}},
		{"outside the run", []int{R, R, C}, []bool{true, true, false}, []int{R, R, C}},
		{"two runs", []int{R, C, B, C, C, R}, []bool{true, true, false, true, true, true}, []int{R, R, B, C, C, R}},
		{"no runs", []int{R, C}, nil, []int{R, C}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			classes := slices.Clone(tc.classes)
			teaserComments(classes, tc.heads)
			if !slices.Equal(classes, tc.want) {
				t.Errorf("got %v, want %v", classes, tc.want)
			}
		})
	}
}

// TestGluedBreaks checks that on a page glued on one line a related
// piece of low content probability ends the article's region, so that
// the teasers after it, read as body, are dropped; that it does not on a
// page of a line per block, nor when its probability reaches breakProb;
// and that a decoding in which no region dominates once broken is not
// kept.
func TestGluedBreaks(t *testing.T) {
	const para = "The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts, and the mayor said the money was found. "
	for _, tc := range []struct {
		name     string
		oneLine  bool
		article  int     // article sentences at content probability 0.95
		header   float32 // the related piece between them and the teasers
		teasers  int     // teaser pieces at 0.9
		wantKept bool    // the teasers stay content
	}{
		{"glued", true, 40, 0.1, 4, false},
		{"glued, header at breakProb", true, 40, breakProb, 4, true},
		{"a line each", false, 40, 0.1, 4, true},
		{"glued, no region dominates once broken", true, 4, 0.1, 10, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var probs []float32
			for range tc.article {
				probs = append(probs, 0.95)
			}
			probs = append(probs, tc.header)
			for range tc.teasers {
				probs = append(probs, 0.9)
			}
			text, blocks, preds := sentenceDoc(para, probs, tc.oneLine)
			m := &Model{span: DefaultSpan}
			classes := make([]int, len(blocks))
			m.DecideDoc(preds, &segment.Doc{Text: text, Blocks: blocks}, 0.5, classes)
			if got := Content(classes[len(classes)-1]); got != tc.wantKept {
				t.Errorf("the last teaser is content: %v, want %v", got, tc.wantKept)
			}
			if !Content(classes[0]) {
				t.Error("the article's first sentence was dropped")
			}
		})
	}
}

// sentenceDoc writes para once per probability, on one line or a line
// each, and returns the text, a block per copy (para's trailing space
// left out) and predictions of body at that probability, related
// otherwise.
func sentenceDoc(para string, probs []float32, oneLine bool) (string, []segment.Block, *Predictions) {
	var b strings.Builder
	blocks := make([]segment.Block, len(probs))
	preds := &Predictions{probs: make([][NumClasses]float32, len(probs))}
	for i, p := range probs {
		blocks[i] = segment.Block{Start: b.Len(), End: b.Len() + len(para) - 1, Line: i}
		b.WriteString(para)
		if oneLine {
			blocks[i].Line = 0
		} else {
			b.WriteString("\n")
		}
		preds.probs[i][ClassBody] = p
		preds.probs[i][ClassRelated] = 1 - p
	}
	return b.String(), blocks, preds
}

func TestCardShare(t *testing.T) {
	const para = "The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts. The mayor said the money had been found."
	const head = "Five things to know about the new bus routes"
	const summ = "Residents of the northern districts will wait less for a bus."
	for _, tc := range []struct {
		name    string
		lines   []string
		content string // c: the block is content (classes), else boilerplate
		share   float64
		n       int
	}{
		{"a listing of cards", []string{head, summ, head, summ, head, summ}, "cccccc", 1, 6},
		{"an article", []string{head, para, para, para}, "cccc", 0, 4},
		{"an article, then cards", []string{para, para, head, summ}, "cccc", 0.5, 4},
		{"cards taken out", []string{para, para, head, summ}, "ccbb", 0, 2},
		{"a headline alone", []string{head, head, head}, "ccc", 0, 3},
		{"nothing", nil, "", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks(tc.lines)
			classes := make([]int, len(tc.lines))
			for i := range classes {
				classes[i] = ClassNavigation
				if tc.content[i] == 'c' {
					classes[i] = ClassBody
				}
			}
			share, n := CardShare(text, blocks, classes)
			if share != tc.share || n != tc.n {
				t.Errorf("CardShare = %v, %d; want %v, %d", share, n, tc.share, tc.n)
			}
		})
	}
}

func TestStampLine(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"time", "21:31", true},
		{"short time", "1:26", true},
		{"date and time", "2024/12/03 18:07", true},
		{"dotted date", "2019.3.4", true},
		{"iso date", "2025-01-13", true},
		{"japanese date", "2019年3月5日", true},
		{"full-width time", "１２：３０", true},
		{"persian time", "۱۲:۳۰", true},
		{"a score", "87", false},
		{"a price", "$610.00", false},
		{"a word", "Updated 21:31", false},
		{"one digit", "1:", false},
		{"a date with a weekday", "2019.3.4 Mon 8:15", false},
		{"too long", strings.Repeat("12:30 ", 5), false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := stampLine(tc.text); got != tc.want {
				t.Errorf("stampLine(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

// TestHeadlineRunsStamped checks that times between headlines do not
// break a headline run, and that a time does not join a headline to a run
// it does not follow.
func TestHeadlineRunsStamped(t *testing.T) {
	const (
		h = "Council approves the new bus routes for the north"
		p = "The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts."
	)
	for _, tc := range []struct {
		name  string
		lines []string
		want  string // r: in a run
	}{
		{"headlines with their times", []string{p, h, "21:31", h, "1:26", h, "21:16", h, "0:24", h}, ".rrrrrrrrr"},
		{"headlines without times", []string{p, h, h, h, h, h}, ".rrrrr"},
		{"four headlines and times", []string{p, h, "21:31", h, "1:26", h, "21:16", h}, "........"},
		{"two times in a row break", []string{h, h, h, "21:31", "1:26", h, h}, "......."},
		{"a time before the first headline", []string{p, "21:31", h, h, h, h, h}, "..rrrrr"},
		{"a score is no time", []string{h, h, "87", h, h, h}, "......"},
		{"a trailing time stays out", []string{h, h, h, h, h, "21:31", p}, "rrrrr.."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := headlineRunMarks(tc.lines); got != tc.want {
				t.Errorf("runs = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestHeadlineRunsJoined(t *testing.T) {
	const (
		h = "Council approves the new bus routes for the north"
		q = "Who pays for the new bus routes in the north?"
		p = "The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts."
		// four headlines the reflow joined: too long for one headline
		j = h + "\n" + h + "\n" + h + "\n" + q
		w = "The council voted on Tuesday to approve a plan that adds new bus routes\nto the northern districts, which have waited for them since the spring,\nand the mayor said the first buses would run in May."
	)
	for _, tc := range []struct {
		name   string
		blocks []string // a block of several lines holds "\n"
		want   string   // r: in a run
	}{
		{"headlines joined by the reflow", []string{p, h, h, j, h, h, p}, ".rrrrr."},
		{"a paragraph there instead", []string{p, h, h, p, h, h, p}, "......."},
		{"a joined paragraph is none", []string{p, h, h, w, h, h, p}, "......."},
		{"a hard-wrapped text's joined lines are not read", []string{p, j, j, j, j, h, p}, "......."},
		{"a question with a full-width mark", []string{h, h, "大阪・関西万博の跡地開発で得するのは誰だ？", h, h}, "rrrrr"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := headlineRunMarks(tc.blocks); got != tc.want {
				t.Errorf("runs = %s, want %s", got, tc.want)
			}
		})
	}
}

// headlineRunMarks returns headlineRuns of the blocks, one a line (a
// block may hold more lines), as a string: r for a block in a run, . for
// any other.
func headlineRunMarks(lines []string) string {
	text, blocks := lineBlocks(lines)
	runs := headlineRuns(text, blocks, headlineShapes(text, blocks))
	var b strings.Builder
	for i := range lines {
		if runs != nil && runs[i] {
			b.WriteByte('r')
		} else {
			b.WriteByte('.')
		}
	}
	return b.String()
}

func TestJoinedHeadlines(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"two headlines", "家系ラーメンに大手資本が増えている理由…「町田商店」の親会社は東証プライム上場企業\nサーキット建設案は早くも迷走…大阪・関西万博の跡地開発で得するのは誰だ？", true},
		{"one line", "Council approves the new bus routes for the north", false},
		{"a wrapped paragraph", "The council voted on Tuesday to approve a plan\nthat adds new bus routes to the north.", false},
		{"an empty line", "Council approves the new bus routes\n\nMayor opens the new library downtown", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := joinedHeadlines(tc.text); got != tc.want {
				t.Errorf("joinedHeadlines(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

// lineBlocks joins lines with newlines and returns the text with one block
// per line.
func lineBlocks(lines []string) (string, []segment.Block) {
	blocks := make([]segment.Block, len(lines))
	at := 0
	for i, l := range lines {
		blocks[i] = segment.Block{Start: at, End: at + len(l), Line: i}
		at += len(l) + 1
	}
	return strings.Join(lines, "\n"), blocks
}

func TestIntroduced(t *testing.T) {
	const para = "The council voted on Tuesday to approve a plan that adds new bus routes to the northern districts. "
	long := strings.TrimSpace(strings.Repeat(para, 3))
	for _, tc := range []struct {
		name  string
		lines []string
		want  bool
	}{
		{"after a paragraph", []string{long, "Five things to know"}, true},
		{"after a short sentence", []string{para, "Five things to know"}, false},
		{"after a header", []string{long, "Related stories", "Five things to know"}, false},
		{"no sentence end", []string{strings.TrimSuffix(long, "."), "Five things to know"}, false},
		{"the first block", []string{"Five things to know"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, blocks := lineBlocks(tc.lines)
			if got := introduced(text, blocks, len(blocks)-1); got != tc.want {
				t.Errorf("introduced = %v, want %v", got, tc.want)
			}
		})
	}
	// pieces of one line (a page glued on one line) are not introduced
	text := long + " Five things to know"
	blocks := []segment.Block{{Start: 0, End: len(long)}, {Start: len(long) + 1, End: len(text)}}
	if introduced(text, blocks, 1) {
		t.Errorf("introduced on one line = true")
	}
}
