package splittrain

import (
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/segment"
)

// closers are the closing quotes and brackets a title may end with after
// its ? or ! (segment's isCloser).
const closers = "»”\"')]’"

// RunOnConfig tunes RunOnExamples.
type RunOnConfig struct {
	Seed uint64
	// Lists is how many run-on title lists to make; 0 means len(titles)/3.
	Lists int
	// MaxTitles bounds the titles per list; 0 means 15.
	MaxTitles int
	// DropZWNJ is the share of examples whose ZWNJs are removed, as many
	// scrapers do; 0 means none.
	DropZWNJ float64
	// Docs is how many one-line documents (a title, then 1 to 12
	// paragraphs, all on one line) to make from titles[i] + paragraphs; the cut after the
	// title is the only boundary. 0 means none.
	Docs int
	// MarkedShare is the share of list titles drawn from the titles that
	// end in a question or exclamation mark, as clickbait lists are full
	// of them; 0 draws every title alike.
	MarkedShare float64
}

// endsQuestion reports whether a title ends in ? ؟ or !, closing quotes
// and brackets aside.
func endsQuestion(t string) bool {
	t = strings.TrimRightFunc(t, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(closers, r) })
	r, _ := utf8.DecodeLastRuneInString(t)
	return r == '?' || r == '؟' || r == '!'
}

// RunOnExamples makes synthetic training lines: run-on lists of 2 to
// MaxTitles titles glued by a space (or by nothing between a lower-case
// end and a capital start, 1 time in 5), each paragraph as a line with no
// boundary (negatives), and optionally one-line documents. It is
// deterministic given cfg.Seed.
func RunOnExamples(titles, paragraphs []string, cfg RunOnConfig) []segment.SplitExample {
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x7e1))
	if cfg.Lists <= 0 {
		cfg.Lists = len(titles) / 3
	}
	if cfg.MaxTitles < 2 {
		cfg.MaxTitles = 15
	}
	clean := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	var out []segment.SplitExample
	zw := func(ex segment.SplitExample) segment.SplitExample {
		if cfg.DropZWNJ <= 0 || rng.Float64() >= cfg.DropZWNJ || !strings.Contains(ex.Line, "\u200c") {
			return ex
		}
		// Remove ZWNJs, shifting the cuts.
		var b strings.Builder
		shift := make([]int, 0, len(ex.Cuts))
		cuts := slices.Clone(ex.Cuts)
		slices.Sort(cuts)
		removed, ci := 0, 0
		for i := 0; i < len(ex.Line); {
			for ci < len(cuts) && cuts[ci] == i {
				shift = append(shift, i-removed)
				ci++
			}
			if strings.HasPrefix(ex.Line[i:], "\u200c") {
				i += len("\u200c")
				removed += len("\u200c")
				continue
			}
			b.WriteByte(ex.Line[i])
			i++
		}
		return segment.SplitExample{Line: b.String(), Cuts: shift}
	}
	var marked []int // titles ending in ? or ! (only drawn from when MarkedShare > 0)
	if cfg.MarkedShare > 0 {
		for i, t := range titles {
			if endsQuestion(t) {
				marked = append(marked, i)
			}
		}
	}
	if len(titles) >= 2 {
		for range cfg.Lists {
			k := 2 + rng.IntN(cfg.MaxTitles-1)
			var b strings.Builder
			var cuts []int
			for j := range k {
				var t string
				if len(marked) > 0 && rng.Float64() < cfg.MarkedShare {
					t = clean(titles[marked[rng.IntN(len(marked))]])
				} else {
					t = clean(titles[rng.IntN(len(titles))])
				}
				if t == "" {
					continue
				}
				if j > 0 && b.Len() > 0 {
					prev := b.String()
					last, _ := utf8.DecodeLastRuneInString(prev)
					first, _ := utf8.DecodeRuneInString(t)
					if !(unicode.IsLower(last) && unicode.IsUpper(first) && rng.IntN(5) == 0) {
						b.WriteByte(' ')
					}
					cuts = append(cuts, b.Len())
				}
				b.WriteString(t)
			}
			out = append(out, zw(segment.SplitExample{Line: b.String(), Cuts: cuts}))
		}
	}
	for _, p := range paragraphs {
		if p = clean(p); p != "" {
			out = append(out, zw(segment.SplitExample{Line: p}))
		}
	}
	for i := 0; i < cfg.Docs && len(titles) > 0 && len(paragraphs) > 0; i++ {
		t := clean(titles[rng.IntN(len(titles))])
		var b strings.Builder
		b.WriteString(t)
		cut := b.Len() + 1
		for j, n := rng.IntN(len(paragraphs)), 1+rng.IntN(12); n > 0; n-- {
			b.WriteByte(' ')
			b.WriteString(clean(paragraphs[(j+n)%len(paragraphs)]))
		}
		if t != "" {
			out = append(out, zw(segment.SplitExample{Line: b.String(), Cuts: []int{cut}}))
		}
	}
	return out
}

// gapCuts returns, sorted, the byte offsets in ex.Line of the units the
// splitter starts rightly (tp) and wrongly (fp), and of the true unit
// starts it misses (fn); a cut at the first block's start (after
// metadata or white space) is not counted.
func gapCuts(s *segment.Splitter, ex segment.SplitExample) (tp, fp, fn []int) {
	d, _ := segment.Text(ex.Line, segment.TextOptions{Splitter: s})
	got := map[int]bool{}
	for _, b := range d.Blocks {
		if b.Line == 0 && b.Start > 0 {
			got[b.Start] = true
		}
	}
	first := 0
	if len(d.Blocks) > 0 {
		first = d.Blocks[0].Start
	}
	want := map[int]bool{}
	for _, c := range ex.Cuts {
		if c > first {
			want[c] = true
		}
	}
	for c := range got {
		if c == first {
			continue
		}
		if want[c] {
			tp = append(tp, c)
		} else {
			fp = append(fp, c)
		}
	}
	for c := range want {
		if !got[c] {
			fn = append(fn, c)
		}
	}
	slices.Sort(tp)
	slices.Sort(fp)
	slices.Sort(fn)
	return tp, fp, fn
}
