// Package metrics exports the worker's Prometheus metrics. Handler
// implements the Temporal SDK's client.MetricsHandler over client_golang,
// so the SDK's own metrics and the sync metrics that workflows record
// through workflow.GetMetricsHandler (see RecordRun) land in one registry,
// which HTTPHandler serves in the Prometheus text format.
package metrics

import (
	"fmt"
	"maps"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.temporal.io/sdk/client"
	"go.uber.org/zap"
)

// DefaultTimerBuckets are the upper bounds in seconds of the histograms
// that SDK timers become: from 5 ms for requests to the Temporal frontend
// to an hour for long activities.
var DefaultTimerBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600}

// Options configures New.
type Options struct {
	// Logger receives one warning per metric name and problem the adapter
	// drops a value for (a name reused with another type, a negative
	// counter increment, a label value that is not UTF-8). nil logs
	// nothing.
	Logger *zap.Logger
	// TimerBuckets are the histogram bucket bounds in seconds of SDK
	// timers; nil means DefaultTimerBuckets. RunDuration always uses
	// RunDurationBuckets.
	TimerBuckets []float64
}

// Handler is a client.MetricsHandler that records into its own
// Prometheus registry. SDK metric names become Prometheus names as
// exportedName describes, SDK tags become labels (names sanitised), and
// each name and label-name set gets its own vector, created on first use.
// The sync metrics of SyncMetrics keep their documented labels instead.
// A Handler is safe for concurrent use; WithTags returns a Handler that
// shares the registry.
type Handler struct {
	store *store
	tags  map[string]string
}

var _ client.MetricsHandler = (*Handler)(nil)

// New returns a Handler with a fresh registry that also holds the Go
// runtime and process collectors. It fails only if a collector cannot be
// registered.
func New(opts Options) (*Handler, error) {
	s, err := newStore(opts)
	if err != nil {
		return nil, err
	}
	if err := s.registry.Register(collectors.NewGoCollector()); err != nil {
		return nil, fmt.Errorf("register Go collector: %w", err)
	}
	if err := s.registry.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})); err != nil {
		return nil, fmt.Errorf("register process collector: %w", err)
	}
	return &Handler{store: s, tags: map[string]string{}}, nil
}

// Registry returns the registry the Handler records into, for tests and
// extra collectors.
func (h *Handler) Registry() *prometheus.Registry {
	return h.store.registry
}

// HTTPHandler returns the handler of GET /metrics in the Prometheus text
// format (or another format the scraper negotiates). A collector that
// fails is logged and left out, and the rest is still served.
func (h *Handler) HTTPHandler() http.Handler {
	return promhttp.HandlerFor(h.store.registry, promhttp.HandlerOpts{
		ErrorLog:      zap.NewStdLog(h.store.logger.Named("metrics")),
		ErrorHandling: promhttp.ContinueOnError,
	})
}

// WithTags returns a Handler whose metrics carry tags on top of h's. A
// key in tags replaces h's value.
func (h *Handler) WithTags(tags map[string]string) client.MetricsHandler {
	merged := make(map[string]string, len(h.tags)+len(tags))
	maps.Copy(merged, h.tags)
	maps.Copy(merged, tags)
	return &Handler{store: h.store, tags: merged}
}

// Counter returns the counter name with h's tags. A counter that cannot
// be exported (see Options.Logger) records nothing.
func (h *Handler) Counter(name string) client.MetricsCounter {
	c, final, err := h.store.counter(name, h.tags)
	if err != nil {
		h.store.warnOnce(final, err)
		return nopMetric{}
	}
	return counter{counter: c, name: final, store: h.store}
}

// Gauge returns the gauge name with h's tags.
func (h *Handler) Gauge(name string) client.MetricsGauge {
	g, final, err := h.store.gauge(name, h.tags)
	if err != nil {
		h.store.warnOnce(final, err)
		return nopMetric{}
	}
	return gauge{g}
}

// Timer returns the timer name with h's tags, a histogram of seconds.
func (h *Handler) Timer(name string) client.MetricsTimer {
	o, final, err := h.store.timer(name, h.tags)
	if err != nil {
		h.store.warnOnce(final, err)
		return nopMetric{}
	}
	return timer{o}
}

// InitSyncSeries creates the RunsTotal series of every status, the
// RecordsTotal series of every outcome and the RunDuration series of each
// sync kind at zero. Without them the first run that fails after a worker
// start would create its series at 1, and increase() in the alert rules
// would not see it.
func (h *Handler) InitSyncSeries(kinds ...string) {
	s := h.store
	for _, k := range kinds {
		for _, status := range RunStatuses {
			s.syncCounters[RunsTotal].WithLabelValues(k, status)
		}
		for _, outcome := range RecordOutcomes {
			s.syncCounters[RecordsTotal].WithLabelValues(k, outcome)
		}
		s.syncHistograms[RunDuration].WithLabelValues(k)
	}
}

// counter adapts a Prometheus counter to the SDK's Inc(int64).
type counter struct {
	counter prometheus.Counter
	name    string
	store   *store
}

// Inc adds d. A negative d is dropped and logged once, as a Prometheus
// counter only goes up.
func (c counter) Inc(d int64) {
	if d < 0 {
		c.store.warnOnce(c.name, fmt.Errorf("negative increment of counter %s dropped", c.name))
		return
	}
	c.counter.Add(float64(d))
}

type gauge struct{ gauge prometheus.Gauge }

func (g gauge) Update(v float64) { g.gauge.Set(v) }

type timer struct{ observer prometheus.Observer }

func (t timer) Record(d time.Duration) { t.observer.Observe(d.Seconds()) }

// nopMetric records nothing. The adapter returns it for a metric it
// cannot export.
type nopMetric struct{}

func (nopMetric) Inc(int64)            {}
func (nopMetric) Update(float64)       {}
func (nopMetric) Record(time.Duration) {}
