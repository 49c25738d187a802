package segment

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestTextBadInputs(t *testing.T) {
	cases := map[string]string{
		"empty":        "",
		"newlines":     "\n\n\n",
		"spaces":       " \t \u00a0\u3000 ",
		"nul":          "a\x00b\n\x00\n c \x00",
		"invalid utf8": "ab\xff\xfe cd\n\xc3",
		"crlf":         "one\r\ntwo\r\n\r\nthree",
		"mixed rtl":    "سلام world خبر ۱۲ 12? چرا؟ Next story\u200fhere",
		"one word":     "word",
		"cjk":          "今天天气很好。明天会下雨吗？我不知道！",
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			d, err := Text(in, TextOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Text != in {
				t.Fatal("Doc.Text differs from the input")
			}
			checkDoc(t, d)
		})
	}
}

func TestHTMLBadInputs(t *testing.T) {
	deep := strings.Repeat("<div>", 100000) + "deep text" + strings.Repeat("</div>", 100000)
	cases := map[string]struct {
		in   string
		want []string // block texts; nil means do not check
	}{
		"empty":        {"", []string{}},
		"text only":    {"hello  world", []string{"hello world"}},
		"nul":          {"<p>a\x00b</p>\x00<p>c</p>", []string{"ab", "c"}},
		"invalid utf8": {"<p>a\xffb</p>", nil},
		"nested divs":  {deep, []string{"deep text"}},
		"deep mixed":   {strings.Repeat("<div><p>x", 3000) + "<head><title>t</title></head><script>s</script>y", nil},
		"unclosed":     {"<div><p>one<p>two<li>three", []string{"one", "two", "three"}},
		"hidden": {`<p>a</p><p hidden>b</p><p style="display: none">c</p><p aria-hidden="true">d</p>` +
			`<script>x</script><style>y</style><!-- z --><p style="visibility:HIDDEN !important">e</p><p>f</p>`,
			[]string{"a", "f"}},
		"unclosed title": {"<html><head><title>T " + strings.Repeat("<p>x</p>", 200), slices.Repeat([]string{"x"}, 200)},
		"deep hidden p":  {strings.Repeat("<div>", 600) + "<p hidden>a<p>b<p>c", []string{"b", "c"}},
		"all hidden":     {`<body><div style="visibility:hidden"><p>Shown by scripts</p><p hidden>too</p></div></body>`, []string{"Shown by scripts", "too"}},
		"react stream":   {`<div id="root"><template id="B:0"></template>Loading</div><div hidden id="S:0"><h1>Page</h1></div>`, []string{"Loading", "Page"}},
		"inline glue":    {"<p>a <b>bold</b><i>ital</i> <a href=x>link</a>.</p>", []string{"a boldital link."}},
		"br":             {"<div>one<br>two<br/><br>three</div>", []string{"one", "two", "three"}},
		"pre":            {"<pre>  line 1\n\n  line 2\n</pre>", []string{"line 1", "line 2"}},
		// a rune's first byte after a <pre>'s line break stays on the line after it
		"pre, a cut rune after a line break": {"<pre>0\n\xe3</", []string{"0", "\xe3</"}},
		"pre, a cut rune at the end":         {"<pre>0\n\xe3", []string{"0", "\xe3"}},
		"controls":                           {"<form><label>Name</label><select><option>A<option>B</select><button>Go</button></form>", []string{"Name", "A", "B", "Go"}},
		"table":                              {"<table><tr><td>a</td><td>b</td></tr></table>", []string{"a", "b"}},
		"mixed rtl":                          {"<p dir=rtl>سلام <b>world</b> خبر</p>", []string{"سلام world خبر"}},
		"nbsp":                               {"<p>&nbsp;a&nbsp;&nbsp;b&#8203;</p><p>\ufeff</p>", []string{"a b"}},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			d, err := HTML(c.in, HTMLOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, d)
			if c.want == nil {
				return
			}
			got := []string{}
			for _, b := range d.Blocks {
				got = append(got, d.Text[b.Start:b.End])
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") || len(got) != len(c.want) {
				t.Fatalf("blocks %q, want %q", got, c.want)
			}
		})
	}
}

