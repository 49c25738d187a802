package server

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/auth"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"
)

// Tokens are the bearer tokens a server accepts, each with the name of
// the caller it stands for. Only SHA-256 hashes of the tokens are kept.
type Tokens struct {
	byHash map[[sha256.Size]byte]string
}

// ParseTokens reads a token file: one caller per line, its name and the
// hex SHA-256 of its token separated by white space ("cms-prod
// 9f86d0818..."); blank lines and lines starting with # are ignored.
// Make a hash with `printf %s "$TOKEN" | sha256sum`.
func ParseTokens(r io.Reader) (*Tokens, error) {
	t := &Tokens{byHash: map[[sha256.Size]byte]string{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 {
			return nil, fmt.Errorf("tokens line %d: want a name and a hex SHA-256, got %d fields", n, len(f))
		}
		b, err := hex.DecodeString(f[1])
		if err != nil || len(b) != sha256.Size {
			return nil, fmt.Errorf("tokens line %d: %q is not a hex SHA-256 (64 hex digits; printf %%s \"$TOKEN\" | sha256sum)", n, shorten(f[1]))
		}
		h := [sha256.Size]byte(b)
		if other, dup := t.byHash[h]; dup {
			return nil, fmt.Errorf("tokens line %d: %s has the same token as %s", n, f[0], other)
		}
		t.byHash[h] = f[0]
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("tokens: %w", err)
	}
	if len(t.byHash) == 0 {
		return nil, fmt.Errorf("tokens: no tokens in the file")
	}
	return t, nil
}

func shorten(s string) string {
	if len(s) > 12 {
		return s[:12] + "..."
	}
	return s
}

// Len returns the number of tokens.
func (t *Tokens) Len() int { return len(t.byHash) }

// lookup returns the caller whose token is tok. The token is hashed
// first, so the lookup time does not depend on how much of a token is
// right.
func (t *Tokens) lookup(tok string) (string, bool) {
	name, ok := t.byHash[sha256.Sum256([]byte(tok))]
	return name, ok
}

type callerKey struct{}

// Caller returns the name of the authenticated caller of ctx's call, or "".
func Caller(ctx context.Context) string {
	name, _ := ctx.Value(callerKey{}).(string)
	return name
}

// authenticate is the auth.AuthFunc: with Options.Tokens set, the call
// must carry "authorization: Bearer TOKEN" for a known token; the
// caller's name goes into the context (and the call's log line). Refused
// calls are logged with their method and peer, never with the token.
func (s *Service) authenticate(ctx context.Context) (context.Context, error) {
	if s.opts.Tokens == nil {
		return ctx, nil
	}
	tok, err := auth.AuthFromMD(ctx, "bearer")
	if err == nil {
		if name, ok := s.opts.Tokens.lookup(tok); ok {
			return context.WithValue(ctx, callerKey{}, name), nil
		}
		err = status.Error(codes.Unauthenticated, "winnow: unknown bearer token")
	} else {
		err = status.Error(codes.Unauthenticated, "winnow: this server needs \"authorization: Bearer TOKEN\" metadata")
	}
	method, _ := grpc.Method(ctx)
	addr := ""
	if p, ok := peer.FromContext(ctx); ok {
		addr = p.Addr.String()
	}
	s.opts.Logger.WarnContext(ctx, "unauthenticated call refused", "grpc.method", method, "peer", addr, "err", status.Convert(err).Message())
	return nil, err
}
