package segment

import (
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/winnowhq/winnow/classifier/decode"
	"github.com/winnowhq/winnow/internal/linear"
)

// scanDiffBudget is how many corpus pages TestScanDifferential lets the
// scanner segment differently from the tree walk: none. (Pages the
// scanner hands to the tree are not differences; they are counted and
// listed by reason.)
const scanDiffBudget = 0

// docDiff describes the first difference between two Docs, or "".
func docDiff(got, want *Doc) string {
	switch {
	case got.HTML != want.HTML:
		return "HTML flag"
	case got.Title != want.Title:
		return fmt.Sprintf("Title %q, want %q", got.Title, want.Title)
	case got.OGTitle != want.OGTitle:
		return fmt.Sprintf("OGTitle %q, want %q", got.OGTitle, want.OGTitle)
	case got.Lang != want.Lang:
		return fmt.Sprintf("Lang %q, want %q", got.Lang, want.Lang)
	case got.OGType != want.OGType:
		return fmt.Sprintf("OGType %q, want %q", got.OGType, want.OGType)
	case got.CanonicalURL != want.CanonicalURL:
		return fmt.Sprintf("CanonicalURL %q, want %q", got.CanonicalURL, want.CanonicalURL)
	}
	n := min(len(got.Blocks), len(want.Blocks))
	for i := range n {
		g, w := got.Blocks[i], want.Blocks[i]
		gt, wt := got.Text[g.Start:g.End], want.Text[w.Start:w.End]
		switch {
		case gt != wt:
			return fmt.Sprintf("block %d text %q, want %q", i, clip(gt), clip(wt))
		case g.Path != w.Path:
			return fmt.Sprintf("block %d %q: Path %s, want %s", i, clip(gt), g.Path, w.Path)
		case g.Start != w.Start || g.End != w.End || g.Line != w.Line:
			return fmt.Sprintf("block %d %q: offsets [%d,%d) line %d, want [%d,%d) line %d", i, clip(gt), g.Start, g.End, g.Line, w.Start, w.End, w.Line)
		case g.Tag != w.Tag || g.Depth != w.Depth || g.Heading != w.Heading:
			return fmt.Sprintf("block %d %q: tag %s depth %d h%d, want %s depth %d h%d", i, clip(gt), g.Tag, g.Depth, g.Heading, w.Tag, w.Depth, w.Heading)
		case g.Flags != w.Flags:
			return fmt.Sprintf("block %d %q: flags %v, want %v", i, clip(gt), g.Flags, w.Flags)
		case g.LinkBytes != w.LinkBytes || g.Links != w.Links:
			return fmt.Sprintf("block %d %q: links %d/%d bytes, want %d/%d", i, clip(gt), g.Links, g.LinkBytes, w.Links, w.LinkBytes)
		case g.Sig != w.Sig || g.Repeat != w.Repeat:
			return fmt.Sprintf("block %d %q: sig %x repeat %d, want %x repeat %d", i, clip(gt), g.Sig, g.Repeat, w.Sig, w.Repeat)
		case !slices.Equal(g.PathTokens, w.PathTokens):
			return fmt.Sprintf("block %d %q: PathTokens %v, want %v", i, clip(gt), g.PathTokens, w.PathTokens)
		case !sameBlock(g, w):
			return fmt.Sprintf("block %d %q: %+v, want %+v", i, clip(gt), g, w)
		}
	}
	if len(got.Blocks) != len(want.Blocks) {
		return fmt.Sprintf("%d blocks, want %d", len(got.Blocks), len(want.Blocks))
	}
	if got.Text != want.Text {
		return "Text differs outside blocks"
	}
	return ""
}

// sameBlock compares blocks field by field (PathTokens by value).
func sameBlock(g, w Block) bool {
	return slices.Equal(g.PathTokens, w.PathTokens) && reflect.DeepEqual(g, w)
}

