// Package classifier separates the article in a news page from the chaff
// around it. It decodes a page (HTML or plain text, in any charset), cuts it
// into blocks with exact byte offsets, and labels every block with a trained
// token-weight model: content (title, body) or boilerplate (metadata, share
// widgets, ads, related links, navigation, comments, legal text, other).
//
// The package never imports gRPC or generated code: the server and the CLI
// are thin layers over it.
package classifier

import "fmt"

// Label is the coarse decision for a block.
type Label uint8

const (
	LabelUnspecified Label = iota
	Content                // the block belongs to the article
	Boilerplate            // the block is chaff around the article
)

func (l Label) String() string {
	switch l {
	case Content:
		return "content"
	case Boilerplate:
		return "boilerplate"
	}
	return "unspecified"
}

// Category is the fine decision for a block. Title and Body are content;
// every other category is boilerplate.
type Category uint8

const (
	CategoryUnspecified Category = iota
	Title
	Body
	Metadata   // dates, bylines, news codes, source lines, tags
	Share      // share and follow widgets, print/email links
	Ad         // advertisements and promos
	Related    // related links, teaser lists, clickbait titles
	Navigation // menus, breadcrumbs, pagination
	Comments   // reader comments and comment forms
	Legal      // copyright, terms, cookie notices
	Other      // any other boilerplate

	// NumCategories is one past the largest category; arrays indexed by
	// Category have this length.
	NumCategories
)

var categoryNames = [NumCategories]string{
	"unspecified", "title", "body", "metadata", "share", "ad", "related",
	"navigation", "comments", "legal", "other",
}

func (c Category) String() string {
	if c < NumCategories {
		return categoryNames[c]
	}
	return fmt.Sprintf("category(%d)", uint8(c))
}

// ParseCategory returns the category named s (as printed by String).
func ParseCategory(s string) (Category, bool) {
	for i, n := range categoryNames {
		if n == s {
			return Category(i), true
		}
	}
	return CategoryUnspecified, false
}

// Label returns the coarse label of the category.
func (c Category) Label() Label {
	switch c {
	case CategoryUnspecified:
		return LabelUnspecified
	case Title, Body:
		return Content
	}
	return Boilerplate
}

// PageKind is what kind of page a document is, as the model's page model
// judges it from the whole page.
type PageKind uint8

const (
	PageUnspecified PageKind = iota // the model has no page model
	PageArticle                     // one article (news story, blog post)
	PageListing                     // front page, section page, list of links
	PageForum                       // forum or discussion thread
	PageProduct                     // shop product page
	PageOther                       // service, documentation, landing page …

	// NumPageKinds is one past the largest page kind.
	NumPageKinds
)

var pageKindNames = [NumPageKinds]string{"unspecified", "article", "listing", "forum", "product", "other"}

func (k PageKind) String() string {
	if k < NumPageKinds {
		return pageKindNames[k]
	}
	return fmt.Sprintf("pagekind(%d)", uint8(k))
}

// PageKinds returns every page kind but PageUnspecified, in order.
func PageKinds() []PageKind {
	out := make([]PageKind, 0, NumPageKinds-1)
	for k := PageArticle; k < NumPageKinds; k++ {
		out = append(out, k)
	}
	return out
}

// Mode says how the input bytes are to be read.
type Mode uint8

const (
	ModeAuto Mode = iota // sniff HTML vs plain text
	ModeHTML
	ModeText
)

func (m Mode) String() string {
	switch m {
	case ModeHTML:
		return "html"
	case ModeText:
		return "text"
	}
	return "auto"
}

// ParseMode parses "auto", "html" or "text".
func ParseMode(s string) (Mode, bool) {
	switch s {
	case "auto", "":
		return ModeAuto, true
	case "html":
		return ModeHTML, true
	case "text":
		return ModeText, true
	}
	return ModeAuto, false
}

