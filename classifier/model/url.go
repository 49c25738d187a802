package model

import (
	"net/url"
	"strings"
)

// URL features: what a page's address says about its kind, for the page
// model. Publishers name their paths alike across languages and
// countries: an article sits under a long slug, a date or a long number
// (/2024/05/16/…, /story/3000000218734/…, …-b2651790.html), a front or
// section page at the root or one short step below it, a forum thread
// under /threads/ or /viewtopic, a product under /products/ or /dp/,
// documentation under /docs/ or a wiki. The address is optional
// (classifier.Input.URL); without one every URL feature is 0, and the
// page model is trained on every page both with and without its address
// (appendPageExample), so that it does not lean on one being there.
//
// Only the address's shape and a few words are read (whole path
// segments, and the host's first label: forum., docs., shop. …), never
// the site's name: a site's own words would be remembered, not learnt.
// "index" is no word of any kind: index.php?id=… is an article as often
// as a front page.

// numURLFeats is the number of URL features (page features from
// numPageFeatsV5 on).
const numURLFeats = 14

// maxURLBytes bounds the address read (the API allows 8 KiB).
const maxURLBytes = 2048

// URL word groups: path and first host label words, lower case.
var (
	urlForum = wordSet("thread", "threads", "forum", "forums", "topic", "viewtopic", "showthread",
		"discussion", "discussions", "questions", "question", "comments", "community", "board", "boards",
		"foro", "foros", "forumdisplay", "t")
	urlProduct = wordSet("product", "products", "dp", "itm", "item", "items", "shop", "store", "buy",
		"sku", "produkt", "produkte", "produit", "produits", "producto", "productos", "prodotto")
	urlListing = wordSet("category", "categories", "tag", "tags", "c", "cat", "collection", "collections",
		"browse", "section", "sections", "archive", "archives", "search", "topics", "list", "lists",
		"page", "latest", "all", "kategorie", "categorie", "categoria", "rubrik", "rubrique", "seccion",
		"directory", "results")
	urlDocs = wordSet("docs", "doc", "wiki", "documentation", "manual", "reference", "api", "guide",
		"guides", "tutorial", "tutorials", "help", "kb", "support", "learn", "glossary", "faq", "howto")
	urlArticle = wordSet("article", "articles", "news", "story", "stories", "blog", "blogs", "post",
		"posts", "press", "opinion", "artikel", "nachrichten", "noticia", "noticias", "actualite",
		"actualites", "notizie", "wiadomosci", "novosti", "content", "details", "detail", "view", "a")
)

func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// urlFeatures writes the URL features of raw (an absolute or
// path-absolute address; anything else, or "", leaves them 0) to f.
func urlFeatures(raw string, f *[numURLFeats]float32) {
	*f = [numURLFeats]float32{}
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > maxURLBytes {
		return
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Host == "" && !strings.HasPrefix(u.Path, "/")) {
		return
	}
	f[0] = 1
	path := strings.ToLower(u.Path)
	var segs []string
	for s := range strings.SplitSeq(path, "/") {
		if s != "" {
			segs = append(segs, s)
		}
	}
	if len(segs) == 0 && u.RawQuery == "" {
		f[1] = 1 // the root: a front page or a product's home
	}
	f[2] = min(1, float32(len(segs))/4)
	if len(segs) > 0 {
		last := segs[len(segs)-1]
		for _, ext := range []string{".html", ".htm", ".shtml", ".php", ".aspx", ".asp", ".jsp", ".cms"} {
			if strings.HasSuffix(last, ext) {
				f[7] = 1
				break
			}
		}
	}
	// the longest slug: words of letters joined by - or _
	slug := 0
	for _, s := range segs {
		slug = max(slug, slugWords(s))
	}
	if slug >= 3 {
		f[3] = 1
	}
	f[4] = min(1, float32(slug)/8)
	if hasDate(path) {
		f[5] = 1
	}
	if longDigits(path, 5) {
		f[6] = 1
	}
	words := func(yield func(string) bool) {
		if h := strings.ToLower(u.Hostname()); h != "" {
			first, _, _ := strings.Cut(h, ".")
			if first == "www" || first == "m" {
				_, h, _ = strings.Cut(h, ".")
				first, _, _ = strings.Cut(h, ".")
			}
			if !yield(first) {
				return
			}
		}
		// whole segments only, without an extension: the words of a
		// slug are the article's own ("all-you-need-to-know")
		for _, s := range segs {
			if i := strings.LastIndexByte(s, '.'); i > 0 && len(s)-i <= 6 {
				s = s[:i]
			}
			if !yield(s) {
				return
			}
		}
	}
	for w := range words {
		switch {
		case urlForum[w]:
			f[8] = 1
		case urlProduct[w]:
			f[9] = 1
		case urlListing[w]:
			f[10] = 1
		case urlDocs[w]:
			f[11] = 1
		case urlArticle[w]:
			f[12] = 1
		}
	}
	if u.RawQuery != "" {
		f[13] = 1
	}
}

// slugWords counts the words of letters (two or more) in a path segment
// whose words are joined by '-' or '_' ("nach-kalifat-rufen-in-hamburg"
// has five); a segment without a joiner has none.
func slugWords(s string) int {
	if !strings.ContainsAny(s, "-_") {
		return 0
	}
	n := 0
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == '-' || r == '_' }) {
		letters := 0
		for _, r := range w {
			if r >= '0' && r <= '9' {
				letters = -1
				break
			}
			letters++
		}
		if letters >= 2 {
			n++
		}
	}
	return n
}

// hasDate reports whether a lower-case path holds a date: /2024/05/,
// 2024-05-16, 20240516 (years 1990–2039).
func hasDate(p string) bool {
	for i := 0; i+4 <= len(p); i++ {
		if !isYear(p[i:]) || (i > 0 && isDigit(p[i-1])) {
			continue
		}
		rest := p[i+4:]
		switch {
		case len(rest) >= 3 && (rest[0] == '/' || rest[0] == '-' || rest[0] == '_') && isDigit(rest[1]) &&
			(isDigit(rest[2]) && (len(rest) == 3 || !isDigit(rest[3])) || !isDigit(rest[2])):
			return true
		case len(rest) >= 4 && isDigit(rest[0]) && isDigit(rest[1]) && isDigit(rest[2]) && isDigit(rest[3]) &&
			(len(rest) == 4 || !isDigit(rest[4])) && rest[0] <= '1' && rest[2] <= '3':
			return true
		}
	}
	return false
}

func isYear(s string) bool {
	if len(s) < 4 || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[2]) || !isDigit(s[3]) {
		return false
	}
	y := (int(s[0]-'0')*10+int(s[1]-'0'))*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	return y >= 1990 && y <= 2039
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// longDigits reports whether s holds a run of at least n digits.
func longDigits(s string, n int) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			run++
			if run >= n {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
