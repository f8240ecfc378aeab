package sps

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"net/http"
	"time"
)

// defaultErrorStatuses are the statuses injected when Faults.ErrorStatuses
// is empty: the transient failures of a slow on-premises ERP behind a
// gateway.
var defaultErrorStatuses = []int{
	http.StatusInternalServerError,
	http.StatusBadGateway,
	http.StatusServiceUnavailable,
}

// maxLatencyMs caps Faults.LatencyMs so a typo cannot hang a test run.
const maxLatencyMs = 60_000

// Faults are the failure knobs of the API endpoints, login included. The
// admin surface is never faulted. A fault is decided before the request
// is authenticated or its body read, so it never changes state.
type Faults struct {
	// LatencyMs delays every API response by this many milliseconds
	// (0 to 60000), on top of Options.PageLatency.
	LatencyMs int `json:"latencyMs,omitempty"`
	// ErrorRate is the probability, 0 to 1, that a request fails with a
	// status drawn from ErrorStatuses.
	ErrorRate float64 `json:"errorRate,omitempty"`
	// ErrorStatuses are the HTTP statuses (400 to 599) that injected
	// failures use. Empty means 500, 502 and 503.
	ErrorStatuses []int `json:"errorStatuses,omitempty"`
	// FailNext makes the next N API requests fail, taking ErrorStatuses in
	// turn. It counts down as requests fail.
	FailNext int `json:"failNext,omitempty"`
	// Seed seeds the random draws of ErrorRate, so a run is repeatable.
	Seed int64 `json:"seed,omitempty"`
}

// validate reports the first setting out of range.
func (f Faults) validate() error {
	switch {
	case f.LatencyMs < 0 || f.LatencyMs > maxLatencyMs:
		return fmt.Errorf("faults: latencyMs %d is outside 0 to %d", f.LatencyMs, maxLatencyMs)
	case f.ErrorRate < 0 || f.ErrorRate > 1 || math.IsNaN(f.ErrorRate):
		return fmt.Errorf("faults: errorRate %v is outside 0 to 1", f.ErrorRate)
	case f.FailNext < 0:
		return fmt.Errorf("faults: failNext %d is negative", f.FailNext)
	}
	for i, status := range f.ErrorStatuses {
		if status < 400 || status > 599 {
			return fmt.Errorf("faults: errorStatuses[%d] = %d is not an HTTP error status (400 to 599)", i, status)
		}
	}
	return nil
}

// normalized clamps every setting into range, drops invalid statuses and
// fills in the default statuses.
func (f Faults) normalized() Faults {
	f.LatencyMs = min(max(f.LatencyMs, 0), maxLatencyMs)
	if math.IsNaN(f.ErrorRate) {
		f.ErrorRate = 0
	}
	f.ErrorRate = min(max(f.ErrorRate, 0), 1)
	f.FailNext = max(f.FailNext, 0)

	statuses := make([]int, 0, len(f.ErrorStatuses))
	for _, status := range f.ErrorStatuses {
		if status >= 400 && status <= 599 {
			statuses = append(statuses, status)
		}
	}
	if len(statuses) == 0 {
		statuses = append(statuses, defaultErrorStatuses...)
	}
	f.ErrorStatuses = statuses
	return f
}

// faultState is the live fault configuration. The Simulator's mutex
// guards it.
type faultState struct {
	settings Faults
	rng      *rand.Rand
	next     int // index into settings.ErrorStatuses for FailNext
}

func newFaultState(f Faults) faultState {
	f = f.normalized()
	return faultState{settings: f, rng: rand.New(rand.NewSource(f.Seed))}
}

// draw decides whether the current request fails and with which status.
// It returns 0 when the request proceeds.
func (fs *faultState) draw() int {
	statuses := fs.settings.ErrorStatuses
	if fs.settings.FailNext > 0 {
		fs.settings.FailNext--
		status := statuses[fs.next%len(statuses)]
		fs.next++
		return status
	}
	if fs.settings.ErrorRate > 0 && fs.rng.Float64() < fs.settings.ErrorRate {
		return statuses[fs.rng.Intn(len(statuses))]
	}
	return 0
}

// SetFaults replaces the fault settings and reseeds the random source.
// Out-of-range values are clamped and invalid statuses dropped, whereas
// the admin endpoint rejects them.
func (s *Simulator) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.faults = newFaultState(f)
}

// Faults returns the current fault settings, with FailNext counted down
// by the failures already injected and the default statuses filled in.
func (s *Simulator) Faults() Faults {
	s.mu.Lock()
	defer s.mu.Unlock()

	f := s.faults.settings
	f.ErrorStatuses = append([]int(nil), f.ErrorStatuses...)
	return f
}

// injectFault applies the configured latency, then writes an injected
// failure if one is drawn. It reports whether it ended the request.
func (s *Simulator) injectFault(w http.ResponseWriter, r *http.Request) bool {
	s.mu.Lock()
	latency := time.Duration(s.faults.settings.LatencyMs) * time.Millisecond
	status := s.faults.draw()
	s.mu.Unlock()

	if latency > 0 && !sleepContext(r.Context(), latency) {
		return true // the client disconnected, so no response is read
	}
	if status == 0 {
		return false
	}
	writeError(w, status, faultCode(status), "Injected fault: HTTP %d.", status)
	return true
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

// sleepContext waits for d or until ctx ends. It reports whether the full
// wait elapsed.
func sleepContext(ctx context.Context, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()

	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}
