package dataset

import (
	"slices"
	"strings"
	"unicode"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
	"github.com/winnowhq/winnow/internal/corpus"
)

// Unlabelled marks a block that training skips.
const Unlabelled int8 = -1

// joinTokens returns " t1 t2 … " (eval tokens, space-padded) so that
// containment tests match whole tokens only.
func joinTokens(toks []string) string {
	if len(toks) == 0 {
		return ""
	}
	return " " + strings.Join(toks, " ") + " "
}

// gold is a gold text prepared for alignment.
type gold struct {
	all   string          // every token, joined
	lines map[string]bool // each line's tokens, joined
	set   map[string]bool
	first string // the first line's tokens, joined
}

func newGold(text string) *gold {
	g := &gold{lines: map[string]bool{}, set: map[string]bool{}}
	var all []string
	for _, line := range strings.Split(text, "\n") {
		toks := token.Words(line)
		if len(toks) == 0 {
			continue
		}
		j := joinTokens(toks)
		if g.first == "" {
			g.first = j
		}
		g.lines[j] = true
		all = append(all, toks...)
		for _, t := range toks {
			g.set[t] = true
		}
	}
	g.all = joinTokens(all)
	return g
}

// LabelGold labels the blocks of doc against a gold main text: a block is
// content when its tokens occur, in order, in the gold (a short block only
// when it is a whole gold line: "Home" occurs in many golds by chance), or
// for long blocks when most of its tokens are gold tokens. Ambiguous blocks
// are left unlabelled. The content block matching the gold's first line or
// the page title is the title. Boilerplate categories come from structure,
// class and id names and the text (see Category). A text the page shows
// more often than the gold holds it is content only that often (see
// dropCopies).
func LabelGold(doc *segment.Doc, goldText, pageTitle string) []int8 {
	g := newGold(goldText)
	title := joinTokens(token.Words(pageTitle))
	labels := make([]int8, len(doc.Blocks))
	keys := make([]string, len(doc.Blocks))
	titled := false
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		text := doc.Text[b.Start:b.End]
		toks := token.Words(text)
		j := joinTokens(toks)
		keys[i] = j
		content, ambiguous := false, false
		switch {
		case len(toks) == 0:
		case g.lines[j]:
			content = true
		case len(toks) >= 4 && strings.Contains(g.all, j):
			content = true
		case len(toks) >= 8:
			in := 0
			for _, t := range toks {
				if g.set[t] {
					in++
				}
			}
			cov := float64(in) / float64(len(toks))
			switch {
			case cov >= 0.85:
				content = true
			case cov > 0.5:
				ambiguous = true
			}
		case strings.Contains(g.all, j):
			ambiguous = true
		}
		isTitle := title != "" && j != "" && len(toks) <= 40 && (j == title || (len(toks) >= 3 && strings.Contains(title, j)))
		switch {
		case ambiguous:
			labels[i] = Unlabelled
		case content:
			labels[i] = model.ClassBody
			if !titled && len(toks) <= 40 && (b.Heading == 1 || j == g.first && !endsSentence(text) || isTitle && b.Heading > 0) {
				labels[i] = model.ClassTitle
				titled = true
			}
		case isTitle:
			// the page title outside the gold: sets differ on whether the
			// title belongs to the main text, so don't teach either way
			labels[i] = Unlabelled
		default:
			labels[i] = int8(Category(b, text))
		}
	}
	dropCopies(doc, g, keys, labels)
	return labels
}

