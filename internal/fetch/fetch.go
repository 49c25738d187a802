// Package fetch downloads web pages for classification, defensively.
//
// A [Fetcher] bounds every request: a total timeout (connecting, headers
// and body), a size limit on the decompressed body, a redirect limit, and
// http and https only. Unless Options.AllowPrivate is set it refuses to
// connect to loopback, private, link-local, unspecified, multicast and
// carrier-grade NAT addresses; the check runs on the address actually
// dialled (a net.Dialer Control function), so neither a redirect nor a
// DNS name that resolves to such an address gets around it. Proxies from
// the environment are not used, for the same reason. gzip responses are
// decompressed by net/http; the Content-Type header is returned as it is,
// so that the decoder can use its charset.
package fetch

import (
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"
)

// Options bound a Fetcher. The zero value takes every default.
type Options struct {
	// Timeout bounds one fetch, redirects and body included. 0 means 20 s.
	Timeout time.Duration
	// MaxBytes bounds the body after decompression. 0 means 16 MiB.
	MaxBytes int64
	// MaxRedirects bounds the redirects followed. 0 means 5; negative
	// means none.
	MaxRedirects int
	// AllowPrivate allows loopback and private addresses (for tests and
	// intranets).
	AllowPrivate bool
	// UserAgent is sent with every request. "" means "winnow-fetch/1".
	UserAgent string
}

// Kind classifies a fetch error.
type Kind string

// The kinds of fetch errors.
const (
	KindBadURL    Kind = "bad_url"   // not an absolute http(s) URL
	KindBlocked   Kind = "blocked"   // a private or loopback address, refused
	KindTimeout   Kind = "timeout"   // Options.Timeout passed
	KindTooLarge  Kind = "too_large" // the body is over Options.MaxBytes
	KindRedirects Kind = "redirects" // more than Options.MaxRedirects redirects
	KindStatus    Kind = "status"    // a non-2xx HTTP status
	KindNetwork   Kind = "network"   // DNS, connection, TLS or read failure
)

// Error is a failed fetch.
type Error struct {
	URL    string
	Kind   Kind
	Status int // the HTTP status, for KindStatus
	Err    error
}

func (e *Error) Error() string {
	return fmt.Sprintf("fetch %s: %s: %v", e.URL, e.Kind, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Page is a fetched page.
type Page struct {
	// URL is the final URL, after redirects.
	URL string
	// Data is the body, decompressed, at most Options.MaxBytes.
	Data []byte
	// MediaType is the Content-Type header, e.g. "text/html; charset=utf-8".
	MediaType string
}

// Fetcher fetches pages. It is safe for concurrent use.
type Fetcher struct {
	client *http.Client
	opts   Options
}

// errBlocked is returned by the dialer's Control function.
var errBlocked = errors.New("the address is loopback, private or otherwise not public")

// New returns a Fetcher.
func New(o Options) *Fetcher {
	if o.Timeout <= 0 {
		o.Timeout = 20 * time.Second
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 16 << 20
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = 5
	}
	if o.UserAgent == "" {
		o.UserAgent = "winnow-fetch/1"
	}
	d := &net.Dialer{Timeout: min(o.Timeout, 10*time.Second)}
	if !o.AllowPrivate {
		d.Control = func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || !Public(ap.Addr()) {
				return errBlocked
			}
			return nil
		}
	}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: o.Timeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       30 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	c := &http.Client{
		Transport: tr,
		Timeout:   o.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > max(o.MaxRedirects, 0) {
				return &Error{URL: via[0].URL.String(), Kind: KindRedirects, Err: fmt.Errorf("more than %d redirects", max(o.MaxRedirects, 0))}
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return &Error{URL: req.URL.String(), Kind: KindBadURL, Err: errors.New("redirect to a scheme other than http or https")}
			}
			return nil
		},
	}
	return &Fetcher{client: c, opts: o}
}

// Public reports whether a is an address a fetch may connect to: not
// loopback, private (RFC 1918, fc00::/7), link-local, unspecified,
// multicast, carrier-grade NAT (100.64.0.0/10) or 0.0.0.0/8.
func Public(a netip.Addr) bool {
	a = a.Unmap()
	switch {
	case !a.IsValid(), a.IsLoopback(), a.IsPrivate(), a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast(),
		a.IsInterfaceLocalMulticast(), a.IsMulticast(), a.IsUnspecified():
		return false
	}
	for _, p := range blockedPrefixes {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"), // NAT64 can reach IPv4 private space
}

// Get fetches rawURL.
func (f *Fetcher) Get(ctx context.Context, rawURL string) (*Page, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &Error{URL: rawURL, Kind: KindBadURL, Err: errors.New("want an absolute http or https URL")}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &Error{URL: rawURL, Kind: KindBadURL, Err: err}
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, f.classify(rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, &Error{URL: rawURL, Kind: KindStatus, Status: resp.StatusCode, Err: fmt.Errorf("HTTP status %s", resp.Status)}
	}
	if resp.ContentLength > f.opts.MaxBytes && resp.Header.Get("Content-Encoding") == "" {
		return nil, &Error{URL: rawURL, Kind: KindTooLarge, Err: fmt.Errorf("Content-Length %d is over the %d-byte limit", resp.ContentLength, f.opts.MaxBytes)}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, f.opts.MaxBytes+1))
	if err != nil {
		return nil, f.bodyError(rawURL, resp, len(data), err)
	}
	if int64(len(data)) > f.opts.MaxBytes {
		return nil, &Error{URL: rawURL, Kind: KindTooLarge, Err: fmt.Errorf("the body is over the %d-byte limit", f.opts.MaxBytes)}
	}
	return &Page{URL: resp.Request.URL.String(), Data: data, MediaType: resp.Header.Get("Content-Type")}, nil
}

// bodyError is classify for a failure while reading resp's body, n bytes
// into it: a body cut short or a corrupt gzip coding is named as such
// (the transport's own words are "unexpected EOF" and "flate: corrupt
// input before offset 8").
func (f *Fetcher) bodyError(rawURL string, resp *http.Response, n int, err error) error {
	var fe *Error
	if cerr := f.classify(rawURL, err); !errors.As(cerr, &fe) || fe.Kind != KindNetwork {
		return cerr
	}
	var corrupt flate.CorruptInputError
	switch {
	case errors.As(err, &corrupt) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader):
		fe.Err = fmt.Errorf("the body's gzip content coding is corrupt: %w", err)
	case errors.Is(err, io.ErrUnexpectedEOF) && resp.ContentLength > 0:
		fe.Err = fmt.Errorf("the connection closed after %d of the %d bytes the Content-Length announced: %w", n, resp.ContentLength, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		fe.Err = fmt.Errorf("the body ends early, after %d bytes: %w", n, err)
	}
	return fe
}

// classify turns a client error into an *Error of the right kind.
func (f *Fetcher) classify(rawURL string, err error) error {
	var fe *Error
	if errors.As(err, &fe) {
		return fe
	}
	if errors.Is(err, errBlocked) {
		return &Error{URL: rawURL, Kind: KindBlocked, Err: errBlocked}
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout()) {
		return &Error{URL: rawURL, Kind: KindTimeout, Err: fmt.Errorf("no complete answer within %v", f.opts.Timeout)}
	}
	return &Error{URL: rawURL, Kind: KindNetwork, Err: err}
}
