package dataset

import (
	"math/rand/v2"
	"strings"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/internal/wrap"
)

// The held-out Persian dev (persian-heldout) measures what the synthetic
// dev pages cannot: layouts, phrasings and damage the training pages never
// show. It is composed around the dev site's articles (namnak, never
// trained on) like the dev pages, but
//
//   - every phrase comes from the held-out quarter of each list (never in a
//     training page), or from phrase lists used nowhere in training (other
//     CMSs' share bars, metadata lines, breadcrumbs, ads, comment forms,
//     related-list headers);
//   - it adds a template family no training page has: teaser cards after
//     the article, a title line then a one-sentence summary, the title
//     sometimes doubled on its line ("X X");
//   - its HTML uses container class names no training page uses;
//   - its text comes in four scraper styles (HeldoutStyles): one block per
//     line; everything on one line; markdown-ish bullets and headings; and
//     paragraphs hard-wrapped at 60-90 runes (a damage kind never trained).
//
// Limits: the article texts and the Jalali date formats are the dev
// pages' own; the families are held out by construction, so these pages
// measure transfer to unseen phrasing and layout, not to unseen sites'
// real pages.

// HeldoutStyles are the scraper styles of the held-out Persian text pages.
var HeldoutStyles = []string{"lines", "oneline", "markdown", "wrapped"}

// Phrase lists used by no training page.
var (
	heldShare   = []string{"بازنشر این مطلب", "ارسال به ایتا", "اشتراک در بله", "ارسال در روبیکا", "کپی شد", "اشتراک گذاری در شبکه های اجتماعی", "این مطلب را برای دوستانتان بفرستید"}
	heldMeta    = []string{"زمان مطالعه: %d دقیقه", "بازدید: %d", "نویسنده: %s", "دسته بندی: %s", "آخرین بروزرسانی: %s", "شناسه خبر: %d", "تعداد بازدید: %d نفر"}
	heldCrumbs  = []string{" » ", " / ", " > ", " › "}
	heldAds     = []string{"خرید آنلاین بلیت اتوبوس با بهترین قیمت", "مشاوره رایگان مهاجرت همین حالا تماس بگیرید", "دوره آموزش آنلاین زبان انگلیسی با تخفیف ویژه", "فروش اقساطی موبایل بدون ضامن", "دانلود اپلیکیشن و دریافت هدیه", "رزرو آنلاین بلیط کنسرت"}
	heldComment = []string{"دیدگاه ها", "پاسخ دهید", "دیدگاه خود را بنویسید", "لغو پاسخ", "نشانی ایمیل شما منتشر نخواهد شد", "بخش های موردنیاز علامت گذاری شده اند", "فرستادن دیدگاه"}
	heldRelHead = []string{"شاید بپسندید", "پیشنهاد ما", "مطالب داغ", "از همین نویسنده", "ببینید", "پیشنهاد سردبیر برای شما"}
	heldClasses = map[int][]string{
		model.ClassTitle:      {"jeg_post_title", "td-post-title", "c-article__title"},
		model.ClassBody:       {"jeg_post_content", "td-post-content", "c-article__body", "field-item"},
		model.ClassMetadata:   {"jeg_meta_container", "td-module-meta-info", "c-article__meta"},
		model.ClassShare:      {"jeg_share_button", "td-social-sharing", "c-share"},
		model.ClassAd:         {"jeg_ad", "td-a-rec", "c-promo"},
		model.ClassRelated:    {"jeg_postblock", "td_block_related_posts", "c-teasers", "views-row"},
		model.ClassNavigation: {"jeg_menu", "td-header-menu", "c-breadcrumbs"},
		model.ClassComments:   {"jeg_comments", "td-comments-title", "c-discussion"},
		model.ClassLegal:      {"jeg_footer", "td-footer-wrapper", "c-colophon"},
		model.ClassOther:      {"jeg_wrapper", "td-container", "c-grid"},
	}
)

// PersianHeldoutPages composes the held-out Persian dev pages (namnak
// articles); their Text is the "lines" style (HeldoutText gives the
// others).
func PersianHeldoutPages(dir string, seed uint64) ([]*PPage, error) {
	arts, err := loadArticles(dir, devSite)
	if err != nil {
		return nil, err
	}
	c := &composer{rng: rand.New(rand.NewPCG(seed*1000+777, 0x4e1d)), dev: true, heldOnly: true, arts: arts, classes: heldClasses}
	var out []*PPage
	for _, a := range arts {
		out = append(out, c.page("namnak-heldout", a))
	}
	return out, nil
}

