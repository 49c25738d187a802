package main

import (
	"context"
	"fmt"
	"io"
	"iter"
	"os"
	"strings"

	"github.com/winnowhq/winnow/internal/fetch"
)

// classifyInput is one document named on the classify command line.
type classifyInput struct {
	id        string // the file name, "stdin", or the URL
	url       string // the fetched URL (after redirects), for the Document.url hint
	data      []byte
	mediaType string
	err       error // why it could not be read or fetched
}

// isURL reports whether a command-line argument names a web page.
func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// classifyInputs reads each argument in turn: "-" is stdin, an http(s) URL
// is fetched with f, anything else is a file (a folder is an error that
// points to winnow batch).
func classifyInputs(ctx context.Context, names []string, stdin io.Reader, f *fetch.Fetcher) iter.Seq[classifyInput] {
	return func(yield func(classifyInput) bool) {
		for _, name := range names {
			in := classifyInput{id: name}
			switch {
			case name == "-":
				in.id = "stdin"
				in.data, in.err = readInputCtx(ctx, name, stdin)
			case isURL(name):
				p, err := f.Get(ctx, name)
				if err != nil {
					in.err = err
				} else {
					in.url, in.data, in.mediaType = p.URL, p.Data, p.MediaType
					if len(in.data) == 0 {
						in.err = fmt.Errorf("%s answered with an empty page: nothing to classify", name)
					}
				}
			default:
				if fi, err := os.Stat(name); err == nil && fi.IsDir() {
					in.err = fmt.Errorf("%s is a folder: classify takes files and URLs; for a folder use winnow batch --in %s --out FILE.jsonl", name, name)
					break
				}
				in.data, in.err = readInputCtx(ctx, name, stdin)
			}
			if !yield(in) {
				return
			}
		}
	}
}

// readInputCtx is readInput that gives up once ctx is done (unblocked).
func readInputCtx(ctx context.Context, name string, stdin io.Reader) ([]byte, error) {
	what := name
	if name == "-" {
		what = "stdin"
	}
	return unblocked(ctx, what, func() ([]byte, error) { return readInput(name, stdin) })
}
