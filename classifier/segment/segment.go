// Package segment cuts a decoded page into blocks with exact byte offsets and
// cheap structural features. HTML pages become their visible-text rendition
// (one block per line, inline elements glued into their line), which is what
// offsets refer to; plain text is cut into lines, and lines into units where
// scrapers glued several together.
//
// The plain-text Splitter is a small linear model over the gaps between
// words (marks, capitals, title-end and title-start words and optionally
// their first and last runes, word-pair Cohesion counts, and a second
// weight vector and a length prior for lines that are title lists),
// trained by TrainSplitter on synthetic run-on title lists made of the
// trainable corpora's titles and paragraphs; docs/segmentation.md has its
// numbers and limits. The default one (splitter.bin, embedded) is
// rebuilt, deterministically, with
//
//	go run ./cmd/winnow train splitter --out classifier/segment/splitter.bin
//
// (internal/splittrain makes the training lines; TrainSplitter, SplitExample
// and TrainConfig are the extension point it uses: the trainer needs the
// gap features, which stay unexported here).
//
// Golden files are rewritten with -update; TestCorpora checks every shared
// corpus page with -full; TestRenditionRecall (-recall) reports how much
// gold text the renditions hold.
package segment

import "strings"

// Doc is a segmented document.
type Doc struct {
	// Text is what offsets refer to: the visible-text rendition for HTML,
	// the input itself for plain text.
	Text string
	// Blocks are ordered by Start and do not overlap.
	Blocks []Block
	// HTML reports whether the document was segmented as HTML.
	HTML bool
	// Title is the page's <title> (HTML only).
	Title string
	// Lang is the page's lang attribute (HTML only).
	Lang string
	// OGTitle is the page's og:title meta content (HTML only).
	OGTitle string
	// OGType is the page's og:type meta content, lower-cased ("article",
	// "website", "product" …; HTML only, at most 64 bytes).
	OGType string
	// Schema is what the page's markup declares about it (HTML only;
	// zero from FromNode, which has no source to scan).
	Schema Schema
	// ArticleBody is the text of the page's JSON-LD "articleBody" strings
	// (schema.org's plain text of an article's body), joined by blank
	// lines; empty when there is none (HTML only; empty from FromNode).
	// Sites write it for search engines; it may hold the whole body, a
	// teaser of it, or text the page does not show (a paywall's).
	ArticleBody string
	// CanonicalURL is the address the page gives itself in its head: the
	// href of its first <link rel="canonical">, else the content of its
	// first og:url meta; as written (it may be relative), "" when there
	// is none or it is over 2 KiB (HTML only).
	CanonicalURL string
	// URL is the page's address when the caller knows it; segmentation
	// neither sets nor reads it (the page model does).
	URL string
}

// Flags are structural facts about a block's ancestors (HTML only).
type Flags uint32

const (
	InNav Flags = 1 << iota
	InAside
	InFooter
	InHeader
	InForm
	InMenu
	InAnchor // the whole block is link text
	InList   // inside ul/ol/li/dl
	InTable
	InArticle // inside <article> or <main> or role=main
	InFigure
	InBlockquote
	InPre
	InButton
	InLabel
	InSelect
)

// Split says why a plain-text block was cut from a longer line.
type Split uint8

const (
	SplitNone     Split = iota // the block is a whole line (or a hard-wrapped paragraph's lines)
	SplitTitle                 // a title cut from a run-on list of titles
	SplitMetadata              // metadata cut from the start or end of a paragraph
)

// Block is one unit of a segmented document.
type Block struct {
	// Start and End are UTF-8 byte offsets into Doc.Text; Doc.Text[Start:End]
	// is the block's text, trimmed of surrounding white space.
	Start, End int
	// Line is the 0-based line of Doc.Text the block starts on.
	Line int
	// Split is why the block was cut from its line (plain text).
	Split Split
	// BlankBefore reports a blank line (paragraph break) before the block.
	BlankBefore bool

	// HTML structure; zero for plain text.

	// Tag is the block element's tag name (lower case).
	Tag string
	// Path is a CSS selector for the element holding the block (the
	// block element; for br-separated runs, the element holding the run),
	// such as html>body>div#main.article:nth-of-type(1)>p:nth-of-type(3):
	// child combinators from the root, each step the element's tag, id,
	// up to 3 classes (escaped like CSS.escape; ids and classes over 64
	// bytes or not valid UTF-8 are left out) and its position among its
	// siblings (:nth-of-type, or :nth-child past 32 distinct sibling
	// tags; a tag over 64 bytes becomes *). On the tree html.Parse
	// builds (which browsers and goquery build too), a Path from the root
	// selects exactly that element (querySelector, goquery Find.First).
	// Limits: deeper than HTMLOptions.MaxPathElems (64), Path starts at
	// the nearest ancestor with an id, or else names only the last 64
	// elements, and may then match other elements first; pages too deep
	// for html.Parse are segmented from the token stream, whose implied
	// end tags are simpler, so their Paths are best effort; blocks
	// recovered from markup inside an unclosed <title> name the title.
	Path string
	// PathTokens are the lower-cased id and class tokens of the element and
	// its ancestors, nearest first, deduplicated.
	PathTokens []string
	Depth      int
	// Heading is 1..6 for h1..h6, else 0.
	Heading int
	Flags   Flags
	// MarkedBody reports that the block's element is inside an element
	// whose microdata itemprop or RDFa property names schema.org's
	// articleBody (itemprop="articleBody"): the page's own mark of the
	// article's body. The model does not read it.
	MarkedBody bool
	// LinkBytes is how many of the block's bytes are link text; Links
	// counts the <a href> elements in it.
	LinkBytes, Links int
	// Sig is the repeat signature (hash of the tag-and-class path of the
	// block's element, digits in class names ignored); Repeat counts the
	// elements of the page that hold text and share it (1 = unique), so
	// the items of a teaser list, menu or comment thread repeat while the
	// br-separated lines of one element do not.
	Sig    uint64
	Repeat int
}

var flagNames = [...]string{"nav", "aside", "footer", "header", "form", "menu", "a", "list", "table",
	"article", "figure", "quote", "pre", "button", "label", "select"}

// String lists the flags by short name (nav,a,list, ...), or "-".
func (f Flags) String() string {
	var parts []string
	for i, n := range flagNames {
		if f&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ",")
}

// String names the split reason: line, title or meta.
func (s Split) String() string {
	switch s {
	case SplitTitle:
		return "title"
	case SplitMetadata:
		return "meta"
	}
	return "line"
}
