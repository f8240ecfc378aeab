package hubspot

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// Rate limit defaults: HubSpot's Professional tier for privately
// distributed apps and the CRM search limit.
const (
	defaultTenSecondlyMax  = 190
	defaultDailyMax        = 625000
	defaultSearchPerSecond = 5
	burstInterval          = 10 * time.Second
	simulatedPortalID      = 1000001
	simulatedAppID         = 2000001
)

// rateLimiter enforces the three HubSpot budgets: a rolling ten-second
// bucket for every non-search call, a daily bucket for every call, and a
// per-second bucket for search. Rejected calls consume nothing. The day
// starts at midnight UTC; HubSpot uses the account's time zone.
type rateLimiter struct {
	tenSecondlyMax  int
	dailyMax        int
	searchPerSecond int

	burst     []time.Time // accepted non-search calls, oldest first
	searches  []time.Time // accepted search calls, oldest first
	day       string      // UTC date the daily count belongs to
	dailyUsed int
}

func newRateLimiter(opts Options) *rateLimiter {
	l := &rateLimiter{
		tenSecondlyMax:  opts.TenSecondlyMax,
		dailyMax:        opts.DailyMax,
		searchPerSecond: opts.SearchPerSecond,
	}
	if l.tenSecondlyMax <= 0 {
		l.tenSecondlyMax = defaultTenSecondlyMax
	}
	if l.dailyMax <= 0 {
		l.dailyMax = defaultDailyMax
	}
	if l.searchPerSecond <= 0 {
		l.searchPerSecond = defaultSearchPerSecond
	}
	return l
}

// dropBefore removes the times at or before cutoff from an ordered list.
func dropBefore(times []time.Time, cutoff time.Time) []time.Time {
	i := 0
	for i < len(times) && !times[i].After(cutoff) {
		i++
	}
	return times[i:]
}

// admit counts one call at now, or returns the 429 to send when a budget
// is spent.
func (l *rateLimiter) admit(now time.Time, search bool) *apiError {
	if day := now.UTC().Format(time.DateOnly); day != l.day {
		l.day = day
		l.dailyUsed = 0
	}
	l.burst = dropBefore(l.burst, now.Add(-burstInterval))
	l.searches = dropBefore(l.searches, now.Add(-time.Second))

	if l.dailyUsed >= l.dailyMax {
		return errDailyLimit()
	}
	if search {
		if len(l.searches) >= l.searchPerSecond {
			return errSecondlyLimit()
		}
		l.searches = append(l.searches, now)
	} else {
		if len(l.burst) >= l.tenSecondlyMax {
			return errTenSecondlyLimit()
		}
		l.burst = append(l.burst, now)
	}
	l.dailyUsed++
	return nil
}

// setHeaders writes the X-HubSpot-RateLimit headers HubSpot sends on
// non-search responses. Daily values are as of the last admitted call.
func (l *rateLimiter) setHeaders(h http.Header) {
	h.Set("X-HubSpot-RateLimit-Daily", strconv.Itoa(l.dailyMax))
	h.Set("X-HubSpot-RateLimit-Daily-Remaining", strconv.Itoa(max(l.dailyMax-l.dailyUsed, 0)))
	h.Set("X-HubSpot-RateLimit-Interval-Milliseconds", strconv.Itoa(int(burstInterval.Milliseconds())))
	h.Set("X-HubSpot-RateLimit-Max", strconv.Itoa(l.tenSecondlyMax))
	h.Set("X-HubSpot-RateLimit-Remaining", strconv.Itoa(max(l.tenSecondlyMax-len(l.burst), 0)))
}

func rateLimitError(message, policy, group string) *apiError {
	e := &apiError{status: http.StatusTooManyRequests, body: errorBody{
		Status: "error", Message: message, ErrorType: categoryRateLimit,
		PolicyName: policy, GroupName: group,
	}}
	return e
}

func errTenSecondlyLimit() *apiError {
	return rateLimitError("You have reached your ten_secondly_rolling limit.", "TEN_SECONDLY_ROLLING",
		fmt.Sprintf("publicapi:private_app-api-calls-ten-secondly:%d:%d",
			simulatedPortalID, simulatedAppID))
}

func errDailyLimit() *apiError {
	return rateLimitError("You have reached your daily limit.", "DAILY",
		fmt.Sprintf("publicapi:private_app-api-calls-daily:%d", simulatedPortalID))
}

// errSecondlyLimit is the search limiter's 429. HubSpot's observed body
// carries no groupName.
func errSecondlyLimit() *apiError {
	return rateLimitError("You have reached your secondly limit.", "SECONDLY", "")
}
