// Package activities holds the Temporal activities of every sync. Each
// activity is a method on a struct that holds its API clients, does the
// I/O for a batch of records, and returns per-record outcomes; running it
// twice leaves HubSpot, Square, SPS and S3 as running it once does.
package activities

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/clients/s3mirror"
	"github.com/stonecity/sync/clients/sps"
	squareclient "github.com/stonecity/sync/clients/square"
)

// Error types of the application errors activities return. Workflows and
// operators match on these stable strings.
const (
	ErrorTypeRateLimited = "RateLimited"
	ErrorTypeTransient   = "Transient"
	ErrorTypeInvalid     = "InvalidRequest"
	ErrorTypeAuth        = "Unauthorized"
	ErrorTypeNotFound    = "NotFound"
	ErrorTypeConflict    = "Conflict"
	ErrorTypePreflight   = "PreflightFailed"
	// ErrorTypeNotConfigured is a step whose client or bucket is not
	// configured. The message names the variable that configures it.
	ErrorTypeNotConfigured = "NotConfigured"
	// ErrorTypeIdempotencyMismatch is an SPS create whose Idempotency-Key
	// was already used with another body; no retry under that key works.
	ErrorTypeIdempotencyMismatch = "IdempotencyMismatch"
)

// progressRetryDelay is the retry delay after an attempt that made
// progress before failing: the next attempt resumes from the heartbeat
// checkpoint, so there is no reason to back off further.
const progressRetryDelay = time.Second

// temporalError turns a client error into a Temporal application error:
// rate limits, 5xx and timeouts are retryable, with the server's wait hint
// as the next retry delay; validation, auth and not-found errors are final.
// progressed tells whether the failed attempt advanced its checkpoint.
func temporalError(err error, progressed bool) error {
	if err == nil {
		return nil
	}
	errType, retryable, hint := classify(err)

	delay := hint
	if delay == 0 && progressed && retryable {
		delay = progressRetryDelay
	}
	return temporal.NewApplicationErrorWithOptions(err.Error(), errType, temporal.ApplicationErrorOptions{
		NonRetryable:   !retryable,
		NextRetryDelay: delay,
	})
}

// classify returns the error type, whether a retry can succeed, and the
// server's wait hint (0 when there is none).
func classify(err error) (string, bool, time.Duration) {
	// A call cut short by the activity's context, as when the worker
	// stops, is retried: another worker finishes the work.
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return ErrorTypeTransient, true, 0
	}
	var hubErr *hubspot.Error
	if errors.As(err, &hubErr) {
		return hubSpotErrorType(hubErr), hubErr.Retryable(), hubErr.RetryAfter
	}

	var squareErr *squareclient.Error
	if errors.As(err, &squareErr) && squareclient.IsVersionConflict(err) {
		// A stale catalog version: the next attempt lists the catalog
		// again and sends the current versions.
		return ErrorTypeConflict, true, 0
	}
	if errors.As(err, &squareErr) {
		retryable := squareErr.Retryable || squareErr.Status == 429
		return statusErrorType(squareErr.Status, retryable), retryable, squareErr.RetryAfter
	}

	if sps.IsIdempotencyMismatch(err) {
		return ErrorTypeIdempotencyMismatch, false, 0
	}
	var spsErr *sps.Error
	if errors.As(err, &spsErr) {
		return statusErrorType(spsErr.Status, spsErr.Retryable), spsErr.Retryable, spsErr.RetryAfter
	}

	var s3Err *s3mirror.Error
	if errors.As(err, &s3Err) {
		return s3ErrorType(s3Err), s3Err.Retryable, 0
	}

	var netErr net.Error
	if errors.As(err, &netErr) {
		return ErrorTypeTransient, true, 0
	}
	var appErr *temporal.ApplicationError
	if errors.As(err, &appErr) {
		return appErr.Type(), !appErr.NonRetryable(), appErr.NextRetryDelay()
	}
	// Unknown errors are retried: Temporal's retry policy bounds them.
	return ErrorTypeTransient, true, 0
}

// statusErrorType names the error type of an HTTP failure by its status.
func statusErrorType(status int, retryable bool) string {
	switch {
	case status == 429:
		return ErrorTypeRateLimited
	case retryable:
		return ErrorTypeTransient
	case status == 401 || status == 403:
		return ErrorTypeAuth
	case status == 404:
		return ErrorTypeNotFound
	default:
		return ErrorTypeInvalid
	}
}

// s3ErrorType names the error type of an S3 failure: throttling is rate
// limited, missing buckets and keys are not found, and rejected
// credentials are auth errors.
func s3ErrorType(e *s3mirror.Error) string {
	switch {
	case e.Status == 429 || e.Code == "SlowDown":
		return ErrorTypeRateLimited
	case e.Retryable:
		return ErrorTypeTransient
	case errors.Is(e, s3mirror.ErrAccessDenied):
		return ErrorTypeAuth
	case errors.Is(e, s3mirror.ErrNotFound) || errors.Is(e, s3mirror.ErrNoSuchBucket):
		return ErrorTypeNotFound
	default:
		return ErrorTypeInvalid
	}
}

func hubSpotErrorType(e *hubspot.Error) string {
	switch e.Kind {
	case hubspot.KindRateLimit:
		return ErrorTypeRateLimited
	case hubspot.KindValidation:
		return ErrorTypeInvalid
	case hubspot.KindConflict:
		return ErrorTypeConflict
	case hubspot.KindNotFound:
		return ErrorTypeNotFound
	case hubspot.KindAuth:
		return ErrorTypeAuth
	default:
		return ErrorTypeTransient
	}
}

// permanent wraps a message as a final (non-retryable) activity error of
// the given type.
func permanent(errType, format string, args ...any) error {
	return temporal.NewNonRetryableApplicationError(fmt.Sprintf(format, args...), errType, nil)
}
