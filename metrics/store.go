package metrics

import (
	"fmt"
	"strings"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
)

// store holds the registry and every vector a Handler tree has created.
// The sync metrics are registered as ordinary collectors at New. The
// SDK's metrics are created lazily and collected through the store
// itself, which is an unchecked collector. The SDK emits one name with
// different tag sets (temporal_request_failure adds status_code to a
// failed call, for example), and a registry rejects a second checked
// vector of one name with other label names. The Prometheus text format
// allows series of one name with different label names.
type store struct {
	registry     *prometheus.Registry
	logger       *zap.Logger
	timerBuckets []float64

	// syncCounters, syncGauges and syncHistograms are the SyncMetrics
	// vectors by name; they are never changed after newStore.
	syncCounters   map[string]*prometheus.CounterVec
	syncGauges     map[string]*prometheus.GaugeVec
	syncHistograms map[string]*prometheus.HistogramVec

	mu sync.Mutex
	// kinds is the type of each SDK metric name seen, by exported name.
	kinds map[string]kind
	// vectors are the SDK metric vectors by exported name and sorted
	// label names; ordered keeps them in creation order for Collect.
	vectors map[string]prometheus.Collector
	ordered []prometheus.Collector
	warned  map[string]bool
}

func newStore(opts Options) (*store, error) {
	s := &store{
		registry:       prometheus.NewRegistry(),
		logger:         opts.Logger,
		timerBuckets:   opts.TimerBuckets,
		syncCounters:   map[string]*prometheus.CounterVec{},
		syncGauges:     map[string]*prometheus.GaugeVec{},
		syncHistograms: map[string]*prometheus.HistogramVec{},
		kinds:          map[string]kind{},
		vectors:        map[string]prometheus.Collector{},
		warned:         map[string]bool{},
	}
	if s.logger == nil {
		s.logger = zap.NewNop()
	}
	if s.timerBuckets == nil {
		s.timerBuckets = DefaultTimerBuckets
	}
	for _, d := range SyncMetrics {
		var c prometheus.Collector
		switch d.Type {
		case kindCounter.String():
			v := prometheus.NewCounterVec(prometheus.CounterOpts{Name: d.Name, Help: d.Help}, d.Labels)
			s.syncCounters[d.Name], c = v, v
		case kindGauge.String():
			v := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: d.Name, Help: d.Help}, d.Labels)
			s.syncGauges[d.Name], c = v, v
		case kindHistogram.String():
			v := prometheus.NewHistogramVec(prometheus.HistogramOpts{
				Name: d.Name, Help: d.Help, Buckets: RunDurationBuckets,
			}, d.Labels)
			s.syncHistograms[d.Name], c = v, v
		default:
			return nil, fmt.Errorf("sync metric %s has unknown type %q", d.Name, d.Type)
		}
		if err := s.registry.Register(c); err != nil {
			return nil, fmt.Errorf("register sync metric %s: %w", d.Name, err)
		}
	}
	if err := s.registry.Register(s); err != nil {
		return nil, fmt.Errorf("register SDK metrics collector: %w", err)
	}
	return s, nil
}

// Describe sends nothing, which makes the store an unchecked collector.
func (s *store) Describe(chan<- *prometheus.Desc) {}

// Collect collects every SDK metric vector.
func (s *store) Collect(ch chan<- prometheus.Metric) {
	s.mu.Lock()
	vectors := append([]prometheus.Collector(nil), s.ordered...)
	s.mu.Unlock()
	for _, v := range vectors {
		v.Collect(ch)
	}
}

// counter returns the counter of the SDK name with tags and its exported
// name.
func (s *store) counter(name string, tags map[string]string) (prometheus.Counter, string, error) {
	final := exportedName(name, kindCounter)
	if vec, ok := s.syncCounters[final]; ok {
		c, err := vec.GetMetricWith(project(final, tags))
		return c, final, err
	}
	if _, documented := definition(final); documented {
		return nil, final, fmt.Errorf("metric %s is not a counter", final)
	}
	vec, labels, err := s.vector(final, kindCounter, tags)
	if err != nil {
		return nil, final, err
	}
	c, err := vec.(*prometheus.CounterVec).GetMetricWith(labels)
	return c, final, err
}

// gauge returns the gauge of the SDK name with tags and its exported name.
func (s *store) gauge(name string, tags map[string]string) (prometheus.Gauge, string, error) {
	final := exportedName(name, kindGauge)
	if vec, ok := s.syncGauges[final]; ok {
		g, err := vec.GetMetricWith(project(final, tags))
		return g, final, err
	}
	if _, documented := definition(final); documented {
		return nil, final, fmt.Errorf("metric %s is not a gauge", final)
	}
	vec, labels, err := s.vector(final, kindGauge, tags)
	if err != nil {
		return nil, final, err
	}
	g, err := vec.(*prometheus.GaugeVec).GetMetricWith(labels)
	return g, final, err
}

// timer returns the histogram of the SDK timer name with tags and its
// exported name.
func (s *store) timer(name string, tags map[string]string) (prometheus.Observer, string, error) {
	final := exportedName(name, kindHistogram)
	if vec, ok := s.syncHistograms[final]; ok {
		o, err := vec.GetMetricWith(project(final, tags))
		return o, final, err
	}
	if _, documented := definition(final); documented {
		return nil, final, fmt.Errorf("metric %s is not a timer", final)
	}
	vec, labels, err := s.vector(final, kindHistogram, tags)
	if err != nil {
		return nil, final, err
	}
	o, err := vec.(*prometheus.HistogramVec).GetMetricWith(labels)
	return o, final, err
}

// vector returns the SDK vector of the exported name with the label names
// of tags, creating it on first use, and the labels. It fails when the
// name was first used with another type.
func (s *store) vector(final string, k kind, tags map[string]string) (prometheus.Collector, prometheus.Labels, error) {
	names, labels := labelSet(tags)
	s.mu.Lock()
	defer s.mu.Unlock()

	if prev, seen := s.kinds[final]; seen && prev != k {
		return nil, nil, fmt.Errorf("metric %s is a %s, not a %s", final, prev, k)
	}
	s.kinds[final] = k
	key := final + "{" + strings.Join(names, ",") + "}"
	if vec, ok := s.vectors[key]; ok {
		return vec, labels, nil
	}

	help := fmt.Sprintf("Temporal SDK %s %s.", k, final)
	var vec prometheus.Collector
	switch k {
	case kindCounter:
		vec = prometheus.NewCounterVec(prometheus.CounterOpts{Name: final, Help: help}, names)
	case kindGauge:
		vec = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: final, Help: help}, names)
	default:
		vec = prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: final, Help: help, Buckets: s.timerBuckets,
		}, names)
	}
	s.vectors[key] = vec
	s.ordered = append(s.ordered, vec)
	return vec, labels, nil
}

// project maps tags onto the documented labels of the sync metric final:
// other tags are dropped and a missing label is "".
func project(final string, tags map[string]string) prometheus.Labels {
	d, _ := definition(final)
	labels := make(prometheus.Labels, len(d.Labels))
	for _, name := range d.Labels {
		labels[name] = tags[name]
	}
	return labels
}

// warnOnce logs err once per metric name and message, so a metric the
// SDK records every second does not flood the log.
func (s *store) warnOnce(name string, err error) {
	key := name + "\x00" + err.Error()
	s.mu.Lock()
	seen := s.warned[key]
	s.warned[key] = true
	s.mu.Unlock()
	if !seen {
		s.logger.Warn("Metric value dropped", zap.String("metric", name), zap.Error(err))
	}
}
