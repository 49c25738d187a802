package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/spf13/cobra"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/client"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/internal/fetch"
	"github.com/winnowhq/winnow/internal/modelload"
	"github.com/winnowhq/winnow/server"
)

// maxInputBytes bounds what classify reads from a file or stdin; the
// classifier's own limit (16 MiB by default) is usually hit first.
const maxInputBytes = 256 << 20

const classifyLong = `Labels every block of news pages (HTML or plain text, any charset) and prints
the result. Reads each FILE, fetches each http(s) URL, reads stdin for "-" or
when no argument is given. Without --server the embedded model runs
in-process. With several documents, a failed one is reported on stderr and the
others are still classified; the exit code is then the worst one. For folders,
JSONL, URL lists and WARC files use winnow batch.

formats:
  text    the article text (content blocks, one per line)
  json    the winnow.v1.ClassifyResponse as protojson, including "text", the
          string the block offsets refer to, "pageKind" and "hasArticle"
  jsonl   one JSON object a line per document: id, url, title, main_text,
          language, page_kind (when the model gives one), mode, encoding,
          model_version; with --blocks also blocks (numeric UTF-8 byte offsets
          into "text") and text; a failed document is {"id", "error"}
  blocks  one TSV line per block: start, end (UTF-8 byte offsets into the
          text), label, category, score (3 decimals), the block's first 60
          characters (tab, newline, CR and backslash escaped)
  html    one self-contained page with every block highlighted by category
          (the moderation view of winnowd --http-listen, no server needed)
With several documents, text and blocks output puts a "==> ID <==" line before
each document.

A page that holds no article (the model judges the page kind: article,
listing, forum, product or other) has no content block unless --keep-content
is given; with --format text a note on stderr says so.

Exit codes: 0 ok, 1 usage, 2 bad input, 3 server or network error.`

const classifyExamples = `  winnow classify --format blocks examples/seed-fa-news.txt
  winnow classify --format jsonl a.html b.html https://example.com/news/1
  curl -s https://example.com/ | winnow classify --url https://example.com/ --lang en -
  winnow classify --server 127.0.0.1:7390 --format json page.html`

type classifyFlags struct {
	remote       remoteFlags
	mode         string
	format       string
	model        string
	explain      bool
	blocks       bool
	threshold    float64
	timeout      time.Duration
	lang         string
	title        string
	url          string
	color        string
	allowPrivate bool
	keep         bool
}

func (a *app) classifyCmd() *cobra.Command {
	var f classifyFlags
	cmd := &cobra.Command{
		Use:     "classify [flags] [FILE|URL|-]...",
		Short:   "Label the blocks of pages and print their article text",
		Long:    classifyLong,
		Example: classifyExamples,
		RunE: func(c *cobra.Command, args []string) error {
			return exit(a.runClassify(&f, args))
		},
	}
	fs := cmd.Flags()
	f.remote.register(fs)
	fs.StringVar(&f.mode, "mode", "auto", "read the input as `auto`, html or text (auto sniffs)")
	fs.StringVar(&f.format, "format", "text", "output `format`: text, json, jsonl, blocks or html")
	fs.StringVar(&f.model, "model", "", "model `FILE` for in-process classification (default: embedded)")
	fs.BoolVar(&f.explain, "explain", false, "include the features that weighed most per block (json format)")
	fs.BoolVar(&f.blocks, "blocks", false, "with --format jsonl, include the blocks and the text they index")
	fs.Float64Var(&f.threshold, "threshold", -1, "content-probability cut in [0,1] (-1: the model's)")
	fs.DurationVar(&f.timeout, "timeout", time.Minute, "give up after this long (each document, fetching included)")
	fs.StringVar(&f.lang, "lang", "", "BCP-47 language `CODE` hint (e.g. fa, en) for every document")
	fs.StringVar(&f.title, "title", "", "the page's `TITLE` (og:title or <title>), as a hint for plain text: the line that says it is the headline and content before it is dropped (an HTML page with og:title or <title> reads its own)")
	fs.StringVar(&f.url, "url", "", "the page's `URL`, as a hint for a file or stdin: the page model reads its shape to tell articles from front pages, forums and products (never fetched)")
	fs.StringVar(&f.color, "color", "auto", "colour categories and titles: auto (on a terminal, unless NO_COLOR is set), always or never")
	fs.BoolVar(&f.keep, "keep-content", false, "keep the content blocks of a page that holds no article (a front page, listing, forum or product page; by default it has none)")
	fs.BoolVar(&f.allowPrivate, "allow-private", false, "allow fetching URLs on loopback and private addresses")
	complete(cmd, "format", "text", "json", "jsonl", "blocks", "html")
	complete(cmd, "mode", "auto", "html", "text")
	complete(cmd, "color", "auto", "always", "never")
	return cmd
}

