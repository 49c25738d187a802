package main

import (
	"crypto/tls"
	"crypto/x509"
	"path/filepath"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
	"github.com/winnowhq/winnow/internal/testpki"
)

// testPKI is a CA with a server certificate for 127.0.0.1 and a client
// certificate, written as PEM files.
type testPKI struct {
	dir                       string
	caFile, certFile, keyFile string
	pool                      *x509.CertPool
	client                    tls.Certificate
	otherClient               tls.Certificate // signed by another CA
}

func makePKI(t *testing.T) *testPKI {
	p := &testPKI{dir: t.TempDir()}
	caCert, caKey := testpki.Cert(t, p.dir, "ca", nil, nil)
	otherCA, otherKey := testpki.Cert(t, p.dir, "other-ca", nil, nil)
	testpki.Cert(t, p.dir, "server", caCert, caKey)
	testpki.Cert(t, p.dir, "client", caCert, caKey)
	testpki.Cert(t, p.dir, "intruder", otherCA, otherKey)
	p.caFile, p.certFile, p.keyFile = filepath.Join(p.dir, "ca.pem"), filepath.Join(p.dir, "server.pem"), filepath.Join(p.dir, "server.key")
	p.pool = x509.NewCertPool()
	p.pool.AddCert(caCert)
	p.client = keyPair(t, p.dir, "client")
	p.otherClient = keyPair(t, p.dir, "intruder")
	return p
}

func keyPair(t *testing.T, dir, name string) tls.Certificate {
	t.Helper()
	c, err := tls.LoadX509KeyPair(filepath.Join(dir, name+".pem"), filepath.Join(dir, name+".key"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestFaultTLS serves TLS and mutual TLS from a real winnowd: with
// --client-ca, a client without a certificate, with one from another CA
// or in plaintext is refused; with a certificate from the CA it is served.
func TestFaultTLS(t *testing.T) {
	pki := makePKI(t)
	call := func(p *proc, opt grpc.DialOption) error {
		c := winnowv1.NewClassifierServiceClient(p.conn(opt))
		_, err := c.Classify(bounded(t, 10*time.Second), &winnowv1.ClassifyRequest{Document: textDoc("a", "some text")})
		return err
	}
	creds := func(certs ...tls.Certificate) grpc.DialOption {
		return grpc.WithTransportCredentials(credentials.NewTLS(&tls.Config{RootCAs: pki.pool, Certificates: certs, MinVersion: tls.VersionTLS12}))
	}
	t.Run("tls", func(t *testing.T) {
		p := startWinnowd(t, raceEnabled, "--tls-cert", pki.certFile, "--tls-key", pki.keyFile)
		if err := call(p, creds()); err != nil {
			t.Errorf("TLS client: %v", err)
		}
		if err := call(p, grpc.EmptyDialOption{}); status.Code(err) != codes.Unavailable {
			t.Errorf("plaintext client on a TLS server: %v, want UNAVAILABLE", err)
		}
	})
	t.Run("mtls", func(t *testing.T) {
		p := startWinnowd(t, raceEnabled, "--tls-cert", pki.certFile, "--tls-key", pki.keyFile, "--client-ca", pki.caFile)
		if err := call(p, creds(pki.client)); err != nil {
			t.Errorf("client with a certificate: %v", err)
		}
		if err := call(p, creds()); err == nil {
			t.Error("client without a certificate was served")
		}
		if err := call(p, creds(pki.otherClient)); err == nil {
			t.Error("client with another CA's certificate was served")
		}
	})
}
