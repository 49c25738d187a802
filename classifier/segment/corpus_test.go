package segment

import (
	"flag"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/winnowhq/winnow/classifier/decode"
)

var fullFlag = flag.Bool("full", false, "check every corpus page in TestCorpora")

// corpusPages lists the page files of every shared corpus, sorted.
func corpusPages(t testing.TB) []string {
	pages, err := filepath.Glob(filepath.Join(sharedDir(t), "corpora", "*", "docs", "*.html.gz"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages)
	return pages
}

// TestCorpora decodes and segments every page of every shared corpus (as
// HTML, then its rendition as text) and checks the Doc invariants. By
// default every 10th page is checked (every 20th under -race or -short)
// to keep CI fast; -full checks all 4,830 pages (733 MB of HTML).
func TestCorpora(t *testing.T) {
	const wrappedPage = 20
	pages := corpusPages(t)
	if len(pages) == 0 {
		t.Skip("no corpus pages")
	}
	step := 10
	switch {
	case *fullFlag:
		step = 1
	case raceEnabled || testing.Short():
		step = 20
	}
	jobs := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var nPages, nBlocks, nBytes, nTextBlocks, nJoined, nWrapped, nWrappedPages, nGlued int
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for path := range jobs {
				raw := readGz(t, path)
				dec, err := decode.Decode(raw, "")
				if err != nil {
					t.Errorf("%s: decode: %v", path, err)
					continue
				}
				d, err := HTML(dec.Text, HTMLOptions{})
				if err != nil {
					t.Errorf("%s: %v", path, err)
					continue
				}
				checkDocPage(t, path, d)
				td, err := Text(d.Text, TextOptions{})
				if err != nil {
					t.Errorf("%s: text: %v", path, err)
					continue
				}
				checkDocPage(t, path, td)
				// The renditions keep each paragraph on one line (but for
				// <pre> text and text hard-wrapped with <br>): a joined
				// block is most often a false hard-wrap join (reflow.go),
				// such as a list of items of one length whose last ends a
				// sentence. A page with wrappedPage joins or more is
				// hard-wrapped throughout (two zh_webce essays wrapped at
				// 36 characters with <br>): its joins are true ones and
				// are counted apart.
				uw, err := Text(d.Text, TextOptions{Reflow: true})
				if err != nil {
					t.Errorf("%s: text: %v", path, err)
					continue
				}
				checkDocPage(t, path, uw)
				j := 0
				for _, b := range uw.Blocks {
					if strings.Contains(uw.Text[b.Start:b.End], "\n") {
						j++
					}
				}
				// The renditions put every block element on a line of
				// its own: the glue gates (glue.go) take a rendition for
				// run together only where the page's own markup runs
				// inline elements together on a long line (22 of the
				// 5,247 pages with -full, a menu of links without white
				// space between them); more would be false cuts.
				glued := gluedText(d.Text)
				for _, b := range d.Blocks {
					glued = glued || gluedLine(d.Text[b.Start:b.End])
				}
				if len(d.Blocks) == 0 {
					t.Logf("%s: no blocks (%d bytes)", path, len(raw))
				}
				mu.Lock()
				nPages++
				nBlocks += len(d.Blocks)
				nTextBlocks += len(td.Blocks)
				if j >= wrappedPage {
					nWrapped += j
					nWrappedPages++
				} else {
					nJoined += j
				}
				nBytes += len(raw)
				if glued {
					nGlued++
					t.Logf("%s: rendition read as run together", filepath.Base(path))
				}
				mu.Unlock()
			}
		})
	}
	for i := 0; i < len(pages); i += step {
		jobs <- pages[i]
	}
	close(jobs)
	wg.Wait()
	t.Logf("%d pages, %d MB: %d HTML blocks, %d text blocks from the renditions, %d of them joined wrapped lines, and %d on %d pages hard-wrapped throughout; %d read as run together", nPages, nBytes>>20, nBlocks, nTextBlocks, nJoined, nWrapped, nWrappedPages, nGlued)
	if nGlued*100 > nPages {
		t.Errorf("%d of %d renditions are read as text nodes run together: more than 1 in 100", nGlued, nPages)
	}
	if nJoined*1000 > nTextBlocks {
		t.Errorf("%d of %d text blocks join the lines of one-line-per-paragraph renditions: more than 1 in 1,000", nJoined, nTextBlocks)
	}
}

// checkDocPage reports a broken invariant without stopping the sweep.
func checkDocPage(t *testing.T, path string, d *Doc) {
	if err := docError(d); err != nil {
		t.Errorf("%s: %v", filepath.Base(path), err)
	}
}