func TestHTMLFeatures(t *testing.T) {
	src := `<html lang="fa"><head><title> My  Page </title><meta property="og:title" content="OG"></head><body>
<nav id="mainMenu" class="top-nav"><ul><li><a href="/">Home</a></li><li><a href="/a">About</a></li></ul></nav>
<article class="post-body"><h1>Title</h1><p>Body with <a href="/x">a link</a> inside.</p></article>
<div role="contentinfo">© 2024</div></body></html>`
	d, err := HTML(src, HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, d)
	if d.Title != "My Page" || d.OGTitle != "OG" || d.Lang != "fa" {
		t.Fatalf("title %q og %q lang %q", d.Title, d.OGTitle, d.Lang)
	}
	if len(d.Blocks) != 5 {
		t.Fatalf("%d blocks: %q", len(d.Blocks), d.Text)
	}
	home := d.Blocks[0]
	if home.Flags&(InNav|InList|InAnchor) != InNav|InList|InAnchor || home.Links != 1 || home.LinkBytes != 4 || home.Repeat != 2 {
		t.Errorf("nav item: %+v", home)
	}
	if got := strings.Join(home.PathTokens, " "); got != "main menu top nav" {
		t.Errorf("PathTokens %q", got)
	}
	if home.Path != "html>body>nav#mainMenu.top-nav:nth-of-type(1)>ul:nth-of-type(1)>li:nth-of-type(1)" || home.Tag != "li" {
		t.Errorf("Path %q", home.Path)
	}
	h := d.Blocks[2]
	if h.Heading != 1 || h.Flags&InArticle == 0 {
		t.Errorf("heading: %+v", h)
	}
	p := d.Blocks[3]
	if p.Links != 1 || p.LinkBytes != len("a link") || p.Flags&InAnchor != 0 {
		t.Errorf("paragraph: %+v", p)
	}
	if d.Blocks[4].Flags&InFooter == 0 {
		t.Errorf("footer: %+v", d.Blocks[4])
	}
}

func TestSeedExample(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(sharedDir(t), "examples", "seed-fa-news.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	d, err := Text(text, TextOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkDoc(t, d)
	lines := strings.Split(text, "\n")
	perLine := map[int]int{}
	for _, b := range d.Blocks {
		perLine[b.Line]++
	}
	for i, l := range lines {
		want := 1
		if strings.TrimSpace(l) == "" {
			want = 0
		}
		if i == len(lines)-1 {
			continue
		}
		if perLine[i] != want {
			t.Errorf("line %d: %d blocks, want %d", i+1, perLine[i], want)
		}
	}
	last := perLine[len(lines)-1]
	t.Logf("last line: %d units (15 titles)", last)
	if last < 2 {
		t.Errorf("last line not split: %d units", last)
	}
}

// TestDefaultSplitterDecodes checks that the embedded splitter.bin decodes
// (defaultSplitter panics otherwise) and that DefaultSplitter hands out
// copies: changing one does not change the built-in splitter.
func TestDefaultSplitterDecodes(t *testing.T) {
	var s Splitter
	if err := s.UnmarshalBinary(defaultSplitterData); err != nil {
		t.Fatalf("the embedded splitter.bin does not decode: %v", err)
	}
	var l Splitter
	if err := l.UnmarshalBinary(defaultLongSplitterData); err != nil {
		t.Fatalf("the embedded splitter_long.bin does not decode: %v", err)
	}
	if DefaultLongSplitter() == DefaultLongSplitter() {
		t.Error("DefaultLongSplitter returns one splitter twice, want copies")
	}
	a := DefaultSplitter()
	a.LongWords = -1
	for k := range a.End {
		delete(a.End, k)
	}
	if b := DefaultSplitter(); b == a || b.LongWords == -1 || len(b.End) == 0 {
		t.Fatal("DefaultSplitter returned a shared splitter")
	}
	if defaultSplitter().LongWords == -1 || len(defaultSplitter().End) == 0 {
		t.Fatal("changing a DefaultSplitter copy changed the built-in splitter")
	}
}

// TestHTMLWhiteSpace checks how a block's text collapses white space and
// counts link bytes when words are set apart by one space, by several,
// by other white space, and inside and around links.
func TestHTMLWhiteSpace(t *testing.T) {
	for _, tc := range []struct {
		name, src, text  string
		links, linkBytes int
	}{
		{"one space", "<p>a b c</p>", "a b c", 0, 0},
		{"runs of white space", "<p> a  b\t\tc\n d\u00a0\u2003e </p>", "a b c d e", 0, 0},
		{"a link among words", "<p>a b <a href=x>c d  e</a> f g</p>", "a b c d e f g", 1, 5},
		{"a link at the start", "<p><a href=x>a b</a> c</p>", "a b c", 1, 3},
		{"two links", "<p><a href=x>a b</a> <a href=y>c</a></p>", "a b c", 2, 4},
		{"non-ASCII words", "<p>خبر فوری در تهران</p>", "خبر فوری در تهران", 0, 0},
		{"a space before a non-ASCII word", "<p>a é b</p>", "a é b", 0, 0},
		{"NUL between words", "<p>a \x00b c</p>", "a b c", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := HTML(tc.src, HTMLOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Blocks) != 1 {
				t.Fatalf("%d blocks in %q", len(d.Blocks), d.Text)
			}
			b := d.Blocks[0]
			if got := d.Text[b.Start:b.End]; got != tc.text || b.Links != tc.links || b.LinkBytes != tc.linkBytes {
				t.Errorf("%q, %d links, %d link bytes; want %q, %d, %d", got, b.Links, b.LinkBytes, tc.text, tc.links, tc.linkBytes)
			}
		})
	}
}
