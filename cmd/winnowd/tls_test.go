package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/status"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
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

func newCert(t *testing.T, tmpl *x509.Certificate, parent *x509.Certificate, parentKey *ecdsa.PrivateKey) (*x509.Certificate, *ecdsa.PrivateKey, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert, key, der
}

func pemFile(t *testing.T, path, typ string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

func keyDER(t *testing.T, k *ecdsa.PrivateKey) []byte {
	b, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func makePKI(t *testing.T) *testPKI {
	p := &testPKI{dir: t.TempDir()}
	now := time.Now()
	ca := func(name string, serial int64) (*x509.Certificate, *ecdsa.PrivateKey, []byte) {
		return newCert(t, &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: name},
			NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
			KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature}, nil, nil)
	}
	caCert, caKey, caDER := ca("winnow test CA", 1)
	otherCA, otherKey, _ := ca("other CA", 2)
	leaf := func(name string, serial int64, usage x509.ExtKeyUsage, parent *x509.Certificate, pk *ecdsa.PrivateKey) (*ecdsa.PrivateKey, []byte) {
		_, k, der := newCert(t, &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: name},
			NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature,
			ExtKeyUsage: []x509.ExtKeyUsage{usage}, IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}}, parent, pk)
		return k, der
	}
	srvKey, srvDER := leaf("winnowd", 3, x509.ExtKeyUsageServerAuth, caCert, caKey)
	p.caFile, p.certFile, p.keyFile = filepath.Join(p.dir, "ca.pem"), filepath.Join(p.dir, "server.pem"), filepath.Join(p.dir, "server.key")
	pemFile(t, p.caFile, "CERTIFICATE", caDER)
	pemFile(t, p.certFile, "CERTIFICATE", srvDER)
	pemFile(t, p.keyFile, "EC PRIVATE KEY", keyDER(t, srvKey))
	p.pool = x509.NewCertPool()
	p.pool.AddCert(caCert)
	cliKey, cliDER := leaf("cms", 4, x509.ExtKeyUsageClientAuth, caCert, caKey)
	p.client = tls.Certificate{Certificate: [][]byte{cliDER}, PrivateKey: cliKey}
	oKey, oDER := leaf("intruder", 5, x509.ExtKeyUsageClientAuth, otherCA, otherKey)
	p.otherClient = tls.Certificate{Certificate: [][]byte{oDER}, PrivateKey: oKey}
	return p
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
