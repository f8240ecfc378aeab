package square

import (
	"context"
	"net/http"
	"sync"
	"time"

	square "github.com/square/square-go-sdk"

	"github.com/stonecity/sync/sandbox/faults"
)

// catalogWriteSlot models Square's rule that only one catalog write
// (batch upsert or batch delete) runs at a time per seller: a write that
// arrives while another holds the slot gets 429 RATE_LIMITED.
type catalogWriteSlot struct {
	mu      sync.Mutex
	busy    bool
	latency time.Duration
	hook    func(ctx context.Context)
}

// SetCatalogWriteLatency makes every catalog write hold the write slot
// for d before it changes the catalog, so that overlapping writes get
// 429 as they would against a slow real catalog. 0, the default, turns
// the latency off. A client that disconnects during the latency writes
// nothing.
func (s *Simulator) SetCatalogWriteLatency(d time.Duration) {
	s.catalogSlot.mu.Lock()
	defer s.catalogSlot.mu.Unlock()

	s.catalogSlot.latency = max(d, 0)
}

// SetCatalogWriteHook sets a function that every catalog write calls
// while it holds the write slot, after the latency and before it reads or
// changes the catalog. Tests block in it to hold a write open. A nil
// hook removes it.
func (s *Simulator) SetCatalogWriteHook(hook func(ctx context.Context)) {
	s.catalogSlot.mu.Lock()
	defer s.catalogSlot.mu.Unlock()

	s.catalogSlot.hook = hook
}

// beginCatalogWrite takes the write slot and waits out the latency and the
// hook. It writes 429 and returns false when another write holds the
// slot, and returns false without a response when the client goes away
// during the latency. The caller must call release when ok is true.
func (s *Simulator) beginCatalogWrite(w http.ResponseWriter, r *http.Request) (release func(), ok bool) {
	slot := &s.catalogSlot
	slot.mu.Lock()
	if slot.busy {
		slot.mu.Unlock()
		writeErrors(w, http.StatusTooManyRequests, newError(square.ErrorCategoryRateLimitError,
			square.ErrorCodeRateLimited, "",
			"Another catalog write is in progress for this seller. Retry later with the same idempotency key."))
		return nil, false
	}
	slot.busy = true
	latency, hook := slot.latency, slot.hook
	slot.mu.Unlock()

	release = func() {
		slot.mu.Lock()
		slot.busy = false
		slot.mu.Unlock()
	}
	if latency > 0 && !faults.Sleep(r.Context(), latency) {
		release()
		return nil, false
	}
	if hook != nil {
		hook(r.Context())
	}
	return release, true
}
