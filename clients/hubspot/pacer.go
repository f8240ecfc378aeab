package hubspot

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Rate-limit policy names that HubSpot sends in the policyName field of a
// 429 body.
const (
	PolicyTenSecondlyRolling = "TEN_SECONDLY_ROLLING"
	PolicySecondly           = "SECONDLY"
	PolicyDaily              = "DAILY"
)

// Clock is the time source of a Pacer. Tests inject a fake one.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives once d has passed.
	After(d time.Duration) <-chan time.Time
}

type systemClock struct{}

func (systemClock) Now() time.Time                         { return time.Now() }
func (systemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// PacerConfig sets the budgets of a Pacer. Zero fields take the defaults
// of a HubSpot Professional or Enterprise private app.
type PacerConfig struct {
	// TenSecondlyBudget is the app's burst limit per Interval; default 190.
	TenSecondlyBudget int
	// Interval is the length of the rolling burst window; default 10 s.
	Interval time.Duration
	// SearchPerSecond is the account's CRM search limit; default 5.
	SearchPerSecond float64
	// Share is the fraction (0 to 1] of both account budgets that this
	// process may use, for running several workers; default 1.
	Share float64
	// Headroom is the number of burst calls kept spare for other clients
	// of the same app; default 10, and a negative value keeps none.
	Headroom int
	// Clock is the time source; default the system clock.
	Clock Clock
}

// Pacer spaces HubSpot calls so one process stays inside its share of the
// app's ten-secondly budget and the account's search budget, and backs off
// when HubSpot's rate-limit headers show that other workers have used the
// shared bucket. It is safe for concurrent use and meant to be shared by
// every Client in the process.
type Pacer struct {
	clock    Clock
	interval time.Duration
	headroom int

	mu     sync.Mutex
	burst  *rollingWindow
	search *rollingWindow
	// burstHold and searchHold block calls of each kind until that time,
	// after HubSpot reported the shared bucket empty or returned 429.
	burstHold  time.Time
	searchHold time.Time
}

// NewPacer returns a Pacer with cfg's budgets, zero fields defaulted. The
// burst window admits TenSecondlyBudget×Share−Headroom calls per Interval
// (at least one); search admits SearchPerSecond×Share calls per second,
// measured over a window 100 ms longer than the budget's span.
func NewPacer(cfg PacerConfig) *Pacer {
	cfg = cfg.withDefaults()

	burstLimit := int(math.Floor(float64(cfg.TenSecondlyBudget)*cfg.Share)) - cfg.Headroom
	if burstLimit < 1 {
		burstLimit = 1
	}

	return &Pacer{
		clock:    cfg.Clock,
		interval: cfg.Interval,
		headroom: cfg.Headroom,
		burst:    newRollingWindow(burstLimit, cfg.Interval),
		search:   searchWindow(cfg.SearchPerSecond * cfg.Share),
	}
}

func (cfg PacerConfig) withDefaults() PacerConfig {
	if cfg.TenSecondlyBudget <= 0 {
		cfg.TenSecondlyBudget = 190
	}
	if cfg.Interval <= 0 {
		cfg.Interval = 10 * time.Second
	}
	if cfg.SearchPerSecond <= 0 {
		cfg.SearchPerSecond = 5
	}
	if cfg.Share <= 0 || cfg.Share > 1 {
		cfg.Share = 1
	}
	if cfg.Headroom < 0 {
		cfg.Headroom = 0
	} else if cfg.Headroom == 0 {
		cfg.Headroom = 10
	}
	if cfg.Clock == nil {
		cfg.Clock = systemClock{}
	}
	return cfg
}

// searchWindowMargin lengthens the search window beyond the budget's own
// span. HubSpot counts a call when it arrives, not when the pacer lets it
// go, so calls spaced by exactly the limit can arrive closer together
// after uneven network delays and meet a 429. The burst window needs no
// margin because Headroom keeps spare calls.
const searchWindowMargin = 100 * time.Millisecond

// searchWindow turns a per-second rate into a whole number of calls per
// window, plus searchWindowMargin: 5/s is 5 calls per 1.1 s, 2.5/s is 2
// calls per 0.9 s, and a rate under 1/s is 1 call per 1/rate seconds plus
// the margin.
func searchWindow(perSecond float64) *rollingWindow {
	calls := math.Floor(perSecond)
	if calls < 1 {
		calls = 1
	}
	window := time.Duration(calls / perSecond * float64(time.Second))
	return newRollingWindow(int(calls), window+searchWindowMargin)
}

// Wait blocks until a call of the given kind fits the budgets, then counts
// it. Search calls use the search budget only, because HubSpot exempts
// search from the ten-secondly bucket. Wait returns ctx.Err() when ctx
// ends first.
func (p *Pacer) Wait(ctx context.Context, search bool) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}

		delay := p.take(search)
		if delay <= 0 {
			return nil
		}

		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-p.clock.After(delay):
		}
	}
}

