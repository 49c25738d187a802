package classifier

import (
	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Long prose after the article's body. A block of many words of running
// text right after a body block is the article going on, whatever its
// words: a closing section merged into one block of 556 words (msnbc's
// page on the news dev set, content probability 0.47, called other), an
// excerpt set in another container. Teasers, captions and bylines are
// short; a comment thread starts with its author's line, and blocks the
// model or the markup called comments, ads or legal text keep their class.
// Words are runs between white space: text written without spaces
// (Chinese, Japanese) never holds enough of them, and is left alone.

// Bounds of longProse.
const (
	longProseWords = 120 // fewest words
	longProseProb  = 0.2 // lowest content probability
	longProseLinks = 10  // at most 1/longProseLinks of the bytes in links
)

// longProse makes body of each block decided boilerplate, but not
// comments, ad or legal, that follows a body block and holds at least
// longProseWords words of text that ends a sentence, under a tenth of it
// link text, with a content probability (prob) of at least longProseProb.
// The caller applies it to pages judged to hold an article, in both modes.
//
// Same weights, winnow eval -q, seed 1 / seed 2 models: news-dev text
// 0.894 → 0.895 on both, html 0.925 on both (recall +0.001–0.002),
// postlight html 0.889 → 0.891 / 0.884 → 0.886 and text 0.846 → 0.850 /
// 0.851 → 0.855; every other dev row within ±0.001. 60 or 80 words and
// probabilities of 0.05 or 0.1 gave the same rows.
func longProse(text string, blocks []segment.Block, classes []int, prob func(int) float64) {
	for i := 1; i < len(blocks); i++ {
		k := classes[i]
		if model.Content(k) || k == model.ClassComments || k == model.ClassAd || k == model.ClassLegal ||
			classes[i-1] != model.ClassBody {
			continue
		}
		b := &blocks[i]
		if longProseLinks*b.LinkBytes >= b.End-b.Start || prob(i) < longProseProb {
			continue
		}
		t := text[b.Start:b.End]
		if words(t, longProseWords) < longProseWords || !segment.EndsSentence(t) {
			continue
		}
		classes[i] = model.ClassBody
	}
}
