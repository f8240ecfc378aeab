package metrics

import (
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/require"
)

// newTestHandler returns a Handler with default options.
func newTestHandler(t *testing.T) *Handler {
	t.Helper()
	h, err := New(Options{})
	require.NoError(t, err)
	return h
}

// families gathers h's registry by metric name; gathering must not fail.
func families(t *testing.T, h *Handler) map[string]*dto.MetricFamily {
	t.Helper()
	gathered, err := h.Registry().Gather()
	require.NoError(t, err)
	out := make(map[string]*dto.MetricFamily, len(gathered))
	for _, f := range gathered {
		out[f.GetName()] = f
	}
	return out
}

// find returns the series of name whose labels are exactly labels, or
// nil.
func find(t *testing.T, h *Handler, name string, labels map[string]string) *dto.Metric {
	t.Helper()
	f, ok := families(t, h)[name]
	if !ok {
		return nil
	}
	for _, m := range f.GetMetric() {
		if labelsOf(m) == nil && len(labels) == 0 {
			return m
		}
		got := labelsOf(m)
		if len(got) != len(labels) {
			continue
		}
		match := true
		for k, v := range labels {
			if gv, ok := got[k]; !ok || gv != v {
				match = false
				break
			}
		}
		if match {
			return m
		}
	}
	return nil
}

func labelsOf(m *dto.Metric) map[string]string {
	if len(m.GetLabel()) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, l := range m.GetLabel() {
		out[l.GetName()] = l.GetValue()
	}
	return out
}

// familyType returns the type of the metric family name, failing the
// test when it is missing.
func familyType(t *testing.T, h *Handler, name string) dto.MetricType {
	t.Helper()
	f, ok := families(t, h)[name]
	require.True(t, ok, "metric family %s gathered", name)
	return f.GetType()
}
