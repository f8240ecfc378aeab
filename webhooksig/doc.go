// Package webhooksig signs and verifies the HMAC-SHA256 signatures of
// inbound webhook requests: HubSpot's v3 request signature (CRM cards,
// UI-extension fetches, webhooks) and the signature Stone Profits (SPS)
// puts on quote-status deliveries. It does no I/O: callers pass the raw
// body, the header values and the current time.
package webhooksig

import (
	"errors"
	"time"
)

// MaxClockSkew is the largest accepted distance between a request's
// timestamp and the verifier's clock, in either direction. HubSpot
// documents 5 minutes for v3 signatures; SPS deliveries use the same bound.
const MaxClockSkew = 5 * time.Minute

// Sentinel errors of VerifyHubSpotV3 and VerifySPS; test with errors.Is.
// The returned errors wrap one of them and name the header involved, never
// its value.
var (
	// ErrMissingHeader means the signature or the timestamp header is
	// absent or empty.
	ErrMissingHeader = errors.New("signature header missing")
	// ErrMalformedTimestamp means the timestamp header is not in the
	// expected format.
	ErrMalformedTimestamp = errors.New("timestamp malformed")
	// ErrStale means the timestamp is more than MaxClockSkew in the past.
	ErrStale = errors.New("timestamp too old")
	// ErrFuture means the timestamp is more than MaxClockSkew in the future.
	ErrFuture = errors.New("timestamp in the future")
	// ErrMismatch means the signature does not match the request.
	ErrMismatch = errors.New("signature mismatch")
)

// checkSkew returns ErrStale or ErrFuture when ts is more than
// MaxClockSkew away from now.
func checkSkew(ts, now time.Time) error {
	age := now.Sub(ts)
	if age > MaxClockSkew {
		return ErrStale
	}
	if age < -MaxClockSkew {
		return ErrFuture
	}
	return nil
}
