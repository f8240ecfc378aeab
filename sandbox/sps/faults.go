package sps

import (
	"net/http"

	"github.com/stonecity/sync/sandbox/faults"
)

// defaultErrorStatuses are the statuses injected when Faults.ErrorStatuses
// is empty: the transient failures of a slow on-premises ERP behind a
// gateway.
var defaultErrorStatuses = []int{
	http.StatusInternalServerError,
	http.StatusBadGateway,
	http.StatusServiceUnavailable,
}

// Faults are the failure knobs of the API endpoints, login included. The
// admin surface is never faulted. A fault is decided before the request
// is authenticated or its body read, so it never changes state.
// LatencyMs comes on top of Options.PageLatency, and an empty
// ErrorStatuses means 500, 502 and 503.
type Faults = faults.Settings

// SetFaults replaces the fault settings and reseeds the random source.
// Out-of-range values are clamped, a NaN error rate becomes 0 and invalid
// statuses are dropped, whereas the admin endpoint rejects them.
func (s *Simulator) SetFaults(f Faults) {
	s.faults.Set(f)
}

// Faults returns the current fault settings, with FailNext counted down
// by the failures already injected and the default statuses filled in.
func (s *Simulator) Faults() Faults {
	return s.faults.Settings()
}

// injectFault applies the configured latency, then writes an injected
// failure if one is drawn. It reports whether it ended the request.
func (s *Simulator) injectFault(w http.ResponseWriter, r *http.Request) bool {
	return s.faults.Inject(w, r, writeFault)
}

// writeFault sends the SPS error body for an injected status.
func writeFault(w http.ResponseWriter, status int) {
	writeError(w, status, faultCode(status), "Injected fault: HTTP %d.", status)
}

// faultCode returns the error code sent with an injected status.
func faultCode(status int) string {
	switch status {
	case http.StatusTooManyRequests:
		return "rate_limited"
	case http.StatusUnauthorized:
		return "unauthorized"
	case http.StatusForbidden:
		return "forbidden"
	case http.StatusNotFound:
		return "not_found"
	case http.StatusBadGateway:
		return "bad_gateway"
	case http.StatusServiceUnavailable:
		return "service_unavailable"
	case http.StatusGatewayTimeout:
		return "gateway_timeout"
	}
	if status >= http.StatusInternalServerError {
		return "internal_error"
	}
	return "invalid_request"
}
