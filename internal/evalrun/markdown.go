package evalrun

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/winnowhq/winnow/classifier/decode"
	"github.com/winnowhq/winnow/internal/wrap"
	"golang.org/x/net/html"
)

// markdownOf renders an HTML page the way scrapers that save markdown do
// (Jina Reader, Firecrawl, crawl4ai and the like): every block element
// on lines of its own, set apart by a blank line but for list items in a
// row, headings as "#" lines, list items as "* " lines,
// links as [text](href) and images as ![alt](src) with white space and
// brackets in the address percent-encoded, the rest as its visible
// text with white space collapsed; script, style, template and the
// document's head are left out. It is winnow eval's "markdown" rendition
// (Winnow's text mode must read such text as it reads plain text), and
// st writes its other styles (mdStyle).
//
// Limits: no tables, emphasis or code fences; hidden elements are
// rendered like visible ones, as those scrapers mostly do.
func markdownOf(page string, st mdStyle) (string, error) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		return "", err
	}
	w := &mdWriter{width: st.width, turndown: st.turndown, dump: st.dump}
	if st.dump {
		w.width = dumpWidth
		if w.base, err = url.Parse(st.base); err != nil || st.base == "" {
			w.base = &url.URL{Scheme: "file", Host: "localhost", Path: "/"}
		}
	}
	for _, n := range doc.Find("body").Nodes {
		w.node(n)
	}
	return w.String(), nil
}

// mdStyle is how a markdown rendition is written.
type mdStyle struct {
	// width > 0 hard-wraps every line at width runes, as html2text writes
	// by default (78): a link's text then goes on over line breaks
	width int
	// dump writes text as lynx -dump does (dumpWidth): no markdown marks,
	// paragraphs indented by three spaces and hard-wrapped, headings
	// flush left, list items as "* " indented by five, each link's text
	// after its number in brackets ("[12]Sports"), images as their alt
	// text in brackets, and the links' addresses numbered under
	// "References" after the text (width is then dumpWidth)
	dump bool
	// base is the page's address, which dump resolves the links'
	// addresses against (lynx lists them absolute); empty means
	// file://localhost/, as lynx reads a page from its standard input
	base string
	// turndown writes as turndown does by default (the converter of Jina
	// Reader and of browser clippers): h1 and h2 as their text underlined
	// with "=" or "-" (setext headings), list items as "*   ", rules as
	// "* * *", and markdown's marks in the page's text escaped with a
	// backslash (turndownEscape)
	turndown bool
}

// mdWriter accumulates markdown lines; line is the line being written.
type mdWriter struct {
	out   strings.Builder
	line  strings.Builder
	space bool // white space pending before the next text
	item  bool // the last line written is a list item
	width int  // the width lines are hard-wrapped at (0: none)
	// turndown: mdStyle.turndown
	turndown bool
	under    byte // the underline of the heading being written (turndown)
	rule     bool // the line being written is a rule, "* * *" (turndown)
	// dump: mdStyle.dump
	dump    bool
	base    *url.URL // mdStyle.base, parsed (dump)
	heading bool     // the line being written is a heading (dump)
	links   []string // the addresses of the links written so far (dump)
}

// mdBlock are the elements rendered on lines of their own.
var mdBlock = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "header": true, "footer": true,
	"nav": true, "aside": true, "main": true, "ul": true, "ol": true, "li": true, "table": true,
	"tr": true, "td": true, "th": true, "blockquote": true, "pre": true, "figure": true,
	"figcaption": true, "form": true, "dl": true, "dt": true, "dd": true, "hr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "address": true,
	"details": true, "summary": true, "fieldset": true,
}

// mdSkip are the elements left out with their content.
var mdSkip = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "head": true,
	"svg": true, "iframe": true, "object": true, "canvas": true, "select": true,
}

