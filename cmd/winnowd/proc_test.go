package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// The fault tests run a real winnowd process, built once per test binary:
// with the race detector when the tests run with it, except where a test
// measures memory or CPU (a race build uses several times both), which
// runs the plain build.
var (
	buildMu  sync.Mutex
	builtDir string
	built    = map[bool]string{}
)

// winnowdBinary returns the path of winnowd built with or without -race.
func winnowdBinary(t *testing.T, race bool) string {
	t.Helper()
	buildMu.Lock()
	defer buildMu.Unlock()
	if p, ok := built[race]; ok {
		return p
	}
	if builtDir == "" {
		d, err := os.MkdirTemp("", "winnowd-fault-")
		if err != nil {
			t.Fatal(err)
		}
		builtDir = d
	}
	out := filepath.Join(builtDir, "winnowd")
	args := []string{"build", "-o"}
	if race {
		out += "-race"
		args = []string{"build", "-race", "-o"}
	}
	cmd := exec.Command("go", append(args, out, ".")...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build winnowd: %v\n%s", err, b)
	}
	built[race] = out
	return out
}

// proc is a running winnowd.
type proc struct {
	t       *testing.T
	cmd     *exec.Cmd
	addr    string // gRPC address
	metrics string // metrics address, if any
	log     *syncBuffer
	exited  chan struct{}
	exitErr error
}

var (
	servingRE = regexp.MustCompile(`msg=serving addr=(\S+)`)
	metricsRE = regexp.MustCompile(`msg=metrics addr=(\S+)`)
)

// startWinnowd starts winnowd on a free 127.0.0.1 port with args and
// waits (at most 60 s) until it serves.
func startWinnowd(t *testing.T, race bool, args ...string) *proc {
	t.Helper()
	bin := winnowdBinary(t, race)
	cmd := exec.Command(bin, append([]string{"--listen", "127.0.0.1:0", "--log-format", "text"}, args...)...)
	env := []string{}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, envPrefix) {
			env = append(env, kv)
		}
	}
	cmd.Env = env
	p := &proc{t: t, cmd: cmd, log: &syncBuffer{}, exited: make(chan struct{})}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			p.log.Write([]byte(sc.Text() + "\n"))
		}
		p.exitErr = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			cmd.Process.Kill()
			<-p.exited
		}
		if t.Failed() {
			t.Logf("winnowd log:\n%s", p.log.String())
		}
	})
	deadline := time.After(60 * time.Second)
	for {
		if m := servingRE.FindStringSubmatch(p.log.String()); m != nil {
			p.addr = m[1]
			if m := metricsRE.FindStringSubmatch(p.log.String()); m != nil {
				p.metrics = m[1]
			}
			return p
		}
		select {
		case <-p.exited:
			t.Fatalf("winnowd exited: %v\n%s", p.exitErr, p.log.String())
		case <-deadline:
			t.Fatalf("winnowd did not serve within 60 s:\n%s", p.log.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// signal sends sig to the process.
func (p *proc) signal(sig syscall.Signal) {
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatal(err)
	}
}

// wait waits at most d for the process to exit and returns how long it
// took and its exit code (-1: still running).
func (p *proc) wait(d time.Duration) (time.Duration, int) {
	start := time.Now()
	select {
	case <-p.exited:
		return time.Since(start), p.cmd.ProcessState.ExitCode()
	case <-time.After(d):
		return d, -1
	}
}

// conn dials the process with opts (plaintext unless opts say otherwise).
func (p *proc) conn(opts ...grpc.DialOption) *grpc.ClientConn {
	p.t.Helper()
	all := append([]grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(64<<20), grpc.MaxCallSendMsgSize(64<<20))}, opts...)
	c, err := grpc.NewClient(p.addr, all...)
	if err != nil {
		p.t.Fatal(err)
	}
	p.t.Cleanup(func() { c.Close() })
	return c
}

func (p *proc) client(opts ...grpc.DialOption) winnowv1.ClassifierServiceClient {
	return winnowv1.NewClassifierServiceClient(p.conn(opts...))
}

// statusField returns a "Name:  value kB" field of /proc/PID/status in bytes.
func (p *proc) statusField(name string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		p.t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, name+":"); ok {
			f := strings.Fields(v)
			n, _ := strconv.ParseInt(f[0], 10, 64)
			return n << 10
		}
	}
	p.t.Fatalf("no %s in /proc status", name)
	return 0
}

// peakRSS is the process's peak resident set (VmHWM).
func (p *proc) peakRSS() int64 { return p.statusField("VmHWM") }

// cpu is the process's user+system CPU time (/proc/PID/stat, clock ticks
// of 10 ms).
func (p *proc) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", p.cmd.Process.Pid))
	if err != nil {
		p.t.Fatal(err)
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	// Fields after the command: state is f[0]; utime and stime are
	// fields 14 and 15 of the whole line, f[11] and f[12] here.
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond
}

// waitLog waits at most d for the log to match re.
func (p *proc) waitLog(re *regexp.Regexp, d time.Duration) bool {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if re.MatchString(p.log.String()) {
			return true
		}
		time.Sleep(time.Millisecond)
	}
	return false
}

// bounded returns a context that ends after d, for one bounded loop.
func bounded(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
