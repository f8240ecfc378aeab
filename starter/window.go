package main

import (
	"fmt"
	"time"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/report"
)

// parseWindow resolves the --since and --until flags (RFC 3339) into a
// UTC window. An empty --until means now, truncated to the minute. An
// empty --since means lookbackHours before the end, which must then be
// from 1 to config.MaxLookbackHours. Errors name the flag and show an
// example.
func parseWindow(since, until string, lookbackHours int, now time.Time) (report.Window, error) {
	end := now.UTC().Truncate(time.Minute)
	if until != "" {
		t, err := time.Parse(time.RFC3339, until)
		if err != nil {
			return report.Window{}, fmt.Errorf(
				"invalid --until %q: use RFC 3339, for example 2026-12-04T11:00:00Z", until)
		}
		end = t.UTC()
	}

	var start time.Time
	if since != "" {
		t, err := time.Parse(time.RFC3339, since)
		if err != nil {
			return report.Window{}, fmt.Errorf(
				"invalid --since %q: use RFC 3339, for example 2026-11-01T00:00:00Z", since)
		}
		start = t.UTC()
	} else {
		if lookbackHours <= 0 || lookbackHours > config.MaxLookbackHours {
			return report.Window{}, fmt.Errorf(
				"invalid --lookback-hours %d: use a whole number of hours from 1 to %d",
				lookbackHours, config.MaxLookbackHours)
		}
		start = end.Add(-time.Duration(lookbackHours) * time.Hour)
	}

	if !start.Before(end) {
		return report.Window{}, fmt.Errorf("invalid window: --since %s is not before --until %s",
			start.Format(time.RFC3339), end.Format(time.RFC3339))
	}
	return report.Window{Since: start, Until: end}, nil
}
