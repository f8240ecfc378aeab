package square

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/stonecity/sync/apicalls"
)

// maxErrorBodyBytes caps how much of a failed response is read.
const maxErrorBodyBytes = 64 << 10

type endpointKey struct{}

// withEndpoint names the endpoint, "METHOD /path/template", that the
// transport records the call's attempts under.
func withEndpoint(ctx context.Context, endpoint string) context.Context {
	return context.WithValue(ctx, endpointKey{}, endpoint)
}

func endpointOf(req *http.Request) string {
	if endpoint, ok := req.Context().Value(endpointKey{}).(string); ok {
		return endpoint
	}
	return req.Method + " " + req.URL.Path
}

// transport is the SDK's core.HTTPClient. It counts every attempt and
// turns retryable statuses into errors itself, because the SDK's retrier
// sleeps at least 0.5 s after a 429, 408 or 5xx even when it may make
// only one attempt. With square-go-sdk v1.5.0 against the simulator that
// cost 0.50 s per failed call; an error from the transport returns at
// once.
type transport struct {
	client *http.Client
	token  string
}

// Do sends req once. It returns *Error for transport failures and for
// retryable statuses; other responses go back to the SDK unread.
func (t *transport) Do(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	endpoint := endpointOf(req)

	resp, err := t.client.Do(req)
	if err != nil {
		apicalls.Record(ctx, apicalls.Square, endpoint, false)
		return nil, t.transportError(endpoint, err)
	}
	apicalls.Record(ctx, apicalls.Square, endpoint, resp.StatusCode == http.StatusTooManyRequests)
	if !retryableStatus(resp.StatusCode) {
		return resp, nil
	}

	defer resp.Body.Close()
	body, readErr := io.ReadAll(io.LimitReader(resp.Body, maxErrorBodyBytes))
	if readErr != nil && !errors.Is(readErr, io.EOF) {
		body = nil // the status alone still classifies the failure
	}
	e := statusError(endpoint, resp.StatusCode, body, redactor(t.token))
	e.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	return nil, e
}

// retryableStatus reports the statuses worth retrying: 429, 408 and 5xx.
func retryableStatus(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusRequestTimeout ||
		status >= http.StatusInternalServerError
}

// transportError wraps a failure to get any response. Every such failure
// is retryable except cancellation of the caller's context.
func (t *transport) transportError(endpoint string, err error) *Error {
	return &Error{
		Endpoint:  endpoint,
		Detail:    redactor(t.token)(err.Error()),
		Retryable: !errors.Is(err, context.Canceled),
		err:       err,
	}
}
