package htmltok

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// tokenizer is what tokens reads of either tokenizer.
type tokenizer[TT ~uint32] interface {
	Next() TT
	TagName() ([]byte, bool)
	TagAttr() ([]byte, []byte, bool)
	Text() []byte
	Err() error
}

// tokens lists the tokens of src as strings, through either tokenizer's
// Next, TagName, TagAttr and Text. With late, the slices returned are
// kept and written out only at the end of the input (where this fork's
// must still hold what they held).
func tokens[TT ~uint32](z tokenizer[TT], late bool) []string {
	var out []string
	var pending []func() string
	add := func(f func() string) {
		if late {
			pending = append(pending, f)
		} else {
			out = append(out, f())
		}
	}
	for {
		tt := z.Next()
		switch html.TokenType(tt) {
		case html.ErrorToken:
			for _, f := range pending {
				out = append(out, f())
			}
			return append(out, fmt.Sprint("error ", z.Err()))
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, more := z.TagName()
			var kv [][]byte
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				kv = append(kv, k, v)
			}
			add(func() string {
				s := fmt.Sprintf("%v %q", html.TokenType(tt), name)
				for i := 0; i < len(kv); i += 2 {
					s += fmt.Sprintf(" %q=%q", kv[i], kv[i+1])
				}
				return s
			})
		default:
			text := z.Text()
			add(func() string { return fmt.Sprintf("%v %q", html.TokenType(tt), text) })
		}
	}
}

// FuzzTokenizer checks that the fork gives x/net/html's tokens, byte
// for byte, with and without CDATA sections.
func FuzzTokenizer(f *testing.F) {
	for _, s := range []string{
		"", "<p class=a>b</p>", "<div ID=a id=b CLASS=x class=y>", "<a href='x&amp;y' title=\"&lt;\">t</a>",
		"<script>a</script><style>b</style><textarea>&amp;</textarea><title>x</title>",
		"<!-- c --><!DOCTYPE html><![CDATA[x]]>", "<p \x00=1 cl\x00ass=a>\x00y", "a\r\nb\rc",
		"<div a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12 a13 a14 a15 a16 a17 A1 a18 A17>",
		"<plaintext><p>x", "</p foo=bar>", "<p/>", "&notit; &notin; &amp", "<a b=&amp=c>",
		"a\rb\r\nc\r", "<p title=\"x\r\ny\rz\r\n\">\r\n\r\r\n</p>", "\r",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, src string, cdata bool) {
		x := html.NewTokenizer(strings.NewReader(src))
		x.AllowCDATA(cdata)
		want := tokens[html.TokenType](x, false)
		z := NewTokenizerBytes([]byte(src))
		z.AllowCDATA(cdata)
		compareTokens(t, "bytes", tokens[TokenType](z, true), want)
		// NewTokenizerString: the same tokens, and src's bytes untouched.
		own := string([]byte(src))
		z = NewTokenizerString(own)
		z.AllowCDATA(cdata)
		compareTokens(t, "string", tokens[TokenType](z, true), want)
		if own != src {
			t.Fatalf("NewTokenizerString wrote to its input: %q, was %q", own, src)
		}
	})
}

func compareTokens(t *testing.T, how string, got, want []string) {
	t.Helper()
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			t.Fatalf("%s: token %d: %s, want %s", how, i, got[i], want[i])
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%s: %d tokens, want %d", how, len(got), len(want))
	}
}
