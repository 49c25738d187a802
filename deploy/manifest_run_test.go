package deploy

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/winnowhq/winnow/deploy/internal/proc"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	a, err := proc.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestManifestsRunWinnowd starts winnowd the way the base Deployment does
// (its arguments and environment, the downward API resolved from the
// container's resources, every listen address moved to 127.0.0.1), then
// asks grpc.health.v1 for each service name the probes use, and stops it
// with SIGTERM as the kubelet would.
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
			kind, res, _ := strings.Cut(ref.Resource, ".")
			list := c.Resources.Limits
			if kind == "requests" {
				list = c.Resources.Requests
			}
			q := list[corev1.ResourceName(res)]
			div := int64(1)
			if !ref.Divisor.IsZero() {
				div = ref.Divisor.Value()
			}
			v = strconv.FormatInt((q.Value()+div-1)/div, 10)
		}
		env = append(env, e.Name+"="+v)
	}

	p, err := proc.Start(winnowdBin, args, env, filepath.Join(t.TempDir(), "winnowd.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Kill()
	if err := p.WaitServing(grpcAddr, "", 30*time.Second); err != nil {
		t.Fatalf("winnowd %v: %v", args, err)
	}
	for _, svc := range probeServices(c) {
		if err := p.WaitServing(grpcAddr, svc, 5*time.Second); err != nil {
			t.Errorf("probe service %q: %v", svc, err)
		}
	}

	cc, _ := newContainerConfig(c, parseImage(t).config, flags)
	drain, err := cc.duration("shutdown-timeout")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	p.Signal(syscall.SIGTERM)
	select {
	case <-p.Exited():
		if p.Err() != nil {
			t.Errorf("winnowd after SIGTERM: %v\n%s", p.Err(), p.Log())
		}
		t.Logf("idle winnowd stopped %v after SIGTERM", time.Since(start).Round(time.Millisecond))
	case <-time.After(drain + 5*time.Second):
		t.Errorf("winnowd still running %v after SIGTERM (--shutdown-timeout %v)", time.Since(start), drain)
	}
}
