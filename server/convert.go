package server

import (
	"errors"
	"maps"
	"mime"
	"slices"
	"strings"
	"unsafe"

	"github.com/winnowhq/winnow/classifier"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// Input converts a wire document and its options to a classifier input.
// html and text become UTF-8 input with the mode forced; raw becomes raw
// input whose mode follows the media type ("text/html" and
// "application/xhtml+xml": HTML, "text/plain": text, otherwise sniffed).
// A document with no content is an error of kind classifier.KindInvalid.
// Input does not check limits or ranges: the classifier and the validation
// interceptor do.
func Input(doc *winnowv1.Document, opts *winnowv1.ClassifyOptions) (classifier.Input, error) {
	in := classifier.Input{
		ID:           doc.GetId(),
		URL:          doc.GetUrl(),
		LanguageHint: doc.GetLanguageCode(),
		Title:        doc.GetTitle(),
		Options: classifier.Options{
			Explain:                   opts.GetExplain(),
			MaxExplain:                int(opts.GetMaxExplainFeatures()),
			KeepContentWithoutArticle: opts.GetKeepContentWithoutArticle(),
		},
	}
	if opts != nil && opts.Threshold != nil {
		t := float64(opts.GetThreshold())
		in.Options.Threshold = &t
	}
	switch c := doc.GetContent().(type) {
	case *winnowv1.Document_Html:
		in.Data, in.Mode = bytesOf(c.Html), classifier.ModeHTML
	case *winnowv1.Document_Text:
		in.Data, in.Mode = bytesOf(c.Text), classifier.ModeText
	case *winnowv1.Document_Raw:
		in.Data, in.Raw, in.MediaType = c.Raw.GetData(), true, c.Raw.GetMediaType()
		in.Mode = modeOf(in.MediaType)
	default:
		return in, &classifier.Error{Op: "classify", Kind: classifier.KindInvalid, Field: "document.content",
			Err: errors.New(errContent)}
	}
	return in, nil
}

// bytesOf returns the bytes of s without copying them: the classifier
// only reads Input.Data (it copies what it keeps), and a copy of a
// 16 MiB document would cost its size again in memory.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

const errContent = "set exactly one of html, text or raw (none or more than one was sent)"

// modeOf returns the mode a media type forces.
func modeOf(mediaType string) classifier.Mode {
	if mediaType == "" {
		return classifier.ModeAuto
	}
	mt, _, err := mime.ParseMediaType(mediaType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(mediaType, ";")[0]))
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return classifier.ModeHTML
	case "text/plain":
		return classifier.ModeText
	}
	return classifier.ModeAuto
}

// Response converts a classifier result to the wire response for the
// document with id documentID, honouring opts (nil means the defaults:
// blocks and main text, no offset text).
func Response(res *classifier.Result, documentID string, opts *winnowv1.ClassifyOptions) *winnowv1.ClassifyResponse {
	out := &winnowv1.ClassifyResponse{
		DocumentId:   documentID,
		Title:        res.Title,
		LanguageCode: res.Language,
		ModelVersion: res.ModelVersion,
		Encoding:     res.Encoding,
		Mode:         wireMode(res.Mode),
		Summary:      summary(res.Summary),
		PageKind:     WirePageKind(res.PageKind),
		HasArticle:   res.HasArticle,

		// The unit of block offsets (offsets.go).
		OffsetEncoding: wireEncoding(opts.GetOffsetEncoding()),
	}
	if !opts.GetOmitMainText() {
		out.MainText = res.MainText()
	}
	if opts.GetIncludeText() {
		out.Text = res.Text
	}
	if !opts.GetOmitBlocks() {
		// One slab for all blocks: a text of one word per line has a
		// block per few bytes, and one allocation each doubled their cost.
		slab := make([]winnowv1.Block, len(res.Blocks))
		out.Blocks = make([]*winnowv1.Block, len(res.Blocks))
		conv := newOffsetConverter(res.Text, opts.GetOffsetEncoding())
		for i, b := range res.Blocks {
			setBlock(&slab[i], b, conv)
			out.Blocks[i] = &slab[i]
		}
	}
	return out
}

