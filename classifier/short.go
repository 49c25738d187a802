package classifier

import (
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Short texts. The page model learnt from whole pages, whose menus,
// bylines, teasers and footers tell an article from a listing; a text of
// a headline and a paragraph or two (a news brief, a short item a CMS
// sends, an article's lead) has none of them, and the page model called
// most such texts listings: of news-dev's 466 article pages of known kind
// cut to their headline and first paragraph (winnow eval's "brief" mode),
// 73 were judged to hold no article and lost all their text. A text of at
// most maxShortBlocks blocks that holds a paragraph the decoding kept is
// an article; a short text of headlines or menu items alone (no
// paragraph kept) is still judged by the page model.
//
// A paragraph here is also a standfirst: a lead that ends without a full
// stop ("Hollywood legend escorted off stage after protesters climb up
// holding a sign"), as many sites write the line under a headline. It
// needs tailRunes runes and minLedeWords words separated by spaces, or,
// in a text written without spaces (Chinese, Japanese, Thai),
// minLedeLetters letters of those scripts, however few runes it has in
// all (a Chinese sentence of 40 runes says as much as an English one of
// 100).
//
// The rule holds for HTML too: a fragment without <head> (an article's
// headline and lead as a CMS sends them) is as short, and a page model
// that reads the page's title has less to go on there. winnow eval's
// fragment mode (each article's brief as <h1> and <p>), 2,939 pages of
// every corpus: with the page model of session 24's title features
// 310 were emptied (seed 2: 79), news-dev 0.937 (0.987); with the rule
// 4 (1), news-dev 0.996 (0.998); before those features 17 (24), and
// none with the rule. No page of the other modes moves.

// maxShortBlocks is the most blocks of a short text (shortArticle,
// shortLedes).
//
// 8 since session 37 (4 before): a short article sent clean, a headline
// and up to seven paragraphs, was judged by the page model alone, which
// called some listings and emptied them. Same weights, winnow eval -q,
// seed 1 / 2: news-dev clean 0.973 → 0.974 / 0.971 → 0.971 (new-lang
// 0.920 → 0.920 / 0.929 → 0.931), persian-heldout clean 0.967 → 0.969 /
// 0.969 → 0.971, newspaper4k clean 0.988 → 0.994 / 0.986 → 0.992; eval
// only: daniel clean 0.980 → 0.985 / 0.985 → 0.988; 45 / 53 page-modes
// up, none down, no row of a mode other than clean and brief moves. At
// 12 whole pages start to move (a wcxb-dev text page −0.073, a daniel
// text page −0.504).
const maxShortBlocks = 8

// minLedeWords is the fewest words of a standfirst (lede), and
// minLedeLetters the fewest Han, kana, Hangul or Thai letters of one
// written without spaces.
const (
	minLedeWords   = 8
	minLedeLetters = 30
)

// shortArticle reports whether a text's blocks (classes, the decoding's
// classes; cp, their content probabilities) are at most maxShortBlocks
// and one of them is content and a paragraph (lede), or one is content
// (the headline) and another a lede the decoding made boilerplate at a
// content probability of shortLedeProb or more (shortLedes then makes it
// body). The caller applies it to documents, text or HTML, the page model
// judged to hold no article or named a kind other than article.
//
// The lede near the cut (session 31): the page model and the block model
// agree on a headline and its lead sent alone, which they read as one
// teaser card (a listing; "Ambrosia breitet sich in deutschen Gärten aus
// … Erfahren Sie, wie Sie die giftige Pflanze erkennen und bekämpfen."
// called the closing line, legal, at content probability 0.49), and the
// brief lost all its text. Same weights, winnow eval -q, seed 1 / 2:
// news-dev brief 0.948 → 0.961 / 0.975 → 0.976 (fundus 0.963 → 0.983 /
// 0.989 → 0.993, newspaper4k 0.939 → 0.986 / unchanged, wcxb-dev 0.962 →
// 0.969 / unchanged, postlight 0.929 → 0.935 / unchanged); eval only:
// daniel brief 0.919 → 0.945 / 0.960 → 0.965 (briefs judged to hold no
// article 54 → 10 / 10 → 1), daniel clean 0.976 → 0.978 / unchanged;
// every page that moved went up, and no row of the other modes moved.
//
// The caller also names such a text an article when the page model let it
// hold one but named another kind (a listing whose one region dominates,
// page.DominantArticle): the same weights, seed 1 / 2, page kind of the
// briefs and fragments, fundus 0.821 → 0.977 / 0.774 → 0.992 and 0.728 →
// 0.992 / 0.809 → 0.996, wcxb-dev 0.882 → 0.944 / 0.917 → 0.986 and
// 0.910 → 1.000 / 0.903 → 1.000; no F1 and no whole page's kind moves.
//
// Same weights, winnow eval -q --modes brief, seed 1 / seed 2 (with
// leadTitle): news-dev brief 0.824 → 0.928 / 0.852 → 0.951 (pages judged
// to hold no article 73 → 14 on both), news-dev/new-lang 0.738 → 0.865 /
// 0.802 → 0.928; no row of the html, text and clean modes but daniel
// clean (eval only: 0.970 → 0.975, 20 → 11 articles judged to hold none)
// moves, nor any Persian row.
func shortArticle(text string, blocks []segment.Block, classes []int, cp func(int) float64) bool {
	if len(blocks) > maxShortBlocks {
		return false
	}
	content, lead := false, false
	for i, b := range blocks {
		kept := model.Content(classes[i])
		content = content || kept
		if (kept || cp(i) >= shortLedeProb) && lede(text[b.Start:b.End]) {
			if kept {
				return true
			}
			lead = true
		}
	}
	return content && lead
}

// lede reports whether t is a paragraph (at least tailRunes runes, ending
// a sentence) or a standfirst: minLedeLetters Han, kana, Hangul or Thai
// letters, or at least tailRunes runes and minLedeWords words, with or
// without a sentence end.
//
// The letters without the runes (session 37; before, a Chinese or
// Japanese lead under 60 runes was no lede, "言茂松认为，…再分配的过程。"
// called the closing line at 0.46 and lost). Same weights, winnow eval
// -q, seed 1 / 2: news-dev brief 0.963 → 0.966 / 0.977 → 0.980
// (new-lang 0.901 → 0.920 / 0.929 → 0.948, zh_webce 0.870 → 0.911 /
// 0.911 → 0.949), fragment 0.996 → 0.998 / 0.995 → 0.996 (new-lang
// +0.015 / +0.014); eval only: daniel clean +0.001 / +0.001; 30 / 24
// page-modes up, none down.
//
// The letters (session 24), same weights, seed 1 / 2: news-dev clean
// 0.971 → 0.972 on seed 2, postlight clean 0.940 → 0.941 on seed 1;
// eval only: daniel brief 0.913 → 0.919 / 0.947 → 0.952 (Chinese
// briefs); no other row moves.
//
// Standfirsts, same weights, winnow eval -q --modes brief (the page model
// of title.go's features; session 24), seed 1 / 2: news-dev brief 0.917 →
// 0.937 / 0.952 → 0.971, new-lang 0.857 → 0.872 / 0.928 → 0.942, fundus
// 0.900 → 0.941 / 0.948 → 0.987; eval only: daniel 0.850 → 0.906 /
// 0.892 → 0.943; no row of any other mode moves, nor any Persian row.
func lede(t string) bool {
	if paragraph(t) {
		return true
	}
	// text written without spaces: minLedeLetters letters of its scripts
	n := 0
	for _, r := range t {
		if model.IsCJK(r) {
			if n++; n >= minLedeLetters {
				return true
			}
		}
	}
	if len(t) < tailRunes || utf8.RuneCountInString(t) < tailRunes {
		return false
	}
	return words(t, minLedeWords) >= minLedeWords
}

// shortLedeProb is the content probability a boilerplate block of a
// short text needs for shortLedes to make it body.
//
// 0.2 since session 37 (0.3 before): standfirsts the model called the
// closing line at 0.2 to 0.3 ("Liberal billionaire George Soros and his
// son nearly max out to Tester", legal at 0.22). Same weights, winnow
// eval -q, seed 1 / 2: news-dev brief 0.961 → 0.963 / 0.976 → 0.977
// (fundus, postlight +0.002 on seed 1); eval only: daniel brief +0.002 /
// +0.001; 11 / 3 pages up, none down, and no row of another mode moves.
const shortLedeProb = 0.2

// shortLedes makes body every block of a text of at most maxShortBlocks
// blocks (classes, the decoding's classes) that the decoding made
// boilerplate at a content probability (cp) of shortLedeProb or more and
// that is a paragraph or a standfirst (lede). The model learnt the end of
// a text from whole pages, where the last lines are a site's footer; on
// a headline and its lead sent alone it calls the lead the text's closing
// line (legal) at content probabilities of 0.2 to 0.5. The caller applies
// it to text pages judged to hold an article. An ad written as a sentence
// stays an ad: at 0.1 a Persian flight-ticket ad (content probability
// 0.15) after a brief became body.
//
// Same weights, winnow eval -q, seed 1 / 2 (session 24): news-dev brief
// 0.937 → 0.948 / 0.971 → 0.973, new-lang 0.872 → 0.901 / 0.942 →
// 0.942, fundus brief 0.941 → 0.963 / 0.987 → 0.991, zh_webce clean
// 0.955 → 0.965 / unchanged; eval only: daniel brief 0.906 → 0.913 /
// 0.943 → 0.947; no row of the html, text, markdown or fragment modes
// moves, nor any Persian row.
func shortLedes(text string, blocks []segment.Block, classes []int, cp func(int) float64) {
	if len(blocks) > maxShortBlocks {
		return
	}
	for i, b := range blocks {
		if !model.Content(classes[i]) && cp(i) >= shortLedeProb && lede(text[b.Start:b.End]) {
			classes[i] = model.ClassBody
		}
	}
}
