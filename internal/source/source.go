// Package source reads the documents of a bulk job from a JSONL file, a
// folder of pages, a list of URLs or WARC files.
//
// Every format is untrusted input: a bad line, file or record becomes an
// [Item] with an error, never a panic, and no item holds more than
// [Options.MaxBytes] bytes, whatever the input claims. A failure to read
// on (an I/O error, a corrupt gzip stream, a WARC file that cannot be
// parsed any further) ends the sequence; [Source.Err] reports it.
package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"sync/atomic"
)

// Format is an input format.
type Format string

// The input formats.
const (
	JSONL Format = "jsonl" // one JSON object a line: {"id", "html"|"text"|"url", "lang", "title", "media_type"}
	Dir   Format = "dir"   // a folder of pages, .gz ones decompressed
	URLs  Format = "urls"  // one http(s) URL a line; blank lines and # comments skipped
	WARC  Format = "warc"  // WARC or WARC.gz: response (and resource) records of HTML or text
)

// Item is one document to classify.
type Item struct {
	// ID names the document in the output: the JSONL "id" (or "line:N"),
	// the file's path relative to the folder, the URL, or the WARC record
	// ID.
	ID string
	// URL is the page's address: a hint when Data is set, else the page
	// to fetch.
	URL string
	// Lang is an optional BCP-47 language hint.
	Lang string
	// Title is an optional hint: the page's title as the input gives it
	// (JSONL "title"), for text scraped without its head.
	Title string
	// Data is the page bytes in any charset; nil means fetch URL.
	Data []byte
	// MediaType is an optional media type such as
	// "text/html; charset=windows-1256" ("text/plain" forces text mode).
	MediaType string
	// Err, when set, says why this document could not be read; the job
	// writes it as the document's error and goes on.
	Err error
	// Skipped is set for a file that Options.Skip said to skip: it was
	// not read.
	Skipped bool
}

// Options bound what a source reads.
type Options struct {
	// MaxBytes bounds one document (after decompression). 0 means 16 MiB.
	MaxBytes int64
	// MaxLineBytes bounds one JSONL line. 0 means 64 MiB.
	MaxLineBytes int64
	// Skip, when set, is asked for each file of a folder before the file
	// is read; a file it returns true for is yielded as an item with only
	// ID and Skipped set (a resumed job skips what it has done cheaply).
	Skip func(id string) bool
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = 16 << 20
	}
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = 64 << 20
	}
	return o
}

// Source is an opened input. Read its items once with [Source.Items].
type Source struct {
	Format Format
	path   string
	opts   Options
	size   int64        // bytes to read in all (0: unknown)
	read   atomic.Int64 // bytes read so far
	err    error
	stdin  io.Reader // the stream to read instead of opening path: stdin, or a pipe's
	closer io.Closer // closes a pipe's stream once read
}

// Open opens path ("-" for stdin, which must be JSONL or a URL list) as
// format f, or detects the format when f is empty: a folder is Dir, bytes
// (gzipped or not) starting with "WARC/" are WARC, a first non-blank byte
// '{' is JSONL, anything else a URL list.
func Open(path string, f Format, o Options) (*Source, error) {
	s := &Source{Format: f, path: path, opts: o.withDefaults()}
	if path == "-" {
		s.stdin = os.Stdin
		if f == "" {
			br := bufio.NewReader(os.Stdin)
			f = peekFormat(br)
			s.stdin = br
		}
		if f == Dir || f == WARC {
			return nil, fmt.Errorf("source: stdin can hold JSONL or a URL list, not %s", f)
		}
		s.Format = f
		return s, nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		if f != "" && f != Dir {
			return nil, fmt.Errorf("source: %s is a folder, not %s", path, f)
		}
		s.Format = Dir
		return s, s.sizeDir()
	}
	if !fi.Mode().IsRegular() {
		// A pipe (--in <(zcat crawl.jsonl.gz)), a FIFO or a device can be
		// read only once: it is opened here, its format sniffed from bytes
		// that stay in the stream, and Items reads on from there. Opened
		// twice, as a file is (detect, then Items), the bytes detect took
		// were lost to Items.
		return s.openStream(path, f)
	}
	s.size = fi.Size()
	if f == "" {
		f, err = detect(path)
		if err != nil {
			return nil, err
		}
	}
	switch f {
	case JSONL, URLs, WARC:
	default:
		return nil, fmt.Errorf("source: unknown format %q (want jsonl, dir, urls or warc)", f)
	}
	s.Format = f
	return s, nil
}

