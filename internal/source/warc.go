package source

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"

	"github.com/nlnwa/gowarc/v3"
)

// warc yields the HTML and plain-text pages of a WARC file (gzipped per
// record or not): "response" records with a 2xx HTTP status, and
// "resource" records. Other records (requests, metadata, revisits, images,
// redirects) are skipped. The media type comes from the HTTP
// Content-Type header (resource records: the WARC Content-Type), so its
// charset reaches the decoder; chunked transfer coding and gzip or
// deflate content coding are undone. The ID is the WARC-Record-ID, else the
// WARC-Target-URI, else "record:N" (the record's place in the file,
// counting from 1, skipped records included); the URL is the
// WARC-Target-URI.
func (s *Source) warc(r io.Reader, yield func(Item) bool) error {
	wf, err := gowarc.NewWarcFileReaderFromStream(r, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithBlockErrorPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBufferMaxMemBytes(s.opts.MaxBytes))
	if err != nil {
		return err
	}
	defer wf.Close()
	for n := 1; ; n++ {
		rec, err := wf.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			rec.Close()
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return fmt.Errorf("source: WARC record at byte %d is cut short (a truncated file?): %w", rec.Offset, err)
			}
			return fmt.Errorf("source: WARC record at byte %d: %w", rec.Offset, err)
		}
		it, ok := s.warcItem(rec.WarcRecord, n)
		rec.Close()
		if ok && !yield(it) {
			return nil
		}
	}
}

// warcItem turns the n-th record into an item; ok is false for records
// that are not pages.
func (s *Source) warcItem(wr gowarc.WarcRecord, n int) (it Item, ok bool) {
	if wr == nil {
		return it, false
	}
	h := wr.WarcHeader()
	it = Item{ID: wr.RecordId(), URL: h.Get(gowarc.WarcTargetURI)}
	if it.ID == "" {
		it.ID = it.URL
	}
	if it.ID == "" {
		it.ID = "record:" + strconv.Itoa(n)
	}
	var body io.Reader
	var raw *blockReader // the record's block as read from the file
	switch wr.Type() {
	case gowarc.Response:
		blk, isHTTP := wr.Block().(gowarc.HttpResponseBlock)
		if !isHTTP {
			return it, false // e.g. dns: records
		}
		if c := blk.HttpStatusCode(); c < 200 || c > 299 {
			return it, false
		}
		hh := blk.HttpHeader()
		if hh == nil {
			hh = &http.Header{}
		}
		it.MediaType = hh.Get("Content-Type")
		p, err := blk.PayloadBytes()
		if err != nil {
			it.Err = fmt.Errorf("WARC response payload: %w", err)
			return it, textual(it.MediaType)
		}
		raw = &blockReader{r: p, n: int64(len(blk.ProtocolHeaderBytes()))}
		body, err = decodeHTTPBody(raw, *hh, chunked(blk.ProtocolHeaderBytes()))
		if err != nil {
			it.Err = err
			return it, textual(it.MediaType)
		}
	case gowarc.Resource:
		it.MediaType = h.Get(gowarc.ContentType)
		p, err := wr.Block().RawBytes()
		if err != nil {
			it.Err = fmt.Errorf("WARC resource payload: %w", err)
			return it, textual(it.MediaType)
		}
		raw = &blockReader{r: p}
		body = raw
	default:
		return it, false
	}
	if !textual(it.MediaType) {
		return it, false
	}
	it.Data, it.Err = readLimited(body, s.opts.MaxBytes)
	if it.Err == nil {
		// a record cut short (the file ends inside it, as the last record
		// of an interrupted crawl does) reads as a shorter page: read the
		// rest of its block and hold it against its Content-Length
		io.Copy(io.Discard, raw)
		if want, err := wr.ContentLength(); err == nil && raw.n < want {
			it.Data, it.Err = nil, &BadInputError{Err: &TruncatedError{Want: want, Got: raw.n}}
		}
	}
	if it.Err == nil && len(it.Data) == 0 {
		it.Data, it.Err = nil, errEmpty
	}
	return it, true
}

// blockReader counts the bytes of a WARC record's block it reads (n starts
// at the bytes read before it, the HTTP header's).
type blockReader struct {
	r io.Reader
	n int64
}

func (b *blockReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.n += int64(n)
	return n, err
}

// TruncatedError is the item error (inside a BadInputError) of a WARC
// record whose block is shorter in the file than its Content-Length says:
// the file ends inside it.
type TruncatedError struct {
	Want, Got int64 // the Content-Length, and the bytes of the block read
}

func (e *TruncatedError) Error() string {
	return fmt.Sprintf("WARC record cut short: its Content-Length is %d bytes, the file holds %d of them", e.Want, e.Got)
}

// textual reports whether a media type is a page Winnow reads: HTML,
// XHTML, plain text, or none given (sniffed).
func textual(mediaType string) bool {
	if strings.TrimSpace(mediaType) == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(mediaType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(mediaType, ";", 2)[0]))
	}
	switch mt {
	case "text/html", "application/xhtml+xml", "text/plain":
		return true
	}
	return false
}

// chunked reports whether a raw HTTP header says
// "Transfer-Encoding: chunked" (net/http's parsed header drops that field).
func chunked(header []byte) bool {
	for line := range strings.SplitSeq(string(header), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(name), "Transfer-Encoding") &&
			strings.Contains(strings.ToLower(value), "chunked") {
			return true
		}
	}
	return false
}

// decodeHTTPBody undoes the transfer coding and content coding that
// archived HTTP bodies often keep.
func decodeHTTPBody(p io.Reader, h http.Header, chunked bool) (io.Reader, error) {
	if chunked {
		p = httputil.NewChunkedReader(bufio.NewReader(p))
	}
	switch strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding"))) {
	case "", "identity":
		return p, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(p)
		if err != nil {
			return nil, fmt.Errorf("WARC payload: bad gzip content coding: %w", err)
		}
		return zr, nil
	}
	return nil, fmt.Errorf("WARC payload: unsupported content coding %q", h.Get("Content-Encoding"))
}
