package server

import (
	"context"
	"fmt"
	"math"
	"mime"
	"strings"
	"unicode/utf8"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"

	"github.com/winnowhq/winnow/classifier"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// Field limits checked by validation (see the proto comments).
const (
	maxIDBytes           = 256
	maxURLBytes          = 8192
	maxLanguageCodeBytes = 35
	maxTitleBytes        = classifier.MaxTitleBytes
	maxMediaTypeBytes    = 256
	maxExplainFeatures   = 100
)

// validateUnary is the validation interceptor: it rejects a malformed
// request with INVALID_ARGUMENT and a google.rpc.BadRequest listing every
// field violation, before the handler runs. For ClassifyBatch it checks
// only the request as a whole (document count, options): a bad document
// gets its own error result instead, so one bad document never fails the
// batch. Streams are validated per message by the handler, for the same
// reason.
func (s *Service) validateUnary(ctx context.Context, req any, _ *grpc.UnaryServerInfo, next grpc.UnaryHandler) (any, error) {
	var v violations
	switch r := req.(type) {
	case *winnowv1.ClassifyRequest:
		v.document("document", r.GetDocument())
		v.options("options", r.GetOptions())
	case *winnowv1.ClassifyBatchRequest:
		v.batch(r, s.opts.MaxBatchDocuments)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	return next(ctx, req)
}

// violations collects field violations of one request.
type violations []*errdetails.BadRequest_FieldViolation

func (v *violations) add(field, format string, args ...any) {
	*v = append(*v, &errdetails.BadRequest_FieldViolation{Field: field, Description: fmt.Sprintf(format, args...)})
}

// err returns nil or an INVALID_ARGUMENT status error with a
// google.rpc.BadRequest and a google.rpc.ErrorInfo detail.
func (v violations) err() error {
	if len(v) == 0 {
		return nil
	}
	var msg strings.Builder
	msg.WriteString("winnow: invalid request: ")
	for i, fv := range v {
		if i > 0 {
			msg.WriteString("; ")
		}
		msg.WriteString(fv.GetField() + ": " + fv.GetDescription())
	}
	s := status.New(codes.InvalidArgument, msg.String())
	ds, err := s.WithDetails([]protoadapt.MessageV1{
		&errdetails.ErrorInfo{Reason: "INVALID_REQUEST", Domain: ErrorDomain},
		&errdetails.BadRequest{FieldViolations: v},
	}...)
	if err == nil {
		s = ds
	}
	return s.Err()
}

func (v *violations) document(field string, d *winnowv1.Document) {
	if d == nil {
		v.add(field, "a document is required")
		return
	}
	v.utf8(field+".id", d.GetId())
	v.utf8(field+".url", d.GetUrl())
	v.utf8(field+".language_code", d.GetLanguageCode())
	v.utf8(field+".title", d.GetTitle())
	if n := len(d.GetId()); n > maxIDBytes {
		v.add(field+".id", "%d bytes exceeds the limit of %d", n, maxIDBytes)
	}
	if n := len(d.GetUrl()); n > maxURLBytes {
		v.add(field+".url", "%d bytes exceeds the limit of %d", n, maxURLBytes)
	}
	if n := len(d.GetLanguageCode()); n > maxLanguageCodeBytes {
		v.add(field+".language_code", "%d bytes exceeds the limit of %d", n, maxLanguageCodeBytes)
	}
	if n := len(d.GetTitle()); n > maxTitleBytes {
		v.add(field+".title", "%d bytes exceeds the limit of %d", n, maxTitleBytes)
	}
	switch c := d.GetContent().(type) {
	case *winnowv1.Document_Html:
		if c.Html == "" {
			v.add(field+".html", "the document is empty")
		}
		v.utf8(field+".html", c.Html)
	case *winnowv1.Document_Text:
		if c.Text == "" {
			v.add(field+".text", "the document is empty")
		}
		v.utf8(field+".text", c.Text)
	case *winnowv1.Document_Raw:
		if len(c.Raw.GetData()) == 0 {
			v.add(field+".raw.data", "the document is empty")
		}
		mt := c.Raw.GetMediaType()
		v.utf8(field+".raw.media_type", mt)
		if n := len(mt); n > maxMediaTypeBytes {
			v.add(field+".raw.media_type", "%d bytes exceeds the limit of %d", n, maxMediaTypeBytes)
		} else if mt != "" {
			if _, _, err := mime.ParseMediaType(mt); err != nil {
				v.add(field+".raw.media_type", "%q is not a media type such as \"text/html; charset=utf-8\": %v", mt, err)
			}
		}
	default:
		v.add(field+".content", errContent)
	}
}

// utf8 reports a string field that is not UTF-8 (the codec lets such
// strings through for this check).
func (v *violations) utf8(field, s string) {
	if utf8.ValidString(s) {
		return
	}
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		i += n
	}
	v.add(field, "invalid UTF-8 at byte %d: string fields must be UTF-8; send other bytes as raw.data with a media type such as \"text/html; charset=windows-1256\"", i)
}

func (v *violations) options(field string, o *winnowv1.ClassifyOptions) {
	if n := o.GetMaxExplainFeatures(); n < 0 || n > maxExplainFeatures {
		v.add(field+".max_explain_features", "%d is outside [0, %d]", n, maxExplainFeatures)
	}
	if e := o.GetOffsetEncoding(); !validEncoding(e) {
		v.add(field+".offset_encoding", "%d is not an OffsetEncoding (want UTF8, UTF16 or UTF32)", e)
	}
	if o != nil && o.Threshold != nil {
		if t := o.GetThreshold(); !(t >= 0 && t <= 1) || math.IsNaN(float64(t)) {
			v.add(field+".threshold", "%v is outside [0, 1]", t)
		}
	}
}

func (v *violations) batch(r *winnowv1.ClassifyBatchRequest, maxDocs int) {
	switch n := len(r.GetDocuments()); {
	case n == 0:
		v.add("documents", "at least one document is required")
	case n > maxDocs:
		v.add("documents", "%d documents exceeds this server's batch limit of %d; split the batch", n, maxDocs)
	}
	v.options("options", r.GetOptions())
}
