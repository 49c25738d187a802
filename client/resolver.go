package client

import (
	"fmt"
	"net"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/resolver"
	"google.golang.org/grpc/resolver/manual"
)

// staticScheme names the resolver of a comma-separated address list; each
// client has its own (grpc.WithResolvers), so the name is never global.
const staticScheme = "winnow-static"

// staticTarget turns "host1:port,host2:port" into a target served by a
// manual resolver that returns every address, so that round_robin spreads
// calls over them. A single address or a URI ("dns:///host:port") is
// returned as it is, with no extra option. Each address keeps its own
// host as the TLS server name.
func staticTarget(target string) (string, []grpc.DialOption, error) {
	if !strings.Contains(target, ",") {
		return target, nil, nil
	}
	var addrs []resolver.Address
	for a := range strings.SplitSeq(target, ",") {
		a = strings.TrimSpace(a)
		if a == "" {
			continue
		}
		host, _, err := net.SplitHostPort(a)
		if err != nil || strings.Contains(a, "://") {
			return "", nil, fmt.Errorf("client: address %q in list %q: want host:port", a, target)
		}
		addrs = append(addrs, resolver.Address{Addr: a, ServerName: host})
	}
	if len(addrs) == 0 {
		return "", nil, fmt.Errorf("client: empty address list %q", target)
	}
	r := manual.NewBuilderWithScheme(staticScheme)
	r.InitialState(resolver.State{Addresses: addrs})
	return staticScheme + ":///" + addrs[0].Addr, []grpc.DialOption{grpc.WithResolvers(r)}, nil
}
