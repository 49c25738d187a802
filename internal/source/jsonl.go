package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// record is one JSONL input line.
type record struct {
	ID        json.RawMessage `json:"id"`
	HTML      *string         `json:"html"`
	Text      *string         `json:"text"`
	URL       string          `json:"url"`
	Lang      string          `json:"lang"`
	Title     string          `json:"title"`
	MediaType string          `json:"media_type"`
}

// jsonl yields one item per non-blank line. A line that is not a JSON
// object with exactly one of html or text, or a url, becomes an item
// error; its id is the record's id when it can be read, else "line:N".
func (s *Source) jsonl(r io.Reader, yield func(Item) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, err := readLine(br, s.opts.MaxLineBytes)
		var tooLong *lineTooLongError
		errors.As(err, &tooLong)
		if errors.Is(err, io.EOF) && len(line) == 0 && tooLong == nil {
			return nil
		}
		if err != nil && !errors.Is(err, io.EOF) && tooLong == nil {
			return err
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 && tooLong == nil {
			continue
		}
		it := parseRecord(line, n, s.opts.MaxBytes)
		if tooLong != nil {
			it = Item{ID: "line:" + strconv.Itoa(n), Err: &BadInputError{Err: tooLong}}
		}
		if !yield(it) {
			return nil
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
	}
}

// parseRecord turns line n into an item.
func parseRecord(line []byte, n int, maxBytes int64) Item {
	it := Item{ID: "line:" + strconv.Itoa(n)}
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		it.Err = badInput("line %d is not a JSON object: %w", n, err)
		return it
	}
	switch id := bytes.TrimSpace(rec.ID); {
	case len(id) == 0 || string(id) == "null":
	case id[0] == '"':
		var s string
		if json.Unmarshal(id, &s) == nil && s != "" {
			it.ID = s
		}
	case id[0] == '-' || ('0' <= id[0] && id[0] <= '9'):
		it.ID = string(id) // a number, as written
	default:
		it.Err = badInput("line %d: id must be a string or a number", n)
		return it
	}
	it.URL, it.Lang, it.Title, it.MediaType = rec.URL, rec.Lang, rec.Title, rec.MediaType
	switch {
	case rec.HTML != nil && rec.Text != nil:
		it.Err = badInput("line %d: both html and text are set; send one", n)
	case rec.HTML != nil:
		it.Data = []byte(*rec.HTML)
		if it.MediaType == "" {
			it.MediaType = "text/html; charset=utf-8"
		}
	case rec.Text != nil:
		it.Data = []byte(*rec.Text)
		if it.MediaType == "" {
			it.MediaType = "text/plain; charset=utf-8"
		}
	case rec.URL != "":
		// fetched later
	default:
		it.Err = badInput("line %d: none of html, text or url is set", n)
	}
	if it.Data != nil && int64(len(it.Data)) > maxBytes {
		it.Data, it.Err = nil, &TooLargeError{Limit: maxBytes}
	}
	if it.Data != nil && len(it.Data) == 0 {
		it.Data, it.Err = nil, badInput("line %d: the document is empty", n)
	}
	return it
}

type lineTooLongError struct{ limit int64 }

func (e *lineTooLongError) Error() string {
	return fmt.Sprintf("the line is longer than %d bytes", e.limit)
}

// readLine reads one line without its newline. A line over limit is
// skipped to its end and reported as *lineTooLongError; io.EOF comes with
// the last line when it has no newline.
func readLine(br *bufio.Reader, limit int64) ([]byte, error) {
	var line []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > limit+1 {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if tooLong {
			if err == nil {
				err = &lineTooLongError{limit}
			} else if errors.Is(err, io.EOF) {
				err = errors.Join(&lineTooLongError{limit}, io.EOF)
			}
			return []byte{}, err
		}
		return bytes.TrimSuffix(line, []byte("\n")), err
	}
}
