package segment

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func ld(json string) string { return `<script type="application/ld+json">` + json + `</script>` }

func TestSchema(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want Schema
	}{
		{"empty", "", 0},
		{"no markup", "<p>An article about @type and itemtypes, published today.</p>", 0},
		{"json-ld news article", ld(`{"@context":"https://schema.org","@type":"NewsArticle","datePublished":"2024-01-02"}`),
			SchemaArticle | SchemaPublished},
		{"json-ld array and spaces", ld(`{"@type" : [ "Product", "Offer" ]}`), SchemaProduct},
		{"json-ld full url", ld(`{"@type":"http://schema.org/QAPage"}`), SchemaForum},
		{"json-ld prefixed", ld(`{"@type":"schema:ItemList"}`), SchemaListing},
		{"json-ld graph", ld(`{"@graph":[{"@type":"WebPage"},{"@type":"Person","name":"A"},{"@type":"FAQPage"}]}`),
			SchemaPerson | SchemaOther},
		{"json-ld in another script is ignored", `<script>var x = {"@type":"Product"};</script>`, 0},
		{"json-ld after a plain script", `<script src=a.js></script>` + ld(`{"@type":"Article"}`) + `<script>{"@type":"Product"}</script>`, SchemaArticle},
		{"tech article is other", ld(`{"@type":"TechArticle"}`), SchemaOther},
		{"unknown type", ld(`{"@type":"Thing"}`), 0},
		{"type without colon", ld(`"@type" "Article"`), 0},
		{"unterminated", ld(`{"@type":"Article`), 0},
		{"microdata", `<div itemscope itemtype="https://schema.org/DiscussionForumPosting"><span itemprop="datePublished">x</span></div>`,
			SchemaForum | SchemaPublished},
		{"microdata single quotes", `<li itemtype='http://schema.org/Comment'>`, SchemaComment},
		{"microdata bare, any case", `<div itemType=http://schema.org/Product>`, SchemaProduct},
		{"microdata two urls", `<div itemtype="https://schema.org/Article https://schema.org/Person">`, SchemaArticle | SchemaPerson},
		{"paywall markup: a publication sold by subscription is no product",
			ld(`{"@type":"NewsArticle","isPartOf":{"@type":["CreativeWork","Product"],"name":"ABC.es","productID":"abc.es:premium"}}`),
			SchemaArticle},
		{"paywall markup as a news article", ld(`{"isPartOf":{"@type":["NewsArticle","Product"],"productID":"yomiuri.co.jp:showcase"}}`), SchemaArticle},
		{"paywall markup, spaced and prefixed", ld(`{"isPartOf":{"@type" : [ "schema:CreativeWork" , "http://schema.org/Product" ]}}`), 0},
		{"a product beside the paywall markup", ld(`[{"@type":["CreativeWork","Product"]},{"@type":"Product"}]`), SchemaProduct},
		{"a creative work beside a product is still one", ld(`{"@type":"Product","subjectOf":{"@type":"CreativeWork"}}`), SchemaProduct},
		{"microdata paywall markup", `<div itemtype="https://schema.org/CreativeWork https://schema.org/Product">`, 0},
		{"meta published time", `<meta property="article:published_time" content="2024">`, SchemaPublished},
		{"time element", `<p>On <time datetime="2024-01-01">1 Jan</time></p>`, SchemaPublished},
		{"time upper case", `<TIME>`, SchemaPublished},
		{"time in a comment", `<!-- <time> -->`, 0},
		{"template content is inert", `<template><time></time><template></template><div itemtype="https://schema.org/Product"></div></template>`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, _ := schemaOf(tc.src); got != tc.want {
				t.Errorf("schemaOf = %b, want %b", got, tc.want)
			}
			d, err := HTML(tc.src+"<p>text</p>", HTMLOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Schema != tc.want {
				t.Errorf("HTML: Schema = %b, want %b", d.Schema, tc.want)
			}
		})
	}
}

func TestSchemaBounded(t *testing.T) {
	// Many declarations: only the first maxSchemaTypes are read.
	src := ld(strings.Repeat(`{"@type":"Thing"}`, 10*maxSchemaTypes) + `{"@type":"Product"}`)
	if got, _ := schemaOf(src); got&SchemaProduct != 0 {
		t.Errorf("schemaOf read past %d types: %b", maxSchemaTypes, got)
	}
}

