// Command loadkit is the Go half of bench/load.sh: it finds a free loopback
// port, writes ghz's request files, waits for the server to answer, reads the
// server's peak RSS and writes the load section of docs/benchmarks.md.
//
//	loadkit port                                  # prints 127.0.0.1:PORT
//	loadkit data --shared DIR --dir OUT           # OUT/text2k.json, html50k.json, html500k.json
//	loadkit wait --addr A [--time 60s]            # GetModel until it answers
//	loadkit rss --pid PID                         # prints VmHWM in kB
//	loadkit cpu --pid PID                         # prints user+system CPU time in ms
//	loadkit report --dir OUT --rss KB --command CMD [--out ../docs/benchmarks.md]
//	loadkit gateway --addr A --http H --pid PID    # HTTP/JSON gateway vs gRPC, 2 KB text (gateway.go)
//
// Every wait is bounded in time; only loopback addresses are accepted.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/winnowhq/winnow/bench/load"
	"github.com/winnowhq/winnow/bench/report"
	"github.com/winnowhq/winnow/classifier/decode"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// calls are the ghz runs, in table order: file stem and what it holds.
func calls() []struct{ stem, name string } {
	return []struct{ stem, name string }{
		{"text2k", "2 KB text"},
		{"html50k", "50 KB HTML"},
		{"html500k", "500 KB HTML"},
	}
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	if os.Args[1] == "gateway" { // own flags: gateway.go
		if err := gatewayLoad(os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "loadkit:", err)
			os.Exit(1)
		}
		return
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	shared := fs.String("shared", "../../shared", "the shared folder")
	dir := fs.String("dir", "", "folder for request and result files")
	addr := fs.String("addr", "", "server address (loopback only)")
	limit := fs.Duration("time", 60*time.Second, "time cap")
	pid := fs.Int("pid", 0, "server process id")
	rss := fs.Int64("rss", 0, "server peak RSS in kB")
	command := fs.String("command", "bench/load.sh", "the command line to print in the section")
	out := fs.String("out", "", "merge the section into this Markdown file")
	notes := fs.String("notes", "", "text appended to the section")
	fs.Parse(os.Args[2:])
	var err error
	switch os.Args[1] {
	case "port":
		err = port()
	case "data":
		err = data(*shared, *dir)
	case "wait":
		err = wait(*addr, *limit)
	case "rss":
		var kb int64
		if kb, err = vmHWM(*pid); err == nil {
			fmt.Println(kb)
		}
	case "cpu":
		var d time.Duration
		if d, err = cpuTime(*pid); err == nil {
			fmt.Println(d.Milliseconds())
		}
	case "report":
		err = writeReport(*dir, *rss, *command, *out, *notes)
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadkit:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: loadkit port|data|wait|rss|cpu|report|gateway [flags]")
	os.Exit(2)
}

func port() error {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	a := l.Addr().String()
	if err := l.Close(); err != nil {
		return err
	}
	fmt.Println(a)
	return nil
}

func data(shared, dir string) error {
	if dir == "" {
		return errors.New("--dir is required")
	}
	text, err := load.SeedText(shared, 2<<10)
	if err != nil {
		return err
	}
	docs := map[string]*winnowv1.Document{
		"text2k": {Id: "text2k", Content: &winnowv1.Document_Text{Text: text}},
	}
	for stem, p := range map[string]load.Page{"html50k": load.Medium, "html500k": load.Large} {
		raw, err := load.ReadPage(shared, p)
		if err != nil {
			return err
		}
		d, err := decode.Decode(raw, "")
		if err != nil {
			return err
		}
		docs[stem] = &winnowv1.Document{Id: stem, Url: "", Content: &winnowv1.Document_Html{Html: d.Text}}
	}
	for _, c := range calls() {
		b, err := protojson.Marshal(&winnowv1.ClassifyRequest{Document: docs[c.stem]})
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, c.stem+".json"), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func wait(addr string, limit time.Duration) error {
	if err := load.CheckLoopback(addr); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	if tok := os.Getenv("WINNOW_TOKEN"); tok != "" { // winnowd --auth-tokens
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tok)
	}
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	cl := winnowv1.NewClassifierServiceClient(conn)
	for {
		cctx, ccancel := context.WithTimeout(ctx, 2*time.Second)
		m, err := cl.GetModel(cctx, &winnowv1.GetModelRequest{})
		ccancel()
		if err == nil {
			fmt.Fprintf(os.Stderr, "loadkit: %s answers, model %s\n", addr, m.GetVersion())
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s did not answer within %v: %w", addr, limit, err)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func vmHWM(pid int) (int64, error) {
	if pid <= 0 {
		return 0, errors.New("--pid is required")
	}
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return parseHWM(f)
}

// cpuTime returns a process's user+system CPU time from /proc/PID/stat
// (clock ticks of 10 ms: the kernel's USER_HZ is 100 on Linux).
func cpuTime(pid int) (time.Duration, error) {
	if pid <= 0 {
		return 0, errors.New("--pid is required")
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	return parseStat(string(b))
}

func parseStat(s string) (time.Duration, error) {
	// The command name (field 2) may hold spaces and parentheses: fields
	// are counted after its closing parenthesis. utime and stime are
	// fields 14 and 15, i.e. the 12th and 13th after it.
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, errors.New("stat: no command name")
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, errors.New("stat: too few fields")
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, fmt.Errorf("stat: %w", err)
	}
	return time.Duration(u+st) * 10 * time.Millisecond, nil
}

func parseHWM(r io.Reader) (int64, error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			return strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
		}
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, errors.New("no VmHWM line")
}

func writeReport(dir string, rssKB int64, command, out, notes string) error {
	if dir == "" {
		return errors.New("--dir is required")
	}
	var runs []load.Run
	for _, c := range calls() {
		r := load.Run{Name: c.name}
		f, err := os.Open(filepath.Join(dir, c.stem+".out.json"))
		if err == nil {
			r.Ghz, err = load.ReadGhz(f)
			f.Close()
		}
		if err != nil {
			r.Err = err.Error()
			if b, e := os.ReadFile(filepath.Join(dir, c.stem+".err")); e == nil && len(b) > 0 {
				r.Err = lastLine(string(b))
			}
		}
		if b, err := os.ReadFile(filepath.Join(dir, c.stem+".cpu")); err == nil {
			var c0, c1 int64
			if _, err := fmt.Sscan(string(b), &c0, &c1); err == nil && c1 >= c0 {
				r.ServerCPU = time.Duration(c1-c0) * time.Millisecond
			}
		}
		runs = append(runs, r)
	}
	var st *load.StreamReport
	stErr := ""
	if b, err := os.ReadFile(filepath.Join(dir, "stream.json")); err == nil {
		st = new(load.StreamReport)
		if err := json.Unmarshal(b, st); err != nil {
			st, stErr = nil, err.Error()
		} else if b, err := os.ReadFile(filepath.Join(dir, "stream.cpu")); err == nil && st.Docs > 0 {
			var c0, c1 int64
			if _, err := fmt.Sscan(string(b), &c0, &c1); err == nil && c1 >= c0 {
				st.ServerCPUms = float64(c1-c0) / float64(st.Docs)
			}
		}
	} else {
		stErr = err.Error()
		if b, e := os.ReadFile(filepath.Join(dir, "stream.err")); e == nil && len(b) > 0 {
			stErr = lastLine(string(b))
		}
	}
	wd, _ := os.Getwd()
	body := load.Section(report.ThisMachine(wd).String(), command, runs, st, stErr, rssKB, notes)
	fmt.Print(body)
	if out != "" {
		return report.MergeFile(out, "load", body)
	}
	return nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
