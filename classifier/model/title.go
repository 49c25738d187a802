package model

import (
	"strings"

	"github.com/winnowhq/winnow/classifier/segment"
)

// numTitleFeats is the number of page features read from the document's
// title (titleFeatures).
const numTitleFeats = 2

// maxTitleWords caps the title length the page features read.
const maxTitleWords = 30

// titleFeatures reads the page's title (og:title, else <title>; HTML
// only): its length in words, as the longest of its parts between
// separators (a site's name is set off by "|", " - " and the like), and
// whether it has one. A news headline is a sentence; a service, a
// documentation or a section page is named by a few words ("Pricing",
// "Chapter 11. Indexes", "Building Department"). Chosen on the dev sets
// (docs/model.md, "The page's title"): page kind on wcxb's dev sites in
// HTML 0.862 → 0.874 and 0.874 → 0.889 (seeds 1 and 2, page models
// retrained with --page-only without and with them).
func titleFeatures(doc *segment.Doc, f *[numTitleFeats]float32) {
	*f = [numTitleFeats]float32{}
	t := doc.OGTitle
	if t == "" {
		t = doc.Title
	}
	if strings.TrimSpace(t) == "" {
		return
	}
	longest := 0
	for _, part := range titleParts(t) {
		longest = max(longest, titleWords(part))
	}
	f[0] = float32(min(longest, maxTitleWords)) / maxTitleWords
	f[1] = 1
}

// titleParts splits a title at the separators that set a site's or a
// section's name off from the page's own: "|", " - ", dashes, "·",
// guillemets and ":".
func titleParts(t string) []string {
	t = strings.ReplaceAll(t, " - ", " | ")
	return strings.FieldsFunc(t, func(r rune) bool {
		switch r {
		case '|', '–', '—', '·', '»', '«', ':':
			return true
		}
		return false
	})
}

// titleWords counts the words of s: its space-separated words, a word of
// more than two Han, kana, Hangul or Thai letters (written without spaces)
// as one word per two of them.
func titleWords(s string) int {
	n := 0
	for w := range strings.FieldsSeq(s) {
		letters := 0
		for _, r := range w {
			if IsCJK(r) {
				letters++
			}
		}
		if letters > 2 {
			n += letters / 2
		} else {
			n++
		}
	}
	return n
}