// dropCopies relabels the content blocks whose text occurs more often on
// the page than in the gold: a table of contents repeating the headings, a
// teaser repeating the headline, a byline shown twice. The copies nearest
// the page's other content blocks, and not mostly link text, keep the
// content label, as many as the gold holds (the title label moves to
// them); of the rest, link text becomes boilerplate (its Category) and
// other text is left unlabelled.
func dropCopies(doc *segment.Doc, g *gold, keys []string, labels []int8) {
	occ := map[string][]int{}
	var order []string
	for i, l := range labels {
		if l < 0 || !model.Content(int(l)) {
			continue
		}
		if occ[keys[i]] == nil {
			order = append(order, keys[i])
		}
		occ[keys[i]] = append(occ[keys[i]], i)
	}
	linky := func(i int) bool {
		b := &doc.Blocks[i]
		return b.LinkBytes*2 > b.End-b.Start
	}
	for _, k := range order {
		idx := occ[k]
		if len(idx) < 2 {
			continue
		}
		n := countOverlapping(g.all, k)
		if n == 0 || n >= len(idx) {
			continue
		}
		// distance to the nearest content block of another text
		dist := make(map[int]int, len(idx))
		for _, i := range idx {
			d := len(labels)
			for j := i - 1; j >= 0 && i-j < d; j-- {
				if labels[j] >= 0 && model.Content(int(labels[j])) && keys[j] != k {
					d = i - j
					break
				}
			}
			for j := i + 1; j < len(labels) && j-i < d; j++ {
				if labels[j] >= 0 && model.Content(int(labels[j])) && keys[j] != k {
					d = j - i
					break
				}
			}
			dist[i] = d
		}
		ranked := slices.Clone(idx)
		slices.SortStableFunc(ranked, func(a, b int) int {
			if la, lb := linky(a), linky(b); la != lb {
				if la {
					return 1
				}
				return -1
			}
			return dist[a] - dist[b]
		})
		for _, i := range ranked[n:] {
			if labels[i] == model.ClassTitle {
				// the title moves to the copy that stays content
				labels[ranked[0]] = model.ClassTitle
			}
			if linky(i) {
				b := &doc.Blocks[i]
				labels[i] = int8(Category(b, doc.Text[b.Start:b.End]))
			} else {
				labels[i] = Unlabelled
			}
		}
	}
}

// countOverlapping counts the occurrences of sub in s, overlaps included.
func countOverlapping(s, sub string) int {
	n := 0
	for {
		i := strings.Index(s, sub)
		if i < 0 {
			return n
		}
		n++
		s = s[i+1:]
	}
}

func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	if s == "" {
		return false
	}
	switch s[len(s)-1] {
	case '.', '!', '?':
		return true
	}
	return strings.HasSuffix(s, "。") || strings.HasSuffix(s, "؟")
}

// LabelSnippets gives weak labels from snippets: a block holding a With
// snippet is body, one holding a Without snippet boilerplate; every other
// block is unlabelled. LabelSnippetsComments adds comment snippets and
// spreads the labels along repeat signatures.
func LabelSnippets(doc *segment.Doc, sn corpus.Snippets) []int8 {
	return labelSnippets(doc, sn, nil, false)
}

// LabelSnippetsComments labels like LabelSnippets, plus: a block holding
// one of the comments snippets (reader comments, which the source wants
// out of the main text) is comments; and, for HTML, an unlabelled block
// whose element has the repeat signature (segment.Block.Sig) of labelled
// blocks that all agree is labelled like them — the other paragraphs of
// the article body, the other items of a teaser list, the other comments
// of the thread — when it is not mostly link text (for content) and has
// at least minSpreadTokens tokens. Limits: a weak label; a signature that
// holds both content and boilerplate blocks spreads nothing.
func LabelSnippetsComments(doc *segment.Doc, sn corpus.Snippets, comments []string) []int8 {
	return labelSnippets(doc, sn, comments, true)
}

// minSpreadTokens is the shortest block a snippet label spreads to.
const minSpreadTokens = 5

