package segment

import (
	"bytes"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"

	"github.com/winnowhq/winnow/classifier/decode"
	"github.com/winnowhq/winnow/internal/corpus"
)

func TestWriteIdent(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"main", "main"},
		{"top-nav_2", "top-nav_2"},
		{"123", `\31 23`},
		{"-1x", `-\31 x`},
		{"--1", `--\31 `},
		{"-", `\-`},
		{"--", `-\-`},
		{"--x", "--x"},
		{"a b", `a\ b`},
		{"a.b:c#d", `a\.b\:c\#d`},
		{"x\ty", `x\9 y`},
		{"a\x7f", `a\7f `},
		{"a\x00b", "a\uFFFDb"},
		{"日本", "日本"},
		{`q"u\o`, `q\"u\\o`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			var sb strings.Builder
			writeIdent(&sb, tc.in)
			if got := sb.String(); got != tc.want {
				t.Errorf("writeIdent(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if _, err := cascadia.Compile("#" + sb.String()); err != nil {
				t.Errorf("#%s: %v", sb.String(), err)
			}
		})
	}
}

// pathPages are hand-written pages with awkward ids, classes and tags.
// Their blocks must all be located exactly, but for the deep pages, whose
// paths are cut (see HTMLOptions.MaxPathElems) and may select ancestors.
var pathPages = map[string]string{
	"ids": `<div id="123">digit id</div><div id="-1x">dash digit</div><div id="a b">space id</div>` +
		`<div id="a.b:c">punct id</div><div id="--">dashes</div><div id="-">dash</div>` +
		`<div id="日本">cjk id</div><div id='q"u\o'>quote id</div><div id="x	y">tab id</div>`,
	"classes": `<p class="1col -2 a.b  c&#160;d">odd classes</p><p class="x y z w v">many classes</p>` +
		`<p class="` + strings.Repeat("long", 30) + `">long class</p><p class="">empty class</p>`,
	"duplicate ids": `<div id="d"><p>first</p></div><div id="d"><p>second</p><p>third</p></div>`,
	"br runs":       `<div>one<br>two<br><span>three</span> four</div><p>a<b>b</b>c<br>d</p>`,
	"tables":        `<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d<br>e</td></tr></table>`,
	"tags": `<x.y>dotted tag</x.y><my-widget>custom</my-widget><my-widget>custom 2</my-widget>` +
		"<" + strings.Repeat("long", 20) + "><p>in a long tag</p></" + strings.Repeat("long", 20) + ">",
	"wide": func() string {
		var b strings.Builder
		for i := range 40 {
			fmt.Fprintf(&b, "<t%d>wide %d</t%d><div>d%d</div>", i, i, i, i)
		}
		return b.String()
	}(),
	"deep 300": strings.Repeat("<div>", 300) + "deep text" + strings.Repeat("</div>", 300),
	"deep 200 id": strings.Repeat("<div>", 150) + `<div id="anchor">` +
		strings.Repeat("<div>", 50) + "anchored" + strings.Repeat("</div>", 201),
	"hidden":      `<p>a<span hidden>x</span>b</p><p>c<script>var s</script>d</p>`,
	"title spill": "<title>" + strings.Repeat("x", maxTitleBytes) + "<p>spilled</p><p>spilled 2</p>",
}