func (a *app) runClassify(f *classifyFlags, pos []string) int {
	ctx, stdin, stdout := a.ctx, a.stdin, a.stdout
	fail := a.failer("classify")
	mediaType := ""
	switch f.mode {
	case "auto":
	case "html":
		mediaType = "text/html"
	case "text":
		mediaType = "text/plain"
	default:
		return fail(exitUsage, "--mode %q: want auto, html or text", f.mode)
	}
	switch f.format {
	case "text", "json", "jsonl", "blocks", "html":
	default:
		return fail(exitUsage, "--format %q: want text, json, jsonl, blocks or html", f.format)
	}
	switch f.color {
	case "auto", "always", "never":
	default:
		return fail(exitUsage, "--color %q: want auto, always or never", f.color)
	}
	if f.remote.server != "" && f.model != "" {
		return fail(exitUsage, "--model selects the in-process model; it cannot be combined with --server (the server chose its model)")
	}
	opts := &winnowv1.ClassifyOptions{
		Explain:                   f.explain,
		IncludeText:               f.format == "json" || f.format == "blocks" || f.blocks,
		OmitBlocks:                f.format == "text" || (f.format == "jsonl" && !f.blocks),
		KeepContentWithoutArticle: f.keep,
	}
	if f.timeout <= 0 {
		return fail(exitUsage, "--timeout %v: want a positive duration (e.g. 30s)", f.timeout)
	}
	if f.threshold != -1 {
		if f.threshold < 0 || f.threshold > 1 {
			return fail(exitUsage, "--threshold %v: want a number in [0,1]", f.threshold)
		}
		t := float32(f.threshold)
		opts.Threshold = &t
	}
	if len(pos) == 0 {
		pos = []string{"-"}
	}
	if f.url != "" && len(pos) > 1 {
		return fail(exitUsage, "--url is the URL of one document; %d were given", len(pos))
	}
	if f.format == "html" {
		htmlOptions(opts)
		if len(pos) > 1 {
			return fail(exitUsage, "--format html shows one document; %d were given (use --format jsonl for several)", len(pos))
		}
	}

	var classify func(context.Context, *winnowv1.Document) (*winnowv1.ClassifyResponse, error)
	if f.remote.server != "" {
		c, err := f.remote.open(client.Retry{})
		if err != nil {
			return fail(exitUsage, "%v", err)
		}
		defer c.Close()
		classify = func(ctx context.Context, d *winnowv1.Document) (*winnowv1.ClassifyResponse, error) {
			return c.Classify(ctx, d, opts)
		}
	} else {
		local, err := localClassifier(f.model)
		if err != nil {
			return fail(exitBadInput, "%v", err)
		}
		classify = func(ctx context.Context, d *winnowv1.Document) (*winnowv1.ClassifyResponse, error) {
			return local(ctx, d, opts)
		}
	}

	fetcher := fetch.New(fetch.Options{Timeout: f.timeout, AllowPrivate: f.allowPrivate})
	color := useColor(f.color, stdout)
	multi := len(pos) > 1
	code := exitOK
	worse := func(c int) {
		if c > code {
			code = c
		}
	}
	for in := range classifyInputs(ctx, pos, stdin, fetcher) {
		if ctx.Err() != nil {
			return fail(exitServer, "cancelled")
		}
		url := in.url
		if f.url != "" {
			url = f.url
		}
		var resp *winnowv1.ClassifyResponse
		err := in.err
		if err == nil {
			mt := in.mediaType
			if mediaType != "" {
				mt = mediaType
			}
			doc := client.Raw(in.id, in.data, mt)
			doc.Url, doc.LanguageCode, doc.Title = url, f.lang, f.title
			dctx, cancel := context.WithTimeout(ctx, f.timeout)
			resp, err = classify(dctx, doc)
			cancel()
		}
		if err != nil {
			c := inputExit(err)
			if in.err == nil {
				c = errorExit(err)
			}
			worse(c)
			msg := describe(err, f.remote.server)
			if multi {
				msg = in.id + ": " + msg
			}
			fail(c, "%s", msg)
			if f.format == "jsonl" {
				line, _ := marshalLine(errorRecordOf(in.id, url, err))
				stdout.Write(line)
			}
			continue
		}
		if f.format == "text" && resp.GetPageKind() != winnowv1.PageKind_PAGE_KIND_UNSPECIFIED && !resp.GetHasArticle() && !f.keep {
			// not an error: say why the output is empty
			fmt.Fprintf(a.stderr, "winnow classify: %s: no article: the page looks like a %s page (--keep-content prints its main content anyway)\n",
				in.id, enumName(resp.GetPageKind().String(), "PAGE_KIND_"))
		}
		if f.format == "html" {
			err = writeHTML(ctx, stdout, *f, resp)
		} else {
			err = write(stdout, f.format, resp, writeOptions{id: in.id, url: url, multi: multi, color: color, blocks: f.blocks})
		}
		if err != nil {
			return fail(exitServer, "cannot write the output: %v", err)
		}
	}
	return code
}

