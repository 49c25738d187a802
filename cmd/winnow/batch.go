package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"mime"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/winnowhq/winnow/client"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/internal/batch"
	"github.com/winnowhq/winnow/internal/fetch"
	"github.com/winnowhq/winnow/internal/source"
)

const batchLong = `Classifies every document of INPUT and appends one JSON line per document to
OUTPUT: {"id", "url", "title", "main_text", "language", "mode", "encoding",
"model_version"} (with --blocks also "blocks" with numeric UTF-8 byte offsets
into "text"), or {"id", "url", "error": {"kind", "message"}} for a document
that failed; a failed document never stops the job.

INPUT is detected (or set with --in-format):
  jsonl  one object a line: {"id", "html"|"text"|"url", "lang", "title", "media_type"}
         (a url alone is fetched; .gz allowed; "-" reads stdin)
  dir    a folder: every file below it, .gz ones decompressed; id = path
  urls   one http(s) URL a line (# comments); each is fetched
  warc   a WARC or WARC.gz file: response records of HTML or text pages

Resuming: OUTPUT is its own checkpoint. Rerun the same command after a crash
or a kill (SIGKILL included): documents already in OUTPUT are skipped, a torn
last line is cut off, and every other document is written exactly once.

Without --server the embedded model (or --model) runs in-process on --workers
cores; with --server the documents are streamed to every listed server,
balanced, and a server that dies mid-run has its documents resent to the
others. Progress goes to stderr: a bar on a terminal, else a line every
--progress-every.

Exit codes: 0 done (per-document errors are in OUTPUT), 1 usage, 2 bad input
(INPUT unreadable, OUTPUT not a batch output), 3 server or network error,
130 interrupted (rerun to resume).`

const batchExamples = `  winnow batch --in pages/ --out pages.jsonl
  winnow batch --in crawl.warc.gz --out crawl.jsonl --server 10.0.0.5:7390,10.0.0.6:7390 --plaintext
  winnow batch --in urls.txt --out news.jsonl --blocks --workers 2`

type batchFlags struct {
	in, out, inFormat string
	remote            remoteFlags
	model             string
	mode              string
	blocks            bool
	threshold         float64
	workers           int
	fetchWorkers      int
	streams           int
	allowPrivate      bool
	fetchTimeout      time.Duration
	maxBytes          int64
	progress          string
	progressEvery     time.Duration
}

func (a *app) batchCmd() *cobra.Command {
	var f batchFlags
	cmd := &cobra.Command{
		Use:     "batch --in INPUT --out OUTPUT.jsonl [flags]",
		Short:   "Classify a folder, JSONL, URL list or WARC file into JSONL, resumably",
		Long:    batchLong,
		Example: batchExamples,
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			return exit(a.runBatch(f))
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&f.in, "in", "", "input `PATH`: a JSONL file, a folder, a URL list, a WARC file, or - for stdin")
	fs.StringVar(&f.out, "out", "", "output JSONL `FILE` (appended to, resumable)")
	fs.StringVar(&f.inFormat, "in-format", "", "input `FORMAT`: jsonl, dir, urls or warc (default: detected)")
	f.remote.register(fs)
	fs.StringVar(&f.model, "model", "", "model `FILE` for in-process classification (default: embedded)")
	fs.StringVar(&f.mode, "mode", "auto", "read documents as `auto`, html or text")
	fs.BoolVar(&f.blocks, "blocks", false, "write every block (offsets, label, category, score) and the text they index")
	fs.Float64Var(&f.threshold, "threshold", -1, "content-probability cut in [0,1] (-1: the model's)")
	fs.IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "documents classified at once in-process")
	fs.IntVar(&f.fetchWorkers, "fetch-workers", 8, "URLs fetched at once")
	fs.IntVar(&f.streams, "streams", 0, "streams open at once with --server (default: 2 per address)")
	fs.BoolVar(&f.allowPrivate, "allow-private", false, "allow fetching URLs on loopback and private addresses")
	fs.DurationVar(&f.fetchTimeout, "fetch-timeout", 20*time.Second, "time limit of one URL fetch")
	fs.Int64Var(&f.maxBytes, "max-bytes", 16<<20, "largest document in `bytes` (larger ones are errors)")
	fs.StringVar(&f.progress, "progress", "auto", "progress on stderr: auto (bar on a terminal, else lines), bar, lines or none")
	fs.DurationVar(&f.progressEvery, "progress-every", 10*time.Second, "period of the progress lines")
	complete(cmd, "in-format", "jsonl", "dir", "urls", "warc")
	complete(cmd, "mode", "auto", "html", "text")
	complete(cmd, "progress", "auto", "bar", "lines", "none")
	return cmd
}

