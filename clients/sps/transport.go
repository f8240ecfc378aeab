package sps

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"github.com/stonecity/sync/apicalls"
)

// maxBodyBytes caps how much of a response body the client reads. A page
// of 200 quotes with their lines is well under 1 MiB.
const maxBodyBytes = 32 << 20

// call is one HTTP request to SPS.
type call struct {
	method string
	// path is the real path, and template is the same path with the record id
	// replaced by "{id}", used to record and report the call.
	path     string
	template string
	body     any
	// idempotencyKey is sent as the Idempotency-Key header unless empty.
	idempotencyKey string
}

// endpoint returns "METHOD /path/template".
func (r call) endpoint() string { return r.method + " " + r.template }

// doAuthorized sends an API call with the cached token, logging in first
// when there is none. On a 401 it logs in again once and repeats the call
// once. A second 401 is returned as is, and matches ErrAuth.
func (c *Client) doAuthorized(ctx context.Context, req call, decode func([]byte) error) error {
	token, err := c.token(ctx, "")
	if err != nil {
		return err
	}
	err = c.send(ctx, req, token, decode)

	var e *Error
	if !errors.As(err, &e) || e.Status != http.StatusUnauthorized {
		return err
	}
	token, err = c.token(ctx, token)
	if err != nil {
		return err
	}
	return c.send(ctx, req, token, decode)
}

// send makes one HTTP attempt and records it. On a 2xx response it
// passes the body to decode, and an error from decode becomes an *Error with
// CodeInvalidResponse. token is sent as a bearer token unless empty.
func (c *Client) send(ctx context.Context, req call, token string, decode func([]byte) error) error {
	redact := c.redactor(token)
	httpReq, err := c.newRequest(ctx, req, token)
	if err != nil {
		return &Error{Endpoint: req.endpoint(), Code: CodeInvalidArgument,
			Message: "building the request failed", err: redactedError{err: err, redact: redact}}
	}

	resp, err := c.http.Do(httpReq)
	if err != nil {
		apicalls.Record(ctx, apicalls.SPS, req.endpoint(), false)
		return transportError(req, "request failed", err, redact)
	}
	defer resp.Body.Close()

	apicalls.Record(ctx, apicalls.SPS, req.endpoint(), resp.StatusCode == http.StatusTooManyRequests)
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes+1))
	switch {
	case err != nil:
		return transportError(req, "reading the response body failed", err, redact)
	case len(body) > maxBodyBytes:
		return &Error{Endpoint: req.endpoint(), Status: resp.StatusCode, Code: CodeResponseTooLarge,
			Message: fmt.Sprintf("the response body exceeds %d bytes", maxBodyBytes)}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return c.statusError(req, resp, body, redact)
	}

	if err := decode(body); err != nil {
		return &Error{Endpoint: req.endpoint(), Status: resp.StatusCode, Code: CodeInvalidResponse,
			Message: redact(err.Error())}
	}
	return nil
}

func (c *Client) newRequest(ctx context.Context, req call, token string) (*http.Request, error) {
	var body io.Reader
	if req.body != nil {
		data, err := json.Marshal(req.body)
		if err != nil {
			return nil, fmt.Errorf("encode the request body: %w", err)
		}
		body = bytes.NewReader(data)
	}

	httpReq, err := http.NewRequestWithContext(ctx, req.method, c.baseURL+req.path, body)
	if err != nil {
		return nil, err
	}
	httpReq.Header.Set("Accept", "application/json")
	if req.body != nil {
		httpReq.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		httpReq.Header.Set("Authorization", "Bearer "+token)
	}
	if req.idempotencyKey != "" {
		httpReq.Header.Set(HeaderIdempotencyKey, req.idempotencyKey)
	}
	return httpReq, nil
}

// transportError wraps a failure that produced no usable response. The
// cause of a *url.Error is unwrapped, because its text repeats the URL.
func transportError(req call, message string, err error, redact func(string) string) *Error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	return &Error{
		Endpoint:  req.endpoint(),
		Message:   message,
		Retryable: !isCancellation(err),
		err:       redactedError{err: err, redact: redact},
	}
}

// statusError maps a non-2xx response to an *Error.
func (c *Client) statusError(req call, resp *http.Response, body []byte, redact func(string) string) *Error {
	e := &Error{
		Endpoint:   req.endpoint(),
		Status:     resp.StatusCode,
		create:     req.idempotencyKey != "",
		Retryable:  retryableStatus(resp.StatusCode),
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), c.now()),
	}

	var parsed errorBody
	if json.Unmarshal(body, &parsed) == nil && (parsed.Error != "" || parsed.Message != "") {
		e.Code = redact(parsed.Error)
		e.Message = redact(parsed.Message)
	} else {
		e.Message = bodySnippet([]byte(redact(string(body))), resp.StatusCode)
	}

	if resp.StatusCode >= 300 && resp.StatusCode <= 399 {
		e.Code = CodeRedirect
		e.Message = fmt.Sprintf("the server redirected the request to %s, and the client does not follow "+
			"redirects; check Config.BaseURL and Config.Paths", redact(resp.Header.Get("Location")))
	}
	return e
}