// take counts a call and returns 0 when one fits now, or else returns how
// long to wait before trying again.
func (p *Pacer) take(search bool) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()

	now := p.clock.Now()
	window, hold := p.burst, p.burstHold
	if search {
		window, hold = p.search, p.searchHold
	}

	if wait := hold.Sub(now); wait > 0 {
		return wait
	}
	if wait := window.delay(now); wait > 0 {
		return wait
	}
	window.add(now)
	return 0
}

// Observe reads HubSpot's X-HubSpot-RateLimit-Remaining and
// -Interval-Milliseconds headers from a non-search response. They describe
// the bucket shared by every worker of the app, so when Remaining is at or
// below Headroom, Observe holds further non-search calls for one interval.
// Responses without the headers change nothing.
func (p *Pacer) Observe(header http.Header) {
	remaining, err := strconv.Atoi(header.Get("X-HubSpot-RateLimit-Remaining"))
	if err != nil {
		return
	}
	if remaining > p.headroom {
		return
	}

	interval := p.interval
	if ms, err := strconv.Atoi(header.Get("X-HubSpot-RateLimit-Interval-Milliseconds")); err == nil && ms > 0 {
		interval = time.Duration(ms) * time.Millisecond
	}

	p.mu.Lock()
	defer p.mu.Unlock()
	p.burstHold = later(p.burstHold, p.clock.Now().Add(interval))
}

// observeRateLimit holds calls after a 429: ten-secondly 429s hold
// non-search calls for one interval and secondly 429s hold search calls
// for one second. Daily 429s hold nothing, because every call until
// midnight would fail anyway and callers learn that from the error.
func (p *Pacer) observeRateLimit(policy string) {
	p.mu.Lock()
	defer p.mu.Unlock()

	now := p.clock.Now()
	switch policy {
	case PolicyTenSecondlyRolling:
		p.burstHold = later(p.burstHold, now.Add(p.interval))
	case PolicySecondly:
		p.searchHold = later(p.searchHold, now.Add(time.Second))
	}
}

// RetryHint returns how long a caller should wait after a 429 with the
// given policy. SECONDLY waits 1 s and DAILY waits until the next UTC
// midnight. TEN_SECONDLY_ROLLING, or an unknown policy, waits until this
// pacer estimates its burst window has room again, at least 1 s.
//
// NOTE: HubSpot resets the daily budget at midnight in the account's time
// zone, which the API does not report, so the DAILY hint can be off by up
// to a day's time-zone offset.
func (p *Pacer) RetryHint(policy string) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()

	now := p.clock.Now()
	switch policy {
	case PolicySecondly:
		return time.Second
	case PolicyDaily:
		utc := now.UTC()
		midnight := time.Date(utc.Year(), utc.Month(), utc.Day()+1, 0, 0, 0, 0, time.UTC)
		return midnight.Sub(utc)
	}

	wait := max(p.burstHold.Sub(now), p.burst.delay(now))
	return max(wait, time.Second)
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