func (a *app) runBatch(f batchFlags) int {
	ctx, stderr := a.ctx, a.stderr
	fail := a.failer("batch")
	switch {
	case f.in == "" || f.out == "":
		return fail(exitUsage, "--in and --out are required (see winnow batch --help)")
	case f.out == "-":
		return fail(exitUsage, "--out must be a file: it is appended to and read back to resume")
	case f.remote.server != "" && f.model != "":
		return fail(exitUsage, "--model cannot be combined with --server (the server chose its model)")
	case f.workers < 1 || f.fetchWorkers < 1 || f.streams < 0 || f.maxBytes < 1:
		return fail(exitUsage, "--workers, --fetch-workers and --max-bytes must be positive")
	case f.threshold != -1 && (f.threshold < 0 || f.threshold > 1):
		return fail(exitUsage, "--threshold %v: want a number in [0,1]", f.threshold)
	case f.fetchTimeout <= 0 || f.progressEvery <= 0:
		return fail(exitUsage, "--fetch-timeout and --progress-every must be positive durations (e.g. 20s); got %v and %v", f.fetchTimeout, f.progressEvery)
	}
	if f.mode != "auto" && f.mode != "html" && f.mode != "text" {
		return fail(exitUsage, "--mode %q: want auto, html or text", f.mode)
	}
	switch f.progress {
	case "auto", "bar", "lines", "none":
	default:
		return fail(exitUsage, "--progress %q: want auto, bar, lines or none", f.progress)
	}
	opts := &winnowv1.ClassifyOptions{OmitBlocks: !f.blocks, IncludeText: f.blocks}
	if f.threshold != -1 {
		t := float32(f.threshold)
		opts.Threshold = &t
	}

	out, resume, err := batch.Open(f.out)
	if err != nil {
		return fail(exitBadInput, "cannot use --out %s: %v", f.out, err)
	}
	defer out.Close()
	skip := func(id string) bool { _, ok := resume.Done[id]; return ok }
	src, err := unblocked(ctx, f.in, func() (*source.Source, error) {
		return source.Open(f.in, source.Format(f.inFormat), source.Options{MaxBytes: f.maxBytes, Skip: skip})
	})
	if err != nil && ctx.Err() != nil {
		return fail(exitInterrupted, "interrupted while opening --in %s (a FIFO or stdin with no data yet?); nothing was read", f.in)
	}
	if err != nil {
		return fail(exitBadInput, "cannot read --in %s: %v", f.in, err)
	}
	if resume.Truncated > 0 {
		fmt.Fprintf(stderr, "winnow batch: cut a torn last line (%d bytes) off %s; that document is redone\n", resume.Truncated, f.out)
	}
	if n := len(resume.Done); n > 0 {
		fmt.Fprintf(stderr, "winnow batch: resuming: %d documents of %s are done and skipped\n", n, f.out)
	}

	j := &job{
		flags:   f,
		opts:    opts,
		src:     src,
		out:     out,
		done:    resume.Done,
		fetcher: fetch.New(fetch.Options{Timeout: f.fetchTimeout, MaxBytes: f.maxBytes, AllowPrivate: f.allowPrivate}),
		errs:    make(map[string]int),
	}
	if f.remote.server != "" {
		c, err := f.remote.open(client.Retry{})
		if err != nil {
			return fail(exitUsage, "%v", err)
		}
		defer c.Close()
		j.remote = c
	} else {
		local, err := localClassifier(f.model)
		if err != nil {
			return fail(exitBadInput, "%v", err)
		}
		j.local = local
	}

	stopProgress := startProgress(j, stderr, f.progress, f.progressEvery)
	code := j.run(ctx)
	stopProgress()
	if err := out.Close(); err != nil && code == exitOK {
		code = fail(exitServer, "cannot write %s: %v", f.out, err)
	}
	fmt.Fprintln(stderr, j.summary())
	switch {
	case j.fatal != nil:
		fmt.Fprintln(stderr, "winnow batch: "+j.fatal.Error())
	case code == exitInterrupted:
		fmt.Fprintln(stderr, "winnow batch: interrupted; rerun the same command to resume")
	}
	return code
}

// exitInterrupted is the exit code after SIGINT or SIGTERM.
const exitInterrupted = 130

// task is one document on its way through the job; done is closed when
// line (its output record) is ready.
type task struct {
	it      source.Item
	doc     *winnowv1.Document
	line    []byte
	errKind string
	done    chan struct{}
}

