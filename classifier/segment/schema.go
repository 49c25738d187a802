package segment

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/winnowhq/winnow/classifier/segment/internal/htmltok"
	"golang.org/x/net/html/atom"
)

// Schema is what a page says about itself in its markup: the schema.org
// types it declares (JSON-LD "@type" values and microdata itemtype URLs)
// and whether it gives a publication date. The page model reads it as
// evidence of the page kind that does not depend on the page's language.
type Schema uint16

const (
	// SchemaArticle: Article, NewsArticle and its kinds, BlogPosting,
	// LiveBlogPosting, Report (TechArticle is SchemaOther).
	SchemaArticle Schema = 1 << iota
	// SchemaProduct: Product, ProductGroup, ProductModel,
	// IndividualProduct, Offer, AggregateOffer; not a thing typed a
	// CreativeWork or an article too, which is the paywall markup of a
	// publication sold by subscription (typeList.schema).
	SchemaProduct
	// SchemaForum: DiscussionForumPosting, QAPage, SocialMediaPosting.
	SchemaForum
	// SchemaComment: Comment, Answer.
	SchemaComment
	// SchemaListing: ItemList, CollectionPage, SearchResultsPage.
	SchemaListing
	// SchemaOther: page types that are neither articles nor lists
	// (FAQPage, TechArticle, SoftwareApplication, Service, ContactPage,
	// AboutPage, ProfilePage, HowTo, Course, Event, LocalBusiness, Recipe).
	SchemaOther
	// SchemaPerson: Person (an author).
	SchemaPerson
	// SchemaPublished: a publication date (JSON-LD or microdata
	// datePublished, a meta article:published_time) or a <time> element.
	SchemaPublished
)

// maxSchemaTypes bounds how many "@type" values and itemtype attributes
// a document's Schema reads: a page that declares more is judged on the
// first ones.
const maxSchemaTypes = 256

// schemaScan collects a Schema from the tokens of a page, as the
// tokenizer gives them: the schema.org types of itemtype attributes and of
// the "@type" values in JSON-LD scripts (<script type="application/ld+json">),
// and a publication date from itemprop="datePublished", a meta
// article:published_time, a <time> element or a JSON-LD datePublished.
// It also keeps the JSON-LD "articleBody" strings (Doc.ArticleBody).
// It reads what the segmenter reads anyway and allocates only for the
// article bodies. Its limits: JSON-LD is not parsed, "@type" is read where
// it is followed by a JSON string or an array of strings, "articleBody"
// where it is followed by a JSON string; types are read up to
// maxSchemaTypes, article bodies up to maxArticleBodies.
type schemaScan struct {
	s      Schema
	inLD   bool // inside a JSON-LD script
	n      int  // types read
	bodies []string
}

// maxArticleBodies bounds how many JSON-LD "articleBody" strings a page
// keeps.
const maxArticleBodies = 8

// start reads a start tag (or a self-closing one).
func (c *schemaScan) start(a atom.Atom, attrs []scanAttr) {
	if a == atom.Time {
		c.s |= SchemaPublished
	}
	if a == atom.Script {
		c.inLD = false
	}
	for _, at := range attrs {
		switch string(at.key) {
		case "itemtype":
			// several URLs may be given, one type each
			var l typeList
			for _, u := range bytes.Fields(at.val) {
				if c.n++; c.n > maxSchemaTypes {
					break
				}
				l.add(string(u))
			}
			c.s |= l.schema()
		case "itemprop":
			if string(at.val) == "datePublished" {
				c.s |= SchemaPublished
			}
		case "property", "name":
			if a == atom.Meta && bytes.EqualFold(at.val, []byte("article:published_time")) {
				c.s |= SchemaPublished
			}
		case "type":
			if a == atom.Script && bytes.Contains(at.val, []byte("ld+json")) {
				c.inLD = true
			}
		}
	}
}

// end reads an end tag.
func (c *schemaScan) end(a atom.Atom) {
	if a == atom.Script {
		c.inLD = false
	}
}

// text reads the body of a JSON-LD script; callers pass only the text
// tokens read while inLD is set.
func (c *schemaScan) text(p []byte) {
	if bytes.Contains(p, []byte(`"datePublished"`)) {
		c.s |= SchemaPublished
	}
	c.articleBody(p)
	for rest := p; c.n < maxSchemaTypes; {
		i := bytes.Index(rest, []byte(`"@type"`))
		if i < 0 {
			break
		}
		c.n++
		rest = bytes.TrimLeft(rest[i+len(`"@type"`):], " \t\r\n")
		if len(rest) == 0 || rest[0] != ':' {
			continue
		}
		rest = bytes.TrimLeft(rest[1:], " \t\r\n")
		if len(rest) > 0 && rest[0] == '[' {
			end := bytes.IndexByte(rest, ']')
			if end < 0 || end > 512 {
				continue
			}
			var l typeList
			for v := range bytes.SplitSeq(rest[1:end], []byte(",")) {
				l.add(string(bytes.Trim(bytes.TrimSpace(v), `"`)))
			}
			c.s |= l.schema()
			rest = rest[end:]
			continue
		}
		if v, ok := quoted(rest, '"'); ok {
			c.s |= schemaType(string(v))
		}
	}
}