func setBlock(out *winnowv1.Block, b classifier.Block, conv *offsetConverter) {
	out.Label = WireLabel(b.Label)
	out.Category = WireCategory(b.Category)
	out.Score = float32(b.Score)
	out.ContentProbability = float32(b.ContentProb)
	out.Start = int64(conv.convert(b.Start))
	out.End = int64(conv.convert(b.End))
	out.ElementPath = b.Path
	if len(b.Explanation) > 0 {
		out.Explanation = make([]*winnowv1.FeatureWeight, len(b.Explanation))
		for i, c := range b.Explanation {
			out.Explanation[i] = &winnowv1.FeatureWeight{Feature: c.Feature, Weight: float32(c.Weight)}
		}
	}
}

func summary(s classifier.Summary) *winnowv1.DocumentSummary {
	out := &winnowv1.DocumentSummary{
		BoilerplateShare: float32(s.BoilerplateShare),
		AdsInBody:        s.AdsInBody,
		RelatedInBody:    s.RelatedInBody,
	}
	cats := classifier.Categories()
	slab := make([]winnowv1.CategoryCount, len(cats)) // one allocation, not one per category
	out.CategoryCounts = make([]*winnowv1.CategoryCount, len(cats))
	for i, c := range cats {
		slab[i].Category = WireCategory(c)
		slab[i].Count = int32(s.Counts[c])
		out.CategoryCounts[i] = &slab[i]
	}
	return out
}

// WireLabel converts a classifier label to its wire enum.
func WireLabel(l classifier.Label) winnowv1.Label {
	switch l {
	case classifier.Content:
		return winnowv1.Label_LABEL_CONTENT
	case classifier.Boilerplate:
		return winnowv1.Label_LABEL_BOILERPLATE
	}
	return winnowv1.Label_LABEL_UNSPECIFIED
}

// WireCategory converts a classifier category to its wire enum. The two
// enumerations share their numbers; unknown categories become
// CATEGORY_UNSPECIFIED.
func WireCategory(c classifier.Category) winnowv1.Category {
	if c >= classifier.NumCategories {
		return winnowv1.Category_CATEGORY_UNSPECIFIED
	}
	return winnowv1.Category(c)
}

func wireMode(m classifier.Mode) winnowv1.Mode {
	switch m {
	case classifier.ModeHTML:
		return winnowv1.Mode_MODE_HTML
	case classifier.ModeText:
		return winnowv1.Mode_MODE_TEXT
	}
	return winnowv1.Mode_MODE_UNSPECIFIED
}

// ModelResponse describes m on the wire. Lists are sorted so that the
// output never depends on map order.
func ModelResponse(info classifier.Info) *winnowv1.GetModelResponse {
	out := &winnowv1.GetModelResponse{
		Version:             info.Version,
		FormatVersion:       int32(info.FormatVersion),
		Fingerprint:         fingerprint(info.ContentSHA256),
		PipelineFingerprint: info.Fingerprint,
		ContentSha256:       info.ContentSHA256,
		Labels:              []winnowv1.Label{winnowv1.Label_LABEL_CONTENT, winnowv1.Label_LABEL_BOILERPLATE},
		LanguageCodes:       slices.Sorted(slices.Values(info.Languages)),
		DefaultThreshold:    float32(info.Threshold),
	}
	for _, c := range info.Categories {
		out.Categories = append(out.Categories, WireCategory(c))
	}
	for _, k := range info.PageKinds {
		out.PageKinds = append(out.PageKinds, WirePageKind(k))
	}
	for _, k := range slices.Sorted(maps.Keys(info.Training)) {
		out.TrainingData = append(out.TrainingData, &winnowv1.NamedCount{Name: k, Count: int64(info.Training[k])})
	}
	for _, k := range slices.Sorted(maps.Keys(info.Metrics)) {
		out.Metrics = append(out.Metrics, &winnowv1.Metric{Name: k, Value: info.Metrics[k]})
	}
	return out
}

// WirePageKind maps a page kind to the wire enum (the numbering is the
// same).
func WirePageKind(k classifier.PageKind) winnowv1.PageKind {
	if k >= classifier.NumPageKinds {
		return winnowv1.PageKind_PAGE_KIND_UNSPECIFIED
	}
	return winnowv1.PageKind(k)
}

// fingerprint is the short form of a model's content hash.
func fingerprint(sha string) string { return sha[:min(len(sha), 16)] }
