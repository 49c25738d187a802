package main

import (
	"context"
	"io"
	"math"

	"google.golang.org/protobuf/encoding/protojson"

	"github.com/winnowhq/winnow/client"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/internal/modelload"
	"github.com/winnowhq/winnow/server"
	"github.com/winnowhq/winnow/server/web"
)

// htmlOptions are what --format html asks for: the offset text, UTF-16
// offsets (the page's script slices JavaScript strings) and the features
// that weighed most, shown on hover.
func htmlOptions(opts *winnowv1.ClassifyOptions) {
	opts.IncludeText = true
	opts.Explain = true
	opts.OffsetEncoding = winnowv1.OffsetEncoding_OFFSET_ENCODING_UTF16
}

// writeHTML writes resp as one self-contained page: the moderation view
// winnowd serves at /, with its stylesheet, script and this response
// inlined (server/web.Standalone), readable with no server. The threshold
// slider starts at --threshold, else at the model's default threshold
// (asked of the server or read from the model; the page guesses it from the
// labels when that fails).
func writeHTML(ctx context.Context, w io.Writer, f classifyFlags, resp *winnowv1.ClassifyResponse) error {
	rj, err := protojson.Marshal(resp)
	if err != nil {
		return err
	}
	var mj []byte
	if m := modelInfo(ctx, f); m != nil {
		if !math.IsNaN(f.threshold) {
			m.DefaultThreshold = float32(f.threshold)
		}
		mj, _ = protojson.Marshal(m)
	}
	page, err := web.Standalone(rj, mj)
	if err != nil {
		return err
	}
	_, err = w.Write(page)
	return err
}

// modelInfo describes the model that classified, or returns nil.
func modelInfo(ctx context.Context, f classifyFlags) *winnowv1.GetModelResponse {
	if f.server != "" {
		c, err := client.New(f.server)
		if err != nil {
			return nil
		}
		defer c.Close()
		m, _ := c.GetModel(ctx)
		return m
	}
	cls, err := modelload.Classifier(f.model)
	if err != nil {
		return nil
	}
	return server.ModelResponse(cls.Info())
}
