package segment_test

import (
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/winnowhq/winnow/classifier/segment"
)

// Block.Path is a CSS selector a CMS can use to find the block's element
// (document.querySelector in a browser, goquery's Find in Go).
func ExampleBlock_path() {
	page := `<body><div id="main" class="article 2col"><p>First.</p><p>Second<br>line.</p></div>` +
		`<div id="1st"><p>Digit id.</p></div></body>`
	d, err := segment.HTML(page, segment.HTMLOptions{})
	if err != nil {
		panic(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
	if err != nil {
		panic(err)
	}
	for _, b := range d.Blocks {
		el := doc.Find(b.Path).First()
		fmt.Printf("%-14q %s\n  -> <%s> %q\n", d.Text[b.Start:b.End], b.Path, goquery.NodeName(el), el.Text())
	}
	// Output:
	// "First."       html>body>div#main.article.\32 col:nth-of-type(1)>p:nth-of-type(1)
	//   -> <p> "First."
	// "Second"       html>body>div#main.article.\32 col:nth-of-type(1)>p:nth-of-type(2)
	//   -> <p> "Secondline."
	// "line."        html>body>div#main.article.\32 col:nth-of-type(1)>p:nth-of-type(2)
	//   -> <p> "Secondline."
	// "Digit id."    html>body>div#\31 st:nth-of-type(2)>p:nth-of-type(1)
	//   -> <p> "Digit id."
}
