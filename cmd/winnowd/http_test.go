package main

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var httpAddrRE = regexp.MustCompile(`msg="serving HTTP" addr=(\S+)`)

// serve runs winnowd with args until ctx is done and returns the address
// in the first log line matching re, the exit code's channel and stderr.
func serve(ctx context.Context, t *testing.T, args []string, re *regexp.Regexp) (string, <-chan int, *syncBuffer) {
	t.Helper()
	stderr := new(syncBuffer)
	exit := make(chan int, 1)
	go func() { exit <- run(ctx, args, nil, io.Discard, stderr) }()
	for {
		select {
		case code := <-exit:
			t.Fatalf("winnowd exited with %d: %s", code, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], exit, stderr
		}
	}
}

// TestServeHTTP runs winnowd with --http-listen and calls the gateway, the
// view and the OpenAPI document over 127.0.0.1, then stops it.
func TestServeHTTP(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, exit, stderr := serve(ctx, t, []string{"--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"}, httpAddrRE)
	base := "http://" + addr
	for _, c := range []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"GET", "/v1/model", "", 200, `"defaultThreshold"`},
		{"POST", "/v1/classify", `{"document": {"text": "کد خبر ۴۴۰۱۹۹\nهمکاری اطلاعاتی مسکو با طالبان علیه داعش"}}`, 200, `"CATEGORY_TITLE"`},
		{"POST", "/v1/classify", `{"document": {}}`, 400, `google.rpc.BadRequest`},
		{"GET", "/", "", 200, "<title>Winnow"},
		{"GET", "/openapi.json", "", 200, `"/v1/classify:batch"`},
	} {
		req, _ := http.NewRequestWithContext(ctx, c.method, base+c.path, strings.NewReader(c.body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.status || !bytes.Contains(b, []byte(c.want)) {
			t.Errorf("%s %s: %d, want %d with %s: %.200s", c.method, c.path, resp.StatusCode, c.status, c.want, b)
		}
	}
	cancel()
	if code := <-exit; code != 0 {
		t.Errorf("exit %d after cancel, want 0: %s", code, stderr.String())
	}
}

func TestHTTPListenInUse(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	var stderr bytes.Buffer
	if code := run(context.Background(), []string{"--listen", "127.0.0.1:0", "--http-listen", busy.Addr().String()}, nil, nil, &stderr); code != 3 {
		t.Errorf("exit %d, want 3: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "--http-listen") {
		t.Errorf("the error does not name --http-listen: %s", stderr.String())
	}
}

// TestServeHTTPS: with --tls-cert and --tls-key the HTTP listener serves
// HTTPS with the same certificate, and with --client-ca it wants a client
// certificate, as the gRPC listener does.
func TestServeHTTPS(t *testing.T) {
	pki := makePKI(t)
	for _, tc := range []struct {
		name string
		args []string
		mtls bool
	}{
		{"tls", []string{"--tls-cert", pki.certFile, "--tls-key", pki.keyFile}, false},
		{"mtls", []string{"--tls-cert", pki.certFile, "--tls-key", pki.keyFile, "--client-ca", pki.caFile}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			args := append([]string{"--listen", "127.0.0.1:0", "--http-listen", "127.0.0.1:0"}, tc.args...)
			addr, exit, stderr := serve(ctx, t, args, httpAddrRE)
			get := func(scheme string, certs ...tls.Certificate) (int, error) {
				c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
					TLSClientConfig: &tls.Config{RootCAs: pki.pool, Certificates: certs, MinVersion: tls.VersionTLS12}}}
				resp, err := c.Get(scheme + "://" + addr + "/v1/model")
				if err != nil {
					return 0, err
				}
				resp.Body.Close()
				return resp.StatusCode, nil
			}
			if code, err := get("https", pki.client); code != 200 {
				t.Errorf("HTTPS with the CA's client certificate: %d %v", code, err)
			}
			if code, err := get("http"); code == 200 {
				t.Errorf("plain HTTP on a TLS listener: %d %v", code, err)
			}
			if code, err := get("https"); tc.mtls == (code == 200) {
				t.Errorf("HTTPS without a client certificate (mutual TLS %v): %d %v", tc.mtls, code, err)
			}
			cancel()
			if code := <-exit; code != 0 {
				t.Errorf("exit %d: %s", code, stderr.String())
			}
		})
	}
}