// inputExit is the exit code of a document that could not be read or
// fetched: a network failure is 3, anything else bad input (2).
func inputExit(err error) int {
	var fe *fetch.Error
	if errors.As(err, &fe) && (fe.Kind == fetch.KindNetwork || fe.Kind == fetch.KindTimeout) {
		return exitServer
	}
	return exitBadInput
}

func readInput(name string, stdin io.Reader) ([]byte, error) {
	r := stdin
	what := "stdin"
	if name != "-" {
		file, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("cannot read the input: %w", err)
		}
		defer file.Close()
		r, what = file, name
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", what, err)
	}
	if len(data) > maxInputBytes {
		return nil, fmt.Errorf("%s is larger than %d bytes; split it", what, maxInputBytes)
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("%s is empty: nothing to classify", what)
	}
	return data, nil
}

// localClassifier loads the model file (or the embedded model) once and
// returns a function that classifies in-process, calling the classifier
// directly; server.Input and server.Response shape the request and the
// response as the server does, and errors carry the status code the server
// would return. The function is safe for concurrent use.
func localClassifier(modelFile string) (func(context.Context, *winnowv1.Document, *winnowv1.ClassifyOptions) (*winnowv1.ClassifyResponse, error), error) {
	cls, err := modelload.Classifier(modelFile)
	if err != nil {
		return nil, fmt.Errorf("cannot load the model: %v", err)
	}
	return func(ctx context.Context, doc *winnowv1.Document, opts *winnowv1.ClassifyOptions) (*winnowv1.ClassifyResponse, error) {
		in, err := server.Input(doc, opts)
		if err == nil {
			var res *classifier.Result
			if res, err = cls.Classify(ctx, in); err == nil {
				return server.Response(res, doc.GetId(), opts), nil
			}
		}
		return nil, server.Status(err).Err()
	}, nil
}

// errorExit maps an error to the exit code: bad input is the caller's to
// fix (2), anything else is the server's or the network's (3).
func errorExit(err error) int {
	switch status.Code(err) {
	case codes.ResourceExhausted:
		return exhaustedExit(status.Convert(err))
	case codes.InvalidArgument, codes.OutOfRange, codes.FailedPrecondition:
		return exitBadInput
	}
	return exitServer
}

