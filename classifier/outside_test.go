package classifier

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestOutsideArticle(t *testing.T) {
	const (
		B   = model.ClassBody
		T   = model.ClassTitle
		N   = model.ClassNavigation
		R   = model.ClassRelated
		art = "html>body>main>article.post:nth-of-type(1)>p"
		two = "html>body>main>article.post:nth-of-type(2)>p"
		out = "html>body>main>section.related>ul>li>p"
	)
	type blk = pathBlock
	for _, tc := range []struct {
		name   string
		blocks []blk
		want   []int
	}{
		{"a teaser's summary after the article", []blk{{T, 60, "html>body>h1", 0.99, 0}, {B, 400, art, 0.95, 0}, {B, 400, art, 0.95, 0}, {B, 60, out, 0.7, 0}}, []int{T, B, B, R}},
		{"a likely paragraph outside stays", []blk{{B, 400, art, 0.95, 0}, {B, 400, art, 0.95, 0}, {B, 80, out, 0.95, 0}}, []int{B, B, B}},
		{"the article holds too little", []blk{{B, 300, art, 0.95, 0}, {B, 300, out, 0.7, 0}}, []int{B, B}},
		{"two articles", []blk{{B, 400, art, 0.95, 0}, {B, 400, two, 0.95, 0}, {B, 60, out, 0.7, 0}}, []int{B, B, B}},
		{"no article element", []blk{{B, 400, "html>body>div>p", 0.95, 0}, {B, 60, out, 0.7, 0}}, []int{B, B}},
		{"boilerplate keeps its class", []blk{{B, 400, art, 0.95, 0}, {N, 60, out, 0.1, 0}}, []int{B, N}},
		{"a root article element", []blk{{B, 400, "article>p", 0.95, 0}, {B, 60, out, 0.5, 0}}, []int{B, R}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) { checkPathRule(t, outsideArticle, tc.blocks, R, tc.want) })
	}
}

