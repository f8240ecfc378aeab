package webhooksig

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"time"
)

// HubSpot v3 signature headers.
const (
	// HeaderHubSpotSignatureV3 carries the base64 HMAC-SHA256 signature.
	HeaderHubSpotSignatureV3 = "X-HubSpot-Signature-v3"
	// HeaderHubSpotTimestamp carries the signing time in Unix milliseconds.
	HeaderHubSpotTimestamp = "X-HubSpot-Request-Timestamp"
)

// HubSpotRequest is the part of an inbound request that HubSpot's v3
// signature covers.
type HubSpotRequest struct {
	// Method is the HTTP method, for example "POST".
	Method string
	// URI is the full URL HubSpot called: scheme, host, path and query.
	URI string
	// Body is the raw request body, exactly as received.
	Body []byte
	// Signature and Timestamp are the values of HeaderHubSpotSignatureV3
	// and HeaderHubSpotTimestamp.
	Signature string
	Timestamp string
}

// SignHubSpotV3 returns the v3 signature of a request: the standard base64
// (with padding) of HMAC-SHA256, keyed with the app's client secret, over
// method + normalised URI + body + the decimal timestamp in Unix
// milliseconds. The URI is normalised with NormalizeHubSpotURI first.
func SignHubSpotV3(secret, method, uri string, body []byte, timestampMillis int64) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(method))
	mac.Write([]byte(NormalizeHubSpotURI(uri)))
	mac.Write(body)
	mac.Write([]byte(strconv.FormatInt(timestampMillis, 10)))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// VerifyHubSpotV3 checks a request's v3 signature against secret at time
// now. It returns nil for a valid request, or an error wrapping
// ErrMissingHeader, ErrMalformedTimestamp (not a decimal integer of
// milliseconds), ErrStale, ErrFuture (more than MaxClockSkew away from now)
// or ErrMismatch. The comparison takes constant time.
func VerifyHubSpotV3(secret string, req HubSpotRequest, now time.Time) error {
	if req.Signature == "" {
		return fmt.Errorf("%w: %s is empty", ErrMissingHeader, HeaderHubSpotSignatureV3)
	}
	if req.Timestamp == "" {
		return fmt.Errorf("%w: %s is empty", ErrMissingHeader, HeaderHubSpotTimestamp)
	}
	millis, err := strconv.ParseInt(req.Timestamp, 10, 64)
	if err != nil {
		return fmt.Errorf("%w: %s must be Unix milliseconds", ErrMalformedTimestamp, HeaderHubSpotTimestamp)
	}
	if err := checkSkew(time.UnixMilli(millis), now); err != nil {
		return fmt.Errorf("%w: %s is more than %s from the server clock", err, HeaderHubSpotTimestamp, MaxClockSkew)
	}

	want := SignHubSpotV3(secret, req.Method, req.URI, req.Body, millis)
	if subtle.ConstantTimeCompare([]byte(want), []byte(req.Signature)) != 1 {
		return fmt.Errorf("%w: %s does not match the request", ErrMismatch, HeaderHubSpotSignatureV3)
	}
	return nil
}
