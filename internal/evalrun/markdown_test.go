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

func TestMarkdownOfDump(t *testing.T) {
	page := `<nav><ul><li><a href="/">Home</a></li><li><a href="world">World</a></li></ul></nav>
<h1>Rain returns</h1><p>After a dry month, rain fell on <a href="/monday">Monday</a> and on Tuesday, and the rivers of the town rose by a metre.</p>
<p><a href="https://x.com/share"><img src="/x.png" alt="Share"></a> <img src="/r.jpg"></p>
<p>东京都は7日、新型コロナウイルスの感染者が新たに確認されたと発表した。都内の感染者は累計で1000人を超えた。东京都は7日、新型コロナウイルスの感染者が新たに確認されたと発表した。都内の感染者は累計で1000人を超えた。</p>`
	want := "     * [1]Home\n     * [2]World\n\nRain returns\n\n" +
		"   After a dry month, rain fell on [3]Monday and on Tuesday, and the rivers\n   of the town rose by a metre.\n\n" +
		"   [4][Share]\n\n" +
		"   东京都は7日、新型コロナウイルスの感染者が新たに確認されたと発表した。都内の感染者は累計で1000人を超えた。东京都は7日、新型コロナウイルスの感\n   染者が新たに確認されたと発表した。都内の感染者は累計で1000人を超えた。\n\n" +
		"References\n\n" +
		"   1. https://example.com/\n   2. https://example.com/news/world\n   3. https://example.com/monday\n   4. https://x.com/share\n"
	got, err := markdownOf(page, mdStyle{dump: true, base: "https://example.com/news/rain"})
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("markdownOf, dump:\n%s\nwant:\n%s", got, want)
	}
}
