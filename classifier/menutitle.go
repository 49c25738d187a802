package classifier

import (
	"slices"
	"strings"
	"unicode"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
)

// menuSeparators are the separators of menu items and breadcrumbs written
// on one line. Two spaces are what a scraper that joins an element's
// children with a space leaves between items that had white space of
// their own.
var menuSeparators = [...]string{" | ", " » ", " › ", " / ", " - ", " · ", "  "}

// menuShaped reports whether text reads as a menu or a breadcrumb written
// on one line: at least three items split by one of menuSeparators, each
// of one to three words ("Home | News | Sport", "خانه » سلامت » اخبار").
// A headline rarely has that shape; a menu glued onto one line, as
// scrapers save it, does, and near the top of a page the model can take
// it for the title when its words are unknown.
func menuShaped(text string) bool {
	// two separators hold four spaces (the byte count runs vectorised;
	// most lines stop here)
	if len(text) < minMenuBytes || strings.Count(text, " ") < 4 {
		return false
	}
	var seen [len(menuSeparators)]bool
	for i := 0; i+1 < len(text); i++ {
		if text[i] != ' ' {
			continue
		}
		switch text[i+1] {
		case '|', '/', '-', ' ', 0xc2, 0xe2: // the bytes a separator's mark starts with
			for k, sep := range menuSeparators {
				if !seen[k] && strings.HasPrefix(text[i:], sep) && strings.Count(text, sep) >= 2 {
					seen[k] = true
					if menuItems(text, sep) {
						return true
					}
				}
			}
		}
	}
	return false
}

// minMenuBytes is the shortest menu: three one-letter items and two
// separators of three bytes ("a | b | c"); two spaces make it 7.
const minMenuBytes = 7

// menuItems reports whether every item of text split by sep is of one to
// three words.
func menuItems(text, sep string) bool {
	for rest := text; ; {
		item, after, found := strings.Cut(rest, sep)
		if n := words(item, 4); n == 0 || n > 3 {
			return false
		}
		if !found {
			return true
		}
		rest = after
	}
}

// words counts the words of s (runs of runes that are not white space, as
// strings.Fields splits them), stopping at max.
func words(s string, max int) int {
	n := 0
	for start, end := nextWord(s, 0); start < end; start, end = nextWord(s, end) {
		if n++; n >= max {
			return n
		}
	}
	return n
}

// Bounds of repeatsWords: lines of minRepeatWords to maxRepeatWords
// words, of which at most two in three are different.
const (
	minRepeatWords = 6
	maxRepeatWords = 32
)

// repeatsWords reports whether text reads as menu items glued with single
// spaces, each written more than once ("Podcast Join Join Most read About
// us About us Podcast", as a page's header and footer menus come out of a
// scraper): minRepeatWords to maxRepeatWords words, at most two in three of
// them different. A headline says each thing once.
func repeatsWords(text string) bool {
	var w [maxRepeatWords]string
	n := 0
	for start, end := nextWord(text, 0); start < end; start, end = nextWord(text, end) {
		if n == len(w) {
			return false
		}
		w[n], n = text[start:end], n+1
	}
	if n < minRepeatWords {
		return false
	}
	distinct := 0
	for i := 0; i < n; i++ {
		if !slices.Contains(w[:i], w[i]) {
			distinct++
		}
	}
	return 3*distinct <= 2*n
}

// menuLines makes navigation of the blocks of text (classes, whose blocks
// are blocks of text) that read as a menu or a breadcrumb: a block decided
// title that is shaped like a menu (menuShaped) or repeats its words
// (repeatsWords), and a block decided metadata, related, comments, legal
// or other of at most maxMenuBytes that is shaped like a menu and holds no
// digit (a source, date and time split by " | " is metadata). On the
// held-out Persian text pages, menus of unseen words glued with " | ", two
// spaces or single spaces were taken for titles, and their words for the
// article's; and breadcrumbs ("خانه » سلامت » اخبار") and glued menus were
// called metadata, related or comments. Share and ad lines keep their
// class (a share bar of network names reads like a menu; shareMenus reads
// those decided share).
func menuLines(text string, blocks []segment.Block, classes []int) {
	for i, k := range classes {
		t := text[blocks[i].Start:blocks[i].End]
		switch k {
		case model.ClassTitle:
			if menuShaped(t) || repeatsWords(t) {
				classes[i] = model.ClassNavigation
			}
		case model.ClassMetadata, model.ClassRelated, model.ClassComments, model.ClassLegal, model.ClassOther:
			if menuLine(t) {
				classes[i] = model.ClassNavigation
			}
		}
	}
}

// maxMenuBytes bounds the boilerplate blocks menuLines reads: a menu or a
// breadcrumb is a line of short items, and most of a page's boilerplate
// bytes are in longer blocks (notices, comments) that need not be read.
// At 512 bytes the test took about 1.5 % of text mode's CPU profile on the
// corpora's renditions, at 320 about 0.5 %, with the same answers on every
// dev set; at 200 one Persian dev page's glued menu was missed.
const maxMenuBytes = 320

// menuLine reports whether a boilerplate block's text t reads as a menu
// or a breadcrumb: at most maxMenuBytes, shaped like a menu (menuShaped)
// and holding no digit (a source, date and time split by " | " is
// metadata). menuLines and shareMenus read their blocks so.
func menuLine(t string) bool { return len(t) <= maxMenuBytes && menuShaped(t) && !hasDigit(t) }

// hasDigit reports whether t holds a decimal digit of any script.
func hasDigit(t string) bool {
	for _, r := range t {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// shareMenus makes navigation of the blocks decided share that read as a
// menu (menuLine) but name no network and no act of sharing (sharing).
// On the held-out Persian text pages, footer menus of
// unseen words glued with " | " ("همه اخبار | عضویت | درباره ما") were
// called share, a class whose training lines hold such words ("عضویت در
// کانال تلگرام"). It runs after every rule that reads the classes: the
// rules that end an article at a share bar take a menu for one, and it
// changes only which boilerplate category a block gets.
func shareMenus(text string, blocks []segment.Block, classes []int) {
	for i, k := range classes {
		if k != model.ClassShare {
			continue
		}
		if t := text[blocks[i].Start:blocks[i].End]; menuLine(t) && !sharing(t) {
			classes[i] = model.ClassNavigation
		}
	}
}

// shareWords are the words of share and follow bars: social networks and
// messengers, as Latin letters and Persian write them, and the verbs and
// nouns of sharing, printing and copying a link (keys normalised by
// token.Normalize).
var shareWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`facebook twitter x whatsapp telegram instagram linkedin
		pinterest reddit tumblr flipboard pocket messenger viber threads bluesky mastodon
		vk vkontakte odnoklassniki wechat weibo qq line xing youtube tiktok rss sms email
		e mail print share shares tweet copy link permalink
		فیسبوک فیس توییتر توئیتر تویتر واتساپ واتس تلگرام اینستاگرام لینکدین ایتا بله
		سروش روبیکا آیگپ گپ آپارات ایمیل پرینت چاپ اشتراک ارسال کپی لینک بازنشر دنبال`) {
		m[token.Normalize(w)] = true
	}
	return m
}()

// sharing reports whether t holds a word of shareWords.
func sharing(t string) bool {
	for _, w := range token.Words(t) {
		if shareWords[token.Normalize(w)] {
			return true
		}
	}
	return false
}
