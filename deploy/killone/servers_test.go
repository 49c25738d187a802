package killone

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/winnowhq/winnow/deploy/internal/proc"
)

// repo is the main module's checkout the binaries are built from: the
// repository this module is in, or another (go test ./... -repo DIR).
var repo = flag.String("repo", "../..", "the main module's checkout `dir`")

var (
	numDocs   = flag.Int("killone.docs", 3000, "documents per kill-one run")
	docCopies = flag.Int("killone.copies", 2, "copies of the seed article in each document (5.9 KB each)")
	drainTime = flag.Duration("killone.drain", 10*time.Second, "winnowd --shutdown-timeout")
)

var builder proc.Builder

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "winnow-killone-")
	if err != nil {
		panic(err)
	}
	builder = proc.Builder{Root: *repo, Dir: dir}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// build builds ./cmd/NAME of the parent module once.
func build(t *testing.T, name string) string {
	t.Helper()
	bin, err := builder.Build(name)
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

// server is one winnowd process.
type server struct {
	*proc.Process
	name string
	addr string
}

// startServers starts n winnowd processes on free 127.0.0.1 ports and
// waits until each reports SERVING; they are killed when the test ends.
func startServers(t *testing.T, n int) []*server {
	t.Helper()
	bin := build(t, "winnowd")
	dir := t.TempDir()
	var servers []*server
	for i := range n {
		s := &server{name: string(rune('A' + i))}
		var err error
		for attempt := 0; ; attempt++ {
			if s.addr, err = proc.FreeAddr(); err != nil {
				t.Fatal(err)
			}
			args := []string{"--listen", s.addr, "--log-level", "warn", "--shutdown-timeout", drainTime.String()}
			if s.Process, err = proc.Start(bin, args, nil, filepath.Join(dir, s.name+".log")); err != nil {
				t.Fatal(err)
			}
			if err = s.WaitServing(s.addr, "", 30*time.Second); err == nil || attempt == 2 {
				break
			}
			// The port may have been taken between FreeAddr and listen.
			s.Kill()
		}
		if err != nil {
			t.Fatalf("winnowd %s: %v", s.name, err)
		}
		servers = append(servers, s)
		t.Cleanup(s.Kill)
	}
	return servers
}

// kill sends SIGKILL and waits for the process to go.
func (s *server) kill(t *testing.T) {
	t.Helper()
	if err := s.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("SIGKILL %s: %v", s.name, err)
	}
	<-s.Exited()
}

// drain sends SIGTERM and returns a channel that yields how long the
// server took to exit, and fails the test if it exits non-zero or later
// than its --shutdown-timeout plus a second.
func (s *server) drain(t *testing.T) <-chan time.Duration {
	t.Helper()
	start := time.Now()
	if err := s.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("SIGTERM %s: %v", s.name, err)
	}
	done := make(chan time.Duration, 1)
	go func() {
		select {
		case <-s.Exited():
			if s.Err() != nil {
				t.Errorf("winnowd %s after SIGTERM: %v\n%s", s.name, s.Err(), s.Log())
			}
		case <-time.After(*drainTime + time.Second):
			t.Errorf("winnowd %s still running %v after SIGTERM (--shutdown-timeout %v)", s.name, time.Since(start), *drainTime)
			<-s.Exited()
		}
		done <- time.Since(start)
	}()
	return done
}

// seed is the text the documents are made of.
func seed(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(*repo, "examples", "seed-fa-news.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// document returns the text of document i: the seed article --killone.copies
// times with a line naming the document, so that no two are alike.
func document(seed string, i int) string {
	return fmt.Sprintf("خبر شماره %d\n%s", i, strings.Repeat(seed+"\n", *docCopies))
}

// phases measures throughput while servers go away: mark records the
// number of documents done at a moment; rates divides the documents done
// between marks by the time between them.
type phases struct {
	names []string
	at    []time.Time
	done  []int
}

func (p *phases) mark(name string, done int) {
	p.names = append(p.names, name)
	p.at = append(p.at, time.Now())
	p.done = append(p.done, done)
}

// report returns one line per phase: "3 servers: 1000 docs in 1.2s = 833 docs/s".
func (p *phases) report() string {
	var b strings.Builder
	for i := 1; i < len(p.at); i++ {
		if p.at[i].Sub(p.at[i-1]) <= 0 {
			continue
		}
		n, d := p.done[i]-p.done[i-1], p.at[i].Sub(p.at[i-1])
		fmt.Fprintf(&b, "%s: %d docs in %v = %.0f docs/s\n", p.names[i-1], n, d.Round(time.Millisecond), float64(n)/d.Seconds())
	}
	return b.String()
}

// cpuTimes returns each server's user+system CPU time so far, from
// /proc/PID/stat (clock ticks of 10 ms); 0 for a server that has exited.
func cpuTimes(t *testing.T, servers []*server) []time.Duration {
	t.Helper()
	out := make([]time.Duration, len(servers))
	for i, s := range servers {
		select {
		case <-s.Exited():
			continue
		default:
		}
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.Cmd.Process.Pid))
		if err != nil {
			t.Fatalf("CPU time of %s: %v", s.name, err)
		}
		// Fields after the command name, which is in parentheses.
		f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+2:]))
		utime, _ := strconv.ParseInt(f[11], 10, 64)
		stime, _ := strconv.ParseInt(f[12], 10, 64)
		out[i] = time.Duration(utime+stime) * 10 * time.Millisecond
	}
	return out
}

