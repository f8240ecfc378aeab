package webhooksig

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
)

// SPS quote-status webhook headers.
const (
	// HeaderSPSSignature carries the hex HMAC-SHA256 of the raw body.
	HeaderSPSSignature = "X-SPS-Signature"
	// HeaderSPSTimestamp carries the delivery time in Unix seconds, as
	// SPSTimestamp writes it. VerifySPS also accepts RFC 3339.
	HeaderSPSTimestamp = "X-SPS-Timestamp"
)

// SignSPS returns the lower-case hex HMAC-SHA256 of the raw body keyed with
// the shared webhook secret.
func SignSPS(secret string, body []byte) string {
	return hex.EncodeToString(spsMAC(secret, body))
}

// SPSTimestamp formats t for HeaderSPSTimestamp: decimal Unix seconds.
func SPSTimestamp(t time.Time) string {
	return strconv.FormatInt(t.Unix(), 10)
}

// VerifySPS checks an SPS delivery: the timestamp (Unix seconds, or RFC
// 3339 because SPS has not fixed the format) must be within MaxClockSkew of
// now and the signature (hex, either case) must be SignSPS of the body. It
// returns nil or an error wrapping ErrMissingHeader, ErrMalformedTimestamp,
// ErrStale, ErrFuture or ErrMismatch. The comparison takes constant time.
//
// NOTE: the proposed SPS contract signs the body only, so the timestamp is
// not covered by the signature and a captured delivery can be replayed with
// a fresh timestamp. Receivers must treat deliveries as repeatable.
func VerifySPS(secret string, body []byte, signature, timestamp string, now time.Time) error {
	if signature == "" {
		return fmt.Errorf("%w: %s is empty", ErrMissingHeader, HeaderSPSSignature)
	}
	if timestamp == "" {
		return fmt.Errorf("%w: %s is empty", ErrMissingHeader, HeaderSPSTimestamp)
	}
	ts, err := parseSPSTimestamp(timestamp)
	if err != nil {
		return fmt.Errorf("%w: %s must be Unix seconds or RFC 3339", ErrMalformedTimestamp, HeaderSPSTimestamp)
	}
	if err := checkSkew(ts, now); err != nil {
		return fmt.Errorf("%w: %s is more than %s from the server clock", err, HeaderSPSTimestamp, MaxClockSkew)
	}

	got, err := hex.DecodeString(signature)
	if err != nil || !hmac.Equal(got, spsMAC(secret, body)) {
		return fmt.Errorf("%w: %s does not match the body", ErrMismatch, HeaderSPSSignature)
	}
	return nil
}

func spsMAC(secret string, body []byte) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return mac.Sum(nil)
}

// parseSPSTimestamp reads decimal Unix seconds or an RFC 3339 time.
func parseSPSTimestamp(s string) (time.Time, error) {
	if seconds, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(seconds, 0), nil
	}
	return time.Parse(time.RFC3339, s)
}
