package segment_test

import (
	"fmt"
	"strings"

	"github.com/winnowhq/winnow/classifier/segment"
)

func ExampleHTML() {
	page := `<html lang="en"><head><title>News</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Rain returns</h1><p>After a dry month, <b>rain</b> fell on Monday.</p></article>
</body></html>`
	d, err := segment.HTML(page, segment.HTMLOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("title %q, lang %q\n", d.Title, d.Lang)
	for _, b := range d.Blocks {
		fmt.Printf("%-3s h%d %-9s links=%d repeat=%d %q\n", b.Tag, b.Heading, b.Flags, b.Links, b.Repeat, d.Text[b.Start:b.End])
	}
	// Output:
	// title "News", lang "en"
	// li  h0 nav,a,list links=1 repeat=2 "Home"
	// li  h0 nav,a,list links=1 repeat=2 "World"
	// h1  h1 article   links=0 repeat=1 "Rain returns"
	// p   h0 article   links=0 repeat=1 "After a dry month, rain fell on Monday."
}

func ExampleText() {
	text := "شناسه خبر: 96106 ۲۴ مرداد ۱۳۹۶ - ۱۹:۴۰ به گزارش خبرگزاری فارس، طرح جدید از هفته آینده اجرا می‌شود.\n\n" +
		"غار نمکی گرمسار جاذبه‌ای برای عاشقان طبیعت (+عکس) این خودرو گرانترین روف تاریخ است (+عکس)"
	d, err := segment.Text(text, segment.TextOptions{})
	if err != nil {
		panic(err)
	}
	for _, b := range d.Blocks {
		fmt.Printf("line %d %-5s blank=%v: %s\n", b.Line, b.Split, b.BlankBefore, d.Text[b.Start:b.End])
	}
	// Output:
	// line 0 meta  blank=false: شناسه خبر: 96106 ۲۴ مرداد ۱۳۹۶ - ۱۹:۴۰
	// line 0 line  blank=false: به گزارش خبرگزاری فارس، طرح جدید از هفته آینده اجرا می‌شود.
	// line 2 title blank=true: غار نمکی گرمسار جاذبه‌ای برای عاشقان طبیعت (+عکس)
	// line 2 title blank=false: این خودرو گرانترین روف تاریخ است (+عکس)
}

func ExamplePlainMarkdown() {
	md := "* [World](https://example.com/world)\n# Council approves the budget\nBy [Jane Smith](https://example.com/js), March 3"
	plain, pos, ok := segment.PlainMarkdown(md)
	fmt.Println(ok)
	fmt.Println(plain)
	// the byte offsets of "Jane Smith" in the input
	i := strings.Index(plain, "Jane Smith")
	start, end := pos.Input(i), pos.Input(i+len("Jane Smith")-1)+1
	fmt.Println(start, end, md[start:end])
	// Output:
	// true
	// World
	// Council approves the budget
	// By Jane Smith, March 3
	// 71 81 Jane Smith
}