func TestPathLocates(t *testing.T) {
	for name, src := range pathPages {
		t.Run(name, func(t *testing.T) {
			var st locateStats
			st.page(t, name, src, true)
			if st.exact+st.ambiguous != st.blocks || st.ambiguous > 0 && name != "deep 300" {
				t.Errorf("%d of %d blocks located exactly, %d ambiguous", st.exact, st.blocks, st.ambiguous)
			}
		})
	}
	t.Run("deep token stream", func(t *testing.T) {
		// html.Parse rejects these pages: Path is only checked to be a
		// valid selector of bounded length.
		for _, src := range []string{
			strings.Repeat("<div>", 100000) + "deep" + strings.Repeat("</div>", 100000),
			strings.Repeat("<div>", 600) + `<div id="7 up">` + strings.Repeat("<p><span>", 20) + "deep",
		} {
			d, err := HTML(src, HTMLOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range d.Blocks {
				if _, err := cascadia.Compile(b.Path); err != nil {
					t.Errorf("Path %q: %v", clip(b.Path), err)
				}
				if len(b.Path) > 64*24 {
					t.Errorf("Path is %d bytes", len(b.Path))
				}
			}
			if len(d.Blocks) > 0 {
				t.Logf("deepest Path: %s", d.Blocks[len(d.Blocks)-1].Path)
			}
		}
	})
	t.Run("corpora", func(t *testing.T) {
		root := filepath.Join(sharedDir(t), "corpora")
		sets, err := corpus.Sets(root)
		if err != nil {
			t.Fatal(err)
		}
		step := 25 // 197 pages
		if raceEnabled || testing.Short() {
			step = 100
		}
		type job struct {
			set *corpus.Set
			p   corpus.Page
		}
		jobs := make(chan job)
		var wg sync.WaitGroup
		var mu sync.Mutex
		var all locateStats
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for j := range jobs {
					raw, err := j.set.HTML(j.p)
					if err != nil {
						t.Error(err)
						continue
					}
					dec, err := decode.Decode(raw, "")
					if err != nil {
						t.Errorf("%s: decode: %v", j.p.ID, err)
						continue
					}
					var st locateStats
					st.page(t, j.set.Name+"/"+j.p.ID, dec.Text, true)
					mu.Lock()
					all.add(st)
					mu.Unlock()
				}
			})
		}
		for _, dir := range sets {
			set, err := corpus.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < len(set.Pages); i += step {
				jobs <- job{set, set.Pages[i]}
			}
		}
		close(jobs)
		wg.Wait()
		t.Logf("%d pages (%d not parsed by html.Parse), %d blocks: %d (%.3f%%) located exactly, %d cut paths selecting several elements, %d not located, %d without Path; longest Path %d bytes",
			all.pages, all.unparsed, all.blocks, all.exact, 100*float64(all.exact)/float64(max(1, all.blocks)),
			all.ambiguous, all.missed, all.noPath, all.longest)
	})
}

// locateStats counts how the blocks of some pages were located.
type locateStats struct {
	pages, unparsed, blocks, exact, ambiguous, missed, noPath, longest int
}

func (s *locateStats) add(o locateStats) {
	s.pages += o.pages
	s.unparsed += o.unparsed
	s.blocks += o.blocks
	s.exact += o.exact
	s.ambiguous += o.ambiguous
	s.missed += o.missed
	s.noPath += o.noPath
	s.longest = max(s.longest, o.longest)
}

// page segments src and locates every block's Path with goquery. Invalid
// selectors always fail the test; a block whose element is not found, or
// does not hold its text, is logged (verbose) and counted.
func (s *locateStats) page(t *testing.T, name, src string, verbose bool) {
	s.pages++
	d, err := HTML(src, HTMLOptions{})
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(src))
	if err != nil {
		s.unparsed++
		return
	}
	type found struct {
		vis, all string
		ok, many bool
	}
	cache := make(map[string]found)
	for _, b := range d.Blocks {
		s.blocks++
		s.longest = max(s.longest, len(b.Path))
		if b.Path == "" {
			s.noPath++
			continue
		}
		f, seen := cache[b.Path]
		if !seen {
			m, err := cascadia.Compile(b.Path)
			if err != nil {
				t.Errorf("%s: Path %q: %v", name, clip(b.Path), err)
				cache[b.Path] = f
				continue
			}
			sel := doc.FindMatcher(goquery.SingleMatcher(m))
			if sel.Length() > 0 {
				n := sel.Get(0)
				if n.Data == "title" {
					// Markup swallowed by an unclosed <title>: its
					// blocks are the title's text parsed again.
					if r, err := html.Parse(strings.NewReader(sel.Text())); err == nil {
						n = r
					}
				}
				f = found{vis: squeeze(visibleText(n, false)), all: squeeze(visibleText(n, true)), ok: true}
				if !strings.HasPrefix(b.Path, "html>") {
					// A cut path may select several elements.
					f.many = doc.FindMatcher(m).Length() > 1
				}
			}
			cache[b.Path] = f
		}
		text := squeeze(d.Text[b.Start:b.End])
		switch {
		case !f.ok:
			s.missed++
			if verbose {
				t.Logf("%s: %q: Path %s selects nothing", name, clip(text), clip(b.Path))
			}
		case f.many:
			s.ambiguous++
			if verbose {
				t.Logf("%s: %q: cut Path %s selects several elements", name, clip(text), clip(b.Path))
			}
		case strings.Contains(f.vis, text) || strings.Contains(f.all, text):
			s.exact++
		default:
			if verbose {
				t.Logf("%s: %q: Path %s selects an element without it", name, clip(text), clip(b.Path))
			}
		}
	}
}

