package square

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/square/square-go-sdk/core"
)

// Error is a failed Square call: an HTTP error status, errors inside a
// 200 body, or no response at all (Status 0). Category, Code, Detail and
// Field come from the first entry of Square's error envelope. Retryable
// is true for HTTP 429, 408 and 5xx, for API_ERROR and RATE_LIMIT_ERROR
// entries in a 200 body, and for transport failures other than
// cancellation. Other 4xx are final. RetryAfter is Square's Retry-After
// hint, 0 when absent. No field contains the access token, which is
// masked wherever a server echoes it.
type Error struct {
	Status     int
	Category   string
	Code       string
	Detail     string
	Field      string
	Retryable  bool
	RetryAfter time.Duration
	// Endpoint is "METHOD /path/template", e.g. "POST /v2/orders/search".
	Endpoint string

	err error // the transport failure, when Status is 0
}

// Error describes the failure with the endpoint, status and Square's code.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "square %s: ", e.Endpoint)
	if e.Status == 0 {
		b.WriteString("request failed")
	} else {
		fmt.Fprintf(&b, "HTTP %d", e.Status)
	}
	if e.Category != "" || e.Code != "" {
		fmt.Fprintf(&b, " %s/%s", e.Category, e.Code)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, " (field %s)", e.Field)
	}
	if e.Detail != "" {
		fmt.Fprintf(&b, ": %s", e.Detail)
	}
	return b.String()
}

// Unwrap returns the transport failure behind a Status 0 error, so that
// errors.Is finds context.DeadlineExceeded and the like.
func (e *Error) Unwrap() error { return e.err }

// redactor returns a function that masks token in text.
func redactor(token string) func(string) string {
	return func(text string) string {
		if token == "" {
			return text
		}
		return strings.ReplaceAll(text, token, "[REDACTED]")
	}
}

// statusError builds the Error for an HTTP error status from the raw
// body, which should hold Square's envelope.
func statusError(endpoint string, status int, body []byte, redact func(string) string) *Error {
	e := &Error{Endpoint: endpoint, Status: status, Retryable: retryableStatus(status)}
	var envelope struct {
		Errors []*square.Error `json:"errors"`
	}
	if json.Unmarshal(body, &envelope) != nil || len(envelope.Errors) == 0 {
		e.Detail = redact(bodySnippet(body, status))
		return e
	}
	fillFromEnvelope(e, envelope.Errors, redact)
	return e
}

// fillFromEnvelope copies the first Square error into e and notes how
// many more there were.
func fillFromEnvelope(e *Error, errs []*square.Error, redact func(string) string) {
	first := errs[0]
	e.Category = string(first.GetCategory())
	e.Code = string(first.GetCode())
	if first.GetDetail() != nil {
		e.Detail = redact(*first.GetDetail())
	}
	if first.GetField() != nil {
		e.Field = redact(*first.GetField())
	}
	if len(errs) > 1 {
		e.Detail = fmt.Sprintf("%s (and %d more errors)", e.Detail, len(errs)-1)
	}
}

// bodySnippet describes a body that is not Square's envelope.
func bodySnippet(body []byte, status int) string {
	const max = 200
	text := strings.TrimSpace(string(body))
	if text == "" {
		return http.StatusText(status)
	}
	if len(text) > max {
		text = text[:max] + "..."
	}
	return text
}

// envelopeError builds the Error for errors Square put in a response
// whose HTTP status was a success.
func (c *Client) envelopeError(endpoint string, status int, errs []*square.Error) *Error {
	e := &Error{Endpoint: endpoint, Status: status}
	fillFromEnvelope(e, errs, redactor(c.token))
	category := square.ErrorCategory(e.Category)
	e.Retryable = category == square.ErrorCategoryAPIError || category == square.ErrorCategoryRateLimitError
	return e
}

// mapError turns an SDK error into *Error where it is an API failure.
// The transport already returns *Error for retryable statuses and
// transport failures. The SDK reports the remaining non-2xx statuses as
// *core.APIError holding the raw body. Other errors, such as a canceled
// context or a success body that does not decode, are wrapped with the
// endpoint. They cannot hold the token, which travels only in a header.
func (c *Client) mapError(endpoint string, err error) error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var apiErr *core.APIError
	if errors.As(err, &apiErr) {
		var body []byte
		if inner := apiErr.Unwrap(); inner != nil {
			body = []byte(inner.Error())
		}
		return statusError(endpoint, apiErr.StatusCode, body, redactor(c.token))
	}
	return fmt.Errorf("square %s: %w", endpoint, err)
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
