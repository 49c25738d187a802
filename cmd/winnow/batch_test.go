package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// binaries builds winnow and winnowd once for the tests that run them as
// processes.
var binaries = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "winnow-bin-")
	if err != nil {
		return "", err
	}
	for _, pkg := range []string{".", "../winnowd"} {
		cmd := exec.Command("go", "build", "-o", dir+"/", pkg)
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	return dir, nil
})

func binDir(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs binaries")
	}
	dir, err := binaries()
	if err != nil {
		t.Fatal(err)
	}
	builtDir.Store(dir)
	return dir
}

// builtDir holds the binaries' folder once a test built them.
var builtDir atomic.Value

func TestMain(m *testing.M) {
	code := m.Run()
	if dir, ok := builtDir.Load().(string); ok {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

// writeJSONL writes n input records: text and HTML pages of varied sizes
// (some large, so that a kill can land inside a write), and every 37th
// one empty (an error record).
func writeJSONL(t *testing.T, n, scale int) (path string, ids []string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "in.jsonl")
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for i := range n {
		id := fmt.Sprintf("doc-%04d", i)
		ids = append(ids, id)
		body := strings.Repeat(fmt.Sprintf("Paragraph %d of document %d tells the story of the day in some detail. ", i%7, i), scale*(1+(i*13)%40))
		rec := map[string]string{"id": id}
		switch {
		case i%37 == 36:
			rec["text"] = ""
		case i%2 == 0:
			rec["text"] = fmt.Sprintf("Headline of document %d\n%s\nShare this article", i, body)
		default:
			rec["html"] = fmt.Sprintf("<html><body><h1>Headline %d</h1><p>%s</p><div class=share>Share</div></body></html>", i, body)
		}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, ids
}

// checkExactlyOnce reads a batch output and checks that every id appears
// in exactly one complete record, and no other id appears.
func checkExactlyOnce(t *testing.T, out string, ids []string) (errs map[string]int) {
	t.Helper()
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) > 0 && data[len(data)-1] != '\n' {
		t.Error("the output ends in a torn line")
	}
	count := make(map[string]int)
	errs = make(map[string]int)
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		var r record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("line %d is not a record: %v: %.80q", i+1, err, line)
		}
		count[r.ID]++
		if r.Error != nil {
			errs[r.Error.Kind]++
		} else if r.MainText == nil || r.Title == nil {
			t.Errorf("%s: no main_text or title", r.ID)
		}
	}
	for _, id := range ids {
		if count[id] != 1 {
			t.Errorf("%s appears %d times, want once", id, count[id])
		}
		delete(count, id)
	}
	for id := range count {
		t.Errorf("unexpected id %q in the output", id)
	}
	return errs
}

func lineCount(path string) int {
	data, _ := os.ReadFile(path)
	return bytes.Count(data, []byte("\n"))
}

// TestBatchKilledAndResumed runs a real `winnow batch` process, kills it
// with SIGKILL three times at different points, resumes it each time, and
// checks that every input document is in the output exactly once.
func TestBatchKilledAndResumed(t *testing.T) {
	bin := filepath.Join(binDir(t), "winnow")
	const n = 600
	in, ids := writeJSONL(t, n, 1)
	out := filepath.Join(t.TempDir(), "out.jsonl")
	args := []string{"batch", "--in", in, "--out", out, "--workers", "2", "--progress", "none"}
	kills := 0
	for _, at := range []int{40, 200, 380} {
		cmd := exec.Command(bin, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		deadline := time.After(60 * time.Second)
	poll:
		for {
			select {
			case err := <-exited:
				t.Logf("run ended before the kill at %d lines: %v %s", at, err, stderr.String())
				break poll
			case <-deadline:
				cmd.Process.Kill()
				t.Fatalf("no %d lines within 60 s", at)
			case <-time.After(5 * time.Millisecond):
			}
			if lineCount(out) >= at {
				cmd.Process.Signal(syscall.SIGKILL)
				<-exited
				kills++
				if kills == 2 {
					// Make sure a torn line is there to cut: the start of
					// the next document's record, as a write cut short
					// by the kill would leave it.
					// Results are written in input order, so a kill can
					// come after a burst that wrote every line.
					if c := lineCount(out); c < n {
						tear(t, out, ids[c])
					} else {
						t.Logf("all %d lines were written before the kill: no torn line to plant", n)
					}
				}
				break
			}
		}
	}
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("final run: %v\n%s", err, stderr.String())
	}
	t.Logf("%d kills; last run: %s", kills, strings.TrimSpace(stderr.String()))
	if kills == 0 {
		t.Error("no run was killed mid-way; the test proved nothing")
	}
	errs := checkExactlyOnce(t, out, ids)
	if want := n / 37; errs["bad_input"] != want || len(errs) != 1 {
		t.Errorf("errors %v, want bad_input %d only", errs, want)
	}
}

// tear appends the first bytes of id's record to out, without a newline.
func tear(t *testing.T, out, id string) {
	t.Helper()
	data, _ := os.ReadFile(out)
	if len(data) > 0 && data[len(data)-1] != '\n' {
		return // the kill tore a line already
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(`{"id":"` + id + `","title":"Headl`); err != nil {
		t.Fatal(err)
	}
}

var servingRE = regexp.MustCompile(`msg=serving addr=(\S+)`)

// startWinnowd starts a winnowd process on a free loopback port.
func startWinnowd(t *testing.T, bin string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(filepath.Join(bin, "winnowd"), "--listen", "127.0.0.1:0", "--concurrency", "1")
	pr, pw := io.Pipe()
	cmd.Stderr = pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait(); pw.Close() })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		found := false
		for sc.Scan() {
			if m := servingRE.FindStringSubmatch(sc.Text()); m != nil && !found {
				addr <- m[1]
				found = true
			}
		}
	}()
	select {
	case a := <-addr:
		return cmd, a
	case <-time.After(30 * time.Second):
		t.Fatal("winnowd did not start")
	}
	return nil, ""
}

// TestBatchFailover classifies through three real winnowd processes and
// kills one with SIGKILL mid-run: every document must be answered exactly
// once, none with an error the kill caused.
func TestBatchFailover(t *testing.T) {
	bin := binDir(t)
	var addrs []string
	var procs []*exec.Cmd
	for range 3 {
		p, a := startWinnowd(t, bin)
		procs, addrs = append(procs, p), append(addrs, a)
	}
	const n = 900
	in, ids := writeJSONL(t, n, 8)
	out := filepath.Join(t.TempDir(), "out.jsonl")
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		var o, e bytes.Buffer
		code := run(context.Background(), []string{"batch", "--in", in, "--out", out, "--server", strings.Join(addrs, ","), "--progress", "none"}, nil, &o, &e)
		done <- result{code, o.String(), e.String()}
	}()
	killed := false
	var r result
wait:
	for {
		select {
		case r = <-done:
			break wait
		case <-time.After(5 * time.Millisecond):
		}
		if !killed && lineCount(out) >= n/3 {
			procs[1].Process.Signal(syscall.SIGKILL)
			killed = true
		}
	}
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !killed {
		t.Error("the run ended before a server was killed")
	}
	t.Log(strings.TrimSpace(r.stderr))
	errs := checkExactlyOnce(t, out, ids)
	if want := n / 37; errs["bad_input"] != want || len(errs) != 1 {
		t.Errorf("errors %v, want bad_input %d only", errs, want)
	}
}