// foreign reports whether src may hold SVG or MathML, inside which the
// scanner's Schema and schemaOf's may differ (see schemaOf).
func foreign(src string) bool {
	l := strings.ToLower(src)
	return strings.Contains(l, "<svg") || strings.Contains(l, "<math")
}

// scanVsTree segments src both ways and returns the difference ("" when
// identical) and why the scanner handed the page to the tree, if it did.
func scanVsTree(src string, opt HTMLOptions) (diff, bailed string) {
	want, err := htmlTree(src, opt)
	if err != nil {
		return "tree: " + err.Error(), ""
	}
	got, err := HTML(src, opt)
	if err != nil {
		return "HTML: " + err.Error(), ""
	}
	if d := docDiff(got, want); d != "" {
		return d, ""
	}
	if got.Schema != want.Schema && !foreign(src) {
		return fmt.Sprintf("Schema %b, want %b", got.Schema, want.Schema), ""
	}
	if got.ArticleBody != want.ArticleBody && !foreign(src) {
		return fmt.Sprintf("ArticleBody %q, want %q", got.ArticleBody, want.ArticleBody), ""
	}
	_, bailed = scanHTML(src, opt)
	if strings.HasPrefix(bailed, "panic:") {
		if _, err := html.Parse(strings.NewReader(src)); err == nil {
			// html.Parse did not fail there: a bug of the scanner.
			return "scanner " + bailed, bailed
		}
	}
	return "", bailed
}

// TestScanDifferential segments every page of every shared corpus with
// the scanner and with the tree walk and compares every block, its
// Path, features and the title, og:title and lang. It reports per corpus
// the pages identical, those the scanner handed to the tree (by reason)
// and those differing, and fails past scanDiffBudget differing pages.
// Under -race or -short every 20th page is checked.
func TestScanDifferential(t *testing.T) {
	pages := corpusPages(t)
	if len(pages) == 0 {
		t.Skip("no corpus pages")
	}
	step := 1
	if raceEnabled || testing.Short() {
		step = 20
	}
	type tally struct {
		same, bailed, differ int
	}
	var mu sync.Mutex
	per := map[string]*tally{}
	reasons := map[string]int{}
	var diffs []string
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for path := range jobs {
				dec, err := decode.Decode(readGz(t, path), "")
				if err != nil {
					continue
				}
				diff, bailed := scanVsTree(dec.Text, HTMLOptions{})
				corpus := filepath.Base(filepath.Dir(filepath.Dir(path)))
				mu.Lock()
				c := per[corpus]
				if c == nil {
					c = &tally{}
					per[corpus] = c
				}
				switch {
				case diff != "":
					c.differ++
					diffs = append(diffs, filepath.Base(path)+": "+diff)
				case bailed != "":
					c.bailed++
					reasons[bailed]++
				default:
					c.same++
				}
				mu.Unlock()
			}
		})
	}
	for i := 0; i < len(pages); i += step {
		jobs <- pages[i]
	}
	close(jobs)
	wg.Wait()
	var total tally
	for _, name := range slices.Sorted(maps.Keys(per)) {
		c := per[name]
		t.Logf("%-22s %5d identical (%d scanned, %d by the tree), %d differing", name, c.same+c.bailed, c.same, c.bailed, c.differ)
		total.same += c.same
		total.bailed += c.bailed
		total.differ += c.differ
	}
	t.Logf("%-22s %5d identical (%d scanned, %d by the tree), %d differing", "all", total.same+total.bailed, total.same, total.bailed, total.differ)
	for _, r := range slices.Sorted(maps.Keys(reasons)) {
		t.Logf("handed to the tree: %4d pages: %s", reasons[r], r)
	}
	slices.Sort(diffs)
	for _, d := range diffs {
		t.Log("differs: " + d)
	}
	if total.differ > scanDiffBudget {
		t.Errorf("%d pages differ (budget %d)", total.differ, scanDiffBudget)
	}
}

