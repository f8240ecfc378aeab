package main

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/config"
)

// now is the injected clock reading. It is mid-minute, so the truncation
// to the minute shows in the results.
var now = time.Date(2026, 12, 4, 11, 7, 42, 500_000_000, time.UTC)

func utc(value string) time.Time {
	t, err := time.Parse(time.RFC3339, value)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestParseWindow(t *testing.T) {
	tests := []struct {
		name          string
		since, until  string
		lookbackHours int
		wantSince     time.Time
		wantUntil     time.Time
	}{
		{
			name:          "defaults end now to the minute",
			lookbackHours: 96,
			wantSince:     utc("2026-11-30T11:07:00Z"),
			wantUntil:     utc("2026-12-04T11:07:00Z"),
		},
		{
			name:          "lookback before until",
			until:         "2026-07-01T00:00:00Z",
			lookbackHours: 24,
			wantSince:     utc("2026-06-30T00:00:00Z"),
			wantUntil:     utc("2026-07-01T00:00:00Z"),
		},
		{
			name:      "since until now",
			since:     "2026-11-01T00:00:00Z",
			wantSince: utc("2026-11-01T00:00:00Z"),
			wantUntil: utc("2026-12-04T11:07:00Z"),
		},
		{
			name:      "explicit window",
			since:     "2026-01-01T00:00:00Z",
			until:     "2026-07-01T00:00:00Z",
			wantSince: utc("2026-01-01T00:00:00Z"),
			wantUntil: utc("2026-07-01T00:00:00Z"),
		},
		{
			name:      "offsets converted to UTC",
			since:     "2026-01-01T00:00:00-06:00",
			until:     "2026-01-02T09:30:00+05:30",
			wantSince: utc("2026-01-01T06:00:00Z"),
			wantUntil: utc("2026-01-02T04:00:00Z"),
		},
		{
			name:      "fractional seconds kept",
			since:     "2026-01-01T00:00:00.250Z",
			until:     "2026-01-01T00:00:01Z",
			wantSince: time.Date(2026, 1, 1, 0, 0, 0, 250_000_000, time.UTC),
			wantUntil: utc("2026-01-01T00:00:01Z"),
		},
		{
			name:          "since ignores lookback",
			since:         "2026-12-01T00:00:00Z",
			lookbackHours: -5,
			wantSince:     utc("2026-12-01T00:00:00Z"),
			wantUntil:     utc("2026-12-04T11:07:00Z"),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, err := parseWindow(tc.since, tc.until, tc.lookbackHours, now)

			require.NoError(t, err)
			assert.Equal(t, tc.wantSince, w.Since)
			assert.Equal(t, tc.wantUntil, w.Until)
			assert.Equal(t, time.UTC, w.Since.Location())
			assert.Equal(t, time.UTC, w.Until.Location())
		})
	}
}

func TestParseWindowRejects(t *testing.T) {
	tests := []struct {
		name          string
		since, until  string
		lookbackHours int
		want          string
	}{
		{
			name: "since not RFC 3339", since: "2026-11-01", lookbackHours: 96,
			want: `invalid --since "2026-11-01": use RFC 3339, for example 2026-11-01T00:00:00Z`,
		},
		{
			name: "until not RFC 3339", until: "yesterday", lookbackHours: 96,
			want: `invalid --until "yesterday": use RFC 3339, for example 2026-12-04T11:00:00Z`,
		},
		{
			name: "since without zone", since: "2026-11-01T00:00:00", lookbackHours: 96,
			want: `invalid --since "2026-11-01T00:00:00"`,
		},
		{
			name: "since equals until", since: "2026-11-01T00:00:00Z", until: "2026-11-01T00:00:00Z",
			want: "invalid window: --since 2026-11-01T00:00:00Z is not before --until 2026-11-01T00:00:00Z",
		},
		{
			name: "since after until", since: "2026-11-02T00:00:00Z", until: "2026-11-01T00:00:00Z",
			want: "invalid window: --since 2026-11-02T00:00:00Z is not before --until 2026-11-01T00:00:00Z",
		},
		{
			name: "same instant in other zones", since: "2026-11-01T06:00:00+06:00", until: "2026-11-01T00:00:00Z",
			want: "invalid window: --since 2026-11-01T00:00:00Z is not before --until 2026-11-01T00:00:00Z",
		},
		{
			name: "since in the future", since: "2026-12-05T00:00:00Z",
			want: "invalid window: --since 2026-12-05T00:00:00Z is not before --until 2026-12-04T11:07:00Z",
		},
		{
			name: "zero lookback", lookbackHours: 0,
			want: "invalid --lookback-hours 0: use a whole number of hours from 1 to",
		},
		{
			name: "negative lookback", until: "2026-11-01T00:00:00Z", lookbackHours: -24,
			want: "invalid --lookback-hours -24",
		},
		{
			name: "lookback past duration range", lookbackHours: config.MaxLookbackHours + 1,
			want: "invalid --lookback-hours " + strconv.Itoa(config.MaxLookbackHours+1),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseWindow(tc.since, tc.until, tc.lookbackHours, now)

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestParseWindowLongestLookback(t *testing.T) {
	w, err := parseWindow("", "", config.MaxLookbackHours, now)

	require.NoError(t, err)
	assert.True(t, w.Since.Before(w.Until))
	assert.Equal(t, time.Duration(config.MaxLookbackHours)*time.Hour, w.Until.Sub(w.Since))
}