// describe renders err as one actionable line.
func describe(err error, addr string) string {
	s, ok := status.FromError(err)
	if !ok {
		return err.Error()
	}
	where := "in-process"
	if addr != "" {
		where = "server " + addr
	}
	switch s.Code() {
	case codes.InvalidArgument:
		var parts []string
		for _, d := range s.Details() {
			if br, ok := d.(*errdetails.BadRequest); ok {
				for _, v := range br.GetFieldViolations() {
					parts = append(parts, v.GetField()+": "+v.GetDescription())
				}
			}
		}
		if len(parts) > 0 {
			return "bad input: " + strings.Join(parts, "; ")
		}
		return "bad input: " + s.Message()
	case codes.ResourceExhausted:
		return describeExhausted(s, where)
	case codes.Unavailable:
		return fmt.Sprintf("%s is unavailable (%s); is winnowd running there? start it with: winnowd --listen %s", where, s.Message(), addr)
	case codes.DeadlineExceeded:
		return fmt.Sprintf("%s did not answer in time; raise --timeout or check the server", where)
	case codes.Canceled:
		return "cancelled"
	}
	return fmt.Sprintf("%s failed: %s: %s", where, s.Code(), s.Message())
}

// writeOptions say how write renders one document among others.
type writeOptions struct {
	id, url string
	multi   bool // several documents: text and blocks get a "==> ID <==" line
	color   bool
	blocks  bool // jsonl: include blocks
}

func write(w io.Writer, format string, resp *winnowv1.ClassifyResponse, o writeOptions) error {
	var buf bytes.Buffer
	if o.multi && (format == "text" || format == "blocks") {
		fmt.Fprintf(&buf, "==> %s <==\n", o.id)
	}
	switch format {
	case "text":
		text := resp.GetMainText()
		if o.color && resp.GetTitle() != "" && strings.HasPrefix(text, resp.GetTitle()) {
			text = sgrBold + resp.GetTitle() + sgrReset + text[len(resp.GetTitle()):]
		}
		buf.WriteString(text)
		if text != "" {
			buf.WriteByte('\n')
		}
	case "json":
		// Zero values are written too (start 0, score 0...), so scripts
		// need no defaults.
		raw, err := protojson.MarshalOptions{EmitUnpopulated: true}.Marshal(resp)
		if err != nil {
			return err
		}
		// protojson's whitespace is deliberately unstable; re-indent it
		// so the output is byte-for-byte reproducible.
		if err := json.Indent(&buf, raw, "", "  "); err != nil {
			return err
		}
		buf.WriteByte('\n')
	case "jsonl":
		line, err := marshalLine(resultRecord(o.id, o.url, resp, o.blocks))
		if err != nil {
			return err
		}
		buf.Write(line)
	case "blocks":
		writeBlocks(&buf, resp, o.color)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// writeBlocks writes one TSV line per block: start, end, label, category,
// score and the first 60 characters of the block, escaped.
func writeBlocks(buf *bytes.Buffer, resp *winnowv1.ClassifyResponse, color bool) {
	text := resp.GetText()
	for _, b := range resp.GetBlocks() {
		var snippet string
		if s, e := b.GetStart(), b.GetEnd(); 0 <= s && s <= e && e <= int64(len(text)) {
			snippet = text[s:e]
		}
		buf.WriteString(strconv.FormatInt(b.GetStart(), 10))
		buf.WriteByte('\t')
		buf.WriteString(strconv.FormatInt(b.GetEnd(), 10))
		buf.WriteByte('\t')
		cat := enumName(b.GetCategory().String(), "CATEGORY_")
		buf.WriteString(paint(color, cat, enumName(b.GetLabel().String(), "LABEL_")))
		buf.WriteByte('\t')
		buf.WriteString(paint(color, cat, cat))
		buf.WriteByte('\t')
		buf.WriteString(strconv.FormatFloat(float64(b.GetScore()), 'f', 3, 32))
		buf.WriteByte('\t')
		buf.WriteString(escape(firstRunes(snippet, 60)))
		buf.WriteByte('\n')
	}
}

func enumName(s, prefix string) string { return strings.ToLower(strings.TrimPrefix(s, prefix)) }

func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

var escaper = strings.NewReplacer("\\", `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

func escape(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return escaper.Replace(s)
}
