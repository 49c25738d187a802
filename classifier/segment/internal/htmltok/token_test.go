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
// Next, TagName, TagAttr and Text.
func tokens[TT ~uint32](z tokenizer[TT]) []string {
	var out []string
	for {
		tt := z.Next()
		switch html.TokenType(tt) {
		case html.ErrorToken:
			return append(out, fmt.Sprint("error ", z.Err()))
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, more := z.TagName()
			s := fmt.Sprintf("%v %q", html.TokenType(tt), name)
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				s += fmt.Sprintf(" %q=%q", k, v)
			}
			out = append(out, s)
		default:
			out = append(out, fmt.Sprintf("%v %q", html.TokenType(tt), z.Text()))
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
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, src string, cdata bool) {
		x := html.NewTokenizer(strings.NewReader(src))
		x.AllowCDATA(cdata)
		want := tokens[html.TokenType](x)
		z := NewTokenizerBytes([]byte(src))
		z.AllowCDATA(cdata)
		got := tokens[TokenType](z)
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("token %d: %s, want %s", i, got[i], want[i])
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%d tokens, want %d", len(got), len(want))
		}
	})
}