// Input is one document to classify.
type Input struct {
	// ID names the document for the caller; the classifier neither reads
	// nor returns it (the server echoes the request's id itself).
	ID string
	// Data holds the document; Classify never modifies it (it may be
	// the bytes of a string). When Raw is false it is UTF-8 text
	// (invalid sequences are replaced by U+FFFD, which can shift nothing
	// because offsets are defined on the decoded text).
	Data []byte
	// Raw says Data is bytes in an unknown charset: BOM, <meta charset>,
	// MediaType and sniffing decide how to decode it.
	Raw bool
	// MediaType is an optional hint such as "text/html; charset=windows-1256".
	MediaType string
	// Mode says whether Data is HTML, plain text, or to be sniffed.
	Mode Mode
	// URL is the page's address, if known: the page model reads its
	// shape (a long slug or a date, the root, /threads/, /products/ …;
	// classifier/model/url.go). It is never fetched. When it is empty,
	// an HTML page's own address (segment.Doc.CanonicalURL: its
	// <link rel="canonical">, else its og:url) is read instead.
	URL string
	// LanguageHint is an optional BCP-47 code; empty means detect.
	LanguageHint string
	// Title is the page's title as the caller knows it, a hint like URL:
	// what a scraper saved beside the text (og:title or <title>), or a
	// CMS's headline field. Optional; read for pages judged to hold an
	// article, plain text or HTML without og:title and <title> (a
	// fragment, as a CMS sends an article's body; a page's own names are
	// read instead of it): the first block that says the whole title, or its
	// headline part before or after the site's name, is labelled title
	// and the content blocks before it become boilerplate. A title over
	// MaxTitleBytes is not read.
	Title string
	// Options tune the output.
	Options Options
}

// Options tune one classification.
type Options struct {
	// Explain asks for the features that weighed most for each block.
	Explain bool
	// MaxExplain bounds the features listed per block when Explain is set;
	// 0 means 5.
	MaxExplain int
	// Threshold, when set, moves the content/boilerplate cut: a block is
	// content when its content probability is at least *Threshold, which
	// must lie in [0,1] (0 makes every block content). Nil means the
	// model's calibrated default. Lower values trade precision for recall.
	Threshold *float64
	// KeepContentWithoutArticle keeps the content blocks of a page that
	// holds no article (Result.HasArticle false), each block as its own
	// content probability decides (the article-span decoder, which keeps
	// one region of an article, does not apply). By default such a page
	// has none: every block is boilerplate and MainText is empty.
	KeepContentWithoutArticle bool
}

// Block is one labelled unit of the document.
type Block struct {
	// Start and End are UTF-8 byte offsets into Result.Text:
	// Result.Text[Start:End] is the block's text.
	Start, End int
	Label      Label
	Category   Category
	// Score is the model's confidence in Label, in [0,1].
	Score float64
	// ContentProb is the calibrated probability that the block is content.
	ContentProb float64
	// Path is a CSS selector that locates the block's element in HTML input
	// (document.querySelector), e.g.
	// "html>body>div#main.article:nth-of-type(1)>p:nth-of-type(3)"; empty for
	// text input. segment.Block.Path documents its limits.
	Path string
	// Explanation lists, when Options.Explain is set, the features that
	// weighed most for (positive weight) and against (negative) Category.
	Explanation []Contribution
}

// Contribution is one feature's share in a block's decision.
type Contribution struct {
	Feature string
	Weight  float64
}

// Summary is what a moderation flow acts on.
type Summary struct {
	// BoilerplateShare is the share of block bytes labelled boilerplate.
	BoilerplateShare float64
	// Counts holds the number of blocks per category.
	Counts [NumCategories]int
	// AdsInBody reports an ad block between two body blocks.
	AdsInBody bool
	// RelatedInBody reports a related-link block between two body blocks.
	RelatedInBody bool
}

// Result is the classification of one document.
type Result struct {
	// Text is what block offsets refer to: the decoded input for text
	// input, the visible-text rendition (one block per line) for HTML.
	Text string
	// Mode is the resolved input mode (ModeHTML or ModeText).
	Mode Mode
	// Encoding is the charset the input was decoded from ("utf-8" when it
	// arrived as text).
	Encoding string
	// Title is the article title ("" when none was found).
	Title string
	// Language is the detected or hinted BCP-47 language code.
	Language string
	// ModelVersion identifies the model that labelled the blocks.
	ModelVersion string
	// PageKind is what kind of page the document is (PageUnspecified
	// when the model has no page model; PageListing for plain text that
	// is mostly teaser cards written twice, cardPage, and PageArticle for
	// a short document, text or an HTML fragment, that holds a lead,
	// shortArticle, whatever the page model says); PageKindProbs holds
	// each kind's probability, indexed by PageKind (with a page forest in
	// the model, the mean of its logistic part's and its forest's).
	PageKind      PageKind
	PageKindProbs [NumPageKinds]float64
	// HasArticle reports whether the page holds an article: PageKind is
	// PageArticle, or the logistic page model's article probability
	// reaches the model's cut (a lower one when one region dominates the
	// content) while the page model is not sure of another kind, or the
	// model has no page model; and, in plain text, the page is not mostly
	// teaser cards (cardPage); or the document, text or an HTML fragment,
	// has at most eight blocks, one of them a paragraph or standfirst kept
	// as content, or a kept headline and such a lead the decoding was
	// unsure of (shortArticle).
	HasArticle bool
	Blocks     []Block
	Summary    Summary
}
