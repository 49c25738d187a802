package server

import (
	"net/http"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/winnowhq/winnow/classifier"
)

// Metrics are the server's Prometheus metrics: the gRPC server metrics of
// go-grpc-middleware's Prometheus provider (grpc_server_started_total, grpc_server_handled_total,
// grpc_server_handling_seconds, ...), Go and process metrics, and:
//
//	winnow_documents_total{mode,result}      documents classified (result: ok or the error kind)
//	winnow_input_bytes_total{mode}           bytes of the documents classified
//	winnow_blocks_total{category}            blocks labelled, per category
//	winnow_admission_rejected_total{reason}  documents refused by the budget (budget, too_expensive)
//	winnow_admission_in_use_bytes            estimated memory of the documents being classified
//	winnow_admission_limit_bytes             the budget (--max-memory)
//	winnow_model_info{version,fingerprint}   1 for the model serving
//	winnow_model_reloads_total{result}       reloads (ok, failed)
//
// Its methods are safe on a nil *Metrics (they do nothing).
type Metrics struct {
	reg         *prometheus.Registry
	grpc        *rpcMetrics
	documents   *prometheus.CounterVec
	inputBytes  *prometheus.CounterVec
	blocks      *prometheus.CounterVec
	rejected    *prometheus.CounterVec
	budgetUsed  prometheus.Gauge
	budgetLimit prometheus.Gauge
	model       *prometheus.GaugeVec
	reloads     *prometheus.CounterVec

	// Handles of the children a classified document updates, looked up
	// on first use only: WithLabelValues hashes its labels and takes a
	// lock each call.
	documentsOK [numModes]lazyCounter
	bytesIn     [numModes]lazyCounter
	blocksOf    [classifier.NumCategories]lazyCounter
}

// lazyCounter caches the child of a CounterVec for fixed label values,
// created (and so exported) on first use, as WithLabelValues would.
type lazyCounter struct {
	p atomic.Pointer[prometheus.Counter]
}

func (l *lazyCounter) get(vec *prometheus.CounterVec, labels func() []string) prometheus.Counter {
	if c := l.p.Load(); c != nil {
		return *c
	}
	c := vec.WithLabelValues(labels()...)
	l.p.Store(&c)
	return c
}

// The values of the mode label, indexed as modeIndex returns them.
const numModes = 3

var modeNames = [numModes]string{"auto", "html", "text"}

// NewMetrics returns metrics registered on a new registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg:  prometheus.NewRegistry(),
		grpc: newRPCMetrics([]float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}),
		documents: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "winnow_documents_total",
			Help: "Documents classified, by mode and result (ok or the error kind)."}, []string{"mode", "result"}),
		inputBytes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "winnow_input_bytes_total",
			Help: "Bytes of the documents classified, by mode."}, []string{"mode"}),
		blocks: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "winnow_blocks_total",
			Help: "Blocks labelled, by category."}, []string{"category"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "winnow_admission_rejected_total",
			Help: "Documents refused by admission control: budget (retry later) or too_expensive (over the whole budget)."}, []string{"reason"}),
		budgetUsed: prometheus.NewGauge(prometheus.GaugeOpts{Name: "winnow_admission_in_use_bytes",
			Help: "Estimated memory of the documents being classified."}),
		budgetLimit: prometheus.NewGauge(prometheus.GaugeOpts{Name: "winnow_admission_limit_bytes",
			Help: "The admission budget (winnowd --max-memory); 0: none."}),
		model: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "winnow_model_info",
			Help: "1 for the model serving, labelled with its version and content fingerprint."}, []string{"version", "fingerprint"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "winnow_model_reloads_total",
			Help: "Model reloads, by result (ok, failed)."}, []string{"result"}),
	}
	m.reg.MustRegister(m.grpc, m.documents, m.inputBytes, m.blocks, m.rejected, m.budgetUsed, m.budgetLimit, m.model, m.reloads,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for _, c := range classifier.Categories() {
		m.blocks.WithLabelValues(c.String())
	}
	m.rejected.WithLabelValues("budget")
	m.rejected.WithLabelValues("too_expensive")
	return m
}

// Registry returns the registry the metrics are registered on.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

func (m *Metrics) setModel(info classifier.Info) {
	if m == nil {
		return
	}
	m.model.Reset()
	m.model.WithLabelValues(info.Version, fingerprint(info.ContentSHA256)).Set(1)
}

func (m *Metrics) reloaded(ok bool) {
	if m == nil {
		return
	}
	if ok {
		m.reloads.WithLabelValues("ok").Inc()
	} else {
		m.reloads.WithLabelValues("failed").Inc()
	}
}

// document records one classified (or failed) document.
func (m *Metrics) document(in classifier.Input, res *classifier.Result, err error) {
	if m == nil {
		return
	}
	mode := 0 // auto
	switch {
	case res != nil && res.Mode == classifier.ModeHTML, res == nil && in.Mode == classifier.ModeHTML:
		mode = 1 // html
	case res != nil, in.Mode == classifier.ModeText:
		mode = 2 // text
	}
	if err != nil {
		m.documents.WithLabelValues(modeNames[mode], classifier.KindOf(err).String()).Inc()
		return
	}
	m.documentsOK[mode].get(m.documents, func() []string { return []string{modeNames[mode], "ok"} }).Inc()
	m.bytesIn[mode].get(m.inputBytes, func() []string { return []string{modeNames[mode]} }).Add(float64(len(in.Data)))
	var counts [classifier.NumCategories]int
	for _, b := range res.Blocks {
		counts[b.Category]++
	}
	for c, n := range counts {
		if n > 0 {
			m.blocksOf[c].get(m.blocks, func() []string { return []string{classifier.Category(c).String()} }).Add(float64(n))
		}
	}
}
