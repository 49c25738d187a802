package deploy

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	corev1 "k8s.io/api/core/v1"
)

// freeAddr returns a 127.0.0.1 address with a port that was free a moment
// ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// TestManifestsRunWinnowd starts winnowd the way the base Deployment does
// (its arguments and environment, the downward API resolved from the
// container's limits, every listen address moved to 127.0.0.1), then asks
// grpc.health.v1 for each service name the probes use, and stops it with
// SIGTERM as the kubelet would.
func TestManifestsRunWinnowd(t *testing.T) {
	flags := winnowd(t)
	m := render(t, filepath.Join(kubeDir, "base"))
	c := &m.Deployments[0].Spec.Template.Spec.Containers[0]
	if c.Name != containerName {
		t.Fatalf("first container is %s", c.Name)
	}

	grpcAddr := freeAddr(t)
	var args []string
	for _, a := range c.Args {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if name == "listen" || strings.HasSuffix(name, "-listen") {
			continue // set below, on loopback
		}
		args = append(args, a)
	}
	args = append(args, "--listen="+grpcAddr)
	for _, f := range listenFlags(flags) {
		if f.Name != "listen" && f.Default != "" {
			args = append(args, "--"+f.Name+"="+freeAddr(t))
		}
	}
	env := os.Environ()
	for _, e := range c.Env {
		v := e.Value
		if e.ValueFrom != nil {
			ref := e.ValueFrom.ResourceFieldRef
			if ref == nil {
				t.Fatalf("env %s: only the downward API's resourceFieldRef is resolved here", e.Name)
			}
			q := c.Resources.Limits[corev1.ResourceName(strings.TrimPrefix(ref.Resource, "limits."))]
			div := int64(1)
			if !ref.Divisor.IsZero() {
				div = ref.Divisor.Value()
			}
			v = strconv.FormatInt((q.Value()+div-1)/div, 10)
		}
		env = append(env, e.Name+"="+v)
	}

	cmd := exec.Command(winnowdBin, args...)
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-exited
		}
	}()

	conn, err := grpc.NewClient(grpcAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	health := healthpb.NewHealthClient(conn)
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		r, err := health.Check(ctx, &healthpb.HealthCheckRequest{})
		cancel()
		if err == nil && r.GetStatus() == healthpb.HealthCheckResponse_SERVING {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("winnowd %v exited: %v\n%s", args, err, stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("winnowd not SERVING after 30 s (last: %v %v)\n%s", r.GetStatus(), err, stderr.String())
		}
	}
	for _, svc := range probeServices(c) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		r, err := health.Check(ctx, &healthpb.HealthCheckRequest{Service: svc})
		cancel()
		if err != nil || r.GetStatus() != healthpb.HealthCheckResponse_SERVING {
			t.Errorf("probe service %q: %v %v", svc, r.GetStatus(), err)
		}
	}

	cc, _ := newContainerConfig(c, flags)
	drain, err := cc.duration("shutdown-timeout")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("winnowd after SIGTERM: %v\n%s", err, stderr.String())
		}
		t.Logf("idle winnowd stopped %v after SIGTERM", time.Since(start).Round(time.Millisecond))
	case <-time.After(drain + 5*time.Second):
		t.Errorf("winnowd still running %v after SIGTERM (--shutdown-timeout %v)", time.Since(start), drain)
	}
}