// flush ends the current line (a blank line after it, as markdown
// separates blocks).
func (w *mdWriter) flush() {
	s := strings.TrimSpace(w.line.String())
	under, rule, heading := w.under, w.rule, w.heading
	w.line.Reset()
	w.space, w.under, w.rule, w.heading = false, 0, false, false
	if s == "" || s == "*" || strings.Trim(s, "#") == "" {
		return
	}
	switch {
	case w.dump:
		s = dumpLines(s, heading)
	case w.width > 0:
		s = wrap.Text(s, w.width)
	}
	if under != 0 {
		s += "\n" + strings.Repeat(string(under), utf8.RuneCountInString(s))
	}
	item := strings.HasPrefix(strings.TrimLeft(s, " "), "* ") && !rule
	if w.out.Len() > 0 {
		// list items follow one another; other blocks are set apart by
		// a blank line
		if item && w.item {
			w.out.WriteString("\n")
		} else {
			w.out.WriteString("\n\n")
		}
	}
	w.out.WriteString(s)
	w.item = item
}

// text appends s with its white space collapsed; white space at either
// end of s separates it from what comes before or after.
func (w *mdWriter) text(s string) { w.write(s, w.turndown) }

// raw appends markup written by the writer (never escaped).
func (w *mdWriter) raw(s string) { w.write(s, false) }

// write is text, s escaped as turndown escapes text when escape is set.
func (w *mdWriter) write(s string, escape bool) {
	fs := strings.Fields(s)
	if len(fs) == 0 {
		w.space = w.space || s != ""
		return
	}
	if w.line.Len() > 0 && (w.space || isSpace(s[0])) {
		w.line.WriteByte(' ')
	}
	t := strings.Join(fs, " ")
	if escape {
		t = turndownEscape(t)
	}
	w.line.WriteString(t)
	w.space = isSpace(s[len(s)-1])
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// inner renders n's children into a string of their own (one line).
func (w *mdWriter) inner(n *html.Node) string {
	sub := &mdWriter{turndown: w.turndown, dump: w.dump, base: w.base}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		sub.node(c)
	}
	s := sub.out.String() + sub.line.String()
	return strings.Join(strings.Fields(s), " ")
}

func (w *mdWriter) node(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
	default:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.node(c)
		}
		return
	}
	tag := n.Data
	if mdSkip[tag] {
		return
	}
	switch tag {
	case "br":
		w.flush()
		return
	case "img":
		if w.dump {
			if alt := strings.Join(strings.Fields(attr(n, "alt")), " "); alt != "" {
				w.raw("[" + alt + "]")
			}
			return
		}
		if src := attr(n, "src"); src != "" {
			alt := strings.Join(strings.Fields(attr(n, "alt")), " ")
			if w.turndown {
				alt = turndownEscape(alt)
			}
			w.raw("![" + alt + "](" + mdAddress(src) + ")")
		}
		return
	case "a":
		if href := attr(n, "href"); href != "" {
			if t := w.inner(n); t != "" {
				if w.dump {
					w.links = append(w.links, w.address(href))
					w.raw("[" + strconv.Itoa(len(w.links)) + "]" + t)
				} else {
					w.raw("[" + t + "](" + mdAddress(href) + ")")
				}
			}
			return
		}
	}
	block := mdBlock[tag]
	if block {
		w.flush()
		switch {
		case w.dump && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6':
			w.heading = true
		case w.dump && tag == "li":
			w.line.WriteString("* ")
		case w.dump:
		case w.turndown && tag == "h1":
			w.under = '='
		case w.turndown && tag == "h2":
			w.under = '-'
		case w.turndown && tag == "li":
			w.line.WriteString("*   ")
		case w.turndown && tag == "hr":
			w.line.WriteString("* * *")
			w.rule = true
		case tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6':
			w.line.WriteString(strings.Repeat("#", int(tag[1]-'0')) + " ")
		case tag == "li":
			w.line.WriteString("* ")
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c)
	}
	if block {
		w.flush()
	}
}

// String returns the markdown written so far (in the dump style, with
// the links' list after it).
func (w *mdWriter) String() string {
	w.flush()
	if w.dump && len(w.links) > 0 {
		w.out.WriteString("\n\nReferences\n\n")
		for i, l := range w.links {
			fmt.Fprintf(&w.out, "%4d. %s\n", i+1, l)
		}
		return w.out.String()
	}
	return w.out.String() + "\n"
}

