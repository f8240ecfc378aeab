package hubspot

import (
	"fmt"
	"math/rand"
	"net/http"
	"slices"
	"strconv"
	"time"
)

// statusMigrationInProgress is HubSpot's 477, sent while an account moves
// between data centres.
const statusMigrationInProgress = 477

// Faults are the injected failure settings. The zero value injects
// nothing.
type Faults struct {
	// LatencyMs is added to every API call, in real milliseconds even when
	// Options.Clock is injected.
	LatencyMs int `json:"latencyMs"`
	// ErrorRate is the fraction of API calls (0 to 1) rejected with a
	// transient error instead of being applied.
	ErrorRate float64 `json:"errorRate"`
	// ErrorStatuses are the statuses those errors are drawn from; empty
	// means 500, 502, 503 and 429. 429 sends the TEN_SECONDLY_ROLLING body,
	// 423 a lock error, 477 a migration error with Retry-After, any other
	// status HubSpot's internal error body.
	ErrorStatuses []int `json:"errorStatuses"`
	// FailNext makes the next N API calls fail with the first of
	// ErrorStatuses. Faults reports how many are still to fail.
	FailNext int `json:"failNext"`
	// SearchLagMs delays by this many milliseconds (on Options.Clock) the
	// moment a create or update becomes visible to search. Set it before
	// the writes it should delay, because earlier states that a write
	// replaced under a smaller lag are not kept.
	//
	// NOTE: the default 0 makes writes searchable at once, which HubSpot
	// never does. Tests of search-based matching should set a lag.
	SearchLagMs int `json:"searchLagMs"`
	// RetryAfterSeconds, when above 0, adds "Retry-After: <n>" to every 429,
	// both real and injected. HubSpot documents no Retry-After for 429s, so
	// the default 0 sends none.
	RetryAfterSeconds int `json:"retryAfterSeconds"`
	// Seed seeds the random draws, so a fault run replays exactly when the
	// same calls arrive in the same order.
	Seed int64 `json:"seed"`
}

var defaultErrorStatuses = []int{500, 502, 503, 429}

// normalized clamps out-of-range values and fills the default statuses.
func (f Faults) normalized() Faults {
	f.LatencyMs = max(f.LatencyMs, 0)
	f.ErrorRate = min(max(f.ErrorRate, 0), 1)
	f.FailNext = max(f.FailNext, 0)
	f.SearchLagMs = max(f.SearchLagMs, 0)
	f.RetryAfterSeconds = max(f.RetryAfterSeconds, 0)
	var statuses []int
	for _, status := range f.ErrorStatuses {
		if status >= 400 && status <= 599 {
			statuses = append(statuses, status)
		}
	}
	if len(statuses) == 0 {
		statuses = slices.Clone(defaultErrorStatuses)
	}
	f.ErrorStatuses = statuses
	return f
}

// validate reports the first setting outside its range, for the admin API.
func (f Faults) validate() error {
	switch {
	case f.LatencyMs < 0:
		return fmt.Errorf("faults: latencyMs %d is negative", f.LatencyMs)
	case f.ErrorRate < 0 || f.ErrorRate > 1:
		return fmt.Errorf("faults: errorRate %v is outside 0 to 1", f.ErrorRate)
	case f.FailNext < 0:
		return fmt.Errorf("faults: failNext %d is negative", f.FailNext)
	case f.SearchLagMs < 0:
		return fmt.Errorf("faults: searchLagMs %d is negative", f.SearchLagMs)
	case f.RetryAfterSeconds < 0:
		return fmt.Errorf("faults: retryAfterSeconds %d is negative", f.RetryAfterSeconds)
	}
	for _, status := range f.ErrorStatuses {
		if status < 400 || status > 599 {
			return fmt.Errorf("faults: errorStatuses entry %d is not a 4xx or 5xx status", status)
		}
	}
	return nil
}

// faultInjector decides which calls fail. The Simulator's mutex guards it.
type faultInjector struct {
	cfg Faults
	rng *rand.Rand
}

func (fi *faultInjector) set(f Faults) {
	fi.cfg = f.normalized()
	fi.rng = rand.New(rand.NewSource(f.Seed))
}

func (fi *faultInjector) latency() time.Duration {
	return time.Duration(fi.cfg.LatencyMs) * time.Millisecond
}

// draw returns the injected error for this call, or nil to serve it.
// FailNext is used up before ErrorRate is drawn. search selects the search
// limiter's body for an injected 429.
func (fi *faultInjector) draw(search bool) *apiError {
	if fi.cfg.FailNext > 0 {
		fi.cfg.FailNext--
		return injectedError(fi.cfg.ErrorStatuses[0], search)
	}
	if fi.cfg.ErrorRate <= 0 {
		return nil
	}
	if fi.rng.Float64() >= fi.cfg.ErrorRate {
		return nil
	}
	statuses := fi.cfg.ErrorStatuses
	return injectedError(statuses[fi.rng.Intn(len(statuses))], search)
}

// retryAfter returns the Retry-After value for a 429, or "" for none.
func (fi *faultInjector) retryAfter() string {
	if fi.cfg.RetryAfterSeconds <= 0 {
		return ""
	}
	return strconv.Itoa(fi.cfg.RetryAfterSeconds)
}

// injectedError builds the HubSpot-style response for an injected status.
// A 429 carries the body of the limiter that guards the endpoint: the
// per-second one for search, the ten-second one for everything else.
// HubSpot documents the 423 and 477 statuses, the two-second lock and
// 477's Retry-After, but not their bodies, so those are the simulator's own.
func injectedError(status int, search bool) *apiError {
	switch {
	case status == http.StatusTooManyRequests && search:
		return errSecondlyLimit()
	case status == http.StatusTooManyRequests:
		return errTenSecondlyLimit()
	case status == http.StatusLocked:
		return newAPIError(status, "LOCKED",
			"The resource is locked by another request. Locks last for 2 seconds.")
	case status == statusMigrationInProgress:
		e := newAPIError(status, "MIGRATION_IN_PROGRESS",
			"The account is being migrated; retry after the Retry-After delay.")
		e.retryAfter = "1"
		return e
	default:
		return newAPIError(status, categoryInternal, "internal error")
	}
}
