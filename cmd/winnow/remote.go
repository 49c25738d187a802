package main

import (
	"fmt"
	"net"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/winnowhq/winnow/client"
)

// remoteFlags are the flags that choose and secure the servers of
// classify and batch.
type remoteFlags struct {
	server     string
	tls        bool
	ca         string
	cert       string
	key        string
	serverName string
	tokenFile  string
	plaintext  bool
}

func (r *remoteFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&r.server, "server", "", "classify on winnowd at `ADDR` instead of in-process: host:port, a comma-separated list (balanced), or dns:///host:port")
	fs.BoolVar(&r.tls, "tls", false, "talk TLS to --server, checking its certificate against the system CAs (implied by --tls-ca, --tls-cert)")
	fs.StringVar(&r.ca, "tls-ca", "", "PEM `FILE` of the CA that signed the server's certificate")
	fs.StringVar(&r.cert, "tls-cert", "", "PEM `FILE` of a client certificate, for mutual TLS (with --tls-key)")
	fs.StringVar(&r.key, "tls-key", "", "PEM `FILE` of the client certificate's key")
	fs.StringVar(&r.serverName, "tls-server-name", "", "`NAME` to check in the server's certificate (default: the host of ADDR)")
	fs.StringVar(&r.tokenFile, "token-file", "", "`FILE` holding a bearer token sent with every call (default: $WINNOW_TOKEN)")
	fs.BoolVar(&r.plaintext, "plaintext", false, "talk plaintext to a --server that is not on loopback (a trusted network only)")
}

// addrs returns the --server addresses.
func (r *remoteFlags) addrs() []string {
	var out []string
	for a := range strings.SplitSeq(r.server, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// open makes the client. Without TLS flags, plaintext is used for
// loopback addresses and needs --plaintext for any other.
func (r *remoteFlags) open(retry client.Retry) (*client.Client, error) {
	o := client.Options{Retry: retry, Token: os.Getenv("WINNOW_TOKEN")}
	if r.tokenFile != "" {
		b, err := os.ReadFile(r.tokenFile)
		if err != nil {
			return nil, fmt.Errorf("--token-file: %w", err)
		}
		o.Token = strings.TrimSpace(string(b))
	}
	secure := r.tls || r.ca != "" || r.cert != "" || r.key != ""
	switch {
	case secure && r.plaintext:
		return nil, fmt.Errorf("--plaintext cannot be combined with the --tls flags")
	case secure:
		cfg, err := client.TLSConfig(r.ca, r.cert, r.key, r.serverName)
		if err != nil {
			return nil, err
		}
		o.TLS = cfg
	case r.plaintext || allLoopback(r.addrs()):
		o.Plaintext = true
	default:
		return nil, fmt.Errorf("--server %s is not on loopback: use --tls (with --tls-ca for a private CA), or --plaintext on a trusted network", r.server)
	}
	return client.Open(r.server, o)
}

// allLoopback reports whether every address is host:port on loopback
// ("localhost", 127.0.0.0/8, ::1) or a unix socket.
func allLoopback(addrs []string) bool {
	for _, a := range addrs {
		if strings.HasPrefix(a, "unix:") {
			continue
		}
		a = strings.TrimPrefix(a, "dns:///")
		host, _, err := net.SplitHostPort(a)
		if err != nil {
			return false
		}
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return false
		}
	}
	return len(addrs) > 0
}
