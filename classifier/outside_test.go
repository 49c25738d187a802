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
		{"a teaser's summary after the article", []blk{{T, 60, "html>body>h1", 0.99}, {B, 400, art, 0.95}, {B, 400, art, 0.95}, {B, 60, out, 0.7}}, []int{T, B, B, R}},
		{"a likely paragraph outside stays", []blk{{B, 400, art, 0.95}, {B, 400, art, 0.95}, {B, 80, out, 0.95}}, []int{B, B, B}},
		{"the article holds too little", []blk{{B, 300, art, 0.95}, {B, 300, out, 0.7}}, []int{B, B}},
		{"two articles", []blk{{B, 400, art, 0.95}, {B, 400, two, 0.95}, {B, 60, out, 0.7}}, []int{B, B, B}},
		{"no article element", []blk{{B, 400, "html>body>div>p", 0.95}, {B, 60, out, 0.7}}, []int{B, B}},
		{"boilerplate keeps its class", []blk{{B, 400, art, 0.95}, {N, 60, out, 0.1}}, []int{B, N}},
		{"a root article element", []blk{{B, 400, "article>p", 0.95}, {B, 60, out, 0.5}}, []int{B, R}},
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
	)
	type blk = pathBlock
	for _, tc := range []struct {
		name   string
		blocks []blk
		want   []int
	}{
		{"a teaser's summary after the body", []blk{{T, 60, "html>body>h1", 0.99}, {B, 400, body, 0.95}, {B, 400, body, 0.95}, {B, 60, out, 0.7}}, []int{T, B, B, R}},
		{"a likely paragraph stays", []blk{{B, 400, body, 0.95}, {B, 400, body, 0.95}, {B, 80, out, 0.95}}, []int{B, B, B}},
		{"a lead before the body stays", []blk{{B, 100, out, 0.6}, {B, 400, body, 0.95}, {B, 400, body, 0.95}}, []int{B, B, B}},
		{"a sibling of the body stays", []blk{{B, 400, body, 0.95}, {B, 400, body, 0.95}, {B, 100, sib, 0.6}}, []int{B, B, B}},
		{"a standfirst in the parent stays", []blk{{B, 400, body, 0.95}, {B, 400, body, 0.95}, {B, 100, lead, 0.6}}, []int{B, B, B}},
		{"no container holds enough", []blk{{B, 400, body, 0.95}, {B, 300, out, 0.7}}, []int{B, B}},
		{"a title after the body keeps its class", []blk{{B, 800, body, 0.95}, {T, 60, out, 0.6}}, []int{B, T}},
		{"empty", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) { checkPathRule(t, outsideContainer, tc.blocks, R, tc.want) })
	}
}

// pathBlock is a block of a test of the rules that read element paths:
// its class, length, path and content probability.
type pathBlock struct {
	class, size int
	path        string
	p           float64
}

// checkPathRule runs rule on blocks, with every block it takes out given
// class out, and checks the classes against want.
func checkPathRule(t *testing.T, rule func([]segment.Block, []int, func(int) float64, func(int) int), blocks []pathBlock, out int, want []int) {
	t.Helper()
	bs := make([]segment.Block, len(blocks))
	classes := make([]int, len(blocks))
	for i, b := range blocks {
		bs[i] = segment.Block{End: b.size, Path: b.path}
		classes[i] = b.class
	}
	rule(bs, classes, func(i int) float64 { return blocks[i].p }, func(int) int { return out })
	if !slices.Equal(classes, want) {
		t.Errorf("classes = %v, want %v", classes, want)
	}
}

// TestOutsideContainerLinks checks that a long list of linked headlines
// after a short article does not count toward the container: the
// article's body is the container, and the list's items after it go.
func TestOutsideContainerLinks(t *testing.T) {
	const (
		body = "html>body>div#main>div.story>div.body>p"
		list = "html>body>div#main>div.best>ul>li>div.content"
	)
	var bs []segment.Block
	var classes []int
	for range 3 {
		bs = append(bs, segment.Block{End: 300, Path: body})
		classes = append(classes, model.ClassBody)
	}
	for range 20 {
		bs = append(bs, segment.Block{End: 120, LinkBytes: 100, Links: 1, Path: list})
		classes = append(classes, model.ClassBody)
	}
	outsideContainer(bs, classes, func(int) float64 { return 0.6 }, func(int) int { return model.ClassRelated })
	for i, k := range classes {
		want := model.ClassBody
		if i >= 3 {
			want = model.ClassRelated
		}
		if k != want {
			t.Errorf("block %d: class %d, want %d", i, k, want)
		}
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

// TestOutsideContainerLinkedSibling checks that a sibling of the body
// after it that is link text goes, and one of prose stays.
func TestOutsideContainerLinkedSibling(t *testing.T) {
	const (
		body = "html>body>div#main>div.story>div.body>p"
		sib  = "html>body>div#main>div.story>div.more>p"
	)
	bs := []segment.Block{{End: 400, Path: body}, {End: 400, Path: body}, {End: 100, LinkBytes: 80, Links: 1, Path: sib}, {End: 100, Path: sib}}
	classes := []int{model.ClassBody, model.ClassBody, model.ClassBody, model.ClassBody}
	outsideContainer(bs, classes, func(int) float64 { return 0.6 }, func(int) int { return model.ClassRelated })
	if want := []int{model.ClassBody, model.ClassBody, model.ClassRelated, model.ClassBody}; !slices.Equal(classes, want) {
		t.Errorf("classes = %v, want %v", classes, want)
	}
}

// TestOutsideContainerLinkedBefore checks that link text above the body,
// outside it, goes, and a lead of prose stays.
func TestOutsideContainerLinkedBefore(t *testing.T) {
	const (
		body = "html>body>div#main>div.story>div.body>p"
		top  = "html>body>div#main>div.top>p"
	)
	bs := []segment.Block{{End: 100, LinkBytes: 90, Links: 2, Path: top}, {End: 100, Path: top}, {End: 400, Path: body}, {End: 400, Path: body}}
	classes := []int{model.ClassBody, model.ClassBody, model.ClassBody, model.ClassBody}
	outsideContainer(bs, classes, func(int) float64 { return 0.6 }, func(int) int { return model.ClassRelated })
	if want := []int{model.ClassRelated, model.ClassBody, model.ClassBody, model.ClassBody}; !slices.Equal(classes, want) {
		t.Errorf("classes = %v, want %v", classes, want)
	}
}
