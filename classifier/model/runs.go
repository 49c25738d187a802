package model

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/segment"
)

// DecideDoc labels every block of doc: DecideCompact (Decide with
// threshold t, then the article-span decoder; on a page glued on one line,
// when that acted, once more with gluedBreaks ending the region, kept when
// it acts and only trims the region's tail), then, when the page has
// runs (interleavedRuns; in text also headlineRuns, in HTML
// linkedHeadlineRuns), a second decoding with the runs as gaps that
// replaces the first where it acts (span.go's opening comment says when);
// in text, when it does not act, a third with the dated runs (datedRuns)
// as gaps and no share to hold. The dominance it reports is the first
// decoding's, which the page model's cuts were fitted on. At t <= 0 every
// block is content. Last, in text, teaser runs' blocks called comments are
// named related (teaserComments).
func (m *Model) DecideDoc(preds *Predictions, doc *segment.Doc, t float64, classes []int) (dominant bool) {
	dominant, heads := m.decideDoc(preds, doc, t, classes)
	teaserComments(classes, heads)
	return dominant
}

// decideDoc is DecideDoc before teaserComments; heads are the headline
// runs it found (headlineRuns; nil in HTML or when there is none).
func (m *Model) decideDoc(preds *Predictions, doc *segment.Doc, t float64, classes []int) (dominant bool, heads []bool) {
	s, ok := m.Span()
	if !ok || t <= 0 {
		return m.decideAll(preds.decide, preds.contentProb, doc.Blocks, t, classes), nil
	}
	blocks := doc.Blocks
	alt := make([]int, len(classes))
	for i := range alt {
		alt[i] = preds.decide(i, t)
	}
	var runs, long, shaped []bool
	if doc.HTML {
		runs = linkedHeadlineRuns(doc.Text, blocks)
	} else {
		shaped = headlineShapes(doc.Text, blocks)
		runs = headlineRuns(doc.Text, blocks, shaped)
		heads = slices.Clone(runs) // interleavedRuns marks more in runs
		long = longLines(blocks)
	}
	runs = s.interleavedRuns(blocks, alt, runs)
	copy(classes, alt)
	dominant = s.applyRuns(preds.decide, preds.contentProb, blocks, classes, nil, ungated, long, s.Gap, nil)
	if dominant && long != nil {
		// A page glued on one line: decode again with its teasers' and
		// thread's pieces ending the region, and keep that when a
		// region still dominates and it only trims the region's tail.
		if breaks := gluedBreaks(preds, alt, long); breaks != nil {
			broken := slices.Clone(alt)
			if s.applyRuns(preds.decide, preds.contentProb, blocks, broken, nil, ungated, long, s.Gap, breaks) && trimsTail(broken, classes) {
				copy(classes, broken)
			}
		}
	}
	if !dominant {
		s.applyRuns(preds.decide, preds.contentProb, blocks, classes, nil, ungated, long, wideGap, nil)
	}
	gate := shareGate
	if !doc.HTML {
		gate = textGate
	}
	if runs != nil && s.applyWide(preds.decide, preds.contentProb, blocks, alt, runs, gate, long) {
		copy(classes, alt)
		return dominant, heads
	}
	// (a refused decoding leaves alt as it was)
	if !doc.HTML {
		if dated := datedRuns(doc.Text, blocks, shaped); dated != nil && s.applyWide(preds.decide, preds.contentProb, blocks, alt, dated, ungated, long) {
			copy(classes, alt)
		}
	}
	return dominant, heads
}

// gluedBreaks marks the pieces of a page glued on one line (long) that
// the per-block decision (classes) called related or comments with a
// content probability under breakProb: the teasers or the thread after
// the article, which the ordinary decoding's gaps bridge when the
// teasers' summaries, glued to their titles, read as body. nil when there
// is none.
func gluedBreaks(preds *Predictions, classes []int, long []bool) []bool {
	var breaks []bool
	for i, k := range classes {
		if long[i] && (k == ClassRelated || k == ClassComments) && preds.contentProb(i) < breakProb {
			if breaks == nil {
				breaks = make([]bool, len(classes))
			}
			breaks[i] = true
		}
	}
	return breaks
}

