// Package proc runs the repository's binaries as real processes for the
// deploy module's tests: it builds them from the parent module, finds free
// loopback ports, starts winnowd and waits until grpc.health.v1 reports
// SERVING. Every address it hands out is on 127.0.0.1.
package proc

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

// Builder builds ./cmd/NAME of the module at Root into Dir, once per name.
type Builder struct {
	Root, Dir string
	builds    sync.Map // name -> *build
}

type build struct {
	once sync.Once
	path string
	err  error
}

// Build returns the path of the built binary.
func (b *Builder) Build(name string) (string, error) {
	v, _ := b.builds.LoadOrStore(name, &build{})
	r := v.(*build)
	r.once.Do(func() {
		r.path = filepath.Join(b.Dir, name)
		out, err := exec.Command("go", "build", "-C", b.Root, "-o", r.path, "./cmd/"+name).CombinedOutput()
		if err != nil {
			r.err = fmt.Errorf("go build ./cmd/%s: %v\n%s", name, err, out)
		}
	})
	return r.path, r.err
}

// FreeAddr returns a 127.0.0.1 address whose port was free a moment ago.
func FreeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// Process is a started command whose stderr goes to a log file.
type Process struct {
	Cmd     *exec.Cmd
	LogPath string
	exited  chan struct{}
	err     error
}

// Start starts bin with args and env (nil: the test's environment),
// stderr to logPath.
func Start(bin string, args, env []string, logPath string) (*Process, error) {
	f, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	cmd.Stderr = f
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &Process{Cmd: cmd, LogPath: logPath, exited: make(chan struct{})}
	go func() { p.err = cmd.Wait(); close(p.exited) }()
	return p, nil
}

// Exited is closed when the process has exited.
func (p *Process) Exited() <-chan struct{} { return p.exited }

// Err is the process's exit error, once Exited is closed.
func (p *Process) Err() error { return p.err }

// Log returns what the process wrote to stderr so far.
func (p *Process) Log() string {
	data, _ := os.ReadFile(p.LogPath)
	return string(data)
}

// Signal sends sig; it is a no-op once the process has exited.
func (p *Process) Signal(sig syscall.Signal) error {
	select {
	case <-p.exited:
		return nil
	default:
		return p.Cmd.Process.Signal(sig)
	}
}

// Kill sends SIGKILL and waits for the process to go.
func (p *Process) Kill() {
	p.Signal(syscall.SIGKILL)
	<-p.exited
}

// WaitServing polls grpc.health.v1 for service at addr until it reports
// SERVING, the process exits, or limit passes. It talks plaintext unless
// opts hold transport credentials.
func (p *Process) WaitServing(addr, service string, limit time.Duration, opts ...grpc.DialOption) error {
	opts = append([]grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}, opts...)
	conn, err := grpc.NewClient(addr, opts...)
	if err != nil {
		return err
	}
	defer conn.Close()
	h := healthpb.NewHealthClient(conn)
	deadline := time.Now().Add(limit)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		r, err := h.Check(ctx, &healthpb.HealthCheckRequest{Service: service})
		cancel()
		if err == nil && r.GetStatus() == healthpb.HealthCheckResponse_SERVING {
			return nil
		}
		select {
		case <-p.exited:
			return fmt.Errorf("exited: %v\n%s", p.err, p.Log())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%q not SERVING after %v: %v %v", service, limit, r.GetStatus(), err)
		}
	}
}