// heldoutExtras adds the held-out families to a page being composed: lines
// from the unused phrase lists and teaser cards.
func (c *composer) heldoutExtras(a article, fa bool, line func(string, int), insert func(at int, text string, class int)) {
	// a breadcrumb near the top
	if c.chance(0.5) {
		sep := heldCrumbs[c.rng.IntN(len(heldCrumbs))]
		insert(0, "خانه"+sep+c.pick(categories)+sep+"اخبار", model.ClassNavigation)
	}
	// a metadata line of an unseen format right after the title
	if c.chance(0.7) {
		f := heldMeta[c.rng.IntN(len(heldMeta))]
		var s string
		switch {
		case strings.Contains(f, "%d"):
			s = strings.Replace(f, "%d", c.num(2, 9000, fa), 1)
		case strings.Contains(f, "نویسنده"):
			s = strings.Replace(f, "%s", c.pick(personNames), 1)
		case strings.Contains(f, "دسته"):
			s = strings.Replace(f, "%s", c.pick(categories), 1)
		default:
			s = strings.Replace(f, "%s", c.date(fa), 1)
		}
		insert(1, s, model.ClassMetadata)
	}
	if c.chance(0.6) {
		line(heldShare[c.rng.IntN(len(heldShare))], model.ClassShare)
	}
	if c.chance(0.5) {
		line(heldAds[c.rng.IntN(len(heldAds))], model.ClassAd)
	}
	// teaser cards: title, then a one-sentence summary
	if c.chance(0.8) {
		if c.chance(0.6) {
			line(heldRelHead[c.rng.IntN(len(heldRelHead))], model.ClassRelated)
		}
		double := c.chance(0.3)
		for range 2 + c.rng.IntN(5) {
			o := c.other()
			t := o.Title
			if double {
				t = t + " " + t
			}
			line(t, model.ClassRelated)
			if s := summary(o); s != "" {
				line(s, model.ClassRelated)
			}
		}
	}
	if c.chance(0.4) {
		for _, s := range heldComment[:2+c.rng.IntN(len(heldComment)-2)] {
			line(s, model.ClassComments)
		}
	}
}

// summary returns a teaser summary of a: its abstract or first paragraph,
// cut to its first sentence and at most 30 words.
func summary(a article) string {
	s := a.Abstract
	if s == "" && len(a.Paragraphs) > 0 {
		s = a.Paragraphs[0]
	}
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.IndexAny(s, ".؟!"); i > 40 {
		s = s[:i+1]
	}
	w := strings.Fields(s)
	if len(w) > 30 {
		s = strings.Join(w[:30], " ") + " …"
	}
	return s
}