func (t *task) finish(r record) {
	if r.Error != nil {
		t.errKind = r.Error.Kind
	}
	line, err := marshalLine(r)
	if err != nil { // cannot happen for these types; keep the document
		line, _ = marshalLine(errorRecordOf(t.it.ID, t.it.URL, err))
		t.errKind = "internal"
	}
	t.line = line
	close(t.done)
}

func (t *task) fail(err error) { t.finish(errorRecordOf(t.it.ID, t.it.URL, err)) }

// job is one run of winnow batch.
type job struct {
	flags   batchFlags
	opts    *winnowv1.ClassifyOptions
	src     *source.Source
	out     *batch.Output
	done    map[string]struct{} // ids already in the output
	fetcher *fetch.Fetcher
	local   func(context.Context, *winnowv1.Document, *winnowv1.ClassifyOptions) (*winnowv1.ClassifyResponse, error)
	remote  *client.Client

	start           time.Time
	written, failed atomic.Int64
	skipped, dupes  atomic.Int64
	enqueued        atomic.Int64
	readAll         atomic.Bool
	mu              sync.Mutex
	errs            map[string]int
	fatal           error
}

// run reads, fetches, classifies and writes; records are written in input
// order. It returns the exit code.
func (j *job) run(ctx context.Context) int {
	j.start = time.Now()
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	window := 4 * max(j.flags.workers, j.flags.fetchWorkers, 16)
	tasks := make(chan *task, window)     // in input order, to the writer
	fetchQ := make(chan *task, window)    // items to fetch
	classifyQ := make(chan *task, window) // documents to classify

	var wg, feeders sync.WaitGroup
	feeders.Go(func() { j.read(ctx, tasks, fetchQ, classifyQ) })
	for range j.flags.fetchWorkers {
		feeders.Go(func() { j.fetchLoop(ctx, fetchQ, classifyQ) })
	}
	wg.Go(func() {
		feeders.Wait()
		close(classifyQ)
	})
	if j.remote != nil {
		wg.Go(func() { j.classifyRemote(ctx, cancel, classifyQ) })
	} else {
		for range j.flags.workers {
			wg.Go(func() { j.classifyLocal(ctx, classifyQ) })
		}
	}

	code := exitOK
write:
	for {
		var t *task
		select {
		case next, ok := <-tasks:
			if !ok {
				break write
			}
			t = next
		case <-ctx.Done():
			break write
		}
		select {
		case <-t.done:
		case <-ctx.Done():
			break write
		}
		if ctx.Err() != nil {
			// The job is stopping: this document may have failed only
			// because of that, so it is left for the rerun, not written
			// as an error.
			break
		}
		if err := j.out.Append(t.line); err != nil {
			cancel(fmt.Errorf("cannot write the output: %w", err))
			code = exitServer
			break
		}
		j.written.Add(1)
		if t.errKind != "" {
			j.failed.Add(1)
			j.mu.Lock()
			j.errs[t.errKind]++
			j.mu.Unlock()
		}
	}
	cancel(nil)
	// Unblock the reader if the writer stopped early, then wait.
	go func() {
		for range tasks {
		}
	}()
	// The reader may be blocked in a read no signal interrupts (a FIFO, a
	// stalled pipe on stdin): once the job is stopping it is left behind.
	joinOrLeave(ctx, joinGrace, func() {
		wg.Wait()
		feeders.Wait()
	})
	if cause := context.Cause(ctx); code == exitOK && cause != nil && !errors.Is(cause, context.Canceled) {
		j.fatal = cause
		return exitServer
	}
	if code != exitOK {
		return code
	}
	if j.fatal != nil {
		return exitServer
	}
	if !j.readAll.Load() || j.written.Load() < j.enqueued.Load() {
		return exitInterrupted
	}
	if err := j.src.Err(); err != nil {
		j.fatal = fmt.Errorf("stopped reading --in %s: %v (the documents before it are written)", j.flags.in, err)
		return exitBadInput
	}
	return exitOK
}

// read turns the input into tasks; reading stops when ctx is done.
func (j *job) read(ctx context.Context, tasks, fetchQ, classifyQ chan<- *task) {
	defer close(tasks)
	defer close(fetchQ)
	seen := make(map[string]struct{})
	for it := range j.src.Items() {
		if _, ok := j.done[it.ID]; ok || it.Skipped {
			j.skipped.Add(1)
			continue
		}
		if _, ok := seen[it.ID]; ok {
			j.dupes.Add(1)
			continue
		}
		seen[it.ID] = struct{}{}
		j.enqueued.Add(1)
		t := &task{it: it, done: make(chan struct{})}
		select {
		case tasks <- t:
		case <-ctx.Done():
			return
		}
		var q chan<- *task
		switch {
		case it.Err != nil:
			t.fail(it.Err)
			continue
		case it.Data == nil:
			q = fetchQ
		default:
			t.doc = j.document(it, it.Data, it.MediaType)
			q = classifyQ
		}
		select {
		case q <- t:
		case <-ctx.Done():
			return
		}
	}
	j.readAll.Store(true)
}