// articleBody keeps the JSON strings that follow "articleBody": in p
// (a JSON-LD script), decoded, up to maxArticleBodies.
func (c *schemaScan) articleBody(p []byte) {
	const key = `"articleBody"`
	for rest := p; len(c.bodies) < maxArticleBodies; {
		i := bytes.Index(rest, []byte(key))
		if i < 0 {
			return
		}
		rest = bytes.TrimLeft(rest[i+len(key):], " \t\r\n")
		if len(rest) == 0 || rest[0] != ':' {
			continue
		}
		rest = bytes.TrimLeft(rest[1:], " \t\r\n")
		n := jsonStringLen(rest)
		if n == 0 {
			continue
		}
		var v string
		if json.Unmarshal(rest[:n], &v) == nil && strings.TrimSpace(v) != "" {
			c.bodies = append(c.bodies, v)
		}
		rest = rest[n:]
	}
}

// jsonStringLen is the length of the JSON string literal that starts p
// (quotes included), or 0 when p starts none or it is not closed.
func jsonStringLen(p []byte) int {
	if len(p) == 0 || p[0] != '"' {
		return 0
	}
	for i := 1; i < len(p); i++ {
		switch p[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return 0
}

// articleBodyText joins a page's article bodies, one a paragraph.
func (c *schemaScan) articleBodyText() string { return strings.Join(c.bodies, "\n\n") }

// schemaOf is the Schema and the article body (Doc.ArticleBody) of src
// read by a tokenizer of its own: the segmenters that do not scan the
// tokens themselves (the tree walk) use it, so that every path gives the
// same Schema and article body. Like the scanner it skips
// the content of <template> elements, which is not part of the page.
// Inside SVG and MathML the two may differ: there the scanner reads the
// content of elements such as <style> as markup, as html.Parse does, and
// schemaOf as raw text.
func schemaOf(src string) (Schema, string) {
	var c schemaScan
	z := htmltok.NewTokenizerString(src)
	var attrs []scanAttr
	for {
		switch tt := z.Next(); tt {
		case htmltok.ErrorToken:
			return c.s, c.articleBodyText()
		case htmltok.TextToken:
			if c.inLD {
				c.text(z.Text())
			}
		case htmltok.StartTagToken, htmltok.SelfClosingTagToken:
			name, more := z.TagName()
			a := atom.Lookup(name)
			if a == atom.Template {
				skipTemplate(z)
				continue
			}
			attrs = attrs[:0]
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				attrs = append(attrs, scanAttr{k, v})
			}
			c.start(a, attrs)
		case htmltok.EndTagToken:
			name, _ := z.TagName()
			c.end(atom.Lookup(name))
		}
	}
}

// quoted returns the text of s up to the closing quote q, when s starts
// with q and closes it within 128 bytes.
func quoted(s []byte, q byte) ([]byte, bool) {
	if len(s) == 0 || s[0] != q {
		return nil, false
	}
	end := bytes.IndexByte(s[1:], q)
	if end < 0 || end > 128 {
		return nil, false
	}
	return s[1 : 1+end], true
}

// schemaName is the name of a schema.org type written as a name, a
// "schema:" name or a URL ending in one.
func schemaName(t string) string {
	return strings.TrimPrefix(t[strings.LastIndexByte(t, '/')+1:], "schema:")
}

// schemaType maps a schema.org type, a name or a URL ending in one, to its
// Schema bit (0 when it is none of them).
func schemaType(t string) Schema {
	switch schemaName(t) {
	case "Article", "NewsArticle", "BlogPosting", "LiveBlogPosting", "Report",
		"ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
		"ReviewNewsArticle", "BackgroundNewsArticle", "AskPublicNewsArticle",
		"SatiricalArticle", "ScholarlyArticle":
		return SchemaArticle
	case "Product", "ProductGroup", "ProductModel", "IndividualProduct", "Offer", "AggregateOffer":
		return SchemaProduct
	case "DiscussionForumPosting", "QAPage", "SocialMediaPosting":
		return SchemaForum
	case "Comment", "Answer":
		return SchemaComment
	case "ItemList", "CollectionPage", "SearchResultsPage":
		return SchemaListing
	case "FAQPage", "TechArticle", "APIReference", "SoftwareApplication", "WebApplication",
		"MobileApplication", "Service", "ContactPage", "AboutPage", "ProfilePage", "HowTo",
		"Course", "Event", "LocalBusiness", "Recipe":
		return SchemaOther
	case "Person":
		return SchemaPerson
	}
	return 0
}

// typeList reads the types of one thing declared with several (a JSON-LD
// "@type" array, a microdata itemtype list).
type typeList struct {
	s    Schema // their bits
	work bool   // CreativeWork itself is one of them
}

func (l *typeList) add(t string) {
	l.s |= schemaType(t)
	l.work = l.work || schemaName(t) == "CreativeWork"
}

// schema is the thing's Schema: a CreativeWork or an article that is also
// a Product is a publication sold by subscription (the "isPartOf" of the
// paywall markup that search engines ask news sites for, {"@type":
// ["CreativeWork", "Product"], "productID": "site:premium"}, or
// ["NewsArticle", "Product"]), not a product the page is about, so its
// Product bit is dropped.
func (l typeList) schema() Schema {
	if l.work || l.s&SchemaArticle != 0 {
		return l.s &^ SchemaProduct
	}
	return l.s
}

// skipTemplate skips the tokens up to the end of the template whose start
// tag z has just read, as the scanner does (scanner.template).
func skipTemplate(z *htmltok.Tokenizer) {
	for depth := 1; depth > 0; {
		switch z.Next() {
		case htmltok.ErrorToken:
			return
		case htmltok.StartTagToken, htmltok.SelfClosingTagToken:
			if name, _ := z.TagName(); atom.Lookup(name) == atom.Template {
				depth++
			}
		case htmltok.EndTagToken:
			if name, _ := z.TagName(); string(name) == "template" {
				depth--
			}
		}
	}
}