// HeldoutText renders the page's units in a scraper style (HeldoutStyles).
func (p *PPage) HeldoutText(style string, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 0x57e1))
	var b strings.Builder
	for i, l := range p.lines {
		k := p.Units[l[0]].Class
		if i > 0 {
			if style == "oneline" {
				b.WriteByte(' ')
			} else {
				b.WriteByte('\n')
			}
		}
		var line strings.Builder
		for j, u := range l {
			if j > 0 {
				line.WriteString(p.seps[i][j-1])
			}
			line.WriteString(p.Units[u].Text)
		}
		s := line.String()
		switch style {
		case "markdown":
			switch k {
			case model.ClassTitle:
				s = "# " + s
			case model.ClassNavigation, model.ClassRelated:
				s = []string{"* ", "- ", "• "}[rng.IntN(3)] + s
			}
		case "wrapped":
			if k == model.ClassBody {
				s = wrap.Text(s, 60+rng.IntN(31))
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

// PersianHeldoutDocs returns the held-out Persian dev pages as labelled dev
// documents: each page as HTML (source persian-heldout.html) and in every
// scraper style as text (persian-heldout.text), so that the thresholds
// fitted on dev answer to layouts and phrasings training never shows;
// then the held-out listings (PersianHeldoutListings) as unlabelled
// page-kind documents (persian-heldout-listing.html and .text).
// Their text is segmented as the classifier segments text (Reflow, and
// long lines cut with long, nil for sp).
func PersianHeldoutDocs(dir string, seed uint64, sp, long *segment.Splitter) ([]model.Doc, error) {
	pages, err := PersianHeldoutPages(dir, seed)
	if err != nil {
		return nil, err
	}
	var out []model.Doc
	for i, p := range pages {
		hd, err := segment.HTML(p.Text(true), segment.HTMLOptions{})
		if err != nil {
			return nil, err
		}
		gold := p.Gold()
		out = append(out, model.Doc{Seg: hd, Labels: alignUnits(hd, p.Units), Group: "fa/heldout", Source: "persian-heldout.html", Gold: gold, Kind: model.PageArticle, Synthetic: true})
		for _, style := range HeldoutStyles {
			td, err := segment.Text(p.HeldoutText(style, uint64(i)), segment.TextOptions{Splitter: sp, Reflow: true, LongSplitter: long})
			if err != nil {
				return nil, err
			}
			out = append(out, model.Doc{Seg: td, Labels: alignUnits(td, p.Units), Group: "fa/heldout", Source: "persian-heldout.text", Gold: gold, Kind: model.PageArticle, Synthetic: true})
		}
	}
	ls, err := PersianHeldoutListings(dir, seed)
	if err != nil {
		return nil, err
	}
	docs, err := listingDocs(ls, true, true, sp, long)
	if err != nil {
		return nil, err
	}
	return append(out, docs...), nil
}

// PersianTrainingOneline composes n pages of each training site
// (fars-news, varzesh3: training phrase variants only; never the dev site
// namnak, the held-out phrase lists or the teaser-card family) and returns
// each page written on one line (the "oneline" scraper style of
// HeldoutText) with the byte offsets at which its units start: the start
// of every line of the page but the first, and every change of class
// within a line (metadata glued to the lead). Units of one class glued on
// a line (a menu bar) stay one unit, as in the one-block-per-line style.
// The splitter's trainer (internal/splittrain) learns the boundaries of
// page units from them.
func PersianTrainingOneline(dir string, n int, seed uint64) (lines []string, cuts [][]int, err error) {
	return trainingOneline(dir, func(site string, arts []article, si int) []*PPage {
		return composeSite(site, arts, n, seed*1000+700+uint64(si), false)
	})
}

// PersianTrainingListingsOneline is PersianTrainingOneline for n
// listings of each training site (pages without an article: section and
// front pages of teaser cards, composed as the training listings are,
// with a stream of their own), each written on one line with its unit
// starts: a card's title and its summary are two units, which no
// article page's teaser list has (their related blocks are titles only).
func PersianTrainingListingsOneline(dir string, n int, seed uint64) (lines []string, cuts [][]int, err error) {
	return trainingOneline(dir, func(site string, arts []article, si int) []*PPage {
		return composeListings(site, arts, n, seed*1000+900+uint64(si), false)
	})
}

// trainingOneline writes the pages compose gives for each training site
// (si its index) on one line, with their unit starts.
func trainingOneline(dir string, compose func(site string, arts []article, si int) []*PPage) (lines []string, cuts [][]int, err error) {
	for si, s := range trainSites {
		arts, err := loadSiteArticles(dir, s.prefix)
		if err != nil {
			return nil, nil, err
		}
		for pi, p := range compose(s.site, arts, si) {
			l, c := p.oneline(uint64(pi))
			lines, cuts = append(lines, l), append(cuts, c)
		}
	}
	return lines, cuts, nil
}

// oneline is HeldoutText(“oneline”) with the unit starts (see
// PersianTrainingOneline).
func (p *PPage) oneline(seed uint64) (string, []int) {
	s := p.HeldoutText("oneline", seed)
	var cuts []int
	at := 0
	for i, l := range p.lines {
		if i > 0 {
			at++ // the space between lines
			cuts = append(cuts, at)
		}
		for j, u := range l {
			if j > 0 {
				at += len(p.seps[i][j-1])
				if p.Units[u].Class != p.Units[l[j-1]].Class {
					cuts = append(cuts, at)
				}
			}
			at += len(p.Units[u].Text)
		}
	}
	if at != len(s) {
		panic("dataset: oneline: offsets out of step with the text")
	}
	return s, cuts
}
