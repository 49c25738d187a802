// Command streamload drives ClassifierService.ClassifyStream with a fixed
// number of documents over one stream and compares its throughput with
// classifying the same documents in process.
//
//	streamload --addr 127.0.0.1:PORT --shared ../../shared [--docs 400] [--time 120s] [--out stream.json]
//
// The documents are the 50 KB HTML page of package load, sent as Document.html
// (already decoded UTF-8), cycled --docs times. One goroutine sends, one
// receives; the server's flow control bounds what is in flight. Latency is
// send to receive per document (responses come in request order). The
// in-process figure classifies the same documents with classifier.Default()
// on GOMAXPROCS goroutines, and on one, before the stream starts. Every loop
// is bounded by --docs and by --time; the target must be a loopback address.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"
	"sync"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"

	"github.com/winnowhq/winnow/bench/load"
	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/classifier/decode"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

func main() {
	addr := flag.String("addr", "", "server address (loopback only), host:port")
	shared := flag.String("shared", "../../shared", "the shared folder")
	docs := flag.Int("docs", 400, "documents to send")
	limit := flag.Duration("time", 120*time.Second, "time cap for the whole run")
	out := flag.String("out", "", "write the JSON report here (default stdout)")
	flag.Parse()
	if err := run(*addr, *shared, *docs, *limit, *out); err != nil {
		fmt.Fprintln(os.Stderr, "streamload:", err)
		os.Exit(1)
	}
}

func run(addr, shared string, n int, limit time.Duration, out string) error {
	if err := load.CheckLoopback(addr); err != nil {
		return err
	}
	if n <= 0 {
		return errors.New("--docs must be positive")
	}
	raw, err := load.ReadPage(shared, load.Medium)
	if err != nil {
		return err
	}
	d, err := decode.Decode(raw, "")
	if err != nil {
		return err
	}
	html := d.Text
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()

	rep := &load.StreamReport{Docs: n, DocBytes: len(html)}
	// In process first, while the server is idle.
	rep.Workers = runtime.GOMAXPROCS(0)
	var cpu time.Duration
	if rep.InProc, _, err = inProcess(ctx, html, n, rep.Workers); err == nil {
		rep.InProc1, cpu, err = inProcess(ctx, html, n, 1)
		rep.InProcCPUms = float64(cpu) / 1e6 / float64(n)
	}
	if err != nil {
		rep.InProcError = err.Error()
	}

	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(64<<20), grpc.MaxCallSendMsgSize(64<<20)))
	if err != nil {
		return err
	}
	defer conn.Close()
	if tok := os.Getenv("WINNOW_TOKEN"); tok != "" { // winnowd --auth-tokens
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tok)
	}
	if err := stream(ctx, winnowv1.NewClassifierServiceClient(conn), html, n, rep); err != nil {
		return err
	}
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if out == "" {
		_, err = os.Stdout.Write(append(data, '\n'))
		return err
	}
	return os.WriteFile(out, data, 0o644)
}

// inProcess classifies n copies of html on w goroutines and returns docs/s
// and the process CPU time it took.
func inProcess(ctx context.Context, html string, n, w int) (float64, time.Duration, error) {
	c, err := classifier.Default()
	if err != nil {
		return 0, 0, err
	}
	data := []byte(html)
	// Warm-up, untimed: first-use costs (model decoding, lazily built
	// tables) and heap growth.
	for range min(n, 20) {
		if _, err := c.Classify(ctx, classifier.Input{Data: data, Mode: classifier.ModeHTML}); err != nil {
			return 0, 0, err
		}
	}
	next := make(chan struct{}, n)
	for range n {
		next <- struct{}{}
	}
	close(next)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	c0 := cpuTime()
	t0 := time.Now()
	for range w {
		wg.Go(func() {
			for range next {
				if ctx.Err() != nil {
					return
				}
				_, err := c.Classify(ctx, classifier.Input{Data: data, Mode: classifier.ModeHTML})
				if err != nil {
					mu.Lock()
					first = cmp(first, err)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	el := time.Since(t0)
	cpu := cpuTime() - c0
	if first != nil {
		return 0, 0, first
	}
	if err := ctx.Err(); err != nil {
		return 0, 0, err
	}
	return float64(n) / el.Seconds(), cpu, nil
}

// cpuTime is the process's user+system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func cmp(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

func stream(ctx context.Context, cl winnowv1.ClassifierServiceClient, html string, n int, rep *load.StreamReport) error {
	st, err := cl.ClassifyStream(ctx)
	if err != nil {
		return err
	}
	sent := make([]time.Time, n)
	lat := make([]float64, 0, n)
	var sendErr error
	var sendMu sync.Mutex
	var wg sync.WaitGroup
	t0 := time.Now()
	wg.Go(func() {
		defer st.CloseSend()
		for i := range n {
			if ctx.Err() != nil {
				return
			}
			req := &winnowv1.ClassifyStreamRequest{Document: &winnowv1.Document{
				Id:      fmt.Sprint(i),
				Content: &winnowv1.Document_Html{Html: html},
			}}
			sendMu.Lock()
			sent[i] = time.Now()
			sendMu.Unlock()
			if err := st.Send(req); err != nil {
				sendMu.Lock()
				sendErr = err
				sendMu.Unlock()
				return
			}
		}
	})
	got := 0
	var recvErr error
	for got < n {
		resp, err := st.Recv()
		if err != nil {
			recvErr = err
			break
		}
		sendMu.Lock()
		at := sent[got]
		sendMu.Unlock()
		lat = append(lat, float64(time.Since(at))/1e6)
		if r := resp.GetResult(); r.GetError() != nil {
			rep.Errors++
			if rep.FirstError == "" {
				rep.FirstError = r.GetError().GetMessage()
			}
		} else if r.GetResponse() == nil {
			rep.Errors++
		}
		got++
	}
	el := time.Since(t0)
	wg.Wait()
	if got < n {
		rep.Errors += n - got
		rep.TimedOut = ctx.Err() != nil
		if rep.FirstError == "" {
			rep.FirstError = fmt.Sprintf("%d of %d answered: %v %v", got, n, recvErr, sendErr)
		}
	}
	rep.Seconds = el.Seconds()
	if got > 0 {
		rep.DocsPerSec = float64(got) / el.Seconds()
		slices.Sort(lat)
		rep.P50 = lat[(len(lat)-1)*50/100]
		rep.P99 = lat[(len(lat)-1)*99/100]
		rep.Max = lat[len(lat)-1]
	}
	return nil
}
