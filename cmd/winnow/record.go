package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/reflect/protoreflect"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/internal/fetch"
	"github.com/winnowhq/winnow/internal/source"
)

// record is one line of `classify --format jsonl` and of `batch` output:
// a document's result, or its error.
type record struct {
	ID       string        `json:"id"`
	URL      string        `json:"url,omitempty"`
	Title    *string       `json:"title,omitempty"`
	MainText *string       `json:"main_text,omitempty"`
	Language *string       `json:"language,omitempty"`
	PageKind string        `json:"page_kind,omitempty"`
	Mode     string        `json:"mode,omitempty"`
	Encoding string        `json:"encoding,omitempty"`
	Model    string        `json:"model_version,omitempty"`
	Blocks   []blockRecord `json:"blocks,omitempty"`
	Text     string        `json:"text,omitempty"`
	Error    *errorRecord  `json:"error,omitempty"`
}

// blockRecord is a block with numeric offsets into record.Text.
type blockRecord struct {
	Start    int64   `json:"start"`
	End      int64   `json:"end"`
	Label    string  `json:"label"`
	Category string  `json:"category"`
	Score    float32 `json:"score"`
}

type errorRecord struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// resultRecord shapes a response; with blocks, the blocks and the text
// their offsets refer to are included.
func resultRecord(id, url string, resp *winnowv1.ClassifyResponse, blocks bool) record {
	r := record{
		ID:       id,
		URL:      url,
		Title:    ptr(resp.GetTitle()),
		MainText: ptr(resp.GetMainText()),
		Language: ptr(resp.GetLanguageCode()),
		PageKind: pageKind(resp),
		Mode:     enumName(resp.GetMode().String(), "MODE_"),
		Encoding: resp.GetEncoding(),
		Model:    resp.GetModelVersion(),
	}
	if blocks {
		r.Text = resp.GetText()
		r.Blocks = make([]blockRecord, 0, len(resp.GetBlocks()))
		for _, b := range resp.GetBlocks() {
			r.Blocks = append(r.Blocks, blockRecord{
				Start:    b.GetStart(),
				End:      b.GetEnd(),
				Label:    enumName(b.GetLabel().String(), "LABEL_"),
				Category: enumName(b.GetCategory().String(), "CATEGORY_"),
				Score:    b.GetScore(),
			})
		}
	}
	return r
}

func ptr(s string) *string { return &s }

// pageKind returns the response's page kind when the API has one (a
// "page_kind" enum field) and it is set, else "".
func pageKind(resp *winnowv1.ClassifyResponse) string {
	m := resp.ProtoReflect()
	fd := m.Descriptor().Fields().ByName("page_kind")
	if fd == nil || fd.Kind() != protoreflect.EnumKind || !m.Has(fd) {
		return ""
	}
	v := fd.Enum().Values().ByNumber(m.Get(fd).Enum())
	if v == nil || v.Number() == 0 {
		return ""
	}
	return enumName(string(v.Name()), "PAGE_KIND_")
}

// errorRecordOf shapes a document's error.
func errorRecordOf(id, url string, err error) record {
	return record{ID: id, URL: url, Error: &errorRecord{Kind: errorKind(err), Message: oneLine(err)}}
}

// errorKind names the kind of a document error for summaries: a fetch
// error kind ("fetch_timeout"...), "too_large", "read", or the gRPC code
// ("bad_input" for INVALID_ARGUMENT, "unavailable"...).
func errorKind(err error) string {
	var fe *fetch.Error
	if errors.As(err, &fe) {
		return "fetch_" + string(fe.Kind)
	}
	var tl *source.TooLargeError
	if errors.As(err, &tl) {
		return "too_large"
	}
	var bi *source.BadInputError
	if errors.As(err, &bi) {
		return "bad_input"
	}
	s, ok := status.FromError(err)
	if !ok {
		return "read"
	}
	switch s.Code() {
	case codes.InvalidArgument:
		return "bad_input"
	case codes.ResourceExhausted:
		return "too_large"
	case codes.DeadlineExceeded:
		return "timeout"
	}
	return strings.ToLower(strings.ReplaceAll(s.Code().String(), " ", "_"))
}

func oneLine(err error) string {
	if s, ok := status.FromError(err); ok {
		if s.Code() == codes.InvalidArgument {
			return describe(err, "")
		}
		return s.Message()
	}
	return strings.Join(strings.Fields(err.Error()), " ")
}

// marshalLine renders r as one JSON line (newline included), with HTML
// characters unescaped.
func marshalLine(r record) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