// document builds the request document, applying --mode to the media type.
func (j *job) document(it source.Item, data []byte, mediaType string) *winnowv1.Document {
	if j.flags.mode != "auto" {
		essence := map[string]string{"html": "text/html", "text": "text/plain"}[j.flags.mode]
		_, params, _ := mime.ParseMediaType(mediaType)
		mediaType = essence
		if cs := params["charset"]; cs != "" {
			mediaType = mime.FormatMediaType(essence, map[string]string{"charset": cs})
		}
	}
	d := client.Raw(it.ID, data, mediaType)
	d.Url = it.URL
	d.LanguageCode = it.Lang
	d.Title = it.Title
	return d
}

func (j *job) fetchLoop(ctx context.Context, fetchQ <-chan *task, classifyQ chan<- *task) {
	for t := range fetchQ {
		p, err := j.fetcher.Get(ctx, t.it.URL)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			t.fail(err)
			continue
		}
		t.doc = j.document(t.it, p.Data, p.MediaType)
		select {
		case classifyQ <- t:
		case <-ctx.Done():
			return
		}
	}
}

func (j *job) classifyLocal(ctx context.Context, classifyQ <-chan *task) {
	for t := range classifyQ {
		if ctx.Err() != nil {
			return
		}
		resp, err := j.classifyOne(ctx, t.doc)
		if err != nil {
			t.fail(err)
			continue
		}
		t.finish(resultRecord(t.it.ID, t.it.URL, resp, j.flags.blocks))
	}
}

// classifyOne classifies in-process; a panic becomes the document's error.
func (j *job) classifyOne(ctx context.Context, doc *winnowv1.Document) (resp *winnowv1.ClassifyResponse, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	return j.local(ctx, doc, j.opts)
}

// classifyRemote streams the documents through client.ClassifyMany, which
// answers in the order it was given them.
func (j *job) classifyRemote(ctx context.Context, cancel context.CancelCauseFunc, classifyQ <-chan *task) {
	sent := make(chan *task, 1<<12)
	docs := func(yield func(*winnowv1.Document) bool) {
		for t := range classifyQ {
			select {
			case sent <- t:
			case <-ctx.Done():
				return
			}
			if !yield(t.doc) {
				return
			}
		}
	}
	n := len(j.flags.remote.addrs())
	streams := j.flags.streams
	if streams == 0 {
		streams = 2 * max(n, 2)
	}
	mo := client.ManyOptions{Streams: streams, InFlight: 16 * streams}
	for res, err := range j.remote.ClassifyMany(ctx, docs, j.opts, mo) {
		if err != nil {
			if ctx.Err() == nil {
				cancel(fmt.Errorf("the servers failed: %s", describe(err, j.flags.remote.server)))
			}
			break
		}
		t := <-sent
		if e := client.ResultError(res); e != nil {
			t.fail(e)
			continue
		}
		t.finish(resultRecord(t.it.ID, t.it.URL, res.GetResponse(), j.flags.blocks))
	}
	// Drain so that the reader and fetchers never block on classifyQ.
	for range classifyQ {
	}
}

// summary is the final line.
func (j *job) summary() string {
	el := time.Since(j.start)
	n := j.written.Load()
	var b strings.Builder
	round := 100 * time.Millisecond
	if el < 10*time.Second {
		round = time.Millisecond
	}
	fmt.Fprintf(&b, "winnow batch: %d documents written in %s (%.1f docs/s): %d ok, %d errors", n, el.Round(round), float64(n)/math.Max(el.Seconds(), 1e-9), n-j.failed.Load(), j.failed.Load())
	j.mu.Lock()
	kinds := make([]string, 0, len(j.errs))
	for k := range j.errs {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	if len(kinds) > 0 {
		b.WriteString(" (")
		for i, k := range kinds {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s %d", k, j.errs[k])
		}
		b.WriteString(")")
	}
	j.mu.Unlock()
	if s := j.skipped.Load(); s > 0 {
		fmt.Fprintf(&b, "; %d already in the output", s)
	}
	if d := j.dupes.Load(); d > 0 {
		fmt.Fprintf(&b, "; %d repeated ids skipped", d)
	}
	return b.String()
}
