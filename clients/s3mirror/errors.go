package s3mirror

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// Sentinels matched by errors.Is against an *Error.
var (
	// ErrNotFound matches an *Error for a key that does not exist
	// (NoSuchKey). A missing bucket is ErrNoSuchBucket instead.
	ErrNotFound = errors.New("s3mirror: object not found")
	// ErrNoSuchBucket matches an *Error for a bucket that does not exist,
	// a configuration error that no retry fixes.
	ErrNoSuchBucket = errors.New("s3mirror: bucket not found")
	// ErrAccessDenied matches an *Error with status 403 or an S3 code for
	// rejected credentials (AccessDenied, InvalidAccessKeyId,
	// SignatureDoesNotMatch, ExpiredToken, InvalidToken).
	ErrAccessDenied = errors.New("s3mirror: access denied")
)

// Error codes the client sets itself, for failures that carry no S3 code.
const (
	// CodeInvalidArgument marks a call rejected before sending (Status 0),
	// such as an empty key or a body above MaxBodyBytes.
	CodeInvalidArgument = "InvalidArgument"
	// CodeBodyTooLarge marks a GetObject body above MaxBodyBytes.
	CodeBodyTooLarge = "BodyTooLarge"
)

// Error is a failed S3 call, or one key that DeleteObjects failed to
// delete. Status is the HTTP status, 0 when no response arrived, the call
// was rejected before sending, or the failure is one key of a
// DeleteObjects response. Code and Message come from S3's XML error body.
// Retryable is true for 408, 429 and 5xx, for the codes SlowDown,
// InternalError, ServiceUnavailable, RequestTimeout and BadDigest (a body
// damaged in transit), and for transport failures and timeouts unless the
// caller's context was canceled. Every other failure is final. No field
// contains a credential.
type Error struct {
	// Endpoint is one of the Endpoint constants, such as "PUT object".
	Endpoint string
	Bucket   string
	// Key is the object key, "" for a bucket-level call such as a list.
	Key       string
	Status    int
	Code      string
	Message   string
	Retryable bool
	// RequestID is S3's x-amz-request-id, for AWS support.
	RequestID string

	err error // the SDK error behind the failure, with credentials masked
}

// Error describes the failure with the endpoint, bucket, key, status, code
// and message.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "s3 %s bucket %q", e.Endpoint, e.Bucket)
	if e.Key != "" {
		fmt.Fprintf(&b, " key %q", e.Key)
	}
	b.WriteString(":")
	if e.Status != 0 {
		fmt.Fprintf(&b, " HTTP %d", e.Status)
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.Status == 0 && e.Code == "" && e.err != nil {
		fmt.Fprintf(&b, ": %v", e.err)
	}
	return b.String()
}

// Unwrap returns the SDK error behind the failure, so that errors.Is finds
// context.DeadlineExceeded and errors.As finds smithy.APIError.
func (e *Error) Unwrap() error { return e.err }

// Is matches ErrNotFound, ErrNoSuchBucket and ErrAccessDenied.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.Code == "NoSuchKey"
	case ErrNoSuchBucket:
		return e.Code == "NoSuchBucket"
	case ErrAccessDenied:
		return e.Status == http.StatusForbidden || accessDeniedCodes[e.Code]
	}
	return false
}

// accessDeniedCodes are the S3 codes for rejected credentials or
// permissions; S3 sends most of them with status 403.
var accessDeniedCodes = map[string]bool{
	"AccessDenied":          true,
	"InvalidAccessKeyId":    true,
	"SignatureDoesNotMatch": true,
	"ExpiredToken":          true,
	"InvalidToken":          true,
}

// retryableCodes are the S3 codes worth retrying whatever their status.
// BadDigest means the Content-MD5 did not match the body S3 received, so
// the bytes were damaged in transit and a new attempt sends them again.
var retryableCodes = map[string]bool{
	"SlowDown":           true,
	"InternalError":      true,
	"ServiceUnavailable": true,
	"RequestTimeout":     true,
	"BadDigest":          true,
}

// retryableStatus reports the statuses worth retrying: 408, 429 and 5xx.
func retryableStatus(status int) bool {
	return status == http.StatusRequestTimeout || status == http.StatusTooManyRequests ||
		status >= http.StatusInternalServerError
}

// rateLimited reports whether a call was throttled: 429, or S3's 503
// SlowDown.
func (e *Error) rateLimited() bool {
	return e.Status == http.StatusTooManyRequests || e.Code == "SlowDown"
}

// newError classifies an SDK error from endpoint on key (or "" for the
// bucket) and masks the client's credentials in its text.
func (b *Bucket) newError(endpoint, key string, err error) *Error {
	e := &Error{Endpoint: endpoint, Bucket: b.name, Key: key, err: b.redact(err)}

	var respErr *awshttp.ResponseError
	if errors.As(err, &respErr) {
		e.Status = respErr.HTTPStatusCode()
		e.RequestID = respErr.ServiceRequestID()
	}
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		e.Code = apiErr.ErrorCode()
		e.Message = b.redactString(apiErr.ErrorMessage())
	}

	switch {
	case e.Status == 0 && e.Code == "":
		// NOTE: a default-chain credential failure (no credentials found)
		// also arrives here without a response and is marked retryable,
		// because the SDK v1.48 wraps it with no distinct error type.
		e.Retryable = !errors.Is(err, context.Canceled)
	default:
		e.Retryable = retryableStatus(e.Status) || retryableCodes[e.Code]
	}
	return e
}

// invalidArgument returns a final *Error for a call rejected before
// sending.
func (b *Bucket) invalidArgument(endpoint, key, message string) *Error {
	return &Error{Endpoint: endpoint, Bucket: b.name, Key: key, Code: CodeInvalidArgument, Message: message}
}

// redact wraps err so that its text masks the client's credentials while
// errors.Is and errors.As still reach it.
func (b *Bucket) redact(err error) error {
	if err == nil || len(b.secrets) == 0 {
		return err
	}
	return redactedError{err: err, redact: b.redactString}
}

// redactString masks every credential of the client in s.
func (b *Bucket) redactString(s string) string {
	for _, secret := range b.secrets {
		s = strings.ReplaceAll(s, secret, "[redacted]")
	}
	return s
}

// redactedError masks secrets in the text of a wrapped error.
type redactedError struct {
	err    error
	redact func(string) string
}

func (r redactedError) Error() string { return r.redact(r.err.Error()) }

func (r redactedError) Unwrap() error { return r.err }