func TestArticleElem(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"html>body>main>article.post:nth-of-type(1)>div>p:nth-of-type(2)", "html>body>main>article.post:nth-of-type(1)"},
		{"html>body>article", "html>body>article"},
		{"article>p", "article"},
		{"html>body>div.articles>p", ""},
		{"html>body>article>div>article.comment>p", "html>body>article"},
		{"html>body>article-list>p", ""},
		{"html>body>div.article>p", ""},
		{"html>body>div#article>article#main>p", "html>body>div#article>article#main"},
		{"", ""},
	} {
		if got := articleElem(tc.path); got != tc.want {
			t.Errorf("articleElem(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
}

// FuzzArticleElem checks that articleElem never panics and returns a
// prefix of its path ending in an article element, or "".
func FuzzArticleElem(f *testing.F) {
	f.Add("html>body>main>article.post:nth-of-type(1)>p")
	f.Add("article")
	f.Add(">article>")
	f.Fuzz(func(t *testing.T, path string) {
		e := articleElem(path)
		if e != "" && !strings.HasPrefix(path, e) {
			t.Fatalf("articleElem(%q) = %q, not a prefix", path, e)
		}
	})
}

func TestOutsideContainer(t *testing.T) {
	const (
		B    = model.ClassBody
		T    = model.ClassTitle
		R    = model.ClassRelated
		body = "html>body>div#main>div.story>div.body>p"
		lead = "html>body>div#main>div.story>p.lead"
		sib  = "html>body>div#main>div.story>div.more>p"
		out  = "html>body>div#main>div.teasers>p"
		list = "html>body>div#main>div.best>ul>li>div.content"
		top  = "html>body>div#main>div.top>p"
	)
	type blk = pathBlock
	for _, tc := range []struct {
		name   string
		blocks []blk
		want   []int
	}{
		{"a teaser's summary after the body", []blk{{T, 60, "html>body>h1", 0.99, 0}, {B, 400, body, 0.95, 0}, {B, 400, body, 0.95, 0}, {B, 60, out, 0.7, 0}}, []int{T, B, B, R}},
		{"a likely paragraph stays", []blk{{B, 400, body, 0.95, 0}, {B, 400, body, 0.95, 0}, {B, 80, out, 0.95, 0}}, []int{B, B, B}},
		{"a lead before the body stays", []blk{{B, 100, out, 0.6, 0}, {B, 400, body, 0.95, 0}, {B, 400, body, 0.95, 0}}, []int{B, B, B}},
		{"a sibling of the body stays", []blk{{B, 400, body, 0.95, 0}, {B, 400, body, 0.95, 0}, {B, 100, sib, 0.6, 0}}, []int{B, B, B}},
		{"a standfirst in the parent stays", []blk{{B, 400, body, 0.95, 0}, {B, 400, body, 0.95, 0}, {B, 100, lead, 0.6, 0}}, []int{B, B, B}},
		{"no container holds enough", []blk{{B, 400, body, 0.95, 0}, {B, 300, out, 0.7, 0}}, []int{B, B}},
		{"a title after the body keeps its class", []blk{{B, 800, body, 0.95, 0}, {T, 60, out, 0.6, 0}}, []int{B, T}},
		// link text does not choose the container: the article's body
		// is it, and a long list of linked headlines after it goes
		{"link text after a short article", slices.Concat(slices.Repeat([]blk{{B, 300, body, 0.6, 0}}, 3), slices.Repeat([]blk{{B, 120, list, 0.6, 100}}, 20)),
			slices.Concat(slices.Repeat([]int{B}, 3), slices.Repeat([]int{R}, 20))},
		{"a linked sibling after the body goes, prose stays", []blk{{B, 400, body, 0.6, 0}, {B, 400, body, 0.6, 0}, {B, 100, sib, 0.6, 80}, {B, 100, sib, 0.6, 0}}, []int{B, B, R, B}},
		{"link text above the body goes, a lead stays", []blk{{B, 100, top, 0.6, 90}, {B, 100, top, 0.6, 0}, {B, 400, body, 0.6, 0}, {B, 400, body, 0.6, 0}}, []int{R, B, B, B}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) { checkPathRule(t, outsideContainer, tc.blocks, R, tc.want) })
	}
}

// pathBlock is a block of a test of the rules that read element paths:
// its class, length, path, content probability and link text's bytes.
type pathBlock struct {
	class, size int
	path        string
	p           float64
	link        int
}

// checkPathRule runs rule on blocks, with every block it takes out given
// class out, and checks the classes against want.
func checkPathRule(t *testing.T, rule func([]segment.Block, []int, func(int) float64, func(int) int), blocks []pathBlock, out int, want []int) {
	t.Helper()
	bs := make([]segment.Block, len(blocks))
	classes := make([]int, len(blocks))
	for i, b := range blocks {
		bs[i] = segment.Block{End: b.size, Path: b.path, LinkBytes: b.link}
		classes[i] = b.class
	}
	rule(bs, classes, func(i int) float64 { return blocks[i].p }, func(int) int { return out })
	if !slices.Equal(classes, want) {
		t.Errorf("classes = %v, want %v", classes, want)
	}
}

// TestClassifyLinkedListAfterArticle checks a Russian article (a language
// without training text) followed by a list of sixty linked headlines:
// none of the list is kept.
func TestClassifyLinkedListAfterArticle(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	heads := []string{"Власти города утвердили новый бюджет на развитие дорог", "В Пскове открылся новый детский сад на сто мест", "Депутаты обсудили строительство моста через реку", "Полиция задержала подозреваемого в краже автомобиля", "Учёные рассказали о пользе зимних прогулок", "На рынке подорожали овощи и фрукты", "В театре прошла премьера нового спектакля", "Спортсмены области завоевали три медали"}
	sects := []string{"Общество", "Политика", "Экономика", "Культура", "Происшествия"}
	var items strings.Builder
	for i := range 60 {
		fmt.Fprintf(&items, `<li><span class=n>%d</span><div class=content>%s &rarr; <a href="/news/%d">%s</a></div></li>`, i%40+1, sects[i%5], i, heads[i%8])
	}
	page := `<html><head><title>Зелёный чай защищает офисных работников</title></head><body>
<div id=main><div id=content><div id=show_news>
<div class=title-wrapper><h1>Зелёный чай защищает офисных работников от вреда компьютера</h1></div>
<div class=date>04.01.2012 14:01</div>
<div class=text><p>Китайские учёные убедились в том, что зелёный чай и апельсины являются лучшим средством защиты для офисных работников, которые проводят весь день перед экраном компьютера.</p>
<p>По мнению учёных, даже одна чашка зелёного чая в день помогает организму, потому что напиток содержит вещества, которые восстанавливают клетки после долгих часов работы.</p>
<p>Таким образом, зелёный чай и апельсины должны входить в ежедневный рацион офисных работников, которые проводят за компьютером не меньше шести часов в день.</p></div>
</div>
<div id=best><div class=best-title>Самое читаемое</div><ul class=best-list>` + items.String() + `</ul></div>
</div></div><div id=footer>&copy; 2012 Новости</div></body></html>`
	res, err := c.Classify(context.Background(), Input{Data: []byte(page), Mode: ModeHTML})
	if err != nil {
		t.Fatal(err)
	}
	main := res.MainText()
	for _, h := range heads {
		if strings.Contains(main, h) {
			t.Errorf("a listed headline is kept: %q", h)
		}
	}
	if !strings.Contains(main, "Таким образом") {
		t.Errorf("the article's last paragraph is lost:\n%s", main)
	}
}
