package classifier

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/winnowhq/winnow/classifier/model"
	"github.com/winnowhq/winnow/classifier/segment"
)

func TestCommentName(t *testing.T) {
	for _, tc := range []struct {
		name, value string
		want        bool
	}{
		{"thread", "comments", true},
		{"one comment", "comment-1849587", true},
		{"list", "commentlist", true},
		{"prefixed", "sf_comment_list", true},
		{"platform", "xenforo-comment-content", true},
		{"camel case", "commentsList", true},
		{"german", "kommentare", true},
		{"disqus", "disqus_thread", true},
		{"flag on the article", "has-comments", false},
		{"setting", "comments-enabled", false},
		{"count in the header", "comment-count", false},
		{"header wrapper", "u-article-header-wrapper__comment", false},
		{"heading slug", "respond-to-review-comments", false},
		{"one word", "concomments", false},
		{"pop-up", "c-article-partage-commentaire-popup-overlay", false},
		{"comment form", "comment-form", true},
		{"comment form container", "sf_comment_form_container_624c6b1b33fcd3806473505a6dc3425f", true},
		{"unrelated", "article-body", false},
		{"empty", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := commentName(tc.value); got != tc.want {
				t.Errorf("commentName(%q) = %v, want %v", tc.value, got, tc.want)
			}
		})
	}
}