// cpuSince returns each server's CPU time since before, and a line
// listing them.
func cpuSince(t *testing.T, servers []*server, before []time.Duration) ([]time.Duration, string) {
	t.Helper()
	after := cpuTimes(t, servers)
	used := make([]time.Duration, len(servers))
	var b strings.Builder
	for i, s := range servers {
		if after[i] > 0 { // 0: exited
			used[i] = after[i] - before[i]
		}
		fmt.Fprintf(&b, " %s %v", s.name, used[i])
	}
	return used, b.String()
}

// busiest returns the index of the server with the most CPU time among
// those alive.
func busiest(servers []*server, used []time.Duration) int {
	best := -1
	for i, s := range servers {
		select {
		case <-s.Exited():
			continue
		default:
		}
		if best < 0 || used[i] > used[best] {
			best = i
		}
	}
	return best
}

// killOne runs the kill-one sequence against a client at work: progress
// reports how many documents it has finished, finished is closed when it
// is done. After a warm-up tenth of the n documents it measures 3
// servers and checks that all three share the work (each at least a sixth
// of the servers' CPU); at a third it kills the busiest server (SIGKILL),
// at two thirds it drains the busiest of the other two (SIGTERM), which
// must exit 0 within its --shutdown-timeout; then it measures until the
// client is done. The phases are logged. It returns the server left.
// A server that did less than a sixth of the first third's CPU fails the
// test: the client did not balance.
func killOne(t *testing.T, servers []*server, n int, progress func() int, finished <-chan struct{}) *server {
	t.Helper()
	reach := func(target int) bool {
		for progress() < target {
			select {
			case <-finished:
				return false
			case <-time.After(5 * time.Millisecond):
			}
		}
		return true
	}
	var p phases
	reach(n / 10)
	cpu := cpuTimes(t, servers)
	p.mark("3 servers", progress())
	if !reach(n / 3) {
		t.Fatal("the client finished before a third of the documents")
	}
	used, line := cpuSince(t, servers, cpu)
	t.Logf("server CPU with 3 servers:%s", line)
	var total time.Duration
	for _, u := range used {
		total += u
	}
	for i, s := range servers {
		if total > 0 && used[i]*6 < total {
			t.Errorf("server %s did %v of %v CPU: the load is not balanced", s.name, used[i], total)
		}
	}
	killed := servers[busiest(servers, used)]
	cpu = cpuTimes(t, servers)
	killed.kill(t)
	p.mark(fmt.Sprintf("2 servers (%s killed)", killed.name), progress())
	if !reach(2 * n / 3) {
		t.Fatal("the client finished before two thirds of the documents")
	}
	used, line = cpuSince(t, servers, cpu)
	t.Logf("server CPU with 2 servers:%s", line)
	drainee := servers[busiest(servers, used)]
	drained := drainee.drain(t)
	p.mark(fmt.Sprintf("2 servers (%s draining)", drainee.name), progress())
	var drainTook time.Duration
	select {
	case drainTook = <-drained:
		p.mark(fmt.Sprintf("1 server (%s gone)", drainee.name), progress())
		<-finished
	case <-finished:
		drainTook = <-drained
	}
	p.mark("end", progress())
	t.Logf("%d documents:\n%s%s drained in %v after SIGTERM", n, p.report(), drainee.name, drainTook.Round(time.Millisecond))
	for _, s := range servers {
		if s != killed && s != drainee {
			return s
		}
	}
	return nil
}
