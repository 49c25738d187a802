package server

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/protoadapt"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/winnowhq/winnow/classifier"
	"github.com/winnowhq/winnow/classifier/decode"
	winnowv1 "github.com/winnowhq/winnow/gen/winnow/v1"
)

// Cost model: the peak memory one document is expected to take while it
// is classified, measured per input shape with TestMemoryPerByte
// (-memshapes 4). Plain text costs per byte and per line (every line
// becomes at least one block with its features; no more than
// classifier.MaxBlocks), HTML per byte and per tag. The coefficients are
// rounded up from the worst shapes.
const (
	costPerCall     = 64 << 10 // fixed cost of any call
	costTextPerByte = 25
	costTextPerLine = 650
	costHTMLPerByte = 12
	costHTMLPerTag  = 80
	// costCompressedPerByte is charged per decompressed byte (the gzip
	// trailer's size, bounded by the document limit) of a compressed raw
	// document, whose shape is unknown until it is decompressed.
	costCompressedPerByte = costTextPerByte + costTextPerLine/2
)

// Cost returns the estimated peak memory in bytes of classifying doc, as
// charged against the admission [Budget]. maxDocument bounds the size a
// compressed document may decompress to.
func Cost(doc *winnowv1.Document, maxDocument int) int64 {
	switch c := doc.GetContent().(type) {
	case *winnowv1.Document_Text:
		return textCost(c.Text)
	case *winnowv1.Document_Html:
		return htmlCost(c.Html)
	case *winnowv1.Document_Raw:
		data := c.Raw.GetData()
		if n, ok := decode.CompressedSize(data); ok {
			return costPerCall + int64(len(data)) + int64(min(n, maxDocument))*costCompressedPerByte
		}
		switch modeOf(c.Raw.GetMediaType()) {
		case classifier.ModeHTML:
			return htmlCost(data)
		case classifier.ModeText:
			return textCost(data)
		}
		return max(textCost(data), htmlCost(data))
	}
	return costPerCall
}

func textCost[S string | []byte](s S) int64 {
	// No more lines become blocks than the block limit allows: a
	// document over it fails early (the limit's error), at little cost.
	lines := min(count(s, '\n'), classifier.MaxBlocks(len(s))+1)
	return costPerCall + int64(len(s))*costTextPerByte + int64(lines)*costTextPerLine
}

func htmlCost[S string | []byte](s S) int64 {
	return costPerCall + int64(len(s))*costHTMLPerByte + int64(count(s, '<'))*costHTMLPerTag
}

func count[S string | []byte](s S, c byte) int {
	switch s := any(s).(type) {
	case string:
		return strings.Count(s, string(c)) // []byte(s) would copy the document
	case []byte:
		return bytes.Count(s, []byte{c})
	}
	return 0
}

// Budget is the admission control shared by every call: the estimated
// memory ([Cost]) of the documents being classified may not exceed its
// limit. A document that does not fit is refused at once with
// RESOURCE_EXHAUSTED and a google.rpc.RetryInfo saying when to retry;
// nothing waits in a queue. A document whose cost alone exceeds the limit
// is refused without RetryInfo (retrying cannot help). Budget is safe for
// concurrent use.
type Budget struct {
	mu       sync.Mutex
	limit    int64
	used     int64
	inFlight int
	// onReject, when set, is called for every refused document.
	onReject func(reason string)
	// onChange, when set, is called with the cost in use after every change.
	onChange func(used int64)
}

// NewBudget returns a budget of limit bytes.
func NewBudget(limit int64) *Budget { return &Budget{limit: limit} }

// Limit returns the budget's limit in bytes.
func (b *Budget) Limit() int64 { return b.limit }

// Used returns the cost in use and the number of admitted documents.
func (b *Budget) Used() (int64, int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.used, b.inFlight
}

// Acquire admits a document of the given cost, or returns a
// RESOURCE_EXHAUSTED status error. After a nil error the caller must call
// release exactly once when the document's memory is no longer in use.
func (b *Budget) Acquire(cost int64) (release func(), err error) {
	if err := b.take(cost); err != nil {
		return nil, err
	}
	var once sync.Once
	return func() { once.Do(func() { b.give(cost) }) }, nil
}

// take is Acquire without the release function (and its allocations):
// after a nil error the caller must call give(cost) exactly once.
func (b *Budget) take(cost int64) error {
	b.mu.Lock()
	if cost > b.limit {
		b.mu.Unlock()
		b.reject("too_expensive")
		return budgetStatus(cost, b.limit, 0, "DOCUMENT_TOO_EXPENSIVE",
			fmt.Sprintf("winnow: the document needs an estimated %s to classify, more than this server's whole budget (winnowd --max-memory %s); send a smaller document or split it",
				mib(cost), mib(b.limit)))
	}
	if b.used+cost > b.limit {
		used, n := b.used, b.inFlight
		b.mu.Unlock()
		b.reject("budget")
		return budgetStatus(cost, b.limit, retryDelay(used, n), "OVER_BUDGET",
			fmt.Sprintf("winnow: server busy: %d documents in flight use an estimated %s of its %s budget, this one needs %s; retry later",
				n, mib(used), mib(b.limit), mib(cost)))
	}
	b.used += cost
	b.inFlight++
	used := b.used
	b.mu.Unlock()
	if b.onChange != nil {
		b.onChange(used)
	}
	return nil
}

// give returns what take(cost) admitted.
func (b *Budget) give(cost int64) {
	b.mu.Lock()
	b.used -= cost
	b.inFlight--
	used := b.used
	b.mu.Unlock()
	if b.onChange != nil {
		b.onChange(used)
	}
}

func (b *Budget) reject(reason string) {
	if b.onReject != nil {
		b.onReject(reason)
	}
}

// retryDelay guesses when enough of the budget is free again: the
// documents in flight are, on average, half done, and the server
// classifies about 8 MB of input (some 200 MB of cost) per second per
// core. It stays within [50 ms, 5 s].
func retryDelay(used int64, inFlight int) time.Duration {
	if inFlight == 0 {
		return 50 * time.Millisecond
	}
	d := time.Duration(float64(used) / 2 / 200e6 * float64(time.Second))
	return min(max(d, 50*time.Millisecond), 5*time.Second)
}

func budgetStatus(cost, limit int64, retry time.Duration, reason, msg string) error {
	s := status.New(codes.ResourceExhausted, msg)
	details := []protoadapt.MessageV1{&errdetails.ErrorInfo{Reason: reason, Domain: ErrorDomain, Metadata: map[string]string{
		"cost_bytes":  fmt.Sprint(cost),
		"limit_bytes": fmt.Sprint(limit),
	}}}
	if retry > 0 {
		details = append(details, &errdetails.RetryInfo{RetryDelay: durationpb.New(retry)})
	}
	if ds, err := s.WithDetails(details...); err == nil {
		s = ds
	}
	return s.Err()
}

func mib(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
