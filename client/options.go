package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/keepalive"
)

// Options configure a client made with [Open]. The zero value is not
// usable on its own: say how to secure the connection, with TLS or with
// Plaintext set explicitly.
type Options struct {
	// TLS secures the connection (server authentication, and client
	// authentication when it holds a certificate: mTLS). See [TLSConfig].
	TLS *tls.Config
	// Plaintext talks without transport security. It must be set
	// explicitly (and TLS left nil); use it on loopback or inside a trusted
	// network only.
	Plaintext bool
	// Token, when set, is sent with every call as the
	// "authorization: Bearer TOKEN" metadata (per-RPC credentials). It is
	// refused over plaintext unless Plaintext is set, which says the
	// network is trusted.
	Token string
	// Retry bounds the retries of UNAVAILABLE calls and of
	// RESOURCE_EXHAUSTED calls that carry a google.rpc.RetryInfo.
	// The zero value takes [DefaultRetry].
	Retry Retry
	// Keepalive pings an idle connection to find a dead peer. The zero
	// value takes 60 s between pings and a 20 s ack timeout; the server
	// must allow pings that often (keepalive.EnforcementPolicy.MinTime
	// at most 60 s: grpc-go's server default is 5 minutes, in which case
	// the client backs off after a GOAWAY and keeps working).
	Keepalive keepalive.ClientParameters
	// MaxMessageBytes bounds a message sent or received. 0 means
	// [MaxMessageBytes].
	MaxMessageBytes int
	// DialOptions are appended to the client's own, after them.
	DialOptions []grpc.DialOption
}

// Retry is the retry policy of [Options]. Attempts include the first one.
type Retry struct {
	// MaxAttempts is the most attempts per call, at least 1 (no retry);
	// gRPC caps it at 5.
	MaxAttempts int
	// InitialBackoff is the first wait before a retry of UNAVAILABLE; each
	// further wait is up to twice the previous one (with jitter), at most
	// MaxBackoff.
	InitialBackoff time.Duration
	// MaxBackoff bounds every wait, including a server's RetryInfo delay.
	MaxBackoff time.Duration
}

// DefaultRetry is the retry policy when Options.Retry is zero: 4 attempts,
// 100 ms first backoff, 5 s longest wait.
var DefaultRetry = Retry{MaxAttempts: 4, InitialBackoff: 100 * time.Millisecond, MaxBackoff: 5 * time.Second}

func (r Retry) withDefaults() Retry {
	if r == (Retry{}) {
		return DefaultRetry
	}
	if r.MaxAttempts < 1 {
		r.MaxAttempts = 1
	}
	if r.InitialBackoff <= 0 {
		r.InitialBackoff = DefaultRetry.InitialBackoff
	}
	if r.MaxBackoff < r.InitialBackoff {
		r.MaxBackoff = r.InitialBackoff
	}
	return r
}

// serviceName is the gRPC service the retry policy applies to.
const serviceName = "winnow.v1.ClassifierService"

// ServiceConfig returns the default service config of a client made with
// [Open], as JSON: round_robin over every address the resolver returns,
// and a retry policy for UNAVAILABLE. RESOURCE_EXHAUSTED is retried by the
// client's interceptor instead, and only when the server says when
// (google.rpc.RetryInfo), since gRPC's own retry does not read RetryInfo
// and a request that is simply too large must not be retried.
func ServiceConfig(r Retry) string {
	r = r.withDefaults()
	attempts := min(max(r.MaxAttempts, 2), 5) // gRPC wants 2..5; 1 is handled below
	type policy struct {
		MaxAttempts          int      `json:"maxAttempts"`
		InitialBackoff       string   `json:"initialBackoff"`
		MaxBackoff           string   `json:"maxBackoff"`
		BackoffMultiplier    float64  `json:"backoffMultiplier"`
		RetryableStatusCodes []string `json:"retryableStatusCodes"`
	}
	type name struct {
		Service string `json:"service"`
	}
	type method struct {
		Name        []name  `json:"name"`
		RetryPolicy *policy `json:"retryPolicy,omitempty"`
	}
	m := method{Name: []name{{Service: serviceName}}}
	if r.MaxAttempts > 1 {
		m.RetryPolicy = &policy{
			MaxAttempts:          attempts,
			InitialBackoff:       seconds(r.InitialBackoff),
			MaxBackoff:           seconds(r.MaxBackoff),
			BackoffMultiplier:    2,
			RetryableStatusCodes: []string{"UNAVAILABLE"},
		}
	}
	cfg := map[string]any{
		"loadBalancingConfig": []any{map[string]any{"round_robin": map[string]any{}}},
		"methodConfig":        []method{m},
	}
	b, _ := json.Marshal(cfg)
	return string(b)
}

func seconds(d time.Duration) string {
	return fmt.Sprintf("%.3fs", d.Seconds())
}

// TLSConfig builds a TLS configuration from PEM files: caFile (the CA that
// signed the server's certificate; empty means the system pool), and
// certFile with keyFile (the client's certificate for mutual TLS; both
// empty means none). serverName overrides the name checked in the server's
// certificate (empty: the host of the address).
func TLSConfig(caFile, certFile, keyFile, serverName string) (*tls.Config, error) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: serverName}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("client: CA file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("client: CA file %s holds no PEM certificate", caFile)
		}
		cfg.RootCAs = pool
	}
	if (certFile == "") != (keyFile == "") {
		return nil, errors.New("client: a client certificate needs both the certificate and the key file")
	}
	if certFile != "" {
		cert, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return nil, fmt.Errorf("client: client certificate: %w", err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	return cfg, nil
}

// bearer is per-RPC credentials sending a bearer token.
type bearer struct {
	token  string
	secure bool
}

var _ credentials.PerRPCCredentials = bearer{}

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + b.token}, nil
}

func (b bearer) RequireTransportSecurity() bool { return b.secure }

// dialOptions turns o into gRPC dial options.
func (o Options) dialOptions() ([]grpc.DialOption, error) {
	var opts []grpc.DialOption
	switch {
	case o.TLS != nil && o.Plaintext:
		return nil, errors.New("client: Options.TLS and Options.Plaintext are exclusive")
	case o.TLS != nil:
		opts = append(opts, grpc.WithTransportCredentials(credentials.NewTLS(o.TLS)))
	case o.Plaintext:
		opts = append(opts, grpc.WithTransportCredentials(insecure.NewCredentials()))
	default:
		return nil, errors.New("client: say how to secure the connection: set Options.TLS, or Options.Plaintext for a trusted network")
	}
	if o.Token != "" {
		if strings.ContainsAny(o.Token, "\r\n") {
			return nil, errors.New("client: the token holds a line break")
		}
		opts = append(opts, grpc.WithPerRPCCredentials(bearer{token: o.Token, secure: !o.Plaintext}))
	}
	ka := o.Keepalive
	if ka == (keepalive.ClientParameters{}) {
		ka = keepalive.ClientParameters{Time: 60 * time.Second, Timeout: 20 * time.Second}
	}
	limit := o.MaxMessageBytes
	if limit <= 0 {
		limit = MaxMessageBytes
	}
	r := o.Retry.withDefaults()
	opts = append(opts,
		grpc.WithKeepaliveParams(ka),
		grpc.WithDefaultServiceConfig(ServiceConfig(r)),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(limit), grpc.MaxCallSendMsgSize(limit)),
		grpc.WithChainUnaryInterceptor(retryInfoInterceptor(r)),
	)
	if r.MaxAttempts <= 1 {
		opts = append(opts, grpc.WithDisableRetry())
	}
	return append(opts, o.DialOptions...), nil
}