// TestScanCases compares the scanner with the tree walk on markup that
// exercises the tree-construction rules it follows, and checks which
// pages it hands to the tree.
func TestScanCases(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		bail      bool // the scanner hands the page to the tree
	}{
		{"empty", "", false},
		{"text only", "hello  world", false},
		{"implied p end", "<p>a<div>b</div><p>c<p>d<ul><li>e<li>f</ul>", false},
		{"p in button scope", "<p><span>a<div>b</div>c", false},
		{"li closes li through div", "<ul><li>a<div>b<li>c</ul>", false},
		{"dt dd", "<dl><dt>a<dd>b<dt>c</dl>", false},
		{"headings", "<h1>a<h2>b</h2>c</h1>d", false},
		{"void elements", "a<br>b<hr>c<img src=x>d<input>e<wbr>f", false},
		{"self-closing div opens", "<div/>a<span/>b", false},
		{"raw text", "<script>a<p>b</script><style>p{}</style><textarea>x<p>y</textarea><xmp><b>z</xmp>", false},
		{"title in head and body", "<title>T &amp; t</title><body><title>no</title>x", false},
		{"og title", `<meta property="og:title" content=" O  g "><p>x`, false},
		{"lang merged", `<html><body>x<html lang=fa>`, false},
		{"class merged into body", `<body>x<body class=y>`, false},
		{"attributes merged into body twice", `<body id=a>x<p>y<body class=y id=b><div>z<body role=main class=w style="display:none">t`, false},
		{"class and lang merged into html", `<html><body><p>x<html class=dark lang=de><p>y`, false},
		{"body attributes merged into an implied body", `x<div>y</div><body class=late hidden>z`, false},
		{"body attributes before text", `<head><img src=p></head><body class="home page" id=top role=main>x<p>y`, false},
		{"body attributes after empty div", `<div></div><body class=y>x`, false},
		{"body hidden later", `<img><body hidden>x`, false},
		{"body style later", `<img><body style="color:red">x`, false},
		{"after head", "<head></head><meta name=a><title>t</title>\n<p>x", false},
		{"text after body", "<p>a</p></body></html>b<p>c", false},
		{"formatting reconstructed", "<p><b>a</p>\n<p>b</p>c", false},
		{"unclosed a reconstructed", "<p><a href=x>link</p>more<p>x", false},
		{"noahs ark", "<b><b><b><b><p>x</p>", false},
		{"rune split by an ignored doctype", "a\xc2<!DOCTYPE>\x85b", false},
		{"rune cut after a pre's line break", "<pre >0\n\xe3</", false},
		{"rune cut before an adoption", "<A href><p>\xda<A>", false},
		{"rune cut before an end tag's adoption", "<b><p>x\xe3</b>y", false},
		{"rune split by a stray end tag", "<p>a\xe3\x80</x>\x80b\xe2</y>\x80</z>\x83", false},
		{"rune split by an element", "<p>a\xc2<b>\x85</b>c\xc2<!--x-->\xa0d", false},
		{"rune cut at the end of a block", "<p>a\xe2\x80</p><p>\xa8b\xf0", false},
		{"misnested inline", "<b>a<i>b</b>c</i>d", false},
		{"adoption agency block", "<b>a<p>b</b>c</p>", false},
		{"adoption agency block, siblings", "<div><p>x</p><font color=r>a<p>b<i>c</i> d</font>e<font>f</font><p>g</div>", false},
		{"adoption agency anchor", "<ul><li>x<a href=1><li>y <em>z</em></a> w<li>v</ul>", false},
		{"adoption agency classes", "<div class=c id=d><b class=k>a<p class=q>b</b>c<b>d</b></p><p>e</div>", false},
		{"adoption agency nested", "<td><font size=2><p>a<font>b<p>c</font>d</font>e", false},
		{"adoption agency in table cell", "<table><tr><td><font>a<p>b</font>c<p>d</table>", false},
		{"adoption agency after a line", "<b class=x><p>a<br>b</b>c</p><p>a<br>b</p>", false},
		{"adoption agency after lines of a child", "<b><p>a<span>c<br>d</span></b>c</p>", false},
		{"adoption agency after a child block", "<b><li>a<div>c</div>d</b>e", false},
		{"adoption agency, block in block", "<b><div>a<div>b</div>c</b>d", false},
		{"adoption agency, role", "<b role=navigation><p>a</b>b", false},
		{"adoption agency, foster", "<table><tr><b><p>a</b>b</table>", true},
		{"adoption agency, chain of blocks", `<div><p>x</p><a href=1 class=k><div><img><h2>T <em>u</em></a> more</h2>y</div><p>z</div>`, false},
		{"adoption agency, chain under a role", `<nav><a href=1 role=banner><div><ul><li>a</a>b</ul></div></nav><p>c`, false},
		{"adoption agency, chain, pre newline", "<a href=1><div><pre>\nx</a>\ny</pre></div>", false},
		{"adoption agency, chain of seven", "<b>" + strings.Repeat("<div>", 7) + "x</b>y", false},
		{"adoption agency, chain of eight", "<b>" + strings.Repeat("<div>", 8) + "x</b>y", true},
		{"adoption agency, inline in the chain", "<b><div><span><p>a</b>c", true},
		{"adoption agency, chain in a table", "<table><tr><td><b><div><p>a</b>c</table>", false},
		{"adoption agency planned, list", `<div><a href=1><ul><li>a<li>b <em>c</em></a> d<li>e</ul></div><p>f`, false},
		{"adoption agency planned, twice", `<a href=1><div><p>a<p>b</a>c</div><p>m<a href=2 id=z><section><h3>d</h3><p>e</a>f</section>`, false},
		{"adoption agency planned, nested", `<b><div><p>a</p><i><div><p>c</p><p>d</i>e</div>f</b>g`, false},
		{"adoption agency planned, a line", `<font><p>a<br>b<div>c</div>d</font>e`, false},
		{"adoption agency planned, in a copy", `<a href=1><div><p>a</p><b><p>c</b>d</p></a>e`, false},
		{"a in a", "<a href=1>a<a href=2>b</a>", false},
		{"table implied", "<table><tr><td>a<td>b<tr><th>c</table>d", false},
		{"table caption colgroup", "<table><caption>c</caption><col><thead><tr><td>h</thead><tbody><tr><td>b</table>", false},
		{"table whitespace", "<table> <tr> <td>a</td> </tr> </table>", false},
		{"table foster text", "<table>x<tr><td>a</table>", false},
		{"table foster element", "<table><div>x</div><tr><td>a</table>", false},
		{"table foster text after text", "<div>a<table>b<tr><td>c</table>d</div>", false},
		{"table foster elements, then rows", "<table class=t id=i><tbody class=b><tr class=r><div>x</div><p>y <b>z</b><tr><td>a</table>", false},
		{"table foster, white space first", "<table>\n <tr>\n <div>x</div><td>a</table>", false},
		{"table foster, empty table", "<p>a<table>x</table>b", false},
		{"table foster, unclosed table", "<div><table><tr>x<span>y", false},
		{"table foster after a cell", "<table><tr><td>a</td></tr>x</table>", true},
		{"table foster in nested tables", "<table><tr><td><table>x<tr><td>y</table>z</table>", false},
		{"table foster, hidden parent", "<div hidden><table>x<tr><td>a</table></div>b", false},
		{"table foster, hidden table", "<table hidden>x<tr><td>a</table>b", false},
		{"table foster, form closed around the table", "<form><table></form>x<tr><td>a</table>", false},
		{"adoption agency planned, inline in the last block", "<div><a href=1><p>a</p><p>b <strong>c</a> d</strong> e</p></div>", false},
		{"adoption agency chain, inline in the last block", "<div><a href=1><div><p>a <font>b <span>s</a>c</font>d</p></div></div>", false},
		{"adoption agency, formatting reopened after it", "<a href=1><div><p>x <b>y <i>w</a> z</p></div>", false},
		{"adoption agency in a hidden parent", "<div hidden><a href=1><div><p>a<p>b</a>c</div></div>d", false},
		{"adoption agency chain, a closed paragraph's run", "<a><div><ul><p>0</p><a>x", false},
		{"adoption agency around an empty table", "<a href=1><div><table></table></a>x</div><p>y", false},
		{"adoption agency planned around a table", "<a href=1><div><p>a</p><table></table><p>b</a>c</div>", false},
		{"table foster, adoption among the misplaced elements", "<table><b><a href=1><p>x<a>y</table>z", false},
		{"table foster, adoption around a table", "<div><table><tr><b><div><p>x</b>y</table></div>", true},
		{"table foster, caption first", "<table><caption>c</caption>x<tr><td>a</table>", true},
		{"table foster void elements", "<div><img><table><link rel=x><tr><br><td>a<br>b</td><hr></tr><img></table><img><br><link>c</div>", false},
		{"table foster void, table by position", "<p><table><tr><td>x</table><table><img><tr><td>a</table>", false},
		{"table foster br then text", "<table><tr><br>x<td>a</table>", false},
		{"table in p quirks", "<p><table><tr><td>a</table>b", false},
		{"table in p standards", "<!DOCTYPE html><p><table><tr><td>a</table>b", false},
		{"table in p legacy doctype", `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><p><table><tr><td>a</table>b`, false},
		{"nested tables", "<table><tr><td><table><tr><td>a</table>b</td></tr></table>", false},
		{"form pointer", "<form><div>a</form>b</div><form>c", false},
		{"form in table", "<table><form><tr><td><input>a</table>", false},
		{"select", "<select><option>a<option>b<optgroup><option>c</select>d", false},
		{"svg dropped", "<p>a<svg><title>t</title><p>b</p></svg>c", false},
		{"svg foreignObject", "<svg><foreignObject><div>x</div></foreignObject></svg>y", false},
		{"math text", "<math><mi>x</mi><mtext><b>y</b></mtext></math>z", false},
		{"pre newline", "<pre>\na\nb</pre><pre><b></b>\nc</pre>", false},
		{"hidden", `<div hidden>a</div><div aria-hidden="true">b</div><p style="display: none">c</p><div hidden id="S:1">d</div>e`, false},
		{"all hidden", `<div hidden>a</div>`, false},
		{"template", "<template><p>a</p></template>b", false},
		{"template nested", "<p>a<template><template><div>x</template>y</template>b<p>c", false},
		{"template in table", "<table><template><td>x</template><tr><td>a</table>", false},
		{"template in head", "<head><template><link></template><title>t</title></head>x", false},
		{"template with title in head", "<head><template><title>t</title></template></head>x", true},
		{"template raw text", "<template><script></template></script></template>a", false},
		{"template unclosed", "<div>a<template><p>b", false},
		{"template with svg", "<template><svg><style></template>x", true},
		{"template with svg icons", `<body><template><svg viewBox="0 0 1 1"><title>Share</title><path d="M0"/><style>.a{fill:red}</style></svg><p>b</p></template>x<template><math><mi>y</mi></math></template>z`, false},
		{"template with svg markup in style", "<template><svg><style><b></style></svg></template>x", true},
		{"template with svg self-closing title", "<template><svg><title/><p>a</p></svg></template>x</title>y", true},
		{"template with svg CDATA", "<template><svg><![CDATA[a>b]]></svg></template>x", true},
		{"template with svg CDATA to its first >", "<template><svg><![CDATA[ab]]></svg></template>x", false},
		{"template in a template's svg", "<template><svg><template></svg></template>x</template>y", true},
		{"template after a template's svg", "<body><template><svg><path/></svg><template><p>a</template>b</template>c", false},
		{"template after an svg integration point", "<body><template><svg><foreignObject><div></svg></div></foreignObject><template></svg></template>x</template>y", true},
		{"template after math end tag mismatch", "<body><template><svg></math><template></svg></template>x</template>y", true},
		{"template with svg then html raw text", "<template><svg></svg><script>a</template>b</script></template>c", true},
		{"template formatting", "<b>a<template><i>b</template>c</b>", false},
		{"frameset", "<frameset><frame></frameset>", true},
		{"custom elements", "<my-card><x-t>a</x-t></my-card><my-card>b</my-card>", false},
		{"image tag", "<image src=x>a", false},
		{"noscript iframe noembed", "<noscript><p>a</p></noscript><iframe>b</iframe><noembed>c</noembed>d", false},
		{"object fallback", "<object><p>a</p></object>b", false},
		{"plaintext", "a<plaintext><p>b</p>", false},
		{"nul text", "a\x00b<pre>\x00\nc</pre>", false},
		{"comments", "<!--a--><p>b<!--c-->d</p><!--e-->", false},
		{"deep", strings.Repeat("<div>", 600) + "x", true},
		{"unclosed title", "<title>" + strings.Repeat("<p>x</p>", 200), false},
		{"unclosed title, named", `<html id=h class="a b"><head class=hd><meta charset=utf-8><title id=t class=tt>T ` + strings.Repeat("<p>x</p>", 200) + "<div hidden>h</div><ul><li>a<li>b</ul>", false},
		{"unclosed title after an empty one", "<title></title><title>T " + strings.Repeat("<p>x &amp; y</p>", 200), false},
		{"long title closed, then the page", "<title>T " + strings.Repeat("<b>x</b>", 200) + "</title><body><p>a<p>b", false},
		{"unclosed title holding a title", "<title>T " + strings.Repeat("<p>x</p>", 200) + "<html lang=de><head><title>U</title><body class=k><p>y", false},
		{"unclosed empty title holding another", "<title> " + strings.Repeat("<p>x</p>", 200) + "<title> " + strings.Repeat("<p>y</p>", 200), false},
		{"unclosed title holding foster parenting", "<title>T " + strings.Repeat("<p>x</p>", 200) + "<table>z<tr><td>a</table>", false},
		{"unclosed title, hidden html", "<html hidden><title>T " + strings.Repeat("<p>x</p>", 200), false},
		{"ruby", "<ruby>a<rb>b<rt>c<rp>d</ruby>", false},
		{"nobr", "<nobr>a<nobr>b</nobr>", false},
		{"duplicate attributes", `<div ID=a id=b CLASS="x" class=y>t</div>`, false},
		{"duplicate attributes past 16", `<div a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 a14 a15 a16 a17 class=k id=i CLASS=z ID=j>t</div>`, false},
		{"nul in names", "<d\x00iv cl\x00ass=a>x</d\x00iv><p \x00=1>y", false},
		{"entities in attributes", `<div class="a&amp;b &ampc" id="&lt;x&gt;">t</div><a href="?a=1&amp=2">l</a>`, false},
		{"rtl persian", `<html lang="fa" dir="rtl"><body><article><h1>عنوان</h1><p>متن <a href="/x">پیوند</a></p></article>`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, keep := range []bool{false, true} {
				opt := HTMLOptions{KeepHidden: keep}
				diff, _ := scanVsTree(tc.src, opt)
				if diff != "" {
					t.Errorf("KeepHidden=%v: %s", keep, diff)
				}
				_, bailed := scanHTML(tc.src, opt)
				if (bailed != "") != tc.bail {
					t.Errorf("KeepHidden=%v: handed to the tree: %q, want %v", keep, bailed, tc.bail)
				}
			}
		})
	}
}

