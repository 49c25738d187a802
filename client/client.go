// Package client is the Go client for winnow.v1.ClassifierService.
//
// [Open] makes a client for one address, a comma-separated list of
// addresses or a "dns:///host:port" name, with TLS or mTLS or an explicit
// plaintext choice, a bearer token, keepalive, round_robin balancing over
// every address, and retries: UNAVAILABLE with bounded exponential backoff
// (gRPC's retry policy), RESOURCE_EXHAUSTED when the server's
// google.rpc.RetryInfo says when to come back. [Client.ClassifyMany]
// classifies a sequence of documents of any length over ClassifyStream,
// spread over the servers, with a bounded number in flight, results in
// input order and every document answered exactly once even when a server
// dies mid-stream. The package depends on gRPC and the generated code only,
// never on the classifier or its model.
package client

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/status"

	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// MaxMessageBytes is the default bound on a message the client sends or
// receives (64 MiB): a response carrying a document's text can be larger
// than the document.
const MaxMessageBytes = 64 << 20

// Client calls a Winnow server. It is safe for concurrent use.
type Client struct {
	conn *grpc.ClientConn
	stub winnowv1.ClassifierServiceClient
	opts Options
}

// Open returns a client for target: "host:port", a comma-separated list
// "host1:port,host2:port" (every address is used, round_robin), or a gRPC
// URI such as "dns:///host:port" (every address the name resolves to,
// re-resolved when connections fail) or "unix:///path". Options must say
// how the connection is secured (TLS, or Plaintext). Like grpc.NewClient
// it does not connect: errors surface on the first call.
func Open(target string, o Options) (*Client, error) {
	dialOpts, err := o.dialOptions()
	if err != nil {
		return nil, err
	}
	target, extra, err := staticTarget(target)
	if err != nil {
		return nil, err
	}
	conn, err := grpc.NewClient(target, append(extra, dialOpts...)...)
	if err != nil {
		return nil, err
	}
	o.Retry = o.Retry.withDefaults()
	return &Client{conn: conn, stub: winnowv1.NewClassifierServiceClient(conn), opts: o}, nil
}

// New returns a plaintext client for target (see [Open] for the forms of
// target): it is Open with Options{Plaintext: true, DialOptions: opts}, for
// loopback, tests and trusted networks. opts are applied after the
// client's own and override them (e.g. grpc.WithTransportCredentials).
func New(target string, opts ...grpc.DialOption) (*Client, error) {
	return Open(target, Options{Plaintext: true, DialOptions: opts})
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }

// Stub returns the generated stub, for calls this package does not wrap.
func (c *Client) Stub() winnowv1.ClassifierServiceClient { return c.stub }

// Classify classifies one document. opts may be nil.
func (c *Client) Classify(ctx context.Context, doc *winnowv1.Document, opts *winnowv1.ClassifyOptions, callOpts ...grpc.CallOption) (*winnowv1.ClassifyResponse, error) {
	return c.stub.Classify(ctx, &winnowv1.ClassifyRequest{Document: doc, Options: opts}, callOpts...)
}

// ClassifyBatch classifies up to the server's batch limit of documents
// (64 by default) and returns one result per document, in order; use
// [ResultError] to read a failed item. The error is non-nil only when the
// whole call failed.
func (c *Client) ClassifyBatch(ctx context.Context, docs []*winnowv1.Document, opts *winnowv1.ClassifyOptions, callOpts ...grpc.CallOption) ([]*winnowv1.ClassifyResult, error) {
	resp, err := c.stub.ClassifyBatch(ctx, &winnowv1.ClassifyBatchRequest{Documents: docs, Options: opts}, callOpts...)
	if err != nil {
		return nil, err
	}
	return resp.GetResults(), nil
}

// GetModel describes the server's model.
func (c *Client) GetModel(ctx context.Context, callOpts ...grpc.CallOption) (*winnowv1.GetModelResponse, error) {
	return c.stub.GetModel(ctx, &winnowv1.GetModelRequest{}, callOpts...)
}

// Stream is an open ClassifyStream call. One goroutine may Send (and then
// CloseSend) while another Recvs; results arrive in send order.
type Stream struct {
	s grpc.BidiStreamingClient[winnowv1.ClassifyStreamRequest, winnowv1.ClassifyStreamResponse]
}

// ClassifyStream opens a stream; cancel ctx to abandon it.
func (c *Client) ClassifyStream(ctx context.Context, callOpts ...grpc.CallOption) (*Stream, error) {
	s, err := c.stub.ClassifyStream(ctx, callOpts...)
	if err != nil {
		return nil, err
	}
	return &Stream{s: s}, nil
}

// Send queues one document; it blocks when the server is not keeping up.
// opts may be nil.
func (s *Stream) Send(doc *winnowv1.Document, opts *winnowv1.ClassifyOptions) error {
	return s.s.Send(&winnowv1.ClassifyStreamRequest{Document: doc, Options: opts})
}

// CloseSend says no more documents will be sent; Recv then returns the
// remaining results followed by io.EOF.
func (s *Stream) CloseSend() error { return s.s.CloseSend() }

// Recv returns the next result, in send order, or io.EOF after the last
// one. A document that failed has a result too; see [ResultError].
func (s *Stream) Recv() (*winnowv1.ClassifyResult, error) {
	resp, err := s.s.Recv()
	if err != nil {
		return nil, err
	}
	return resp.GetResult(), nil
}

// ResultError returns nil when r holds a response, or r's error status as
// a Go error (inspect it with status.FromError).
func ResultError(r *winnowv1.ClassifyResult) error {
	if r.GetError() == nil {
		return nil
	}
	return status.ErrorProto(r.GetError())
}

// Text returns a plain-text document (already UTF-8).
func Text(id, text string) *winnowv1.Document {
	return &winnowv1.Document{Id: id, Content: &winnowv1.Document_Text{Text: text}}
}

// HTML returns an HTML document (already UTF-8).
func HTML(id, html string) *winnowv1.Document {
	return &winnowv1.Document{Id: id, Content: &winnowv1.Document_Html{Html: html}}
}

// Raw returns a document of undecoded bytes; mediaType may be empty or a
// hint such as "text/html; charset=windows-1256".
func Raw(id string, data []byte, mediaType string) *winnowv1.Document {
	return &winnowv1.Document{Id: id, Content: &winnowv1.Document_Raw{Raw: &winnowv1.RawContent{Data: data, MediaType: mediaType}}}
}