func TestInComments(t *testing.T) {
	for _, tc := range []struct {
		name, path string
		want       bool
	}{
		{"thread by id", "html>body>div#comments:nth-of-type(2)>p:nth-of-type(1)", true},
		{"thread by class", "html>body>ol.commentlist:nth-of-type(1)>li#comment-12.alt:nth-of-type(3)>p:nth-of-type(2)", true},
		{"second class", "html>body>div.box.comments-list:nth-of-type(1)>p:nth-of-type(1)", true},
		{"article", "html>body>article.post.has-comments:nth-of-type(1)>p:nth-of-type(4)", false},
		{"hint only in a pseudo-class", "html>body>div:nth-of-type(1)>p:nth-of-type(1)", false},
		{"escaped separator", `html>body>div.a\.comments:nth-of-type(1)>p:nth-of-type(1)`, false},
		{"escaped then name", `html>body>div.x\:y.comments:nth-of-type(1)>p:nth-of-type(1)`, true},
		{"trailing backslash", `html>body>div.comments\`, true},
		{"no path", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := inComments(tc.path); got != tc.want {
				t.Errorf("inComments(%q) = %v, want %v", tc.path, got, tc.want)
			}
		})
	}
}

func TestCommentThreads(t *testing.T) {
	const (
		ti = model.ClassTitle
		bo = model.ClassBody
		co = model.ClassComments
		me = model.ClassMetadata
	)
	art, com := "html>body>article>p", "html>body>div#comments>p"
	form := "html>body>article>div#sf_comment_form_container_624c.box.post_formulario>p"
	for _, tc := range []struct {
		name     string
		paths    []string
		in, want []int
	}{
		{"comments after the body", []string{art, art, com, com}, []int{ti, bo, bo, bo}, []int{ti, bo, co, co}},
		{"boilerplate left alone", []string{art, com}, []int{bo, me}, []int{bo, me}},
		{"before the body", []string{com, art, com}, []int{bo, bo, ti}, []int{bo, bo, co}},
		{"only comment-named blocks", []string{com, com}, []int{bo, bo}, []int{bo, bo}},
		{"title does not start the body", []string{art, com}, []int{ti, bo}, []int{ti, bo}},
		{"comment form's rules after the body", []string{art, form, form, com}, []int{bo, bo, bo, bo}, []int{bo, co, co, co}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			blocks := make([]segment.Block, len(tc.paths))
			for i, p := range tc.paths {
				blocks[i].Path = p
			}
			classes := append([]int(nil), tc.in...)
			commentThreads(blocks, classes)
			for i := range classes {
				if classes[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", classes, tc.want)
				}
			}
		})
	}
}

// TestClassifyComments checks that reader comments inside the article's
// container, written as prose the model would keep, are labelled comments
// by the names their markup gives them.
func TestClassifyComments(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(`<html><head><title>The council approves the new bus routes</title></head><body><article><h1>The council approves the new bus routes</h1>`)
	for i := range 8 {
		fmt.Fprintf(&b, "<p>The city council voted on Tuesday to approve a plan that adds %d new bus routes to the northern districts, which residents had asked for during two years of public meetings and consultations.</p>", i+2)
	}
	b.WriteString(`<div class="xenforo-comments">`)
	for i, text := range []string{
		"Or the new model that people have been calling the best phone of the year, which it is not.",
		"I just want a proper update to the line, with a bigger battery and a better screen than last year.",
		"Still using the second generation and it actually got a remarkable improvement in battery life after the update.",
	} {
		fmt.Fprintf(&b, `<div class="xenforo-comment" id="c%d"><div class="xenforo-comment-content"><div class="js-read-more">%s</div></div></div>`, i, text)
	}
	b.WriteString(`</div></article></body></html>`)
	res, err := c.Classify(context.Background(), Input{Data: []byte(b.String()), Mode: ModeHTML})
	if err != nil {
		t.Fatal(err)
	}
	if !res.HasArticle {
		t.Fatal("no article found")
	}
	// Each comment is boilerplate; those the model alone keeps as body
	// (two of the three, at content probability 0.86–0.90) are comments.
	var comments, body int
	for _, bl := range res.Blocks {
		switch {
		case strings.Contains(bl.Path, "xenforo-comment-content"):
			if bl.Label != Boilerplate {
				t.Errorf("comment %q: %v, want boilerplate", res.Text[bl.Start:bl.End], bl.Category)
			}
			if bl.Category == Comments {
				comments++
			}
		case bl.Category == Body:
			body++
		}
	}
	if comments < 2 || body < 8 {
		t.Errorf("%d comments, %d body blocks; want at least 2 and 8", comments, body)
	}
	if strings.Contains(res.MainText(), "battery") {
		t.Error("main text keeps the comments")
	}
}

// FuzzInComments checks that inComments never panics on any path, and
// says true only for one that holds a comment word once its CSS escapes
// are read (`#C\omment` is the id "Comment").
func FuzzInComments(f *testing.F) {
	for _, s := range []string{"html>body>div#comments>p", `div.a\.comments`, `\`, "#.:>", "div.commentsList:nth-of-type(1)>p", "\xff.comments", "div.COMMENTS"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !inComments(s) {
			return
		}
		l := strings.ToLower(strings.ReplaceAll(s, `\`, ""))
		if !strings.Contains(l, "comment") && !strings.Contains(l, "disqus") && !strings.Contains(l, "replies") && !strings.Contains(l, "komentar") && !strings.Contains(l, "comentario") {
			t.Fatalf("inComments(%q) true without a comment word", s)
		}
	})
}

// TestPathCache checks the cached reading against inComments, path by
// path, in an order where parents repeat and change.
func TestPathCache(t *testing.T) {
	paths := []string{
		"html>body>div#comments:nth-of-type(2)>p:nth-of-type(1)",
		"html>body>div#comments:nth-of-type(2)>p:nth-of-type(2)",
		"html>body>div.post:nth-of-type(1)>p:nth-of-type(1)",
		"html>body>div.post:nth-of-type(1)>div.comment-3:nth-of-type(2)",
		"html>body>div.post:nth-of-type(1)>p:nth-of-type(3)",
		`html>body>div.a\>comments:nth-of-type(1)>p:nth-of-type(1)`,
		"comments",
		"",
		"html>body>ol.commentlist:nth-of-type(1)>li:nth-of-type(1)",
		"html>body>ol.commentlist:nth-of-type(1)>li:nth-of-type(1)>p",
		"html>body>ol.commentlist:nth-of-type(1)",
		"html>body",
		"html>body>div.x:nth-of-type(3)>div.comments-list:nth-of-type(1)>p",
		"html>body>div.x:nth-of-type(3)>div.comments-listing:nth-of-type(1)>p",
		"html>body>div.x:nth-of-type(3)>div.comments:nth-of-type(1)>p",
		"html>body>div.x:nth-of-type(3)>div.comments:nth-of-type(1)>pre",
		"html>body>div.x:nth-of-type(3)",
		"html>body>div.x:nth-of-type(3)>",
	}
	var c pathCache
	for _, p := range paths {
		if got, want := c.inComments(p), inComments(p); got != want {
			t.Errorf("%q: cached %v, inComments %v", p, got, want)
		}
	}
}

// FuzzPathCache checks the cached reading against inComments over a
// sequence of paths cut from one input.
func FuzzPathCache(f *testing.F) {
	f.Add("html>body>div#comments>p\nhtml>body>div#comments>ul>li\nhtml>body>div.post>p")
	f.Add("a>b.comment\na>b\na>b.comment>c\n\\>\na>")
	f.Fuzz(func(t *testing.T, s string) {
		var c pathCache
		for _, p := range strings.Split(s, "\n") {
			if got, want := c.inComments(p), inComments(p); got != want {
				t.Fatalf("%q: cached %v, inComments %v", p, got, want)
			}
		}
	})
}
