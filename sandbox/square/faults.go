package square

import (
	"net/http"

	"github.com/stonecity/sync/sandbox/faults"
)

// defaultErrorStatuses are the statuses injected when Faults.ErrorStatuses
// is empty.
var defaultErrorStatuses = []int{
	http.StatusInternalServerError,
	http.StatusServiceUnavailable,
	http.StatusTooManyRequests,
}

// Faults are the failure knobs of the API endpoints. The admin surface is
// never faulted. An injected failure is decided before the request is
// authenticated or read, so it never changes state. An empty
// ErrorStatuses means 500, 503 and 429.
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

// writeFault sends Square's error envelope for an injected status.
func writeFault(w http.ResponseWriter, status int) {
	writeErrors(w, status, faultError(status))
}