// address returns a link's address as lynx lists it: resolved against
// the page's, white space taken out.
func (w *mdWriter) address(href string) string {
	href = strings.Join(strings.Fields(href), "")
	if u, err := url.Parse(href); err == nil {
		return w.base.ResolveReference(u).String()
	}
	return href
}

// dumpWrap breaks s into lines of at most width runes as lynx does: at
// spaces, and between any two characters of a word written without spaces
// (Chinese, Japanese: a word that holds a rune from U+2E80 on); another
// word longer than width stands on a line of its own.
func dumpWrap(s string, width int) []string {
	var lines []string
	var line []rune
	for _, w := range strings.Fields(s) {
		r := []rune(w)
		sep := 0
		if len(line) > 0 {
			sep = 1
		}
		if len(line)+sep+len(r) <= width {
			if sep > 0 {
				line = append(line, ' ')
			}
			line = append(line, r...)
			continue
		}
		if !strings.ContainsFunc(w, func(c rune) bool { return c >= 0x2E80 }) {
			if len(line) > 0 {
				lines = append(lines, string(line))
			}
			line = append(line[:0], r...)
			continue
		}
		for len(r) > 0 {
			if len(line) > 0 {
				sep = 1
			} else {
				sep = 0
			}
			room := width - len(line) - sep
			if room <= 0 {
				lines = append(lines, string(line))
				line = line[:0]
				continue
			}
			k := min(room, len(r))
			if sep > 0 {
				line = append(line, ' ')
			}
			line = append(line, r[:k]...)
			r = r[k:]
		}
	}
	if len(line) > 0 {
		lines = append(lines, string(line))
	}
	return lines
}

// dumpWidth is the width lynx -dump writes lines at (its default screen
// of 80 columns, less its margins).
const dumpWidth = 76

// dumpLines writes one block's text as lynx -dump does: headings flush
// left, other blocks indented by three spaces (list items by five),
// hard-wrapped at dumpWidth columns, the indent included.
func dumpLines(s string, heading bool) string {
	indent := "   "
	switch {
	case heading:
		indent = ""
	case strings.HasPrefix(s, "* "):
		indent = "     "
	}
	lines := dumpWrap(s, dumpWidth-len(indent))
	for i, l := range lines {
		if i > 0 && indent == "     " {
			l = "  " + l // a list item's next lines align with its text
		}
		lines[i] = indent + l
	}
	return strings.Join(lines, "\n")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// markdownRendition decodes a page's bytes and renders them as markdown
// in style st (markdownOf).
func markdownRendition(raw []byte, st mdStyle) (string, error) {
	d, err := decode.Decode(raw, "")
	if err != nil {
		return "", err
	}
	return markdownOf(d.Text, st)
}

// mdAddress writes an address as markdown converters do: white space and
// brackets percent-encoded (a data: image's SVG holds spaces and line
// breaks), so that the link stays one link on one line.
func mdAddress(u string) string {
	return mdEscape.Replace(strings.TrimSpace(u))
}

var mdEscape = strings.NewReplacer(" ", "%20", "\n", "%0A", "\r", "%0D", "\t", "%09", "(", "%28", ")", "%29", "[", "%5B", "]", "%5D")

// turndownEscape escapes markdown's marks in a text as turndown's escape
// does: backslashes, "*", "_", "`", "[" and "]" anywhere, and a leading
// "-", "+ ", "=", "# ", ">" or "1. ".
func turndownEscape(s string) string {
	s = tdEscape.Replace(s)
	for _, e := range tdLead {
		s = e.re.ReplaceAllString(s, e.to)
	}
	return s
}

var tdEscape = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`)

var tdLead = []struct {
	re *regexp.Regexp
	to string
}{
	{regexp.MustCompile(`^-`), `\-`},
	{regexp.MustCompile(`^\+ `), `\+ `},
	{regexp.MustCompile(`^(=+)`), `\$1`},
	{regexp.MustCompile(`^(#{1,6}) `), `\$1 `},
	{regexp.MustCompile(`^>`), `\>`},
	{regexp.MustCompile(`^(\d+)\. `), `$1\. `},
}
