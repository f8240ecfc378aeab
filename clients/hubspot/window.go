package hubspot

import "time"

// rollingWindow admits at most limit events in any span of length window,
// the way HubSpot counts its ten-secondly bucket. It stores the times of
// the last limit events in a ring and is not safe for concurrent use.
type rollingWindow struct {
	limit  int
	window time.Duration
	times  []time.Time
	next   int // index of the oldest entry once the ring is full
}

func newRollingWindow(limit int, window time.Duration) *rollingWindow {
	return &rollingWindow{limit: limit, window: window, times: make([]time.Time, 0, limit)}
}

// delay returns how long after now the next event may happen; 0 means now.
func (w *rollingWindow) delay(now time.Time) time.Duration {
	if len(w.times) < w.limit {
		return 0
	}
	oldest := w.times[w.next]
	return max(oldest.Add(w.window).Sub(now), 0)
}

// add records an event at now.
func (w *rollingWindow) add(now time.Time) {
	if len(w.times) < w.limit {
		w.times = append(w.times, now)
		return
	}
	w.times[w.next] = now
	w.next = (w.next + 1) % w.limit
}