// trimsTail reports whether the content of decoding a is the content of
// decoding b up to a block and none after it: a keeps b's first content
// block and drops only blocks at the end.
func trimsTail(a, b []int) bool {
	ended, any := false, false
	for i := range a {
		ca, cb := Content(a[i]), Content(b[i])
		switch {
		case ca && (!cb || ended):
			return false
		case cb && !ca:
			ended = true
		case ca:
			any = true
		}
	}
	return any
}

// teaserComments names related the blocks called comments in a run of
// heads (headline runs of text, which stand for teaser lists) whose
// blocks are called related half the time or more: in a list of teaser
// headlines at a page's foot the model calls some headlines comments when
// their words are unknown (on the held-out Persian pages as text, 100 of
// 2,575 related units), and a list it mostly calls related is one list.
// A comment thread, whose lines are rarely called related, keeps its
// class.
func teaserComments(classes []int, heads []bool) {
	for i := 0; i < len(heads); {
		if !heads[i] {
			i++
			continue
		}
		j, related, comments := i, 0, 0
		for ; j < len(heads) && heads[j]; j++ {
			switch classes[j] {
			case ClassRelated:
				related++
			case ClassComments:
				comments++
			}
		}
		if comments > 0 && 2*related >= j-i {
			for k := i; k < j; k++ {
				if classes[k] == ClassComments {
					classes[k] = ClassRelated
				}
			}
		}
		i = j
	}
}

// The run rules' constants (chosen on news-dev and the held-out Persian
// text styles: docs/model.md, "Which choices flip").
const (
	// interleavedRun is the fewest units in a row of an interleaved run;
	// a unit is 1 to interleavedGap non-content blocks, then 1 to
	// interleavedContent content blocks.
	interleavedRun     = 4
	interleavedGap     = 3
	interleavedContent = 2
	// headlineRun is the fewest headline-shaped blocks in a row that
	// count as gaps.
	headlineRun = 5
	// headlineWords is the fewest words of a headline, or a quarter of
	// its fewest letters (scripts written without spaces).
	headlineWords = 3
	// headlineRunes is the longest headline.
	headlineRunes = 160
	// headlineShare is the share of the content mass, runs included, the
	// region must hold for the text rule to stand.
	headlineShare = 0.4
	// cardRun is the fewest cards (a headline, then its summary) in a
	// row that count as gaps.
	cardRun = 3
	// summaryRunes is the longest summary of a card.
	summaryRunes = 250
	// questionRunes is the longest question a headline run takes in.
	questionRunes = 120
	// datedBreak is the longest line (in runes) that does not break a
	// dated run: a month's or a year's heading between its headlines.
	datedBreak = 12
	// longOutside is the content probability a piece of a page glued on
	// one line (longLines) needs to stay content outside the article's
	// region: teasers glued to their summaries there read as body.
	longOutside = 0.97
	// breakProb is the content probability under which a related or
	// comments piece of a page glued on one line ends the article's
	// region (gluedBreaks).
	breakProb = 0.25
)

// headlineShaped reports whether a block's text reads as a headline: at
// least headlineWords words (or 4×headlineWords letters), at most
// headlineRunes, not numbered like a section or list item ("11.2. Index
// Types", "3) ..."), and not ending with a sentence's punctuation (closing
// quotes and brackets aside, and German closing quotes after a sentence's
// end: segment.ClosesQuote).
func headlineShaped(t string) bool {
	if len(t) > 8*headlineRunes { // most paragraphs: no need to read them
		return false
	}
	var last rune
	for t != "" {
		r, n := utf8.DecodeLastRuneInString(t)
		if !closer(r) && !segment.ClosesQuote(r, t[:len(t)-n]) {
			last = r
			break
		}
		t = t[:len(t)-n]
	}
	if t == "" || sentenceEnd(last) {
		return false
	}
	// Runes are counted only where the bytes leave the answer open (a
	// rune is 1 to 4 bytes).
	if len(t) > headlineRunes && utf8.RuneCountInString(t) > headlineRunes {
		return false
	}
	if len(t) < 16*headlineWords && !headlineLong(t) {
		return false
	}
	d := 0
	for d < len(t) && t[d] >= '0' && t[d] <= '9' {
		d++
	}
	return d == 0 || d == len(t) || t[d] != '.' && t[d] != ')'
}

