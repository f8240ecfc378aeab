package config

import "net"

// Metrics holds the worker's Prometheus endpoint settings.
type Metrics struct {
	// Addr is the listen address host:port of the worker's /metrics
	// endpoint; "" (the default) serves no metrics.
	Addr string
}

// loadMetrics reads METRICS_ADDR over the default in m and checks that it
// is host:port.
func (e *env) loadMetrics(m *Metrics) {
	e.str("METRICS_ADDR", &m.Addr)
	if m.Addr == "" {
		return
	}
	if _, _, err := net.SplitHostPort(m.Addr); err != nil {
		e.fail("METRICS_ADDR must be host:port, for example 127.0.0.1:8306 or :9090, got %q", m.Addr)
	}
}