func labelSnippets(doc *segment.Doc, sn corpus.Snippets, comments []string, spread bool) []int8 {
	prep := func(ss []string) []string {
		var out []string
		for _, s := range ss {
			if j := joinTokens(token.Words(s)); j != "" {
				out = append(out, j)
			}
		}
		return out
	}
	with, without, comm := prep(sn.With), prep(sn.Without), prep(comments)
	labels := make([]int8, len(doc.Blocks))
	ntoks := make([]int, len(doc.Blocks))
	isComment := make([]bool, len(doc.Blocks))
	for i := range doc.Blocks {
		b := &doc.Blocks[i]
		text := doc.Text[b.Start:b.End]
		toks := token.Words(text)
		ntoks[i] = len(toks)
		j := joinTokens(toks)
		labels[i] = Unlabelled
		if j == "" {
			continue
		}
		in, out, com := false, false, false
		for _, w := range with {
			if strings.Contains(j, w) || (len(toks) >= 5 && strings.Contains(w, j)) {
				in = true
			}
		}
		for _, w := range without {
			if strings.Contains(j, w) || (len(toks) >= 3 && strings.Contains(w, j)) {
				out = true
			}
		}
		for _, w := range comm {
			if strings.Contains(j, w) || (len(toks) >= 5 && strings.Contains(w, j)) {
				com = true
			}
		}
		switch {
		case com && !in:
			labels[i] = model.ClassComments
			isComment[i] = true
		case in && !out:
			labels[i] = model.ClassBody
		case out && !in:
			labels[i] = int8(Category(b, text))
		}
	}
	if !spread || !doc.HTML {
		return labels
	}
	// per signature: 1 content, 2 comments, 3 other boilerplate, -1 mixed
	kind := map[uint64]int{}
	for i, l := range labels {
		if l < 0 {
			continue
		}
		k := 3
		switch {
		case isComment[i]:
			k = 2
		case model.Content(int(l)):
			k = 1
		}
		sig := doc.Blocks[i].Sig
		if old, ok := kind[sig]; ok && old != k {
			kind[sig] = -1
		} else {
			kind[sig] = k
		}
	}
	for i := range labels {
		b := &doc.Blocks[i]
		if labels[i] >= 0 || ntoks[i] < minSpreadTokens {
			continue
		}
		switch kind[b.Sig] {
		case 1:
			if n := b.End - b.Start; b.LinkBytes*2 < n {
				labels[i] = model.ClassBody
			}
		case 2:
			labels[i] = model.ClassComments
		case 3:
			labels[i] = int8(Category(b, doc.Text[b.Start:b.End]))
		}
	}
	return labels
}