// FuzzHTMLDifferential checks that HTML (the scanner, or the tree when
// it hands the page over) segments every input exactly as the tree walk
// does.
func FuzzHTMLDifferential(f *testing.F) {
	for _, s := range []string{
		"", "<p>a<div>b</div><p>c", "<ul><li>a<div>b<li>c</ul>", "<table><tr><td>a<td>b</table>",
		"<p><b>a</p>\n<p>b", "<p><a href=x>l</p>m", "<b>a<i>b</b>c</i>", "<svg><title>t</title><p>b</svg>c",
		"<math><mi>x<mtext><b>y</b></math>", "<form><div>a</form>b</div>", "<select><option>a<option>b</select>",
		"<html><body>x<html lang=fa>", "<head></head><meta property=og:title content=x><title>t</title>",
		"<div><a href=1><div><h2>t</a>u</h2></div>", "<a href=1><ul><li>a<li>b</a>c<li>d</ul>", "<b><div>a<div>b</div>c</b>d",
		"<div>a<table>b<div>c</div><tr><td>d</table>e</div>", "<div hidden><table>x<p>y</table></div>z", "<table><tbody><tr>x<b>y</b><td>a</table>",
		"<div><a href=1><p>a</p><p>b <strong>c</a> d</strong> e</p></div>", "<a href=1><div><p>x <b>y <i>w</a> z</p></div>",
		"<html class=h><head id=d><title class=t>T " + strings.Repeat("<p>x</p><div>y</div>", 60) + "<ul><li>a<li>b</ul>",
		"<!DOCTYPE html><p><table><tr><td>a</table>", "<pre>\na</pre><textarea>\nb</textarea>",
		"<div hidden>a</div><p style='display:none'>b</p>", "<a href=1>a<a href=2>b", "<nobr>a<nobr>b",
		"<table><caption>c<tr><td>x</caption>", "<template><b>x</template>y<template><svg>", "<div ID=a id=b class=x CLASS=y>t",
		"<b>a<p>b</b>c</p>", "<td><font><li>a <a href=x>b</a></font>c<li>d", "<div><a href=1 class=x>a<div>b</a>c</div>",
		"<b hidden><p>a</b>b<p style='display:none'><i>c<div>d</i>e",
		"<div><div><div><div><b><div>a<div>b<br>c</b>d", "<b><li>a<br><i>b<br></b>c<br>d",
		"<div>t<table><br><tr><img><td>a</table><img><br>u", "<table><tr><td>a<table><hr><input></table>b</table>",
		"<img><body class=x role=main>y", "<p>a<body class=b><p>c<html class=d lang=e><body style=display:none id=f>", "<p \x00=1 cl\x00ass=a>y", "<table><colgroup><col></colgroup><tr><td>a", "a\x00b\xffc", "\xc2<!DOCTYPE>\x85", "a\xe2\x80</x>\xa8b<b>\xc2</b>\x85",
		"<body><template><svg><title>t</title><style>a</style><![CDATA[x]]><path/></svg><p>b</template>y",
		"<body><template><math><mi><style>x</style></mi><mtext><title>z</title></mtext></math></template>w<svg><desc><p>d</svg>e",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if diff, _ := scanVsTree(src, HTMLOptions{}); diff != "" {
			t.Fatal(diff)
		}
	})
}