func TestHTMLSchema(t *testing.T) {
	src := `<html><head><meta property="og:type" content="article">
<script type="application/ld+json">{"@type":"NewsArticle","author":{"@type":"Person"}}</script></head>
<body><article><h1>Title</h1><p>Body text of the article.</p></article></body></html>`
	d, err := HTML(src, HTMLOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := SchemaArticle | SchemaPerson; d.Schema != want {
		t.Errorf("Doc.Schema = %b, want %b", d.Schema, want)
	}
}

// FuzzSchema checks that schemaOf never panics nor sets unknown bits;
// FuzzHTMLDifferential checks that the scanner reads the same Schema.
func FuzzSchema(f *testing.F) {
	f.Add(ld(`{"@type":["Article","Person"],"datePublished":"x"}`))
	f.Add(`<div itemtype="https://schema.org/Product"><time>`)
	f.Add(ld(`"@type":[`))
	f.Add(`<p itemtype=>`)
	f.Add(ld(`{"articleBody":"a \u00e9 \"b\"","x":{"articleBody":"c\\"}}`))
	f.Fuzz(func(t *testing.T, src string) {
		s, body := schemaOf(src)
		if s >= SchemaPublished<<1 {
			t.Fatalf("unknown bits %b", s)
		}
		// JSON decoding never grows a byte into more than U+FFFD's three
		// and always gives UTF-8.
		if len(body) > 3*len(src) || !utf8.ValidString(body) {
			t.Fatalf("article body of %d bytes from %d (valid UTF-8: %v)", len(body), len(src), utf8.ValidString(body))
		}
	})
}

func TestArticleBody(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"none", ld(`{"@type":"NewsArticle","headline":"h"}`), ""},
		{"plain", ld(`{"@type":"NewsArticle","articleBody":"First paragraph. Second one."}`), "First paragraph. Second one."},
		{"escapes", ld(`{"articleBody" : "a \"quoted\" word\nnext line \u00e9 \ud83d\ude00 back\\slash"}`), "a \"quoted\" word\nnext line é 😀 back\\slash"},
		{"two scripts", ld(`{"articleBody":"one"}`) + ld(`{"articleBody":"two"}`), "one\n\ntwo"},
		{"in a graph", ld(`{"@graph":[{"@type":"WebPage"},{"@type":"Article","articleBody":"graph body"}]}`), "graph body"},
		{"blank", ld(`{"articleBody":"  "}`), ""},
		{"not a string", ld(`{"articleBody":["x"],"articleBody2":1}`), ""},
		{"unterminated", ld(`{"articleBody":"never closed`), ""},
		{"bad escape", ld(`{"articleBody":"a \q b"}`), ""},
		{"not JSON-LD", `<script>var x = {"articleBody":"in code"}</script>`, ""},
		{"in the page's text", `<p>"articleBody":"shown"</p>`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, got := schemaOf(tc.src); got != tc.want {
				t.Errorf("schemaOf body = %q, want %q", got, tc.want)
			}
			d, err := HTML(tc.src+"<p>text</p>", HTMLOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if d.ArticleBody != tc.want {
				t.Errorf("HTML: ArticleBody = %q, want %q", d.ArticleBody, tc.want)
			}
		})
	}
	// At most maxArticleBodies are kept.
	src := ld(strings.Repeat(`{"articleBody":"x"}`, 3*maxArticleBodies))
	if _, got := schemaOf(src); strings.Count(got, "x") != maxArticleBodies {
		t.Errorf("kept %d bodies, want %d", strings.Count(got, "x"), maxArticleBodies)
	}
}

func TestMarkedBody(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []bool // per block
	}{
		{"microdata", `<p>before</p><div itemprop="articleBody"><p>one</p><p>two</p></div><p>after</p>`, []bool{false, true, true, false}},
		{"RDFa property", `<div property="articleBody"><p>one</p></div><p>after</p>`, []bool{true, false}},
		{"RDFa with a prefix", `<div property="schema:articleBody"><p>one</p></div>`, []bool{true}},
		{"one of several names, any case", `<div itemprop="text ArticleBody"><p>one</p></div>`, []bool{true}},
		{"deep inside", `<article itemprop="articleBody"><div><section><p>one</p></section></div></article>`, []bool{true}},
		{"another property", `<div itemprop="articleSection"><p>one</p></div>`, []bool{false}},
		{"a class of that name", `<div class="articleBody"><p>one</p></div>`, []bool{false}},
		{"the element's own text", `<div itemprop="articleBody">text<p>one</p>more</div>`, []bool{true, true, true}},
		// the adoption agency moves the paragraph out of the formatting
		// element; the element's copy inside it is inline and does not
		// mark the block (a block is marked by its own element's
		// ancestors)
		{"on a formatting element closed around a block", `<b itemprop="articleBody"><p>one</b>two</p>`, []bool{false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if d, bailed := scanVsTree(tc.src, HTMLOptions{}); d != "" {
				t.Fatalf("scanner and tree differ: %s (bailed: %q)", d, bailed)
			}
			d, err := HTML(tc.src, HTMLOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []bool
			for _, b := range d.Blocks {
				got = append(got, b.MarkedBody)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("MarkedBody = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCanonicalURL(t *testing.T) {
	long := "https://example.com/" + strings.Repeat("a", maxPageURLBytes)
	for _, tc := range []struct {
		name, head, want string
	}{
		{"none", `<title>t</title>`, ""},
		{"link", `<link rel="canonical" href="https://example.com/2024/05/story">`, "https://example.com/2024/05/story"},
		{"og:url", `<meta property="og:url" content="https://example.com/a/b">`, "https://example.com/a/b"},
		{"the link before og:url, in either order", `<meta property="og:url" content="https://example.com/og"><link rel="canonical" href="/canonical">`, "/canonical"},
		{"the first link", `<link rel="canonical" href="/one"><link rel="canonical" href="/two">`, "/one"},
		{"rel among others, any case", `<link rel="alternate Canonical" href=" /x ">`, "/x"},
		{"another rel", `<link rel="alternate" href="/feed">`, ""},
		{"too long", `<link rel="canonical" href="` + long + `">`, ""},
		{"a long one skipped for og:url", `<link rel="canonical" href="` + long + `"><meta property="og:url" content="/og">`, "/og"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "<html><head>" + tc.head + "</head><body><p>text</p></body></html>"
			if d, bailed := scanVsTree(src, HTMLOptions{}); d != "" {
				t.Fatalf("scanner and tree differ: %s (bailed: %q)", d, bailed)
			}
			d, err := HTML(src, HTMLOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if d.CanonicalURL != tc.want {
				t.Errorf("CanonicalURL = %q, want %q", d.CanonicalURL, tc.want)
			}
		})
	}
}