// closer reports whether r is white space, a closing quote, a closing
// bracket or a direction mark, which headlineShaped looks past: the
// closers segment.EndsSentence looks past (segment.Closer), and tabs.
func closer(r rune) bool { return r == '\t' || segment.Closer(r) }

// sentenceEnd reports whether r ends a sentence (or a lead-in: ':', ';').
func sentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '。', '！', '？', '؟', ':', ';', '؛', '．':
		return true
	}
	return false
}

// headlineLong reports whether t has at least headlineWords words
// separated by white space, or 4×headlineWords runes.
func headlineLong(t string) bool {
	words, runes, in := 0, 0, false
	for i := 0; i < len(t); {
		c := t[i]
		var sp bool
		if c < utf8.RuneSelf {
			sp = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
			i++
		} else {
			r, n := utf8.DecodeRuneInString(t[i:])
			sp = unicode.IsSpace(r)
			i += n
		}
		if runes++; runes >= 4*headlineWords {
			return true
		}
		if !sp && !in {
			if words++; words >= headlineWords {
				return true
			}
		}
		in = !sp
	}
	return false
}

// questionHeadline reports whether a block's text is a headline asked
// as a question ("Do spiders dream?", "چرا موقع تعطیلات افسردگی
// می گیریم؟"): at least headlineWords words, at most questionRunes
// runes, ending with a question mark, with no other sentence before it.
// Headline runs take such lines in (headlineShaped does not: a question
// ends a sentence); teaser lists ask as often as they state.
func questionHeadline(t string) bool {
	t = strings.TrimRight(t, " ")
	var body string
	switch {
	case strings.HasSuffix(t, "?"):
		body = t[:len(t)-1]
	case strings.HasSuffix(t, "؟"):
		body = t[:len(t)-len("؟")]
	case strings.HasSuffix(t, "？"):
		body = t[:len(t)-len("？")]
	default:
		return false
	}
	if len(t) > 4*questionRunes || utf8.RuneCountInString(t) > questionRunes || !headlineLong(t) {
		return false
	}
	return !strings.Contains(body, "? ") && !strings.Contains(t, ". ")
}

// summaryShaped reports whether a block's text reads as a teaser's
// summary: one sentence (oneSentence) where a headline would not be.
func summaryShaped(t string) bool {
	return !headlineShaped(t) && oneSentence(t)
}

// oneSentence reports whether t is one sentence of summaryRunes runes at
// most (and 20 at least).
func oneSentence(t string) bool {
	if len(t) > 4*summaryRunes {
		return false
	}
	if n := utf8.RuneCountInString(t); n > summaryRunes || n < 20 {
		return false
	}
	for _, end := range [...]string{". ", "! ", "? ", "؟ ", "。"} {
		if i := strings.Index(t, end); i >= 0 && i+len(end) < len(t)-1 {
			return false // a second sentence follows
		}
	}
	return true
}

// headlineRuns marks the blocks of text that sit in a run of at least
// headlineRun headline-shaped blocks or question headlines (a time or a
// date alone on the line after a headline does not break the run:
// stampBridge), or in a run
// of at least cardRun cards (such a block, then a summary-shaped one: a
// teaser list of title and one-sentence summary) that does not follow a
// paragraph straight away (introduced: a list article's items); nil when
// there is none. shaped is headlineShapes(text, blocks).
func headlineRuns(text string, blocks []segment.Block, shaped []bool) []bool {
	n := len(blocks)
	head := headlines(text, blocks, shaped)
	runs := markRuns(head, headlineRun, stampBridge(text, blocks))
	for i := 0; i+1 < n; {
		j := i
		// head[j+1] is known: summaryShaped without reading it again
		for j+1 < n && head[j] && !head[j+1] && oneSentence(text[blocks[j+1].Start:blocks[j+1].End]) {
			j += 2
		}
		if (j-i)/2 >= cardRun && !introduced(text, blocks, i) {
			runs = markSpan(runs, n, i, j)
		}
		i = max(j, i+1)
	}
	return runs
}

