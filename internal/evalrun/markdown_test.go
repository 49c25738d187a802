package evalrun

import "testing"

func TestMarkdownOf(t *testing.T) {
	page := `<html><head><title>T</title><style>p{}</style></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Rain  returns</h1><p>After a <b>dry</b> month, rain fell on <a href="/monday">Monday</a>.</p>
<figure><img src="/r.jpg" alt="Rain"><figcaption>Rain in town</figcaption></figure>
<p>Line one<br>line two</p><script>var x;</script>
<p><a href="/a b(c)">Odd address</a></p></article></body></html>`
	want := "* [Home](/)\n* [World](/world)\n\n# Rain returns\n\n" +
		"After a dry month, rain fell on [Monday](/monday).\n\n![Rain](/r.jpg)\n\nRain in town\n\n" +
		"Line one\n\nline two\n\n[Odd address](/a%20b%28c%29)\n"
	got, err := markdownOf(page, mdStyle{})
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("markdownOf:\n%s\nwant:\n%s", got, want)
	}
}

func TestMarkdownOfWrapped(t *testing.T) {
	page := `<p>The council voted on <a href="/t">a long and detailed plan for the city's buses</a> on Tuesday.</p>`
	want := "The council voted on [a long and\ndetailed plan for the city's buses](/t)\non Tuesday.\n"
	got, err := markdownOf(page, mdStyle{width: 40})
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("markdownOf, 40 runes:\n%s\nwant:\n%s", got, want)
	}
}

func TestMarkdownOfTurndown(t *testing.T) {
	page := `<h1>Rain returns</h1><h2>After a dry_month</h2><h3>Monday</h3>
<ul><li><a href="/a">Home [beta]</a></li></ul><hr><p>- 2 mm *fell* on 1. the [town]</p>
<p>1. First <img src="/r.jpg" alt="A_b"></p>`
	want := "Rain returns\n============\n\nAfter a dry\\_month\n------------------\n\n### Monday\n\n" +
		"*   [Home \\[beta\\]](/a)\n\n* * *\n\n\\- 2 mm \\*fell\\* on 1. the \\[town\\]\n\n1\\. First ![A\\_b](/r.jpg)\n"
	got, err := markdownOf(page, mdStyle{turndown: true})
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("markdownOf, turndown:\n%s\nwant:\n%s", got, want)
	}
}
