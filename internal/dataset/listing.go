package dataset

import (
	"math/rand/v2"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

// Persian pages that hold no article: section and front pages, lists of
// other stories' cards between the site's menus and its footer. They train
// and test the page model (their Kind is model.PageListing) where no
// Persian page of a known non-article kind existed: every synthetic
// Persian page was an article, so a Persian front page, above all as
// scraped text, was read as one.
//
// Their blocks carry no labels (Unlabelled) and their Gold is empty: a
// listing's cards are its main list (content, as wcxb labels the main
// list of its listings) while the same cards after an article are related
// boilerplate, and the block model learns the second from article pages
// alone. The threshold fit skips them (no gold).
//
// Training listings (fars-news, varzesh3 articles) show cards as a title,
// a title and a date or visit count, a category then a title, or (about
// half of them, the commonest front-page card) a title then its one-
// sentence summary; section heads from the training phrase lists.
// Held-out listings (namnak articles) take only held-out phrase variants
// and lists, titles doubled on their line ("X X") on a third of the
// pages, held-out container class names, breadcrumbs, and the held-out
// scraper styles (oneline, markdown and wrapped text no training listing
// has). The title+summary card is thus held out from the block model
// (which never sees a listing's labels) but not from the page model.
//
// Limits: like the article pages they are templates around real article
// titles and abstracts; real front pages mix teasers of many lengths,
// images and widgets these do not have.

// listingsPerSite is how many training listings each training site gives;
// heldoutListings how many held-out listings the dev gets.
const (
	listingsPerSite = 200
	heldoutListings = 60
)

var (
	pagers     = []string{"صفحه بعد »", "بارگذاری بیشتر", "۱ ۲ ۳ ۴ ۵ بعدی", "« قبلی ۱ ۲ ۳ بعدی »", "مشاهده همه", "اخبار بیشتر", "ادامه مطلب"}
	heldPagers = []string{"نمایش بیشتر", "مطالب بیشتر", "صفحه ۱ از ۲۴", "برو به صفحه", "آرشیو کامل"}
)

// listing composes one page of cards of the composer's articles.
func (c *composer) listing(site string) *PPage {
	p := &PPage{Site: site}
	fa := c.chance(0.7)
	agency := c.pick(newsAgencies)
	held := c.heldOnly
	if c.chance(0.7) {
		p.newLine()
		p.add(c.pick(menuItems), model.ClassNavigation)
		sep := []string{" ", " | ", " - ", "  "}[c.rng.IntN(4)]
		for range 3 + c.rng.IntN(10) {
			p.glue(sep, c.pick(menuItems), model.ClassNavigation)
		}
	}
	if held && c.chance(0.6) {
		sep := heldCrumbs[c.rng.IntN(len(heldCrumbs))]
		p.line("خانه"+sep+c.pick(categories), model.ClassNavigation)
	}
	for s := range 1 + c.rng.IntN(3) {
		head := c.pick(categories)
		switch {
		case held:
			head = heldRelHead[c.rng.IntN(len(heldRelHead))]
		case c.chance(0.5):
			head = c.pick(relatedHeads)
		}
		if s == 0 || c.chance(0.8) {
			p.line(head, model.ClassTitle)
		}
		double := held && c.chance(0.3)
		for range 4 + c.rng.IntN(9) {
			c.card(p, fa, double)
		}
		if c.chance(0.5) {
			if held {
				p.line(heldPagers[c.rng.IntN(len(heldPagers))], model.ClassNavigation)
			} else {
				p.line(c.pick(pagers), model.ClassNavigation)
			}
		}
		if c.chance(0.3) {
			if held {
				p.line(heldAds[c.rng.IntN(len(heldAds))], model.ClassAd)
			} else {
				p.line(c.ad(), model.ClassAd)
			}
		}
	}
	if c.chance(0.4) {
		c.footerMenu(p)
	}
	if c.chance(0.6) {
		p.line(c.legal(agency), model.ClassLegal)
	}
	c.damage(p)
	c.render(p)
	return p
}

// card adds one story's card: on held-out listings a title (doubled when
// double) then its one-sentence summary; on training listings one of the
// training card shapes.
func (c *composer) card(p *PPage, fa, double bool) {
	o := c.other()
	t := o.Title
	if c.heldOnly {
		if double {
			t += " " + t
		}
		p.line(t, model.ClassRelated)
		if s := summary(o); s != "" && c.chance(0.85) {
			p.line(s, model.ClassRelated)
		}
		return
	}
	if c.chance(0.25) {
		t += " " + c.pick(titleMarks)
	}
	switch r := c.rng.IntN(20); {
	case r < 4:
		p.line(t, model.ClassRelated)
	case r < 8:
		p.line(t, model.ClassRelated)
		if c.chance(0.5) {
			p.line(c.date(fa), model.ClassMetadata)
		} else {
			p.line(c.num(10, 9999, fa)+" بازدید", model.ClassMetadata)
		}
	case r < 11:
		p.line(c.pick(categories), model.ClassMetadata)
		p.line(t, model.ClassRelated)
	default:
		p.line(t, model.ClassRelated)
		if s := summary(o); s != "" && c.chance(0.9) {
			p.line(s, model.ClassRelated)
		}
	}
}

// listingDocs turns listings into unlabelled page-kind documents: HTML,
// and (withText) text in the composer's own layout, cut with sp as the
// training pages' text is, or, for held-out listings, in every scraper
// style (HeldoutStyles), segmented as the classifier segments text
// (Reflow, long lines cut with long) as the held-out pages are: the dev
// split judges the page model on the blocks it will see.
func listingDocs(pages []*PPage, heldout, withText bool, sp, long *segment.Splitter) ([]model.Doc, error) {
	src := "persian-listing"
	if heldout {
		src = "persian-heldout-listing"
	}
	var out []model.Doc
	add := func(seg *segment.Doc, source, site string) {
		labels := make([]int8, len(seg.Blocks))
		for i := range labels {
			labels[i] = Unlabelled
		}
		out = append(out, model.Doc{Seg: seg, Labels: labels, Group: "fa/" + site, Source: source, Kind: model.PageListing, Synthetic: true})
	}
	for i, p := range pages {
		hd, err := segment.HTML(p.html, segment.HTMLOptions{})
		if err != nil {
			return nil, err
		}
		add(hd, src+".html", p.Site)
		texts := []string{p.text}
		switch {
		case !withText:
			texts = nil
		case heldout:
			texts = texts[:0]
			for _, style := range HeldoutStyles {
				texts = append(texts, p.HeldoutText(style, uint64(i)))
			}
		}
		opt := segment.TextOptions{Splitter: sp}
		if heldout {
			// as the classifier segments text, as PersianHeldoutDocs does
			opt = segment.TextOptions{Splitter: sp, Reflow: true, LongSplitter: long}
		}
		for _, t := range texts {
			td, err := segment.Text(t, opt)
			if err != nil {
				return nil, err
			}
			add(td, src+".text", p.Site)
		}
	}
	return out, nil
}

// composeListings composes n listings of arts with a composer of its own
// (seed), so that the article pages composed beside them do not change.
func composeListings(site string, arts []article, n int, seed uint64, heldOnly bool) []*PPage {
	c := &composer{rng: rand.New(rand.NewPCG(seed, 0x11575)), dev: heldOnly, heldOnly: heldOnly, arts: arts}
	if heldOnly {
		c.classes = heldClasses
	}
	out := make([]*PPage, n)
	for i := range out {
		out[i] = c.listing(site)
	}
	return out
}

// PersianHeldoutListings composes the held-out listings (cards of the dev
// site's articles), which join the dev split of winnow train and winnow
// eval's page-kind rows.
func PersianHeldoutListings(dir string, seed uint64) ([]*PPage, error) {
	arts, err := loadArticles(dir, devSite)
	if err != nil {
		return nil, err
	}
	return composeListings("namnak-heldout", arts, heldoutListings, seed*1000+778, true), nil
}