// introduced reports whether the cards from block i on follow a
// paragraph of the article straight away: the block before them is one
// of paraBytes or more that ends a sentence, on a line of its own. A list
// article's items (a product's name, then a sentence about it) follow its
// introduction so; a teaser list follows the article's last paragraph
// after a header ("Related stories"), and on a page glued on one line
// its pieces share the paragraph's line.
func introduced(text string, blocks []segment.Block, i int) bool {
	if i == 0 || blocks[i].Line == blocks[i-1].Line {
		return false
	}
	b := &blocks[i-1]
	return b.End-b.Start >= paraBytes && segment.EndsSentence(text[b.Start:b.End])
}

// markRuns marks the blocks in runs of at least least consecutive ok
// blocks; nil when there is none. bridge, when not nil, says whether a
// block that is not ok, right after an ok one, goes on the run (a time or
// a date on the line after a headline: stampBridge); such a block is
// never a run's last.
func markRuns(ok []bool, least int, bridge func(j int) bool) []bool {
	var runs []bool
	for i := 0; i < len(ok); {
		j, n, last := i, 0, -1
		for j < len(ok) {
			if ok[j] {
				n, last = n+1, j
				j++
				continue
			}
			if n == 0 || j != last+1 || bridge == nil || !bridge(j) {
				break
			}
			j++
		}
		if n >= least {
			runs = markSpan(runs, len(ok), i, last+1)
		}
		i = max(j, i+1)
	}
	return runs
}

// stampBridge is markRuns' bridge for headline runs: a time or date line
// (stampLine) between two headlines does not break a run: "top news"
// lists give each headline its time ("21:31", "2019.3.4") on a line of
// its own.
func stampBridge(text string, blocks []segment.Block) func(j int) bool {
	return func(j int) bool { return stampLine(text[blocks[j].Start:blocks[j].End]) }
}

// maxStampRunes is the longest time or date line.
const maxStampRunes = 24

