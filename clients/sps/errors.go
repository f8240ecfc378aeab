package sps

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Sentinels matched by errors.Is against an *Error.
var (
	// ErrNotFound matches an *Error with status 404.
	ErrNotFound = errors.New("sps: not found")
	// ErrAuth matches an *Error with status 401 or 403: credentials or a
	// token that SPS rejected, also after the client logged in again.
	ErrAuth = errors.New("sps: authentication failed")
	// ErrIdempotencyMismatch matches an *Error with status 409 or 422 on
	// a create: an Idempotency-Key that SPS already saw with another body.
	ErrIdempotencyMismatch = errors.New("sps: idempotency key reused with another body")
)

// Error codes the client sets itself, for failures that carry no SPS
// error code.
const (
	// CodeInvalidArgument marks a call rejected before sending (Status 0),
	// such as a pageSize above MaxPageSize.
	CodeInvalidArgument = "invalid_argument"
	// CodeInvalidResponse marks a response body that does not decode.
	CodeInvalidResponse = "invalid_response"
	// CodeResponseTooLarge marks a response body above the read limit.
	CodeResponseTooLarge = "response_too_large"
	// CodeRedirect marks a 3xx response, which the client does not follow.
	CodeRedirect = "redirect"
	// CodeIdempotencyMismatch is the error code the simulator sends, and
	// SPS is asked to send, for an Idempotency-Key reused with another body.
	CodeIdempotencyMismatch = "idempotency_mismatch"
)

// Error is a failed SPS call: an HTTP error status, an undecodable
// response, a call rejected before sending, or no response at all
// (Status 0, Code ""). Code and Message come from SPS's
// {"error","message"} body when it has one. Retryable is true for 429,
// 408 and 5xx. It is also true for transport failures and timeouts, except
// when the caller's context was canceled. Every other status is final.
// RetryAfter is the server's Retry-After hint, 0 when absent. No field
// contains the password, the authorized number or a token, which are
// masked wherever a server echoes them.
type Error struct {
	Status     int
	Code       string
	Message    string
	Retryable  bool
	RetryAfter time.Duration
	// Endpoint is "METHOD /path/template", e.g. "GET /v2/Customers/{id}".
	Endpoint string

	err    error // the transport failure, when Status is 0
	create bool  // the call was a create with an Idempotency-Key
}

// Error describes the failure with the endpoint, status, code and message,
// each part after a colon: "sps POST /v2/Quotes: HTTP 500 internal: ...".
func (e *Error) Error() string {
	var head []string
	if e.Status != 0 {
		head = append(head, fmt.Sprintf("HTTP %d", e.Status))
	}
	if e.Code != "" {
		head = append(head, string(e.Code))
	}
	parts := []string{"sps " + e.Endpoint}
	if len(head) > 0 {
		parts = append(parts, strings.Join(head, " "))
	}
	if e.Message != "" {
		parts = append(parts, e.Message)
	}
	if e.err != nil {
		parts = append(parts, e.err.Error())
	}
	return strings.Join(parts, ": ")
}

// Unwrap returns the transport failure behind a Status 0 error, so that
// errors.Is finds context.DeadlineExceeded and the like.
func (e *Error) Unwrap() error { return e.err }

// Is matches ErrNotFound to status 404, ErrAuth to 401 and 403, and
// ErrIdempotencyMismatch to 409 and 422 from a create endpoint.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrIdempotencyMismatch:
		// NOTE: the IETF idempotency-key draft uses 409 for a request still
		// in progress under the same key, which a retry would fix. The
		// proposed SPS contract has no such case, so 409 is final here.
		return e.create && (e.Status == http.StatusUnprocessableEntity || e.Status == http.StatusConflict)
	case ErrNotFound:
		return e.Status == http.StatusNotFound
	case ErrAuth:
		return e.Status == http.StatusUnauthorized || e.Status == http.StatusForbidden
	}
	return false
}

// retryableStatus reports the statuses worth retrying: 429, 408 and 5xx.
func retryableStatus(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusRequestTimeout ||
		status >= http.StatusInternalServerError
}

// parseRetryAfter reads a Retry-After header in seconds or as an HTTP
// date. It returns 0 when the header is absent, invalid or in the past.
func parseRetryAfter(value string, now time.Time) time.Duration {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}
	if seconds, err := strconv.Atoi(value); err == nil {
		return time.Duration(max(seconds, 0)) * time.Second
	}
	if at, err := http.ParseTime(value); err == nil && at.After(now) {
		return at.Sub(now)
	}
	return 0
}

// bodySnippet describes a body that is not SPS's error body.
func bodySnippet(body []byte, status int) string {
	const limit = 200
	text := strings.TrimSpace(string(body))
	if text == "" {
		return http.StatusText(status)
	}
	if len(text) > limit {
		text = text[:limit] + "..."
	}
	return text
}

// isCancellation reports whether err comes from canceling the caller's
// context, the one transport failure that is not worth retrying.
func isCancellation(err error) bool {
	return errors.Is(err, context.Canceled)
}

// redactedError masks secrets in the text of a wrapped error while
// keeping it reachable for errors.Is and errors.As.
type redactedError struct {
	err    error
	redact func(string) string
}

func (r redactedError) Error() string { return r.redact(r.err.Error()) }

func (r redactedError) Unwrap() error { return r.err }
