package classifier

import (
	"slices"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestAppendedArticles(t *testing.T) {
	const (
		B    = model.ClassBody
		T    = model.ClassTitle
		R    = model.ClassRelated
		main = "html>body>main>article#story:nth-of-type(1)"
		next = "html>body>main>div.more>article#next:nth-of-type(1)"
	)
	para := strings.Repeat("A paragraph of the article. ", 10) // 280 bytes
	type blk struct {
		path    string
		heading int
		class   int
	}
	for _, tc := range []struct {
		name   string
		blocks []blk
		want   []int
	}{
		{"a next story after the article", []blk{{main + ">h1", 1, T}, {main + ">p", 0, B}, {main + ">p", 0, B}, {next + ">h1", 1, T}, {next + ">p", 0, B}}, []int{T, B, B, R, R}},
		{"a later element without a heading", []blk{{main + ">h1", 1, T}, {main + ">p", 0, B}, {main + ">p", 0, B}, {next + ">p", 0, B}}, []int{T, B, B, B}},
		{"an element before the page's own", []blk{{next + ">h2", 2, B}, {next + ">p", 0, B}, {main + ">h1", 1, T}, {main + ">p", 0, B}, {main + ">p", 0, B}}, []int{B, B, T, B, B}},
		{"a nested article is the page's own", []blk{{main + ">h1", 1, T}, {main + ">p", 0, B}, {main + ">article:nth-of-type(1)>h2", 2, B}, {main + ">p", 0, B}}, []int{T, B, B, B}},
		{"a short element holds only the header", []blk{{main + ">h1", 1, T}, {next + ">h2", 2, B}, {next + ">p", 0, B}, {next + ">p", 0, B}}, []int{T, B, B, B}},
		{"an h1 outside any article", []blk{{"html>body>header>h1", 1, B}, {next + ">h2", 2, B}, {next + ">p", 0, B}, {next + ">p", 0, B}}, []int{B, B, B, B}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			blocks := make([]segment.Block, len(tc.blocks))
			classes := make([]int, len(tc.blocks))
			for i, b := range tc.blocks {
				n := len(para)
				if b.heading > 0 {
					n = 40
				}
				blocks[i] = segment.Block{Start: 0, End: n, Path: b.path, Heading: b.heading}
				if strings.Contains(b.path, "article") {
					blocks[i].Flags |= segment.InArticle
				}
				classes[i] = b.class
			}
			appendedArticles(blocks, classes, func(int) int { return R })
			if !slices.Equal(classes, tc.want) {
				t.Errorf("classes = %v, want %v", classes, tc.want)
			}
		})
	}
}

func TestOuterArticle(t *testing.T) {
	for _, tc := range []struct{ name, path, want string }{
		{"an article with an id", "html>body>article#a:nth-of-type(2)>p:nth-of-type(1)", "html>body>article#a:nth-of-type(2)"},
		{"the outermost of two", "html>body>article>div>article.inner>p", "html>body>article"},
		{"a class named articles", "html>body>div.articles>p", ""},
		{"a tag that starts with article", "html>body>articles>p", ""},
		{"the article itself", "article.x", "article.x"},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := outerArticle(tc.path); got != tc.want {
				t.Errorf("outerArticle(%q) = %q, want %q", tc.path, got, tc.want)
			}
		})
	}
}

// FuzzOuterArticle checks that outerArticle returns a prefix of the path
// that ends with an article step, or "".
func FuzzOuterArticle(f *testing.F) {
	f.Add("html>body>article#a:nth-of-type(2)>p")
	f.Add(">>article>")
	f.Fuzz(func(t *testing.T, path string) {
		a := outerArticle(path)
		if a == "" {
			return
		}
		if !strings.HasPrefix(path, a) || len(a) < len(path) && path[len(a)] != '>' {
			t.Fatalf("outerArticle(%q) = %q", path, a)
		}
		step := a[strings.LastIndexByte(a, '>')+1:]
		if !strings.HasPrefix(step, "article") {
			t.Fatalf("outerArticle(%q) = %q ends with %q", path, a, step)
		}
	})
}