// stampLine reports whether t is a time or a date alone: two digits or
// more, a separator between them (: / . - or the Japanese and Chinese
// date and time units 年月日時分, not a score's lone number), and
// besides digits and separators only white space, commas and brackets.
func stampLine(t string) bool {
	if len(t) > 4*maxStampRunes {
		return false
	}
	digits, seps, n := 0, 0, 0
	for _, r := range t {
		n++
		switch {
		case r >= '0' && r <= '9' || r >= '０' && r <= '９' || digitValue(r) >= 0:
			digits++
		case r == ':' || r == '/' || r == '.' || r == '-' || r == '：' ||
			r == '年' || r == '月' || r == '日' || r == '時' || r == '分':
			if digits > 0 {
				seps++
			}
		case r == ' ' || r == ',' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return digits >= 2 && seps > 0 && n <= maxStampRunes
}

// markSpan marks blocks from to to-1 in runs, which it allocates n long
// when nil.
func markSpan(runs []bool, n, from, to int) []bool {
	if runs == nil {
		runs = make([]bool, n)
	}
	for k := from; k < to; k++ {
		runs[k] = true
	}
	return runs
}

// headlineShapes is headlineShaped of every block of text: the headline
// and dated runs both read it.
func headlineShapes(text string, blocks []segment.Block) []bool {
	shaped := make([]bool, len(blocks))
	for i, b := range blocks {
		shaped[i] = headlineShaped(text[b.Start:b.End])
	}
	return shaped
}

// linkedHeadlineRuns marks the blocks of an HTML page that sit in a run
// of at least headlineRun headline-shaped blocks each holding some link
// text: a "you might also like" list whose items link part of their
// headline, too little of it for the item to count as link text
// (Span.Link) and be a gap by itself. nil when there is none. (Teaser
// cards are not looked for in HTML: docs/model.md's flip table.)
func linkedHeadlineRuns(text string, blocks []segment.Block) []bool {
	ok := make([]bool, len(blocks))
	for i, b := range blocks {
		ok[i] = b.LinkBytes > 0 && headlineShaped(text[b.Start:b.End])
	}
	return markRuns(ok, headlineRun, nil)
}

// interleavedRuns marks, in runs (allocated when nil and needed), the
// content blocks of a run of at least interleavedRun units of one to
// interleavedGap non-content blocks (boilerplate, or link text) followed
// by one or two content blocks: a comment thread whose author and date
// lines the model calls boilerplate, teaser cards whose title it calls
// related, a list of linked headlines each with a line of text. The
// ordinary decoding's gaps of up to Span.Gap blocks bridge such runs into
// the article's region. classes are the per-block decisions.
func (s Span) interleavedRuns(blocks []segment.Block, classes []int, runs []bool) []bool {
	n := len(classes)
	content := func(i int) bool { return Content(classes[i]) && !s.linkText(&blocks[i]) }
	for i := 0; i < n; {
		j, units := i, 0
		for {
			k, gaps := j, 0
			for k < n && !content(k) && gaps < interleavedGap {
				k++
				gaps++
			}
			if gaps == 0 || k < n && !content(k) {
				break
			}
			kept := 0
			for k < n && content(k) && kept <= interleavedContent {
				k++
				kept++
			}
			if kept == 0 || kept > interleavedContent {
				break
			}
			units++
			j = k
		}
		if units >= interleavedRun {
			for k := i; k < j; k++ {
				if content(k) {
					if runs == nil {
						runs = make([]bool, n)
					}
					runs[k] = true
				}
			}
		}
		i = max(j, i+1)
	}
	return runs
}

// datedRuns marks the runs of text blocks that are a list of dated
// headlines, an archive or "more stories" list ("Why wine smells like
// petrol - 19 January 2026"): at least headlineRun headlines, half of
// them or more ending with a year (endsYear), short lines of at most
// datedBreak runes between them (a month's heading) not breaking the run;
// nil when there is none. A headline that ends with a year counts even
// when it ends with a full stop. Unlike the other runs, a dated run is
// never the article: DecideDoc decodes with such runs as gaps without the
// share the others must leave the article. shaped is
// headlineShapes(text, blocks).
func datedRuns(text string, blocks []segment.Block, shaped []bool) []bool {
	n := len(blocks)
	var runs []bool
	for i := 0; i < n; {
		heads, dated, last := 0, 0, -1
		j := i
		for ; j < n; j++ {
			t := text[blocks[j].Start:blocks[j].End]
			if y := endsYear(t); y || shaped[j] {
				heads, last = heads+1, j
				if y {
					dated++
				}
				continue
			}
			if heads == 0 || len(t) > 4*datedBreak || utf8.RuneCountInString(t) > datedBreak {
				break
			}
		}
		if heads >= headlineRun && 2*dated >= heads {
			runs = markSpan(runs, n, i, last+1)
		}
		i = max(j, i+1)
	}
	return runs
}

// endsYear reports whether t ends with a year of four digits, 1900 to
// 2099 or, in the Persian calendar, 1300 to 1499, in ASCII, Arabic-Indic
// or Persian digits (closing quotes, brackets and a full stop after it
// aside).
func endsYear(t string) bool {
	for t != "" {
		r, n := utf8.DecodeLastRuneInString(t)
		if !closer(r) && r != '.' {
			break
		}
		t = t[:len(t)-n]
	}
	v, d := 0, 0
	for t != "" && d <= 4 {
		r, n := utf8.DecodeLastRuneInString(t)
		x := digitValue(r)
		if x < 0 {
			break
		}
		v += x * [...]int{1, 10, 100, 1000, 0}[d]
		d++
		t = t[:len(t)-n]
	}
	return d == 4 && (v >= 1900 && v <= 2099 || v >= 1300 && v <= 1499)
}

// digitValue is r's value as a decimal digit (ASCII, Arabic-Indic or
// Persian), or -1.
func digitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '٠' && r <= '٩':
		return int(r - '٠')
	case r >= '۰' && r <= '۹':
		return int(r - '۰')
	}
	return -1
}

