package webhooksig

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSignSPS(t *testing.T) {
	// HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), the
	// RFC 2104 example vector also listed on Wikipedia's HMAC page.
	got := SignSPS("key", []byte("The quick brown fox jumps over the lazy dog"))

	assert.Equal(t, "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8", got)
}

func TestSPSTimestamp(t *testing.T) {
	ts := time.Date(2026, 12, 4, 18, 30, 0, 999_000_000, time.UTC)

	assert.Equal(t, "1796409000", SPSTimestamp(ts))
}

func TestVerifySPS(t *testing.T) {
	const secret = "sps-webhook-secret"
	now := time.Date(2026, 12, 4, 18, 30, 0, 0, time.UTC)
	body := []byte(`{"event":"quote.status_changed","quoteId":7,"status":"Accepted"}`)
	signature := SignSPS(secret, body)

	tests := []struct {
		name      string
		secret    string
		body      []byte
		signature string
		timestamp string
		want      error
	}{
		{name: "valid", secret: secret, body: body, signature: signature, timestamp: SPSTimestamp(now)},
		{name: "valid upper-case hex", secret: secret, body: body,
			signature: strings.ToUpper(signature), timestamp: SPSTimestamp(now)},
		{name: "valid RFC 3339 timestamp", secret: secret, body: body,
			signature: signature, timestamp: "2026-12-04T18:29:00Z"},
		{name: "valid at oldest edge", secret: secret, body: body,
			signature: signature, timestamp: SPSTimestamp(now.Add(-MaxClockSkew))},
		{name: "wrong secret", secret: "other", body: body, signature: signature,
			timestamp: SPSTimestamp(now), want: ErrMismatch},
		{name: "body changed by one byte", secret: secret, body: []byte(strings.Replace(string(body), "7", "8", 1)),
			signature: signature, timestamp: SPSTimestamp(now), want: ErrMismatch},
		{name: "signature not hex", secret: secret, body: body, signature: "zz",
			timestamp: SPSTimestamp(now), want: ErrMismatch},
		{name: "signature truncated", secret: secret, body: body, signature: signature[:62],
			timestamp: SPSTimestamp(now), want: ErrMismatch},
		{name: "missing signature", secret: secret, body: body, timestamp: SPSTimestamp(now),
			want: ErrMissingHeader},
		{name: "missing timestamp", secret: secret, body: body, signature: signature,
			want: ErrMissingHeader},
		{name: "malformed timestamp", secret: secret, body: body, signature: signature,
			timestamp: "yesterday", want: ErrMalformedTimestamp},
		{name: "stale", secret: secret, body: body, signature: signature,
			timestamp: SPSTimestamp(now.Add(-MaxClockSkew - time.Second)), want: ErrStale},
		{name: "future", secret: secret, body: body, signature: signature,
			timestamp: SPSTimestamp(now.Add(MaxClockSkew + time.Second)), want: ErrFuture},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := VerifySPS(tc.secret, tc.body, tc.signature, tc.timestamp, now)

			if tc.want == nil {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.want)
		})
	}
}
