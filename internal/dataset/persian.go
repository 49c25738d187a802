package dataset

import (
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
	"github.com/winnowhq/winnow/classifier/token"
	"github.com/winnowhq/winnow/internal/corpus"
)

// The Persian builder composes realistic scraped Persian news pages, in
// plain text and in HTML, from real articles (../shared/persian/corpora):
// the article's title and paragraphs are content; other articles' titles
// become related and clickbait blocks (one per line or glued into run-on
// lines); metadata, share, ad, navigation, comment and footer lines come
// from many templates; and the damage scrapers do is applied (ZWNJ deleted
// or turned into spaces, Arabic letter forms, lines glued, titles
// duplicated, metadata glued to the lead). Sites split train and dev:
// fars-news and varzesh3 train, namnak is dev. A quarter of every phrase
// list is held out of the training pages, so dev pages also test phrasings
// the model never saw. Limits: the page layouts are templates; dev numbers
// measure new articles, sites and phrasings, not new layouts.

// PersianOptions tune the synthetic Persian pages.
type PersianOptions struct {
	Seed   uint64
	NoText bool
	// PagesPerSite bounds the pages per training site (default 1200; -1:
	// none, dev pages only).
	PagesPerSite int
	// Splitter cuts the plain-text pages; nil: segment.DefaultSplitter().
	Splitter *segment.Splitter
	// NoListings leaves out the training listings (pages without an
	// article: listing.go).
	NoListings bool
}

// PUnit is one labelled unit of a synthetic page.
type PUnit struct {
	Text  string
	Class int
}

// PPage is one synthetic page: units grouped into lines.
type PPage struct {
	Site  string
	Units []PUnit
	// lines[i] lists the units on line i and the separators between them.
	lines [][]int
	seps  [][]string
	blank []bool // a blank line before line i
	html  string
	text  string
}

// Text returns the page as plain text, or as HTML when html is set.
func (p *PPage) Text(html bool) string {
	if html {
		return p.html
	}
	return p.text
}