// BenchmarkHTMLTree is BenchmarkHTML through the tree walk only (the
// segmenter before scan.go), for the before/after ratio in one run:
// go test -bench 'HTML$|HTMLTree' ./classifier/segment/
func BenchmarkHTMLTree(b *testing.B) {
	benchHTML(b, htmlTree)
}

// TestHTMLBadShapes feeds HTML absurd shapes, small and four times as
// large: it must not panic, must give the tree walk's Doc, and its CPU
// time (the least of three runs) must grow about linearly (a generous
// bound: under 12 times for 4 times the input, plus 50 ms of slack for a
// noisy machine, in each of linear.Within's tries).
func TestHTMLBadShapes(t *testing.T) {
	if raceEnabled || testing.Short() {
		t.Skip("timing under -race or -short")
	}
	shapes := []struct {
		name string
		gen  func(n int) string
	}{
		{"nested divs", func(n int) string { return strings.Repeat("<div>", n) + "x" }},
		{"one huge line", func(n int) string { return strings.Repeat("word ", n*20) }},
		{"many tiny elements", func(n int) string { return strings.Repeat("<span>a</span><br>", n) }},
		{"many attributes", func(n int) string {
			var b strings.Builder
			b.WriteString("<div")
			for i := range n {
				fmt.Fprintf(&b, " k%d=v", i)
			}
			return b.String() + ">x"
		}},
		{"unclosed formatting", func(n int) string { return strings.Repeat("<p><b>y</p>", n) }},
		{"unclosed formatting, distinct", func(n int) string {
			var b strings.Builder
			for i := range n {
				fmt.Fprintf(&b, "<p><b id=%d></p>", i)
			}
			return b.String() + "x"
		}},
		{"unclosed cells", func(n int) string { return strings.Repeat("<table><tr><td>", n) }},
		{"rows without cells, text misplaced", func(n int) string { return "<table>" + strings.Repeat("<tr>x<b>y</b>", n) }},
		{"tables with misplaced text", func(n int) string { return strings.Repeat("<div><table>x<tr><td>y</table></div>", n) }},
		{"adoptions planned", func(n int) string { return strings.Repeat("<a href=1><div><p>a<p>b</a>c</div>", n) }},
		{"adoption chains", func(n int) string { return strings.Repeat("<b><div><h2>a</b>c</h2></div>", n) }},
		{"unclosed title", func(n int) string { return "<title>t" + strings.Repeat("<p>x<table>y<tr><td>z", n) }},
		{"invalid UTF-8", func(n int) string { return strings.Repeat("<p>\xff\xfe\xc0a\x80", n) }},
	}
	for _, sh := range shapes {
		t.Run(sh.name, func(t *testing.T) {
			cost := func(n int) time.Duration {
				src := sh.gen(n)
				// the least of three runs: one run of the large input
				// may pay for a collection or fresh pages that the
				// small one did not
				var best time.Duration
				var got *Doc
				for r := range 3 {
					c0 := cpuNow()
					d, err := HTML(src, HTMLOptions{})
					if c := cpuNow() - c0; r == 0 || c < best {
						best = c
					}
					if err != nil {
						t.Fatal(err)
					}
					got = d
				}
				want, _ := htmlTree(src, HTMLOptions{})
				if d := docDiff(got, want); d != "" {
					t.Fatalf("n=%d: %s", n, d)
				}
				return best
			}
			_, small, large, ok := linear.Within(cost, 5000, 20000, 12, 50*time.Millisecond)
			t.Logf("CPU %v for 5,000 repeats, %v for 20,000", small, large)
			if !ok {
				t.Errorf("CPU %v for 4 times the input, %v for the input, %d times: not linear", large, small, 1+linear.Retries)
			}
		})
	}
}

// TestScanCheck stops the single pass (and the tree it then hands the
// page to) through HTMLOptions.Check, in body text and in a template.
func TestScanCheck(t *testing.T) {
	stop := errors.New("stop")
	for _, tc := range []struct{ name, src string }{
		{"body", strings.Repeat("<p>a</p>", 20000)},
		{"template", "<template>" + strings.Repeat("<p>a</p>", 20000) + "</template>b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			check := func() error {
				calls++
				if calls > 2 {
					return stop
				}
				return nil
			}
			if _, err := HTML(tc.src, HTMLOptions{Check: check}); err != stop {
				t.Errorf("HTML with a failing Check: error %v, want %v", err, stop)
			}
			want, _ := HTML(tc.src, HTMLOptions{})
			got, err := HTML(tc.src, HTMLOptions{Check: func() error { return nil }})
			if err != nil || docDiff(got, want) != "" {
				t.Errorf("HTML with a passing Check: %v, %s", err, docDiff(got, want))
			}
		})
	}
}
