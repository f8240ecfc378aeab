package metrics

import (
	"sort"
	"strings"
)

// kind is the Prometheus type a metric name is exported as.
type kind int

const (
	kindCounter kind = iota + 1
	kindGauge
	kindHistogram
)

func (k kind) String() string {
	switch k {
	case kindCounter:
		return "counter"
	case kindGauge:
		return "gauge"
	case kindHistogram:
		return "histogram"
	default:
		return "unknown"
	}
}

// Suffixes the adapter adds to SDK names, following Prometheus naming
// conventions: a counter ends in _total and a timer, exported as a
// histogram of seconds, ends in _seconds.
const (
	counterSuffix = "_total"
	timerSuffix   = "_seconds"
)

// exportedName returns the Prometheus name of an SDK metric name of kind
// k: the name sanitised, plus the unit or type suffix it lacks. For
// example the SDK's counter "temporal_request" becomes
// "temporal_request_total" and its timer "temporal_request_latency"
// becomes "temporal_request_latency_seconds".
func exportedName(name string, k kind) string {
	name = sanitize(name, true)
	switch k {
	case kindCounter:
		if !strings.HasSuffix(name, counterSuffix) {
			name += counterSuffix
		}
	case kindHistogram:
		if !strings.HasSuffix(name, timerSuffix) {
			name += timerSuffix
		}
	}
	return name
}

// sanitize maps s to a valid Prometheus metric name (allowColon) or label
// name: every character outside [a-zA-Z0-9_] (and ':' for metric names)
// becomes '_', and a leading digit gets a '_' prefix. A label name that
// starts with "__", which Prometheus reserves, keeps one underscore. An
// empty s becomes "_".
func sanitize(s string, allowColon bool) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '_':
			b.WriteRune(r)
		case r >= '0' && r <= '9':
			if i == 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
		case r == ':' && allowColon:
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	out := b.String()
	if out == "" {
		return "_"
	}
	if !allowColon {
		for strings.HasPrefix(out, "__") {
			out = out[1:]
		}
	}
	return out
}

// labelSet turns SDK tags into Prometheus labels and returns the label
// names, sorted, and the labels. Names are sanitised. A tag with an empty
// value is left out, because Prometheus treats an empty label as an
// absent one. Of two tags that sanitise to one name, the tag whose key
// sorts first is kept.
func labelSet(tags map[string]string) ([]string, map[string]string) {
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	labels := make(map[string]string, len(keys))
	names := make([]string, 0, len(keys))
	for _, k := range keys {
		v := tags[k]
		if v == "" {
			continue
		}
		name := sanitize(k, false)
		if _, taken := labels[name]; taken {
			continue
		}
		labels[name] = v
		names = append(names, name)
	}
	sort.Strings(names)
	return names, labels
}
