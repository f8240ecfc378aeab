package faults

import (
	"context"
	"math/rand"
	"net/http"
	"slices"
	"sync"
	"time"
)

// ErrorWriter writes a simulator's error body for an injected status.
type ErrorWriter func(w http.ResponseWriter, status int)

// Injector contains the live settings and decides which requests fail. It
// is safe for concurrent use.
type Injector struct {
	defaultStatuses []int
	// wait sleeps for the injected latency. Tests replace it.
	wait func(ctx context.Context, d time.Duration) bool

	mu       sync.Mutex
	settings Settings
	rng      *rand.Rand
	next     int // index into settings.ErrorStatuses for FailNext
}

// NewInjector returns an Injector with zero settings, so it injects
// nothing. defaultStatuses are used whenever Settings.ErrorStatuses
// contains no valid status. Statuses outside 400 to 599 are dropped from
// defaultStatuses, and 500 is used when none is left.
func NewInjector(defaultStatuses []int) *Injector {
	defaults := slices.DeleteFunc(slices.Clone(defaultStatuses), func(status int) bool {
		return !isErrorStatus(status)
	})
	if len(defaults) == 0 {
		defaults = []int{http.StatusInternalServerError}
	}
	in := &Injector{defaultStatuses: defaults, wait: Sleep}
	in.Set(Settings{})
	return in
}

// Set replaces the settings, restarts the FailNext status rotation and
// reseeds the random source from s.Seed. Out-of-range values are clamped,
// a NaN error rate becomes 0 and invalid statuses are dropped. Call
// Settings.Validate first to reject them instead.
func (in *Injector) Set(s Settings) {
	s = s.normalized(in.defaultStatuses)

	in.mu.Lock()
	defer in.mu.Unlock()

	in.settings = s
	in.rng = rand.New(rand.NewSource(s.Seed))
	in.next = 0
}

// Settings returns a copy of the current settings, with FailNext counted
// down by the failures already injected and the default statuses filled
// in.
func (in *Injector) Settings() Settings {
	in.mu.Lock()
	defer in.mu.Unlock()

	s := in.settings
	s.ErrorStatuses = slices.Clone(s.ErrorStatuses)
	return s
}

// Draw decides whether the current request fails and returns its status,
// or 0 when the request proceeds. FailNext is used up, taking
// ErrorStatuses in turn, before ErrorRate is drawn.
func (in *Injector) Draw() int {
	in.mu.Lock()
	defer in.mu.Unlock()

	return in.drawLocked()
}

func (in *Injector) drawLocked() int {
	statuses := in.settings.ErrorStatuses
	if in.settings.FailNext > 0 {
		in.settings.FailNext--
		status := statuses[in.next%len(statuses)]
		in.next++
		return status
	}
	if in.settings.ErrorRate > 0 && in.rng.Float64() < in.settings.ErrorRate {
		return statuses[in.rng.Intn(len(statuses))]
	}
	return 0
}

// Inject applies the configured latency, then calls writeError if a
// failure is drawn. It reports whether it ended the request, in which case
// the caller must not serve it, so an injected failure never changes
// state. A client that disconnects during the latency gets no response.
func (in *Injector) Inject(w http.ResponseWriter, r *http.Request, writeError ErrorWriter) bool {
	in.mu.Lock()
	latency := time.Duration(in.settings.LatencyMs) * time.Millisecond
	status := in.drawLocked()
	in.mu.Unlock()

	if latency > 0 && !in.wait(r.Context(), latency) {
		return true
	}
	if status == 0 {
		return false
	}
	writeError(w, status)
	return true
}

// Sleep waits for d or until ctx ends. It reports whether the full wait
// elapsed.
func Sleep(ctx context.Context, d time.Duration) bool {
	timer := time.NewTimer(d)
	defer timer.Stop()

	select {
	case <-timer.C:
		return true
	case <-ctx.Done():
		return false
	}
}