// longLines marks the blocks of plain text that are pieces of a page
// glued on one line (segment.Glued: a line of segment.LongLine bytes or
// more, or of segment.ShortPage or more that is the text's only line);
// nil when there is none.
func longLines(blocks []segment.Block) []bool {
	var long []bool
	for i := 0; i < len(blocks); {
		j := i + 1
		for j < len(blocks) && blocks[j].Line == blocks[i].Line {
			j++
		}
		if segment.Glued(blocks[j-1].End-blocks[i].Start, i == 0 && j == len(blocks)) {
			if long == nil {
				long = make([]bool, len(blocks))
			}
			for k := i; k < j; k++ {
				long[k] = true
			}
		}
		i = j
	}
	return long
}

// OneSentence reports whether t is one sentence of 20 to summaryRunes
// runes: a teaser's summary, where an article's paragraph is often two
// sentences or more.
func OneSentence(t string) bool { return oneSentence(t) }

// CardShare returns the share of the content blocks (classes) of text
// that are halves of teaser cards, and the number of content blocks. A
// card is a headline (headlines: shaped, a question, or lines of
// headlines the reflow joined) followed by a summary: one sentence (oneSentence) that is no headline, as
// headlineRuns reads the cards of a teaser list.
func CardShare(text string, blocks []segment.Block, classes []int) (float64, int) {
	head := headlines(text, blocks, headlineShapes(text, blocks))
	summary := func(i int) bool { return !head[i] && oneSentence(text[blocks[i].Start:blocks[i].End]) }
	content, cards := 0, 0
	for i := range blocks {
		if !Content(classes[i]) {
			continue
		}
		content++
		if i+1 < len(blocks) && head[i] && summary(i+1) || i > 0 && head[i-1] && summary(i) {
			cards++
		}
	}
	if content == 0 {
		return 0, 0
	}
	return float64(cards) / float64(content), content
}

// headlines marks the blocks of text that read as headlines: shaped
// (headlineShapes), asked as a question (questionHeadline), or, on a text
// with at most maxJoinedBlocks blocks of several lines that are neither,
// such a block whose every line is one (joinedHeadlines).
func headlines(text string, blocks []segment.Block, shaped []bool) []bool {
	head := make([]bool, len(blocks))
	var joined []int // the blocks of several lines that are no headline whole
	for i, b := range blocks {
		t := text[b.Start:b.End]
		if head[i] = shaped[i] || questionHeadline(t); !head[i] && strings.IndexByte(t, '\n') >= 0 {
			joined = append(joined, i)
		}
	}
	if len(joined) <= maxJoinedBlocks {
		for _, i := range joined {
			head[i] = joinedHeadlines(text[blocks[i].Start:blocks[i].End])
		}
	}
	return head
}

// maxJoinedBlocks is the most blocks of joined lines a text may have for
// headlines to read them (joinedHeadlines): a hard-wrapped text has many,
// and its paragraphs' lines read as headlines one by one.
const maxJoinedBlocks = 3

// joinedHeadlines reports whether t is two lines or more, each a headline
// (headlineShaped or questionHeadline): headlines of a list, one a line,
// that the text's reflow joined into one paragraph because they had about
// one width.
func joinedHeadlines(t string) bool {
	if strings.IndexByte(t, '\n') < 0 {
		return false
	}
	for line := range strings.SplitSeq(t, "\n") {
		if line = strings.TrimSpace(line); !headlineShaped(line) && !questionHeadline(line) {
			return false
		}
	}
	return true
}