// squeeze drops white space (as segmentation counts it) and NULs.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0 || isSpace(r) || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// visibleText is n's text without the elements segmentation drops
// whatever their attributes (scripts, styles, ...) and, unless
// keepHidden, those it drops for being hidden.
func visibleText(n *html.Node, keepHidden bool) string {
	var b bytes.Buffer
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
				"embed", "canvas", "title", "head":
				if n.Parent != nil { // the located element itself is kept
					return
				}
			}
			for _, a := range n.Attr {
				if keepHidden {
					break
				}
				if a.Key == "hidden" || a.Key == "aria-hidden" && strings.TrimSpace(a.Val) == "true" ||
					a.Key == "style" && hiddenStyle(a.Val) {
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
	return b.String()
}

// FuzzPath checks that every Path is a valid selector and that, on pages
// html.Parse accepts, an uncut Path selects an element holding the
// block's text.
func FuzzPath(f *testing.F) {
	for _, s := range pathPages {
		if len(s) < 4096 {
			f.Add(s)
		}
	}
	f.Add(`<p class="a\b">x</p><p id="&#0;">y</p><div id=" "><i class="-">z</i></div>`)
	f.Add("<table><td>a<p>b<td>c</table><ul><li>d<li>e</ul><frameset><p>f")
	f.Fuzz(func(t *testing.T, src string) {
		d, err := HTML(src, HTMLOptions{})
		if err != nil {
			return
		}
		root, err := html.Parse(strings.NewReader(src))
		var doc *goquery.Document
		if err == nil {
			doc = goquery.NewDocumentFromNode(root)
		}
		for _, b := range d.Blocks {
			m, err := cascadia.Compile(b.Path)
			if err != nil {
				t.Fatalf("Path %q: %v", b.Path, err)
			}
			if doc == nil || !strings.HasPrefix(b.Path, "html>") {
				continue
			}
			sel := doc.FindMatcher(goquery.SingleMatcher(m))
			if sel.Length() == 0 {
				t.Fatalf("Path %q selects nothing", b.Path)
			}
			text := squeeze(d.Text[b.Start:b.End])
			n := sel.Get(0)
			if n.Data == "title" {
				if r, err := html.Parse(strings.NewReader(sel.Text())); err == nil {
					n = r
				}
			}
			if !strings.Contains(squeeze(visibleText(n, false)), text) && !strings.Contains(squeeze(visibleText(n, true)), text) {
				t.Fatalf("Path %q selects an element without %q", b.Path, text)
			}
		}
	})
}

func TestParentPath(t *testing.T) {
	for _, tc := range []struct{ name, path, want string }{
		{"paragraph in an article", "html>body>article:nth-of-type(1)>p:nth-of-type(3)", "html>body>article:nth-of-type(1)"},
		{"root", "html", ""},
		{"empty", "", ""},
		{"escaped greater-than in a class", `html>body>div.a\>b`, `html>body>div.a\`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ParentPath(tc.path); got != tc.want {
				t.Errorf("ParentPath(%q) = %q, want %q", tc.path, got, tc.want)
			}
		})
	}
}
