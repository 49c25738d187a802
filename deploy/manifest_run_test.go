package deploy

import (
	"crypto/tls"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
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

// TestManifestsRunWinnowd starts winnowd the way a pod of each rendered
// set would (the image's ENV, then the container's env with the downward
// API resolved from its resources, its args or the image's CMD, the
// Secrets it mounts written to a temporary directory), with every listen
// address moved to 127.0.0.1; then asks grpc.health.v1, without
// credentials, for each service name the probes use, fetches /openapi.json
// from the REST gateway and the scrape path from the metrics port when
// winnowd serves them, and stops it with SIGTERM as the kubelet would.
func TestManifestsRunWinnowd(t *testing.T) {
	flags := winnowd(t)
	img := parseImage(t)
	for _, dir := range kustomizations(t) {
		t.Run(strings.ReplaceAll(strings.TrimPrefix(dir, kubeDir+"/"), "/", "_"), func(t *testing.T) {
			m := render(t, dir)
			runPod(t, m, img, flags)
		})
	}
}

func runPod(t *testing.T, m *manifests, img image, flags map[string]flagInfo) {
	pod := &m.Deployments[0].Spec.Template
	c := &pod.Spec.Containers[0]
	if c.Name != containerName {
		t.Fatalf("first container is %s", c.Name)
	}
	cc, problems := newContainerConfig(c, img.config, flags)
	if len(problems) > 0 {
		t.Fatal(problems)
	}

	// An empty TLS Secret (the manifests leave them for the operator to
	// fill) gets a throwaway CA, server and client certificate.
	var dialOpts []grpc.DialOption
	httpc, scheme := http.DefaultClient, "http://"
	for _, s := range m.Secrets {
		if s.Type != corev1.SecretTypeTLS {
			continue
		}
		pki := newTestPKI(t)
		s.StringData = nil
		s.Data = map[string][]byte{"tls.crt": pki.serverCert, "tls.key": pki.serverKey, "ca.crt": pki.caPEM}
		cfg := &tls.Config{RootCAs: pki.pool, Certificates: []tls.Certificate{pki.client}}
		dialOpts = append(dialOpts, grpc.WithTransportCredentials(credentials.NewTLS(cfg)))
		// winnowd serves its REST gateway with the same TLS.
		httpc, scheme = &http.Client{Transport: &http.Transport{TLSClientConfig: cfg}}, "https://"
	}

	// Secrets mounted in the pod become files under root.
	root := t.TempDir()
	remap := func(v string) string {
		for _, vm := range c.VolumeMounts {
			if strings.HasPrefix(v, vm.MountPath+"/") {
				return filepath.Join(root, v)
			}
		}
		return v
	}
	for _, vm := range c.VolumeMounts {
		for _, v := range pod.Spec.Volumes {
			if v.Name != vm.Name || v.Secret == nil {
				continue
			}
			for _, s := range m.Secrets {
				if s.Name != v.Secret.SecretName {
					continue
				}
				dst := filepath.Join(root, vm.MountPath)
				if err := os.MkdirAll(dst, 0o755); err != nil {
					t.Fatal(err)
				}
				for k, data := range s.Data {
					os.WriteFile(filepath.Join(dst, k), data, 0o600)
				}
				for k, data := range s.StringData {
					os.WriteFile(filepath.Join(dst, k), []byte(data), 0o600)
				}
			}
		}
	}

	env := os.Environ()
	for k, v := range img.config.env {
		env = append(env, k+"="+remap(v))
	}
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
		env = append(env, e.Name+"="+remap(v))
	}
	args := c.Args
	if len(args) == 0 {
		args = img.config.cmd
	}
	var runArgs []string
	for _, a := range args {
		runArgs = append(runArgs, remap(a))
	}
	// Arguments win over the environment: every listen address goes to
	// loopback.
	addrs := map[string]string{}
	for _, f := range listenFlags(flags) {
		if v, _ := cc.value(f.Name); v != "" {
			addrs[f.Name] = freeAddr(t)
			runArgs = append(runArgs, "--"+f.Name+"="+addrs[f.Name])
		}
	}

	p, err := proc.Start(winnowdBin, runArgs, env, filepath.Join(t.TempDir(), "winnowd.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Kill()
	grpcAddr := addrs["listen"]
	if err := p.WaitServing(grpcAddr, "", 30*time.Second, dialOpts...); err != nil {
		t.Fatalf("winnowd %v: %v", runArgs, err)
	}
	if len(dialOpts) > 0 && p.WaitServing(grpcAddr, "", time.Second) == nil {
		t.Error("a TLS Secret is mounted but winnowd answers plaintext")
	}
	for _, svc := range probeServices(c) {
		if err := p.WaitServing(grpcAddr, svc, 5*time.Second, dialOpts...); err != nil {
			t.Errorf("probe service %q: %v", svc, err)
		}
	}
	if addr, ok := addrs["http-listen"]; ok {
		// The REST gateway the regular Service carries answers too.
		resp, err := httpc.Get(scheme + addr + "/openapi.json")
		if err != nil {
			t.Errorf("gateway: %v", err)
		} else {
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("gateway /openapi.json: %s", resp.Status)
			}
		}
	}
	if addr, ok := addrs["metrics-listen"]; ok {
		path := pod.Annotations["prometheus.io/path"]
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Errorf("scrape %s: %v", path, err)
		} else {
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("scrape %s: %s", path, resp.Status)
			}
		}
	}

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
