package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/client"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/internal/modelload"
	"github.com/winnowhq/winnow/server"
)

// maxInputBytes bounds what classify reads from a file or stdin; the
// classifier's own limit (16 MiB by default) is usually hit first.
const maxInputBytes = 256 << 20

const classifyUsage = `usage: winnow classify [flags] [FILE|-]

Labels every block of a news page (HTML or plain text, any charset) and prints
the result. Reads FILE, or stdin when FILE is "-" or missing. Without --server
the embedded model runs in-process.

formats:
  text    the article text (content blocks, one per line)
  json    the winnow.v1.ClassifyResponse as protojson, including "text", the
          string the block offsets refer to, "pageKind" and "hasArticle"
  blocks  one TSV line per block: start, end (UTF-8 byte offsets into the
          text), label, category, score (3 decimals), the block's first 60
          characters (tab, newline, CR and backslash escaped)
  html    one self-contained page with every block highlighted by category
          (the moderation view of winnowd --http-listen, no server needed)

A page that holds no article (the model judges the page kind: article,
listing, forum, product or other) has no content block unless --keep-content
is given; with --format text a note on stderr says so.

exit codes: 0 ok, 1 usage, 2 bad input, 3 server or network error

flags:
`

type classifyFlags struct {
	server    string
	mode      string
	format    string
	model     string
	explain   bool
	threshold float64
	timeout   time.Duration
	keep      bool
}

func runClassify(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f classifyFlags
	fs := flag.NewFlagSet("winnow classify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		io.WriteString(stderr, classifyUsage)
		fs.PrintDefaults()
	}
	fs.StringVar(&f.server, "server", "", "classify on the winnowd at `ADDR` (host:port) instead of in-process")
	fs.StringVar(&f.mode, "mode", "auto", "read the input as `auto`, html or text (auto sniffs)")
	fs.StringVar(&f.format, "format", "text", "output `format`: text, json, blocks or html")
	fs.StringVar(&f.model, "model", "", "model `FILE` for in-process classification (default: embedded)")
	fs.BoolVar(&f.explain, "explain", false, "include the features that weighed most per block (json format)")
	fs.Float64Var(&f.threshold, "threshold", math.NaN(), "content-probability cut in [0,1] (default: the model's)")
	fs.DurationVar(&f.timeout, "timeout", time.Minute, "give up after this long")
	fs.BoolVar(&f.keep, "keep-content", false, "keep the content blocks of a page that holds no article (a front page, listing, forum or product page; by default it has none)")
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	fail := func(code int, format string, args ...any) int {
		msg := strings.Join(strings.Fields(fmt.Sprintf(format, args...)), " ")
		fmt.Fprintln(stderr, "winnow classify: "+msg)
		return code
	}
	if len(pos) > 1 {
		return fail(exitUsage, "want at most one FILE, got %d arguments (see winnow classify -h)", len(pos))
	}
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
	case "text", "json", "blocks", "html":
	default:
		return fail(exitUsage, "--format %q: want text, json, blocks or html", f.format)
	}
	if f.server != "" && f.model != "" {
		return fail(exitUsage, "--model selects the in-process model; it cannot be combined with --server (the server chose its model)")
	}
	opts := &winnowv1.ClassifyOptions{
		Explain:                   f.explain,
		IncludeText:               f.format != "text",
		OmitBlocks:                f.format == "text",
		KeepContentWithoutArticle: f.keep,
	}
	if !math.IsNaN(f.threshold) {
		if f.threshold < 0 || f.threshold > 1 {
			return fail(exitUsage, "--threshold %v: want a number in [0,1]", f.threshold)
		}
		t := float32(f.threshold)
		opts.Threshold = &t
	}
	if f.format == "html" {
		htmlOptions(opts)
	}

	name := "-"
	if len(pos) == 1 {
		name = pos[0]
	}
	data, err := readInput(name, stdin)
	if err != nil {
		return fail(exitBadInput, "%v", err)
	}
	id := name
	if name == "-" {
		id = "stdin"
	}
	doc := client.Raw(id, data, mediaType)

	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	var resp *winnowv1.ClassifyResponse
	if f.server != "" {
		resp, err = classifyRemote(ctx, f.server, doc, opts)
	} else {
		resp, err = classifyLocal(ctx, f.model, doc, opts)
		if errors.Is(err, errModel) {
			return fail(exitBadInput, "%v", err)
		}
	}
	if err != nil {
		return fail(errorExit(err), "%s", describe(err, f.server))
	}
	if f.format == "html" {
		err = writeHTML(ctx, stdout, f, resp)
	} else {
		err = write(stdout, f.format, resp)
	}
	if err != nil {
		return fail(exitServer, "cannot write the output: %v", err)
	}
	if f.format == "text" && !resp.GetHasArticle() && !f.keep {
		// not an error: say why the output is empty
		fmt.Fprintf(stderr, "winnow classify: no article: the page looks like a %s page (--keep-content prints its main content anyway)\n",
			enumName(resp.GetPageKind().String(), "PAGE_KIND_"))
	}
	return exitOK
}

// parseInterleaved parses flags that may come before or after positional
// arguments ("winnow classify FILE --format blocks").
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
		if fs.Arg(0) == "--" || len(args) == 0 {
			if fs.Arg(0) == "--" {
				pos = append(pos[:len(pos)-1], args...)
			}
			return pos, nil
		}
	}
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

// errModel marks a model that cannot be loaded.
var errModel = errors.New("cannot load the model")

// classifyLocal classifies doc in-process with the model file (or the
// embedded model), calling the classifier directly; server.Input and
// server.Response shape the request and the response as the server does,
// and errors carry the status code the server would return.
func classifyLocal(ctx context.Context, modelFile string, doc *winnowv1.Document, opts *winnowv1.ClassifyOptions) (*winnowv1.ClassifyResponse, error) {
	cls, err := modelload.Classifier(modelFile)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errModel, err)
	}
	in, err := server.Input(doc, opts)
	if err == nil {
		var res *classifier.Result
		if res, err = cls.Classify(ctx, in); err == nil {
			return server.Response(res, doc.GetId(), opts), nil
		}
	}
	return nil, server.Status(err).Err()
}

func classifyRemote(ctx context.Context, addr string, doc *winnowv1.Document, opts *winnowv1.ClassifyOptions) (*winnowv1.ClassifyResponse, error) {
	c, err := client.New(addr)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	return c.Classify(ctx, doc, opts)
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

func write(w io.Writer, format string, resp *winnowv1.ClassifyResponse) error {
	var buf bytes.Buffer
	switch format {
	case "text":
		buf.WriteString(resp.GetMainText())
		if resp.GetMainText() != "" {
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
	case "blocks":
		writeBlocks(&buf, resp)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// writeBlocks writes one TSV line per block: start, end, label, category,
// score and the first 60 characters of the block, escaped.
func writeBlocks(buf *bytes.Buffer, resp *winnowv1.ClassifyResponse) {
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
		buf.WriteString(enumName(b.GetLabel().String(), "LABEL_"))
		buf.WriteByte('\t')
		buf.WriteString(enumName(b.GetCategory().String(), "CATEGORY_"))
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
