package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/winnowhq/winnow/bench/load"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// gatewayLoad compares one winnowd's HTTP/JSON gateway with its gRPC
// listener on the same 2 KB Persian text (loadkit gateway): rounds of a
// fixed number of Classify calls at a fixed concurrency, gRPC then HTTP in
// each round so both see the same machine load, and prints a Markdown
// table with req/s, latency, errors and the server's CPU time per request.
//
//	loadkit gateway --addr 127.0.0.1:7390 --http 127.0.0.1:7391 --pid PID [--n 4000] [--conc 8] [--rounds 3]
func gatewayLoad(args []string) error {
	fs := flag.NewFlagSet("gateway", flag.ExitOnError)
	shared := fs.String("shared", "../../shared", "the shared folder")
	addr := fs.String("addr", "", "winnowd's gRPC address (loopback only)")
	httpAddr := fs.String("http", "", "winnowd's --http-listen address (loopback only)")
	pid := fs.Int("pid", 0, "winnowd's process id, for CPU time per request (0: not measured)")
	n := fs.Int("n", 4000, "requests per run")
	conc := fs.Int("conc", 8, "requests in flight")
	rounds := fs.Int("rounds", 3, "gRPC+HTTP rounds")
	limit := fs.Duration("time", 60*time.Second, "time cap per run")
	fs.Parse(args)
	for _, a := range []string{*addr, *httpAddr} {
		if err := load.CheckLoopback(a); err != nil {
			return err
		}
	}
	text, err := load.SeedText(*shared, 2<<10)
	if err != nil {
		return err
	}
	req := &winnowv1.ClassifyRequest{Document: &winnowv1.Document{Id: "text2k", Content: &winnowv1.Document_Text{Text: text}}}
	body, err := protojson.Marshal(req)
	if err != nil {
		return err
	}
	conn, err := grpc.NewClient(*addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	client := winnowv1.NewClassifierServiceClient(conn)
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *conc, MaxConnsPerHost: *conc}, Timeout: 30 * time.Second}
	url := "http://" + *httpAddr + "/v1/classify"
	calls := map[string]func(context.Context) error{
		"gRPC": func(ctx context.Context) error {
			_, err := client.Classify(ctx, req)
			return err
		},
		"HTTP/JSON": func(ctx context.Context) error {
			r, err := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
			if err != nil {
				return err
			}
			r.Header.Set("Content-Type", "application/json")
			resp, err := hc.Do(r)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if _, err := io.Copy(io.Discard, resp.Body); err != nil {
				return err
			}
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("HTTP %d", resp.StatusCode)
			}
			return nil
		},
	}
	fmt.Printf("2 KB text (%d bytes), %d requests per run, concurrency %d, one connection pool per transport\n\n", len(text), *n, *conc)
	fmt.Println("| round | transport | req/s | p50 ms | p99 ms | errors | server CPU ms/req |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- |")
	// warm both paths (connections, the model's first call)
	for _, name := range []string{"gRPC", "HTTP/JSON"} {
		run(calls[name], 200, *conc, *limit, 0)
	}
	for r := 1; r <= *rounds; r++ {
		for _, name := range []string{"gRPC", "HTTP/JSON"} {
			res := run(calls[name], *n, *conc, *limit, *pid)
			cpu := "-"
			if *pid > 0 {
				cpu = fmt.Sprintf("%.3f", res.cpuPerReq)
			}
			fmt.Printf("| %d | %s | %.0f | %.2f | %.2f | %d | %s |\n", r, name, res.rps, res.p50, res.p99, res.errors, cpu)
		}
	}
	return nil
}

type loadResult struct {
	rps, p50, p99, cpuPerReq float64
	errors                   int64
}

// run makes n calls, conc at a time, and stops early at the time cap.
func run(call func(context.Context) error, n, conc int, limit time.Duration, pid int) loadResult {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	var next, errs atomic.Int64
	lat := make([]time.Duration, n)
	cpu0, _ := cpuTime(pid)
	start := time.Now()
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(n) || ctx.Err() != nil {
					return
				}
				t := time.Now()
				if err := call(ctx); err != nil {
					errs.Add(1)
				}
				lat[i] = time.Since(t)
			}
		})
	}
	wg.Wait()
	wall := time.Since(start)
	cpu1, _ := cpuTime(pid)
	done := min(int(next.Load()), n)
	lat = lat[:done]
	slices.Sort(lat)
	pct := func(p int) float64 {
		if len(lat) == 0 {
			return 0
		}
		return float64(lat[min(len(lat)-1, len(lat)*p/100)]) / 1e6
	}
	res := loadResult{rps: float64(done) / wall.Seconds(), p50: pct(50), p99: pct(99), errors: errs.Load()}
	if pid > 0 && done > 0 {
		res.cpuPerReq = float64((cpu1 - cpu0).Milliseconds()) / float64(done)
	}
	return res
}
