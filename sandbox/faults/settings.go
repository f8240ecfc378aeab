// Package faults injects latency and HTTP error statuses into the API
// requests of a simulator, so clients can be tested against slow and
// failing servers. Each simulator keeps its own error body and default
// statuses; this package decides which request fails and when.
package faults

import (
	"fmt"
	"math"
)

// MaxLatencyMs caps Settings.LatencyMs so a typo cannot hang a test run.
const MaxLatencyMs = 60_000

// Settings are the failure knobs of a simulator's API endpoints. The zero
// value injects nothing.
type Settings struct {
	// LatencyMs delays every API response by this many milliseconds
	// (0 to MaxLatencyMs).
	LatencyMs int `json:"latencyMs,omitempty"`
	// ErrorRate is the probability, 0 to 1, that a request fails with a
	// status drawn from ErrorStatuses. NaN is invalid.
	ErrorRate float64 `json:"errorRate,omitempty"`
	// ErrorStatuses are the HTTP statuses (400 to 599) that injected
	// failures use. Empty means the simulator's default statuses.
	ErrorStatuses []int `json:"errorStatuses,omitempty"`
	// FailNext makes the next N API requests fail, taking ErrorStatuses in
	// turn. It counts down as requests fail.
	FailNext int `json:"failNext,omitempty"`
	// Seed seeds the random draws of ErrorRate, so a run is repeatable.
	Seed int64 `json:"seed,omitempty"`
}

// Validate returns an error naming the first setting out of range, or nil
// when every setting is valid.
func (s Settings) Validate() error {
	switch {
	case s.LatencyMs < 0 || s.LatencyMs > MaxLatencyMs:
		return fmt.Errorf("faults: latencyMs %d is outside 0 to %d", s.LatencyMs, MaxLatencyMs)
	case s.ErrorRate < 0 || s.ErrorRate > 1 || math.IsNaN(s.ErrorRate):
		return fmt.Errorf("faults: errorRate %v is outside 0 to 1", s.ErrorRate)
	case s.FailNext < 0:
		return fmt.Errorf("faults: failNext %d is negative", s.FailNext)
	}
	for i, status := range s.ErrorStatuses {
		if !isErrorStatus(status) {
			return fmt.Errorf("faults: errorStatuses[%d] = %d is not an HTTP error status (400 to 599)", i, status)
		}
	}
	return nil
}

// normalized clamps every setting into range, turns a NaN error rate into
// 0, drops invalid statuses and fills in defaultStatuses when none is left.
func (s Settings) normalized(defaultStatuses []int) Settings {
	s.LatencyMs = min(max(s.LatencyMs, 0), MaxLatencyMs)
	if math.IsNaN(s.ErrorRate) {
		s.ErrorRate = 0
	}
	s.ErrorRate = min(max(s.ErrorRate, 0), 1)
	s.FailNext = max(s.FailNext, 0)

	statuses := make([]int, 0, len(s.ErrorStatuses))
	for _, status := range s.ErrorStatuses {
		if isErrorStatus(status) {
			statuses = append(statuses, status)
		}
	}
	if len(statuses) == 0 {
		statuses = append(statuses, defaultStatuses...)
	}
	s.ErrorStatuses = statuses
	return s
}

func isErrorStatus(status int) bool {
	return status >= 400 && status <= 599
}