// openStream opens path, a pipe, FIFO or device, once for reading, and
// detects its format (when f is empty) with peekFormat.
func (s *Source) openStream(path string, f Format) (*Source, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(file, 64<<10)
	if f == "" {
		f = peekFormat(br)
	}
	switch f {
	case JSONL, URLs, WARC:
	default:
		file.Close()
		return nil, fmt.Errorf("source: unknown format %q (want jsonl, urls or warc for a pipe)", f)
	}
	s.Format, s.stdin, s.closer = f, br, file
	return s, nil
}

// peekFormat is detect for a stream that can be read only once (stdin, a
// pipe): it sniffs br's first bytes, which stay in br, through gzip when
// they are gzipped (what a copy of them decompresses to).
func peekFormat(br *bufio.Reader) Format {
	head, _ := br.Peek(512)
	if gzipMagic(head) {
		if zr, err := gzip.NewReader(bytes.NewReader(head)); err == nil {
			plain := make([]byte, 512)
			n, _ := io.ReadFull(zr, plain)
			head = plain[:n]
		}
	}
	return sniff(head)
}

// detect reads the first bytes of a file, through gzip when it is gzipped.
func detect(path string) (Format, error) {
	file, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer file.Close()
	r, err := maybeGunzip(bufio.NewReader(file))
	if err != nil {
		return "", err
	}
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("source: %s: %w", path, err)
	}
	return sniff(head[:n]), nil
}

func sniff(head []byte) Format {
	t := bytes.TrimLeft(head, " \t\r\n\ufeff")
	switch {
	case bytes.HasPrefix(t, []byte("WARC/")):
		return WARC
	case bytes.HasPrefix(t, []byte("{")):
		return JSONL
	}
	return URLs
}

// maybeGunzip returns a reader of br's bytes, decompressed when they start
// with the gzip magic.
func maybeGunzip(br *bufio.Reader) (io.Reader, error) {
	magic, _ := br.Peek(2)
	if gzipMagic(magic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("source: bad gzip stream: %w", err)
		}
		return gzipStream{zr}, nil
	}
	return br, nil
}

// gzipMagic reports whether p starts with gzip's magic number.
func gzipMagic(p []byte) bool { return len(p) >= 2 && p[0] == 0x1f && p[1] == 0x8b }

// gzipStream names the errors of a gzip stream that cannot be read to its
// end: compress/gzip reports a stream cut short as io.ErrUnexpectedEOF,
// which says nothing of a truncated file.
type gzipStream struct{ zr *gzip.Reader }

func (g gzipStream) Read(p []byte) (int, error) {
	n, err := g.zr.Read(p)
	switch {
	case err == nil || err == io.EOF:
	case errors.Is(err, io.ErrUnexpectedEOF):
		err = fmt.Errorf("source: the gzip stream ends early (a truncated file?): %w", err)
	default:
		err = fmt.Errorf("source: bad gzip stream: %w", err)
	}
	return n, err
}

// Progress returns the input bytes read so far and in all (0 when
// unknown, as for stdin).
func (s *Source) Progress() (read, total int64) { return s.read.Load(), s.size }

// Err returns the error that ended Items early, or nil.
func (s *Source) Err() error { return s.err }

// Items yields the source's documents in input order. It may be called
// once.
func (s *Source) Items() iter.Seq[Item] {
	return func(yield func(Item) bool) {
		if s.Format == Dir {
			s.err = s.dir(yield)
			return
		}
		var r io.Reader = s.stdin
		if s.closer != nil {
			defer s.closer.Close()
		}
		if r == nil {
			file, err := os.Open(s.path)
			if err != nil {
				s.err = err
				return
			}
			defer file.Close()
			r = file
		}
		r = &countingReader{r: r, n: &s.read}
		switch s.Format {
		case WARC:
			s.err = s.warc(r, yield)
		default:
			zr, err := maybeGunzip(bufio.NewReaderSize(r, 64<<10))
			if err != nil {
				s.err = err
				return
			}
			if s.Format == JSONL {
				s.err = s.jsonl(zr, yield)
			} else {
				s.err = s.urls(zr, yield)
			}
		}
	}
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// BadInputError is the item error of a document that is not valid input:
// a line that is not a JSON object, a record with no page, an empty file.
type BadInputError struct{ Err error }

func (e *BadInputError) Error() string { return e.Err.Error() }

func (e *BadInputError) Unwrap() error { return e.Err }

func badInput(format string, a ...any) error {
	return &BadInputError{Err: fmt.Errorf(format, a...)}
}

// TooLargeError is the item error of a document over Options.MaxBytes.
type TooLargeError struct{ Limit int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the document is larger than %d bytes", e.Limit)
}

// readLimited reads r up to limit bytes, failing with *TooLargeError past
// it.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Limit: limit}
	}
	return data, nil
}