// keyword tables for boilerplate categories, matched against whole class
// and id tokens and their parts.
var classWords = []struct {
	class int
	words []string
}{
	{model.ClassComments, []string{"comment", "comments", "reply", "replies", "disqus", "respond", "discussion"}},
	{model.ClassShare, []string{"share", "sharing", "social", "sharethis", "addthis", "shares", "socials", "print", "email"}},
	{model.ClassAd, []string{"ad", "ads", "advert", "advertisement", "adsense", "sponsor", "sponsored", "promo", "banner", "dfp", "gpt", "adslot", "adunit", "commercial", "yektanet"}},
	{model.ClassRelated, []string{"related", "recommended", "popular", "teaser", "teasers", "more", "trending", "readmore", "also", "suggest", "suggested", "sidebar", "widget", "latest", "most", "mostread", "crp"}},
	{model.ClassNavigation, []string{"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "pagination", "pager", "header", "masthead", "topbar", "toc", "skip", "search"}},
	{model.ClassLegal, []string{"footer", "copyright", "cookie", "cookies", "privacy", "terms", "legal", "consent", "gdpr", "disclaimer"}},
	{model.ClassMetadata, []string{"date", "time", "author", "byline", "meta", "tag", "tags", "published", "posted", "dateline", "timestamp", "source", "category", "categories", "credit", "caption", "info", "sec_info"}},
}

func classOfWord(w string) int {
	for _, c := range classWords {
		for _, k := range c.words {
			if w == k {
				return c.class
			}
		}
	}
	return -1
}

// Category guesses the boilerplate category of a block from its class and
// id names (nearest first), its ancestors and its text. Limits: a guess for
// training labels, not ground truth; "other" when nothing matches.
func Category(b *segment.Block, text string) int {
	for _, p := range b.PathTokens {
		if c := classOfWord(p); c >= 0 {
			return c
		}
		for _, part := range strings.FieldsFunc(p, func(r rune) bool { return r == '-' || r == '_' || unicode.IsDigit(r) }) {
			if c := classOfWord(part); c >= 0 {
				return c
			}
		}
	}
	lower := strings.ToLower(text)
	switch {
	case b.Flags&(segment.InNav|segment.InMenu) != 0:
		return model.ClassNavigation
	case strings.Contains(lower, "©") || strings.Contains(lower, "copyright") || strings.Contains(lower, "all rights reserved") ||
		strings.Contains(text, "حقوق") && strings.Contains(text, "محفوظ"):
		return model.ClassLegal
	case b.Flags&segment.InFooter != 0:
		return model.ClassLegal
	case b.Flags&segment.InAside != 0:
		return model.ClassRelated
	case b.Flags&segment.InHeader != 0:
		return model.ClassNavigation
	}
	if c := TextCategory(text); c >= 0 {
		return c
	}
	n := b.End - b.Start
	if n > 0 && b.LinkBytes*2 > n {
		if b.Flags&segment.InList != 0 {
			return model.ClassNavigation
		}
		return model.ClassRelated
	}
	return model.ClassOther
}

// TextCategory guesses a category from short boilerplate text alone, or -1.
func TextCategory(text string) int {
	if len(text) > 200 {
		return -1
	}
	lower := strings.ToLower(text)
	has := func(ws ...string) bool {
		for _, w := range ws {
			if strings.Contains(lower, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("share", "tweet", "whatsapp", "telegram", "اشتراک", "ارسال به دوستان", "لینک کوتاه", "کپی لینک"):
		return model.ClassShare
	case has("comment", "نظر", "دیدگاه", "reply"):
		return model.ClassComments
	case has("advertisement", "sponsored", "تبلیغ", "آگهی"):
		return model.ClassAd
	case has("related", "read more", "see also", "مطالب مرتبط", "اخبار مرتبط", "بیشتر بخوانید", "پیشنهاد"):
		return model.ClassRelated
	case has("posted", "published", "updated", " by ", "تاریخ انتشار", "کد خبر", "منبع:", "انتشار:") || strings.HasPrefix(lower, "by "):
		return model.ClassMetadata
	case has("privacy", "cookie", "terms of"):
		return model.ClassLegal
	}
	digits, letters := 0, 0
	for _, r := range text {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if digits >= 4 && digits*2 >= letters && len(text) < 60 {
		return model.ClassMetadata
	}
	return -1
}

// Rendition returns the text-mode view of an HTML document: its visible
// text segmented as plain text by sp (nil: segment.DefaultSplitter()),
// with each text block labelled as the HTML block it overlaps most.
func Rendition(doc *segment.Doc, labels []int8, sp *segment.Splitter) (*segment.Doc, []int8, error) {
	td, err := segment.Text(doc.Text, segment.TextOptions{Splitter: sp})
	if err != nil {
		return nil, nil, err
	}
	out := make([]int8, len(td.Blocks))
	j := 0
	for i, tb := range td.Blocks {
		best, bestN := Unlabelled, 0
		for j < len(doc.Blocks) && doc.Blocks[j].End <= tb.Start {
			j++
		}
		for k := j; k < len(doc.Blocks) && doc.Blocks[k].Start < tb.End; k++ {
			hb := doc.Blocks[k]
			n := min(hb.End, tb.End) - max(hb.Start, tb.Start)
			if n > bestN {
				best, bestN = labels[k], n
			}
		}
		out[i] = best
	}
	return td, out, nil
}

// CleanRendition is the page as a scraper that already removed the
// boilerplate saves it: the text of the HTML blocks labelled title or
// body, one a line, segmented as text (Rendition); each text block takes
// the label of the block it overlaps most. It is nil when no block is
// labelled content.
func CleanRendition(doc *segment.Doc, labels []int8, sp *segment.Splitter) (*segment.Doc, []int8, error) {
	var b strings.Builder
	src := &segment.Doc{}
	var kept []int8
	for i, blk := range doc.Blocks {
		if labels[i] != model.ClassTitle && labels[i] != model.ClassBody {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		start := b.Len()
		b.WriteString(doc.Text[blk.Start:blk.End])
		src.Blocks = append(src.Blocks, segment.Block{Start: start, End: b.Len()})
		kept = append(kept, labels[i])
	}
	if len(kept) == 0 {
		return nil, nil, nil
	}
	src.Text = b.String()
	return Rendition(src, kept, sp)
}
