// Package peer adapts Winnow and the Go content extractors it is compared
// with to one interface: a decoded page in, its main text out.
//
// Every adapter receives the same Page: the raw bytes as published, the
// UTF-8 string that decode.Decode made of them (the peers parse that string
// with html.Parse inside their timed call), the page URL when the corpus
// knows it, and, for Winnow's text mode, the visible-text rendition. Adapters
// hold no state between pages beyond what the extractor itself caches; they
// are not safe for concurrent use unless noted.
package peer

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	distiller "github.com/markusmobius/go-domdistiller"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/winnowhq/winnow/classifier"
)

// Page is one document as every extractor sees it.
type Page struct {
	// Raw is the page as published (any charset).
	Raw []byte
	// HTML is Raw decoded to UTF-8 by decode.Decode(Raw, "").
	HTML string
	// URL is the page's address, or "" when unknown.
	URL string
	// Rendition is the visible-text rendition (one block per line) that
	// Winnow's text mode classifies; only that adapter reads it.
	Rendition string
}

// Extractor returns the main text of a page.
type Extractor interface {
	// Name is the short, stable name used in tables and on the command line.
	Name() string
	// Extract returns the page's main text. It may panic on odd pages
	// (third-party code); callers recover.
	Extract(p *Page) (string, error)
	// TextMode reports whether the extractor reads Page.Rendition rather
	// than the HTML.
	TextMode() bool
}

// ErrUnknown is returned by New for a name that is not in Names.
var ErrUnknown = errors.New("peer: unknown extractor")

// Names lists every extractor, Winnow first, in table order.
func Names() []string {
	return []string{"winnow-html", "winnow-keep", "winnow-text", "trafilatura", "trafilatura-fast", "readeck", "domdistiller", "floor"}
}

// Version returns the module version the named extractor was built from,
// as pinned in bench/go.mod ("" for Winnow and the floor).
func Version(name string) string {
	switch name {
	case "trafilatura", "trafilatura-fast":
		return "go-trafilatura v1.12.2"
	case "readeck":
		return "readeck/go-readability/v2 v2.1.3"
	case "domdistiller":
		return "go-domdistiller v1.0.0"
	case "floor":
		return "x/net/html Parse + all visible text"
	}
	return ""
}

// New returns the named extractor. Winnow adapters load the default model
// here, outside any timing.
func New(name string) (Extractor, error) {
	switch name {
	case "winnow-html", "winnow-keep", "winnow-text":
		c, err := classifier.Default()
		if err != nil {
			return nil, err
		}
		return &winnow{name: name, c: c, text: name == "winnow-text", keep: name == "winnow-keep"}, nil
	case "trafilatura":
		// Trafilatura's own default: fall back to readability and
		// dom-distiller when its extraction looks poor.
		return &trafila{name: name, fallback: true}, nil
	case "trafilatura-fast":
		// Trafilatura's "fast" mode: no fallback.
		return &trafila{name: name}, nil
	case "readeck":
		return readeck{}, nil
	case "domdistiller":
		return domdist{}, nil
	case "floor":
		return floor{}, nil
	}
	return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknown, name, strings.Join(Names(), ", "))
}

// winnow is Winnow's classifier: HTML mode (winnow-html), HTML mode
// keeping the main content of pages it judges to hold no article
// (winnow-keep: Options.KeepContentWithoutArticle, what a caller that
// wants every page's main content asks for, as the peers give it), or
// text mode on the rendition (winnow-text).
type winnow struct {
	name       string
	c          *classifier.Classifier
	text, keep bool
}

func (w *winnow) Name() string   { return w.name }
func (w *winnow) TextMode() bool { return w.text }

func (w *winnow) Extract(p *Page) (string, error) {
	in := classifier.Input{Data: p.Raw, Raw: true, Mode: classifier.ModeHTML, URL: p.URL,
		Options: classifier.Options{KeepContentWithoutArticle: w.keep}}
	if w.text {
		in = classifier.Input{Data: []byte(p.Rendition), Raw: true, Mode: classifier.ModeText, URL: p.URL}
	}
	if len(in.Data) == 0 {
		return "", nil
	}
	res, err := w.c.Classify(context.Background(), in)
	if err != nil {
		return "", err
	}
	return res.MainText(), nil
}

// Render returns Winnow's visible-text rendition of a page (Result.Text of
// HTML mode): what a scraper hands to text mode.
func Render(c *classifier.Classifier, p *Page) (string, error) {
	if len(p.Raw) == 0 {
		return "", nil
	}
	res, err := c.Classify(context.Background(), classifier.Input{Data: p.Raw, Raw: true, Mode: classifier.ModeHTML, URL: p.URL})
	if err != nil {
		return "", err
	}
	return res.Text, nil
}

func parseURL(s string) *url.URL {
	if s == "" {
		return nil
	}
	u, err := url.ParseRequestURI(s)
	if err != nil {
		return nil
	}
	return u
}

type trafila struct {
	name     string
	fallback bool
}

func (t *trafila) Name() string   { return t.name }
func (t *trafila) TextMode() bool { return false }

func (t *trafila) Extract(p *Page) (string, error) {
	doc, err := html.Parse(strings.NewReader(p.HTML))
	if err != nil {
		return "", err
	}
	res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
		OriginalURL:     parseURL(p.URL),
		EnableFallback:  t.fallback,
		ExcludeComments: true, // the gold is the article without its comments
	})
	if err != nil {
		return "", err
	}
	return res.ContentText, nil
}

type readeck struct{}

func (readeck) Name() string   { return "readeck" }
func (readeck) TextMode() bool { return false }

func (readeck) Extract(p *Page) (string, error) {
	doc, err := html.Parse(strings.NewReader(p.HTML))
	if err != nil {
		return "", err
	}
	parser := readability.NewParser()
	art, err := parser.ParseAndMutate(doc, parseURL(p.URL))
	if err != nil {
		return "", err
	}
	if art.Node == nil {
		return "", nil
	}
	return render.InnerText(art.Node), nil
}

type domdist struct{}

func (domdist) Name() string   { return "domdistiller" }
func (domdist) TextMode() bool { return false }

func (domdist) Extract(p *Page) (string, error) {
	doc, err := html.Parse(strings.NewReader(p.HTML))
	if err != nil {
		return "", err
	}
	res, err := distiller.Apply(doc, &distiller.Options{OriginalURL: parseURL(p.URL), SkipPagination: true})
	if err != nil {
		return "", err
	}
	return res.Text, nil
}

type floor struct{}

func (floor) Name() string   { return "floor" }
func (floor) TextMode() bool { return false }

// Extract returns all visible text: every text node outside script, style,
// noscript, template and head, with a line break at block elements.
func (floor) Extract(p *Page) (string, error) {
	doc, err := html.Parse(strings.NewReader(p.HTML))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	// Iterative walk: pages can nest elements deeper than a goroutine
	// stack should recurse.
	type frame struct {
		n     *html.Node
		after bool
	}
	stack := []frame{{n: doc}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.after {
			b.WriteByte('\n')
			continue
		}
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			continue
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "head":
				continue
			}
			if isBlock(n.Data) {
				b.WriteByte('\n')
				stack = append(stack, frame{n: n, after: true})
			}
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c})
		}
	}
	return b.String(), nil
}

func isBlock(tag string) bool {
	switch tag {
	case "p", "div", "li", "br", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
		"section", "article", "header", "footer", "nav", "aside", "blockquote", "pre",
		"ul", "ol", "dd", "dt", "table", "form", "figcaption", "main":
		return true
	}
	return false
}
