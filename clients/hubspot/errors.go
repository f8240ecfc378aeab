package hubspot

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Kind classifies an Error so callers can decide between retrying,
// reporting a record as failed and stopping the run.
type Kind int

// Kinds of Error.
const (
	// KindOther is any failure not covered by another kind, such as an
	// undocumented 4xx status or a malformed response body.
	KindOther Kind = iota
	// KindRateLimit is a 429; Error.PolicyName names the exhausted budget.
	KindRateLimit
	// KindValidation is a 400 for invalid input, or an input rejected by
	// this client before sending (Status 0).
	KindValidation
	// KindConflict is a 409, or a 400, for a value that must be unique and
	// already exists: category CONFLICT or OBJECT_ALREADY_EXISTS, an
	// "Existing ID: <n>" or an "already has that value" message.
	KindConflict
	// KindNotFound is a 404.
	KindNotFound
	// KindAuth is a 401 or 403: a missing, expired or under-scoped token.
	KindAuth
	// KindTransient is a 5xx, 408, 423 or 477 status, a transport failure
	// or a timeout.
	KindTransient
)

var kindNames = map[Kind]string{
	KindOther:      "other",
	KindRateLimit:  "rate limit",
	KindValidation: "validation",
	KindConflict:   "conflict",
	KindNotFound:   "not found",
	KindAuth:       "auth",
	KindTransient:  "transient",
}

// String returns the kind's name, for example "rate limit".
func (k Kind) String() string {
	if name, ok := kindNames[k]; ok {
		return name
	}
	return "kind " + strconv.Itoa(int(k))
}

// Error is a failed HubSpot call. Inspect it with errors.As. It never
// contains the access token or the request's query string.
type Error struct {
	Kind   Kind
	Status int // HTTP status; 0 for transport failures and local rejections
	// Category is HubSpot's "category", or "errorType" for a 429.
	Category string
	// PolicyName is the exhausted 429 budget: TEN_SECONDLY_ROLLING,
	// SECONDLY or DAILY.
	PolicyName string
	// Property is the offending property when HubSpot names one.
	Property string
	// Code is HubSpot's detail code, such as INVALID_OPTION or
	// PROPERTY_DOESNT_EXIST, when present.
	Code string
	// ExistingID is the id of the record that already holds a unique
	// value, for conflicts.
	ExistingID    string
	Message       string
	CorrelationID string
	// RetryAfter is the wait hint for retryable errors: the Retry-After
	// header when present, else for 429 a policy-based estimate from the
	// Pacer, and 2 s for 423. Zero means no hint.
	RetryAfter time.Duration
	// Method and Path identify the request, without query or host.
	Method, Path string

	cause error
}

// Error formats the error as
// "hubspot: METHOD PATH: STATUS CATEGORY (details): message".
func (e *Error) Error() string {
	var summary []string
	if e.Status != 0 {
		summary = append(summary, strconv.Itoa(e.Status))
	}
	if e.Category != "" {
		summary = append(summary, e.Category)
	}
	if details := e.details(); len(details) > 0 {
		summary = append(summary, "("+strings.Join(details, ", ")+")")
	}

	parts := []string{fmt.Sprintf("hubspot: %s %s", e.Method, e.Path)}
	if len(summary) > 0 {
		parts = append(parts, strings.Join(summary, " "))
	}
	if e.Message != "" {
		parts = append(parts, e.Message)
	}
	if e.cause != nil {
		parts = append(parts, e.cause.Error())
	}
	return strings.Join(parts, ": ")
}

func (e *Error) details() []string {
	var details []string
	if e.PolicyName != "" {
		details = append(details, "policy "+e.PolicyName)
	}
	if e.Property != "" {
		details = append(details, "property "+e.Property)
	}
	if e.Code != "" {
		details = append(details, e.Code)
	}
	if e.ExistingID != "" {
		details = append(details, "existing id "+e.ExistingID)
	}
	return details
}

// Unwrap returns the transport or context error behind a KindTransient
// error, or nil.
func (e *Error) Unwrap() error { return e.cause }

// Retryable reports whether the same request may succeed later: true for
// 429 (except the DAILY policy), 408, 423, 477, 5xx and transport failures;
// false for every other status, including all other 4xx.
func (e *Error) Retryable() bool {
	switch {
	case e.Status == 0:
		return e.Kind == KindTransient
	case e.Status == http.StatusTooManyRequests:
		return e.PolicyName != PolicyDaily
	case e.Status == http.StatusRequestTimeout, e.Status == http.StatusLocked,
		e.Status == statusMigrationInProgress:
		return true
	case e.Status >= 500:
		return true
	}
	return false
}

// statusMigrationInProgress is HubSpot's 477, sent while an account is
// being migrated between data centres, with Retry-After in seconds.
const statusMigrationInProgress = 477

// kindFor maps an HTTP status and the facts of HubSpot's error body to a
// Kind. A 400 that reports a taken unique value is a conflict: HubSpot
// reports duplicate custom unique values with a 400 whose shape it does
// not document.
func kindFor(status int, f errorFacts) Kind {
	switch {
	case status == http.StatusTooManyRequests:
		return KindRateLimit
	case status == http.StatusUnauthorized, status == http.StatusForbidden:
		return KindAuth
	case status == http.StatusNotFound:
		return KindNotFound
	case status == http.StatusConflict:
		return KindConflict
	case status == http.StatusBadRequest && f.conflict:
		return KindConflict
	case status == http.StatusBadRequest:
		return KindValidation
	case status == http.StatusLocked, status == statusMigrationInProgress,
		status == http.StatusRequestTimeout, status >= 500:
		return KindTransient
	}
	return KindOther
}

// parseRetryAfter reads a Retry-After header given in seconds or as an
// HTTP date; it returns 0 when the header is absent or malformed.
func parseRetryAfter(value string, now time.Time) time.Duration {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0
	}
	if seconds, err := strconv.Atoi(value); err == nil {
		return max(time.Duration(seconds)*time.Second, 0)
	}
	if at, err := http.ParseTime(value); err == nil {
		return max(at.Sub(now), 0)
	}
	return 0
}