// Gold returns the page's main text: its content units, one per line.
func (p *PPage) Gold() string {
	var b strings.Builder
	for _, u := range p.Units {
		if model.Content(u.Class) {
			b.WriteString(u.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

type article struct {
	Title      string   `json:"title"`
	Abstract   string   `json:"abstract"`
	Paragraphs []string `json:"paragraphs"`
	Tags       []string `json:"tags"`
	Cat        string   `json:"cat"`
}

func loadArticles(dir, file string) ([]article, error) {
	data, err := os.ReadFile(filepath.Join(dir, "corpora", "course-nlp-ir", file))
	if err != nil {
		return nil, fmt.Errorf("dataset: persian: %w", err)
	}
	var arts []article
	if err := json.Unmarshal(data, &arts); err != nil {
		return nil, fmt.Errorf("dataset: persian: %s: %w", file, err)
	}
	out := arts[:0]
	for _, a := range arts {
		var ps []string
		for _, p := range a.Paragraphs {
			p = strings.Join(strings.Fields(p), " ")
			if p != "" && !isPersianBoiler(p) {
				ps = append(ps, p)
			}
		}
		a.Paragraphs = ps
		a.Title = strings.Join(strings.Fields(a.Title), " ")
		if a.Title != "" && len(ps) > 0 {
			out = append(out, a)
		}
	}
	return out, nil
}

// isPersianBoiler drops the corpus's own leftover boilerplate paragraphs.
func isPersianBoiler(p string) bool {
	for _, s := range []string{"انتهای متن", "انتهای پیام", "بازگشت به صفحه نخست"} {
		if strings.Contains(p, s) && len(p) < 120 {
			return true
		}
	}
	return false
}

// loadSiteArticles reads the articles of a training site's five files.
func loadSiteArticles(dir, prefix string) ([]article, error) {
	var arts []article
	for i := 1; i <= 5; i++ {
		a, err := loadArticles(dir, fmt.Sprintf("%s%d.json", prefix, i))
		if err != nil {
			return nil, err
		}
		arts = append(arts, a...)
	}
	return arts, nil
}

var trainSites = []struct{ site, prefix string }{{"fars-news", "fars-news-"}, {"varzesh3", "varzesh3-"}}

const devSite = "namnak-5.json"

// Persian returns the synthetic training pages (fars-news, varzesh3) and
// dev pages (namnak), each in text and (unless NoText... both) HTML form,
// as labelled documents.
func Persian(dir string, opt PersianOptions) (train, dev []model.Doc, err error) {
	per := opt.PagesPerSite
	if per == 0 {
		per = 1200
	}
	for si, s := range trainSites {
		if per < 0 {
			break
		}
		arts, err := loadSiteArticles(dir, s.prefix)
		if err != nil {
			return nil, nil, err
		}
		pages := composeSite(s.site, arts, per, opt.Seed*1000+uint64(si), false)
		for _, p := range pages {
			docs, err := p.docs(!opt.NoText, opt.Splitter)
			if err != nil {
				return nil, nil, err
			}
			train = append(train, docs...)
		}
		if opt.NoListings {
			continue
		}
		docs, err := listingDocs(composeListings(s.site, arts, listingsPerSite, opt.Seed*1000+500+uint64(si), false), false, !opt.NoText, opt.Splitter, nil)
		if err != nil {
			return nil, nil, err
		}
		train = append(train, docs...)
	}
	pages, err := PersianDevPages(dir, opt.Seed)
	if err != nil {
		return nil, nil, err
	}
	for _, p := range pages {
		docs, err := p.docs(true, opt.Splitter)
		if err != nil {
			return nil, nil, err
		}
		dev = append(dev, docs...)
	}
	return train, dev, nil
}

// PersianDevPages composes the dev pages (namnak articles, every phrase
// variant including the held-out ones).
func PersianDevPages(dir string, seed uint64) ([]*PPage, error) {
	arts, err := loadArticles(dir, devSite)
	if err != nil {
		return nil, err
	}
	return composeSite("namnak", arts, len(arts), seed*1000+999, true), nil
}

// docs segments the page (HTML, and text when withText) and labels the
// blocks by aligning them with the units.
func (p *PPage) docs(withText bool, sp *segment.Splitter) ([]model.Doc, error) {
	var out []model.Doc
	hd, err := segment.HTML(p.html, segment.HTMLOptions{})
	if err != nil {
		return nil, err
	}
	out = append(out, model.Doc{Seg: hd, Labels: alignUnits(hd, p.Units), Group: "fa/" + p.Site, Source: "persian-" + p.Site + ".html", Gold: p.Gold(), Kind: model.PageArticle, Synthetic: true})
	if withText {
		td, err := segment.Text(p.text, segment.TextOptions{Splitter: sp})
		if err != nil {
			return nil, err
		}
		out = append(out, model.Doc{Seg: td, Labels: alignUnits(td, p.Units), Group: "fa/" + p.Site, Source: "persian-" + p.Site + ".text", Gold: p.Gold(), Kind: model.PageArticle, Synthetic: true})
	}
	return out, nil
}

// alignUnits labels each block with the majority class of the unit tokens
// it covers, found in order in the units' token stream.
func alignUnits(doc *segment.Doc, units []PUnit) []int8 {
	var al corpus.Aligner
	for _, u := range units {
		al.Add(token.Words(u.Text), u.Class)
	}
	labels := make([]int8, len(doc.Blocks))
	for i, b := range doc.Blocks {
		toks := token.Words(doc.Text[b.Start:b.End])
		labels[i] = Unlabelled
		if len(toks) == 0 {
			labels[i] = model.ClassOther
			continue
		}
		if c, ok := al.Majority(toks, model.NumClasses); ok {
			labels[i] = int8(c)
		}
	}
	return labels
}

// held reports whether a phrase variant is held out of training pages.
func held(s string) bool {
	var h uint32 = 2166136261
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h%4 == 0
}

type composer struct {
	rng  *rand.Rand
	dev  bool
	arts []article
	// heldOnly composes held-out pages (PersianHeldoutPages): held-out
	// phrase variants only, and the held-out families.
	heldOnly bool
	// classes overrides classNames in HTML renderings.
	classes map[int][]string
	// novelMenu says the menus of the page being composed are made of
	// words no menu list has (menuItem).
	novelMenu bool
}

// novelMenuShare is the share of training pages whose menus are made of
// other articles' tags instead of menuItems. With the menu words always
// from one list, the model learns menus by their words, and on pages
// whose menus use other words (another site's sections, the held-out
// families) it calls them metadata, share lines or titles; pages whose
// menus it cannot know by their words teach it a menu's shape (a run of
// short lines, or short items glued by separators, at the top or the
// foot of the page). Measured on persian-heldout (docs/model.md, flip
// table): in its one-block-per-line text, navigation is found 0.25 ->
// 0.56 of the time (seed 2: 0.27 -> 0.64).
const novelMenuShare = 0.4

// menuItem returns a menu item: from menuItems, or, on a page whose
// menus are novel, one of another article's tags of one to three words.
func (c *composer) menuItem() string {
	if !c.novelMenu {
		return c.pick(menuItems)
	}
	for range 20 {
		t := c.other().Tags
		if len(t) == 0 {
			continue
		}
		w := strings.Fields(t[c.rng.IntN(len(t))])
		if len(w) < 1 || len(w) > 3 {
			continue
		}
		if x := strings.Join(w, " "); utf8.RuneCountInString(x) >= 3 {
			return x
		}
	}
	return c.pick(menuItems)
}

// pick returns a random variant, never a held-out one on training pages,
// a held-out one (when the list has any) on held-out pages.
func (c *composer) pick(list []string) string {
	if c.heldOnly {
		for range 40 {
			if s := list[c.rng.IntN(len(list))]; held(s) {
				return s
			}
		}
	}
	for range 20 {
		s := list[c.rng.IntN(len(list))]
		if c.dev || !held(s) {
			return s
		}
	}
	return list[0]
}

func (c *composer) chance(p float64) bool { return c.rng.Float64() < p }

var faDigits = []rune("۰۱۲۳۴۵۶۷۸۹")

func (c *composer) num(lo, hi int, persian bool) string {
	s := fmt.Sprint(lo + c.rng.IntN(hi-lo+1))
	if !persian {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(faDigits[r-'0'])
	}
	return b.String()
}

func pad2(s string) string {
	if len([]rune(s)) == 1 {
		if s[0] >= '0' && s[0] <= '9' {
			return "0" + s
		}
		return "۰" + s
	}
	return s
}

var jalaliMonths = []string{"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"}
var weekdays = []string{"شنبه", "یکشنبه", "دوشنبه", "سه شنبه", "چهارشنبه", "پنجشنبه", "جمعه"}

func (c *composer) date(fa bool) string {
	d, m, y := c.num(1, 29, fa), jalaliMonths[c.rng.IntN(12)], c.num(1385, 1404, fa)
	hh, mm := pad2(c.num(0, 23, fa)), pad2(c.num(0, 59, fa))
	switch c.rng.IntN(8) {
	case 0:
		return d + " " + m + " " + y
	case 1:
		return d + " " + m + " " + y + " - " + hh + ":" + mm
	case 2:
		return hh + ":" + mm + " - " + pad2(c.num(1, 29, fa)) + "-" + pad2(c.num(1, 12, fa)) + "-" + y
	case 3:
		return weekdays[c.rng.IntN(7)] + " " + d + " " + m + " " + y
	case 4:
		return y + "/" + pad2(c.num(1, 12, fa)) + "/" + pad2(c.num(1, 29, fa))
	case 5:
		return weekdays[c.rng.IntN(7)] + "، " + d + " " + m + " " + y + "، ساعت " + hh + ":" + mm
	case 6:
		return c.num(2010, 2025, false) + "-" + pad2(c.num(1, 12, false)) + "-" + pad2(c.num(1, 28, false)) + "T" + pad2(c.num(0, 23, false)) + ":" + pad2(c.num(0, 59, false))
	}
	return d + " " + m + " " + y + " | " + hh + ":" + mm
}

var newsAgencies = []string{"ایسنا", "ایرنا", "فارس", "تسنیم", "مهر", "خبرآنلاین", "باشگاه خبرنگاران جوان", "همشهری آنلاین", "عصر ایران", "تابناک", "میزان", "دنیای اقتصاد", "ورزش سه", "نمناک", "فرارو", "انتخاب", "برترین ها", "آفتاب"}
var desks = []string{"گروه اقتصادی", "گروه سیاسی", "گروه ورزشی", "گروه فرهنگی", "گروه بین الملل", "گروه اجتماعی", "سرویس ورزشی", "سرویس سلامت", "گروه دانش و فناوری", "سرویس سیاسی", "گروه استان ها"}
var personNames = []string{"علی رضایی", "مریم احمدی", "حسین محمدی", "زهرا کریمی", "رضا حسینی", "فاطمه موسوی", "محمد جعفری", "سارا نوری", "امیر قاسمی", "نرگس صادقی"}

func (c *composer) metadata(fa bool) string {
	code := c.num(10000, 9999999, fa)
	switch c.rng.IntN(22) {
	case 0:
		return "کد خبر " + code
	case 1:
		return "کد خبر: " + code
	case 2:
		return "تاریخ انتشار: " + c.date(fa)
	case 3:
		return "به روز شده در: " + c.date(fa)
	case 4:
		return "کد " + code + " / انتشار: " + c.date(fa)
	case 5:
		return "انتشار: " + c.date(fa)
	case 6:
		return "شناسه خبر: " + code + " " + c.date(fa)
	case 7:
		return "منبع: " + c.pick(newsAgencies)
	case 8:
		return "نویسنده: " + c.pick(personNames)
	case 9:
		return "دسته بندی: " + c.pick(categories) + " ، " + c.pick(categories)
	case 10:
		return "بازدید: " + c.num(10, 99999, fa)
	case 11:
		return "زمان مطالعه: " + c.num(1, 15, fa) + " دقیقه"
	case 12:
		return c.date(fa)
	case 13:
		return c.pick(desks)
	case 14:
		return "خبرنگار: " + c.pick(personNames)
	case 15:
		return "کد مطلب: " + code
	case 16:
		return "تعداد بازدید : " + c.num(10, 99999, fa)
	case 17:
		return "آخرین بروزرسانی: " + c.date(fa)
	case 18:
		return c.num(1, 300, fa) + " بازدید"
	case 19:
		return "منبع: " + c.pick(newsAgencies) + " | " + c.date(fa)
	case 20:
		return "ترجمه: " + c.pick(personNames)
	}
	return "شناسه: " + code
}

var categories = []string{"اقتصاد", "سیاست", "ورزش", "فوتبال", "سلامت", "عمومی", "فرهنگ و هنر", "علم و فناوری", "بین الملل", "جامعه", "حوادث", "آشپزی", "سبک زندگی", "گردشگری", "خودرو"}

var menuItems = []string{"صفحه نخست", "خانه", "سیاسی", "اقتصادی", "ورزشی", "فرهنگی", "اجتماعی", "بین الملل", "علمی", "فیلم", "عکس", "چندرسانه ای", "آرشیو", "تماس با ما", "درباره ما", "فوتبال ایران", "فوتبال جهان", "کشتی", "والیبال", "سلامت", "آشپزی", "سبک زندگی", "روانشناسی", "گردشگری", "خودرو", "استان ها", "ویژه نامه", "اینفوگرافیک", "پادکست", "همه اخبار", "نیازمندی ها", "تبلیغات", "ورود", "عضویت", "جستجو", "آخرین اخبار", "پربازدیدترین", "نقشه سایت", "RSS"}

var shareLines = []string{"ارسال به دوستان", "اشتراک گذاری", "اشتراک گذاری:", "کپی لینک", "لینک کوتاه:", "لینک کوتاه خبر", "نسخه چاپی", "چاپ خبر", "ذخیره", "اشتراک در تلگرام", "اشتراک در واتساپ", "ارسال به تلگرام", "به اشتراک بگذارید", "اشتراکگذاری", "بزرگنمایی:", "ارسال خبر به دوستان", "تلگرام توییتر واتساپ لینکدین", "ما را در شبکه های اجتماعی دنبال کنید", "عضویت در کانال تلگرام", "به کانال تلگرام ما بپیوندید", "ما را در ایتا دنبال کنید", "پرینت", "دانلود PDF"}

var adProducts = []string{"بلیط هواپیما", "بلیط قطار", "رزرو هتل", "تور کیش", "تور استانبول", "تور آنتالیا", "بیمه بدنه", "بیمه شخص ثالث", "خرید گوشی", "لپ تاپ", "کفش ورزشی", "خرید طلا", "وام فوری", "کلاس زبان", "خرید آپارتمان", "اجاره ویلا", "لوازم خانگی", "عینک آفتابی", "قرص لاغری", "کاشت مو", "ساعت هوشمند", "خرید اقساطی", "ثبت شرکت", "مهاجرت کاری"}
var adBrands = []string{"فلای تودی", "علی بابا", "اسنپ تریپ", "دیجی کالا", "لست سکند", "تخفیفان", "بیمیتو", "ازکی", "اقامت 24", "جاباما", "شیپور", "دیوار", "بانی مد", "ترب", "تپسی", "هتل یاب", "مستربلیط", "قسطی شاپ"}
var adPromos = []string{"با تخفیف ویژه", "ارزان", "فقط امروز", "قیمت استثنایی", "اقساطی", "با ۵۰ درصد تخفیف", "کلیک کنید", "همین حالا", "ارسال رایگان", "لحظه آخری", "اینجا کلیک کنید", "تبلیغات", "آگهی"}

func (c *composer) ad() string {
	p, b := c.pick(adProducts), c.pick(adBrands)
	switch c.rng.IntN(7) {
	case 0:
		return p + " " + b
	case 1:
		return p + " " + c.pick(adPromos)
	case 2:
		return c.pick(adPromos) + " " + p + " در " + b
	case 3:
		return p + " | " + b
	case 4:
		return "خرید " + p + " " + c.pick(adPromos)
	case 5:
		return b + ": " + p + " " + c.pick(adPromos)
	}
	return "جدیدترین ها " + p + " " + p + " " + b
}

var relatedHeads = []string{"اخبار مرتبط", "مطالب مرتبط", "مطالب پیشنهادی", "پیشنهاد خواندنی", "پربازدیدترین ها", "آخرین اخبار", "بیشتر بخوانید", "حتما بخوانید", "همچنین بخوانید", "مقالات مشابه", "داغ ترین ها", "پیشنهاد سردبیر", "از سراسر وب", "گزیده ها", "مطالب خواندنی", "بیشتر »»", "سایر اخبار", "مطلب پیشنهادی", "در فرارو بیشتر بخوانید"}
var titleMarks = []string{"(+عکس)", "(+فیلم)", "(+صوت)", "+ عکس", "(+اینفوگرافیک)", "(عکس)", "+ فیلم", "(+جزئیات)"}

var commentLines = []string{"نظرات", "ارسال نظر", "دیدگاه شما", "نظر شما", "نام", "ایمیل", "نظرات کاربران", "غیر قابل انتشار: ", "در انتظار بررسی: ", "انتشار یافته: ", "گزارش خطا", "پاسخ", "لطفا نظر خود را بنویسید", "نظر خود را بنویسید", "ثبت نظر", "دیدگاهتان را بنویسید", "نام شما", "آدرس ایمیل", "ارسال دیدگاه", "نظرات بینندگان"}
var userComments = []string{"خیلی عالی بود ممنون", "چرا مسئولین هیچ کاری نمی کنند؟", "واقعا جای تاسف داره", "مطلب مفیدی بود", "دست شما درد نکنه", "این خبر درست نیست", "کاش زودتر اقدام می کردند", "من که باور نمی کنم", "آفرین به این تیم", "لطفا بیشتر توضیح دهید", "مرسی از سایت خوبتون", "حیف شد واقعا", "ایول عالیه", "بسیار آموزنده بود سپاس", "این همه هزینه برای چی؟", "ای کاش مردم بیشتر دقت کنند", "خدا کنه درست بشه", "همیشه همین بوده", "من امتحان کردم جواب داد", "قیمت ها خیلی بالاست"}
var legalLines = []string{"کلیه حقوق مادی و معنوی این سایت محفوظ است", "تمامی حقوق برای %s محفوظ است", "استفاده از مطالب با ذکر منبع بلامانع است", "کلیه حقوق این سایت متعلق به %s می باشد", "© ۱۴۰۲ %s", "Copyright © 2023 %s", "هرگونه کپی برداری بدون ذکر منبع ممنوع است", "طراحی و اجرا: %s", "قوانین و مقررات", "حریم خصوصی", "کلیه حقوق این سایت محفوظ است ©", "این سایت تابع قوانین جمهوری اسلامی ایران است"}
var endMarks = []string{"انتهای پیام/", "انتهای خبر/", "انتهای متن/", "پایان خبر", "/انتهای پیام"}

// composeSite composes n pages from the site's articles.
func composeSite(site string, arts []article, n int, seed uint64, dev bool) []*PPage {
	c := &composer{rng: rand.New(rand.NewPCG(seed, 0xfa)), dev: dev, arts: arts}
	var out []*PPage
	for i := 0; i < n && i < len(arts); i++ {
		out = append(out, c.page(site, arts[i]))
	}
	return out
}

// page composes one page around article a.
func (c *composer) page(site string, a article) *PPage {
	dev := c.dev
	p := &PPage{Site: site}
	// dev and held-out pages keep their composition (and random stream)
	c.novelMenu = !dev && c.chance(novelMenuShare)
	fa := c.chance(0.7) // Persian digits
	agency := c.pick(newsAgencies)
	newLine, add, line, glue := p.newLine, p.add, p.line, p.glue
	// navigation
	if c.chance(0.45) {
		k := 3 + c.rng.IntN(10)
		if c.chance(0.5) {
			for range k {
				line(c.menuItem(), model.ClassNavigation)
			}
		} else {
			newLine()
			add(c.menuItem(), model.ClassNavigation)
			sep := []string{" ", " | ", " - ", "  "}[c.rng.IntN(4)]
			for range k {
				glue(sep, c.menuItem(), model.ClassNavigation)
			}
		}
	}
	// metadata before the title
	meta := func(k int) {
		for range k {
			line(c.metadata(fa), model.ClassMetadata)
		}
	}
	if c.chance(0.6) {
		meta(1 + c.rng.IntN(6))
	}
	titleLine := len(p.lines)
	line(a.Title, model.ClassTitle)
	if c.chance(0.12) {
		line(a.Title, model.ClassTitle)
	}
	if c.chance(0.35) {
		meta(1 + c.rng.IntN(3))
	}
	// lead, maybe with metadata glued to it
	body := a.Paragraphs
	if len(body) > 14 {
		body = body[:14]
	}
	lead := ""
	if a.Abstract != "" && c.chance(0.5) {
		lead = strings.Join(strings.Fields(a.Abstract), " ")
	}
	first := true
	para := func(text string) {
		if first && c.chance(0.25) {
			first = false
			newLine()
			switch c.rng.IntN(3) {
			case 0:
				add(c.pick(desks)+":", model.ClassMetadata)
			case 1:
				add("کد خبر: "+c.num(10000, 999999, fa), model.ClassMetadata)
			default:
				add(c.date(fa), model.ClassMetadata)
			}
			glue([]string{" ", " - ", "، ", ""}[c.rng.IntN(4)], text, model.ClassBody)
			return
		}
		first = false
		line(text, model.ClassBody)
	}
	if lead != "" {
		para(lead)
	}
	for i, b := range body {
		if i >= 1 && !dev && c.chance(0.12) {
			// a subheading inside the body (as namnak's articles have):
			// the paragraph's first words, sometimes with a colon
			w := strings.Fields(b)
			if len(w) > 8 {
				h := strings.Join(w[:3+c.rng.IntN(5)], " ")
				if c.chance(0.4) {
					h += ":"
				}
				line(h, model.ClassBody)
			}
		}
		para(b)
		if i >= 1 && i < len(body)-1 && c.chance(0.06) {
			o := c.other()
			if c.chance(0.5) {
				line(c.pick(relatedHeads)+": "+o.Title, model.ClassRelated)
			} else {
				line(c.ad(), model.ClassAd)
			}
		}
	}
	// tail
	type part func()
	parts := []part{
		func() {
			if c.chance(0.3) {
				line(c.pick(endMarks), model.ClassOther)
			}
		},
		func() {
			if c.chance(0.35) {
				line(strings.ReplaceAll(c.pick(shareLines), "\x00", ""), model.ClassShare)
				if c.chance(0.3) {
					line(c.pick(shareLines), model.ClassShare)
				}
			}
		},
		func() {
			if len(a.Tags) > 0 && c.chance(0.4) {
				tags := a.Tags[:min(len(a.Tags), 6)]
				line([]string{"برچسب ها: ", "برچسب: ", "کلیدواژه ها: ", "تگ ها: ", ""}[c.rng.IntN(5)]+strings.Join(tags, []string{" ", " ، ", " - "}[c.rng.IntN(3)]), model.ClassMetadata)
			}
		},
		func() {
			if c.chance(0.5) {
				for range 1 + c.rng.IntN(3) {
					line(c.ad(), model.ClassAd)
				}
			}
		},
		func() {
			if c.chance(0.3) {
				line("منبع: "+agency, model.ClassMetadata)
			}
		},
		func() { c.related(p, newLine, add, glue, line) },
	}
	c.rng.Shuffle(len(parts)-1, func(i, j int) { parts[i+1], parts[j+1] = parts[j+1], parts[i+1] })
	for _, f := range parts {
		f()
	}
	if c.heldOnly {
		c.heldoutExtras(a, fa, line, func(at int, text string, class int) {
			i := 0
			if at > 0 {
				i = titleLine + 1
			}
			p.Units = append(p.Units, PUnit{Text: text, Class: class})
			p.lines = append(p.lines[:i], append([][]int{{len(p.Units) - 1}}, p.lines[i:]...)...)
			p.seps = append(p.seps[:i], append([][]string{nil}, p.seps[i:]...)...)
			p.blank = append(p.blank[:i], append([]bool{false}, p.blank[i:]...)...)
			if i <= titleLine {
				titleLine++
			}
		})
	}
	if c.chance(0.25) {
		line(c.pick(commentLines[:7]), model.ClassComments)
		for range c.rng.IntN(5) {
			s := c.pick(commentLines)
			if strings.HasSuffix(s, ": ") {
				s += c.num(0, 20, fa)
			}
			line(s, model.ClassComments)
		}
		for range c.rng.IntN(4) {
			if c.chance(0.5) {
				line(c.pick(personNames), model.ClassComments)
			}
			line(c.pick(userComments), model.ClassComments)
		}
	}
	if c.chance(0.3) {
		c.footerMenu(p)
	}
	if c.chance(0.45) {
		line(c.legal(agency), model.ClassLegal)
	}
	p.reorder()
	c.damage(p)
	c.render(p)
	return p
}

// newLine starts a line.
func (p *PPage) newLine() {
	p.lines = append(p.lines, nil)
	p.seps = append(p.seps, nil)
	p.blank = append(p.blank, false)
}

// add appends a unit to the last line.
func (p *PPage) add(text string, class int) {
	p.Units = append(p.Units, PUnit{Text: text, Class: class})
	l := len(p.lines) - 1
	p.lines[l] = append(p.lines[l], len(p.Units)-1)
}

// line puts a unit on a line of its own.
func (p *PPage) line(text string, class int) { p.newLine(); p.add(text, class) }

// glue appends a unit to the last line after sep.
func (p *PPage) glue(sep, text string, class int) {
	l := len(p.lines) - 1
	p.seps[l] = append(p.seps[l], sep)
	p.add(text, class)
}

// footerMenu adds a line of menu items glued by " | ", as site footers
// have.
func (c *composer) footerMenu(p *PPage) {
	p.newLine()
	p.add(c.menuItem(), model.ClassNavigation)
	for range 2 + c.rng.IntN(5) {
		p.glue(" | ", c.menuItem(), model.ClassNavigation)
	}
}

// legal returns a copyright or terms line, naming agency where the line
// names the site.
func (c *composer) legal(agency string) string {
	s := c.pick(legalLines)
	if strings.Contains(s, "%s") {
		s = fmt.Sprintf(s, agency)
	}
	return s
}

// reorder puts the units in the order of the lines they are on (inserted
// lines appended their units at the end).
func (p *PPage) reorder() {
	units := make([]PUnit, 0, len(p.Units))
	for i, l := range p.lines {
		for j, u := range l {
			units = append(units, p.Units[u])
			p.lines[i][j] = len(units) - 1
		}
	}
	p.Units = units
}

func (c *composer) other() article { return c.arts[c.rng.IntN(len(c.arts))] }

// related adds a block of other articles' titles: one per line, or glued
// into run-on lines with or without markers.
func (c *composer) related(p *PPage, newLine func(), add func(string, int), glue func(string, string, int), line func(string, int)) {
	if !c.chance(0.8) {
		return
	}
	if c.chance(0.5) {
		line(c.pick(relatedHeads), model.ClassRelated)
	}
	k := 3 + c.rng.IntN(14)
	title := func() string {
		t := c.other().Title
		if c.chance(0.25) {
			t += " " + c.pick(titleMarks)
		}
		return t
	}
	switch c.rng.IntN(3) {
	case 0: // one per line
		for range k {
			line(title(), model.ClassRelated)
		}
	default: // glued into one run-on line
		newLine()
		add(title(), model.ClassRelated)
		sep := []string{" ", " ", "", " / ", "  "}[c.rng.IntN(5)]
		for range k - 1 {
			glue(sep, title(), model.ClassRelated)
		}
	}
}

var zwnj = "\u200c"

// damage applies one scraper's damage to the whole page.
func (c *composer) damage(p *PPage) {
	mode := c.rng.IntN(4) // 0 keep ZWNJ, 1 delete, 2 space, 3 delete (most common)
	arabic := c.chance(0.15)
	for i := range p.Units {
		t := p.Units[i].Text
		switch mode {
		case 1, 3:
			t = strings.ReplaceAll(t, zwnj, "")
		case 2:
			t = strings.ReplaceAll(t, zwnj, " ")
		}
		if arabic {
			t = strings.NewReplacer("ی", "ي", "ک", "ك").Replace(t)
		}
		p.Units[i].Text = t
	}
	// glue a few lines together (lost newlines)
	if c.chance(0.1) && len(p.lines) > 3 {
		i := 1 + c.rng.IntN(len(p.lines)-2)
		p.seps[i-1] = append(p.seps[i-1], " ")
		p.seps[i-1] = append(p.seps[i-1], p.seps[i]...)
		p.lines[i-1] = append(p.lines[i-1], p.lines[i]...)
		p.lines = append(p.lines[:i], p.lines[i+1:]...)
		p.seps = append(p.seps[:i], p.seps[i+1:]...)
		p.blank = append(p.blank[:i], p.blank[i+1:]...)
	}
	if c.chance(0.5) {
		for i := range p.blank {
			if i > 0 && (model.Content(p.Units[p.lines[i][0]].Class) || c.chance(0.3)) {
				p.blank[i] = true
			}
		}
	}
}

var classNames = map[int][]string{
	model.ClassTitle:      {"title", "news-title", "post-title", "entry-title", "headline", "khabar-title"},
	model.ClassBody:       {"body", "news-body", "post-content", "entry-content", "content", "text", "article-body", "matn"},
	model.ClassMetadata:   {"news-info", "post-meta", "entry-meta", "meta", "sec_info", "date", "post_date", "news-short-info", "article_tag", "post-tags", "tags", "info"},
	model.ClassShare:      {"share", "share_news", "share-buttons", "short_link_cnt", "social-list", "sharelink", "post-shortlink", "tinyurl_form"},
	model.ClassAd:         {"ads", "ads-block", "c-ad", "banner", "yn-bnr", "tabligh", "adv"},
	model.ClassRelated:    {"related", "related-news", "crp_related", "related-posts", "news-list", "most-viewed", "suggest", "box-news"},
	model.ClassNavigation: {"menu", "nav", "navbar", "main-menu", "breadcrumb", "header-menu", "top-nav"},
	model.ClassComments:   {"comments", "comment-box", "CommentBox", "comments-area", "row-comment", "user-comment"},
	model.ClassLegal:      {"footer", "copyright", "footer-widget", "copy-right"},
	model.ClassOther:      {"box", "wrapper", "clearfix", "row"},
}

// render writes the text and HTML forms.
func (c *composer) render(p *PPage) {
	var t strings.Builder
	for i, l := range p.lines {
		if i > 0 {
			t.WriteByte('\n')
			if p.blank[i] {
				t.WriteByte('\n')
			}
		}
		for j, u := range l {
			if j > 0 {
				t.WriteString(p.seps[i][j-1])
			}
			t.WriteString(p.Units[u].Text)
		}
	}
	p.text = t.String()

	var h strings.Builder
	h.WriteString("<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>")
	for _, u := range p.Units {
		if u.Class == model.ClassTitle {
			h.WriteString(html.EscapeString(u.Text))
			break
		}
	}
	h.WriteString("</title></head><body>")
	cls := func(k int) string {
		names := classNames[k]
		if c.classes != nil {
			names = c.classes[k]
		}
		return names[c.rng.IntN(len(names))]
	}
	// group consecutive lines of one class into a container
	prev := -1
	open := ""
	closeC := func() {
		if open != "" {
			h.WriteString(open)
			open = ""
		}
	}
	for i, l := range p.lines {
		k := p.Units[l[0]].Class
		if k != prev {
			closeC()
			switch k {
			case model.ClassNavigation:
				if c.chance(0.5) {
					h.WriteString("<nav class=\"" + cls(k) + "\"><ul>")
					open = "</ul></nav>"
				} else {
					h.WriteString("<div class=\"" + cls(k) + "\"><ul>")
					open = "</ul></div>"
				}
			case model.ClassRelated:
				h.WriteString("<div class=\"" + cls(k) + "\"><ul>")
				open = "</ul></div>"
			case model.ClassLegal:
				h.WriteString("<footer class=\"" + cls(k) + "\">")
				open = "</footer>"
			case model.ClassTitle:
				open = ""
			default:
				h.WriteString("<div class=\"" + cls(k) + "\">")
				open = "</div>"
			}
			prev = k
		}
		for j, u := range l {
			if j > 0 {
				h.WriteString(html.EscapeString(p.seps[i][j-1]))
			}
			txt := html.EscapeString(p.Units[u].Text)
			switch p.Units[u].Class {
			case model.ClassNavigation, model.ClassRelated, model.ClassAd:
				if len(l) == 1 && (k == model.ClassNavigation || k == model.ClassRelated) {
					h.WriteString("<li><a href=\"/n/" + fmt.Sprint(u) + "\">" + txt + "</a></li>")
				} else {
					h.WriteString("<a href=\"/n/" + fmt.Sprint(u) + "\">" + txt + "</a>")
				}
			case model.ClassTitle:
				h.WriteString("<h1 class=\"" + cls(model.ClassTitle) + "\">" + txt + "</h1>")
			case model.ClassBody:
				if len(l) == 1 {
					h.WriteString("<p>" + txt + "</p>")
				} else {
					h.WriteString(txt)
				}
			default:
				if len(l) == 1 {
					h.WriteString("<div>" + txt + "</div>")
				} else {
					h.WriteString("<span>" + txt + "</span>")
				}
			}
		}
		if len(l) > 1 || k == model.ClassAd {
			h.WriteString("<br>")
		}
	}
	closeC()
	h.WriteString("</body></html>")
	p.html = h.String()
}

// Seed is the canonical seed example with its labels.
type Seed struct {
	Text, Gold string
	Units      []PUnit
}

// LoadSeed reads seed-fa-news.txt, .gold.txt and .labels.tsv from dir.
func LoadSeed(dir string) (*Seed, error) {
	text, err := os.ReadFile(filepath.Join(dir, "seed-fa-news.txt"))
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	gold, err := os.ReadFile(filepath.Join(dir, "seed-fa-news.gold.txt"))
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	tsv, err := os.ReadFile(filepath.Join(dir, "seed-fa-news.labels.tsv"))
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	lines := strings.Split(string(text), "\n")
	s := &Seed{Text: string(text), Gold: string(gold)}
	for _, row := range strings.Split(string(tsv), "\n") {
		if row == "" || strings.HasPrefix(row, "#") {
			continue
		}
		f := strings.Split(row, "\t")
		if len(f) < 3 {
			continue
		}
		var n int
		if _, err := fmt.Sscan(f[0], &n); err != nil || n < 1 || n > len(lines) {
			return nil, fmt.Errorf("dataset: seed labels: bad line %q", f[0])
		}
		k := model.ClassIndex(f[2])
		if k < 0 {
			return nil, fmt.Errorf("dataset: seed labels: bad category %q", f[2])
		}
		s.Units = append(s.Units, PUnit{Text: strings.TrimSpace(lines[n-1]), Class: k})
	}
	return s, nil
}
