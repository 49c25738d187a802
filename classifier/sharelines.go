package classifier

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
)

// Share lines. A share bar's own words, a network's name or the verb of
// sharing, printing or copying a link ("چاپ خبر", "کپی لینک", "Share on
// Facebook"), make a short line share whatever the lines around it: on
// the Persian pages of held-out template families sent as text, the
// training pages' own "چاپ خبر" came out comments after a comment thread
// and related before a teaser list, the neighbours' class outweighing the
// line's words. A line of more words, one with a digit (a count, a date)
// or one that also speaks of comments ("ارسال نظر", "Share your comment")
// keeps its class.

// The bounds of a share line: a few words of a bar.
const (
	maxShareLineBytes = 80
	maxShareWords     = 5
)

// strongShareWords are the words that name a share act or a network
// without being a common word too (unlike "ارسال", send, which comment
// forms use, or "بله", yes, also a messenger's name). Words that only the
// held-out Persian phrase lists hold (their "بازنشر", republish, and one
// messenger's name) are left out, so that those pages measure the rule
// and not its list, and so is the messenger Soroush, a given name.
const strongShareWords = `facebook twitter whatsapp telegram instagram linkedin pinterest
	reddit tumblr flipboard viber vkontakte odnoklassniki wechat weibo print share tweet
	فیسبوک توییتر توئیتر تویتر واتساپ تلگرام اینستاگرام لینکدین ایتا آیگپ
	پرینت چاپ اشتراک کپی`

// commentLineWords are the words of comment forms and threads, which a
// line of share words may also hold ("اشتراک نظر", share your opinion):
// such a line keeps its class.
const commentLineWords = `comment comments reply نظر نظرات دیدگاه دیدگاه‌ها پاسخ`

// What a word of shareWordSet is.
const (
	shareWord = 1 << iota
	commentWord
)

// shareWordKey is a word of shareWordSet, as legalKey writes it.
type shareWordKey struct {
	key  string
	kind uint8
}

// shareWordSet maps the hash (foldHash) of every strong share word and
// comment word to the word.
var shareWordSet = sync.OnceValue(func() map[uint64]shareWordKey {
	m := map[uint64]shareWordKey{}
	for _, list := range []struct {
		words string
		kind  uint8
	}{{strongShareWords, shareWord}, {commentLineWords, commentWord}} {
		for _, w := range strings.Fields(list.words) {
			k := string(legalKey(nil, w, maxLegalKey))
			m[foldHash(k)] = shareWordKey{k, list.kind}
		}
	}
	return m
})

// foldHash returns the FNV-1a hash (token.Hash) of w as legalKey writes
// it.
func foldHash(w string) uint64 {
	h := uint64(token.HashOffset)
	for _, r := range w {
		if f, ok := legalFold(r); ok {
			h = addRune(h, f)
		}
	}
	return h
}

// addRune extends the running hash h by the UTF-8 bytes of r.
func addRune(h uint64, r rune) uint64 {
	var b [utf8.UTFMax]byte
	return token.AddBytes(h, b[:utf8.EncodeRune(b[:], r)])
}

// shareLines gives the share class to the blocks decided comments,
// related, metadata or other after the page's last content block (a
// share bar closes the article) that are share lines (shareLine). A page
// without content is left as it is.
func shareLines(text string, blocks []segment.Block, classes []int) {
	for i := afterContent(classes); i < len(classes); i++ {
		switch classes[i] {
		case model.ClassComments, model.ClassRelated, model.ClassMetadata, model.ClassOther:
		default:
			continue
		}
		if blocks[i].End-blocks[i].Start <= maxShareLineBytes && shareLine(text[blocks[i].Start:blocks[i].End]) {
			classes[i] = model.ClassShare
		}
	}
}

// shareLine reports whether t, at most maxShareWords words (between white
// space, separators and colons), holds a strong share word, no comment
// word and no digit. It does not allocate.
func shareLine(t string) bool {
	if strings.Count(t, " ") >= 2*maxShareWords {
		return false // a cheap first test: a line of many words
	}
	set := shareWordSet()
	words, share := 0, false
	// word reports whether the line may go on after the word t[from:to]
	// hashed h: not too many words, no comment word.
	word := func(from, to int, h uint64) bool {
		if words++; words > maxShareWords {
			return false
		}
		w, ok := set[h]
		if !ok {
			return true
		}
		var buf [maxLegalKey + utf8.UTFMax]byte
		if string(legalKey(buf[:0], t[from:to], maxLegalKey+1)) != w.key {
			return true // another word of the same hash
		}
		share = share || w.kind == shareWord
		return w.kind != commentWord
	}
	start, h, empty := 0, uint64(token.HashOffset), true
	for i, r := range t {
		var digit, space bool
		switch {
		case r < utf8.RuneSelf:
			digit, space = r >= '0' && r <= '9', r <= ' ' || r == ':' || isLegalSep(r)
		case r >= 0x0600 && r <= 0x06FF: // Arabic script: its digits, no space
			digit = r >= 0x0660 && r <= 0x0669 || r >= 0x06F0 && r <= 0x06F9
		default:
			digit, space = unicode.IsDigit(r), isLegalSep(r) || unicode.IsSpace(r)
		}
		if digit {
			return false
		}
		if space {
			if !empty && !word(start, i, h) {
				return false
			}
			start, h, empty = i+utf8.RuneLen(r), token.HashOffset, true
			continue
		}
		if f, ok := legalFold(r); ok {
			h, empty = addRune(h, f), false
		}
	}
	if !empty && !word(start, len(t), h) {
		return false
	}
	return share
}
