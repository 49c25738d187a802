package source

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net/url"
	"strconv"
)

// maxURLBytes bounds a URL of a URL list.
const maxURLBytes = 8192

// urls yields one item per URL line; blank lines and lines starting with
// # are skipped. A line that is not an absolute http or https URL becomes
// an item error.
func (s *Source) urls(r io.Reader, yield func(Item) bool) error {
	br := bufio.NewReaderSize(r, 16<<10)
	for n := 1; ; n++ {
		line, err := readLine(br, maxURLBytes)
		var tooLong *lineTooLongError
		errors.As(err, &tooLong)
		if err != nil && !errors.Is(err, io.EOF) && tooLong == nil {
			return err
		}
		line = bytes.TrimSpace(line)
		if len(line) > 0 && line[0] != '#' || tooLong != nil {
			it := parseURL(string(line), n)
			if tooLong != nil {
				it = Item{ID: "line:" + strconv.Itoa(n), Err: badInput("line %d: %w", n, tooLong)}
			}
			if !yield(it) {
				return nil
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
	}
}

// parseURL checks one URL line.
func parseURL(line string, n int) Item {
	u, err := url.Parse(line)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Item{ID: "line:" + strconv.Itoa(n), Err: badInput("line %d: %q is not an absolute http or https URL", n, truncate(line, 100))}
	}
	return Item{ID: line, URL: line}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
