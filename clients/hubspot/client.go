// Package hubspot is a typed client for HubSpot's CRM APIs: objects
// (batch read, create, update, upsert and search), v4 associations,
// properties and pipelines.
//
// The client paces itself with a Pacer shared across the process and maps
// every failure to an *Error with a Kind and a retry hint. It records each
// HTTP attempt with the apicalls package and never retries, because the
// calling Temporal activity owns retries. The access token is sent only in
// the Authorization header, redirects are not followed (so the header
// never reaches another server), and the token is redacted from every
// text field of Error and InputError.
package hubspot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/stonecity/sync/apicalls"
)

// maxBodyBytes caps how much of a response body the client reads.
const maxBodyBytes = 10 << 20

// Config configures a Client. BaseURL and Token are required; the path
// prefixes select the API version and default to v3 objects, properties
// and pipelines and v4 associations.
type Config struct {
	// BaseURL is the API origin, for example https://api.hubapi.com or a
	// simulator's URL.
	BaseURL string
	// Token is the private-app access token, sent as a bearer token.
	Token string
	// HTTPClient sends the requests; default a client with a 30 s timeout.
	// The Client uses a copy that does not follow redirects, unless the
	// given client sets its own CheckRedirect.
	HTTPClient *http.Client
	// Pacer paces calls; share one across every Client in the process.
	// Default NewPacer(PacerConfig{}).
	Pacer *Pacer
	// ObjectsPath is the objects API prefix; default "/crm/v3/objects",
	// or for example "/crm/objects/2026-09" for a date-based version.
	ObjectsPath string
	// PropertiesPath is the properties API prefix; default
	// "/crm/v3/properties".
	PropertiesPath string
	// PipelinesPath is the pipelines API prefix; default "/crm/v3/pipelines".
	PipelinesPath string
	// AssociationsPath is the associations API prefix; default "/crm/v4".
	// A prefix whose last segment is "v" and a number ("/crm/v4") gets
	// "/associations" appended, as the v4 API requires. Any other prefix,
	// such as the date-based "/crm/associations/2026-09", is used as is.
	AssociationsPath string
}

// Client calls HubSpot's CRM APIs. It is safe for concurrent use.
type Client struct {
	baseURL          string
	token            string
	http             *http.Client
	pacer            *Pacer
	objectsPath      string
	propertiesPath   string
	pipelinesPath    string
	associationsPath string
}

// New returns a Client for cfg. It returns an error when BaseURL or Token
// is missing or BaseURL is not an absolute http(s) URL.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		return nil, errors.New("hubspot: Config.BaseURL is missing")
	}
	if cfg.Token == "" {
		return nil, errors.New("hubspot: Config.Token is missing")
	}
	base, err := url.Parse(cfg.BaseURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("hubspot: Config.BaseURL %q is not an absolute http(s) URL", cfg.BaseURL)
	}

	httpClient := &http.Client{Timeout: 30 * time.Second}
	if cfg.HTTPClient != nil {
		copied := *cfg.HTTPClient
		httpClient = &copied
	}
	if httpClient.CheckRedirect == nil {
		httpClient.CheckRedirect = stopAtRedirect
	}

	c := &Client{
		baseURL:          strings.TrimRight(cfg.BaseURL, "/"),
		token:            cfg.Token,
		http:             httpClient,
		pacer:            cfg.Pacer,
		objectsPath:      pathOrDefault(cfg.ObjectsPath, "/crm/v3/objects"),
		propertiesPath:   pathOrDefault(cfg.PropertiesPath, "/crm/v3/properties"),
		pipelinesPath:    pathOrDefault(cfg.PipelinesPath, "/crm/v3/pipelines"),
		associationsPath: associationsPrefix(pathOrDefault(cfg.AssociationsPath, "/crm/v4")),
	}
	if c.pacer == nil {
		c.pacer = NewPacer(PacerConfig{})
	}
	return c, nil
}

func pathOrDefault(path, fallback string) string {
	if path == "" {
		path = fallback
	}
	return "/" + strings.Trim(path, "/")
}

// associationsPrefix appends "/associations" to a "/crm/vN" prefix.
func associationsPrefix(path string) string {
	last := path[strings.LastIndex(path, "/")+1:]
	if len(last) > 1 && last[0] == 'v' && strings.Trim(last[1:], "0123456789") == "" {
		return path + "/associations"
	}
	return path
}

// request is one HTTP call. path is the real path; template is the same
// path with variable record ids and names replaced by placeholders, used
// to count calls.
type request struct {
	method   string
	path     string
	template string
	body     any
	search   bool
}

// response is the body of a successful (2xx) HTTP response.
type response struct {
	body []byte
}

// do paces, sends and records one request and returns the 2xx response, or
// an *Error for anything else.
func (c *Client) do(ctx context.Context, req request) (response, error) {
	if err := c.pacer.Wait(ctx, req.search); err != nil {
		return response{}, c.transportError(req, "waiting for the rate-limit pacer failed", err)
	}

	httpReq, err := c.newHTTPRequest(ctx, req)
	if err != nil {
		return response{}, err
	}

	resp, err := c.http.Do(httpReq)
	if err != nil {
		apicalls.Record(ctx, apicalls.HubSpot, req.method+" "+req.template, false)
		return response{}, c.transportError(req, "request failed", err)
	}
	defer resp.Body.Close()

	body, readErr := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes+1))
	apicalls.Record(ctx, apicalls.HubSpot, req.method+" "+req.template,
		resp.StatusCode == http.StatusTooManyRequests)
	if !req.search {
		c.pacer.Observe(resp.Header)
	}

	switch {
	case readErr != nil:
		return response{}, c.transportError(req, "reading the response body failed", readErr)
	case len(body) > maxBodyBytes:
		return response{}, &Error{Kind: KindOther, Status: resp.StatusCode, Method: req.method,
			Path: req.path, Message: fmt.Sprintf("response body exceeds %d bytes", maxBodyBytes)}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return response{}, c.statusError(req, resp, body)
	}
	return response{body: body}, nil
}

func (c *Client) newHTTPRequest(ctx context.Context, req request) (*http.Request, error) {
	var body io.Reader
	if req.body != nil {
		data, err := json.Marshal(req.body)
		if err != nil {
			return nil, &Error{Kind: KindOther, Method: req.method, Path: req.path,
				Message: "encoding the request body failed", cause: err}
		}
		body = bytes.NewReader(data)
	}

	httpReq, err := http.NewRequestWithContext(ctx, req.method, c.baseURL+req.path, body)
	if err != nil {
		return nil, &Error{Kind: KindOther, Method: req.method, Path: req.path,
			Message: "building the request failed", cause: err}
	}
	httpReq.Header.Set("Authorization", "Bearer "+c.token)
	httpReq.Header.Set("Accept", "application/json")
	if req.body != nil {
		httpReq.Header.Set("Content-Type", "application/json")
	}
	return httpReq, nil
}

// transportError wraps a failure that produced no HTTP status. The cause
// of a *url.Error is unwrapped, because its text repeats the full URL.
func (c *Client) transportError(req request, message string, err error) *Error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	return &Error{Kind: KindTransient, Method: req.method, Path: req.path,
		Message: message, cause: redactedError{err: err, token: c.token}}
}

// statusError maps a non-2xx response to an *Error.
func (c *Client) statusError(req request, resp *http.Response, body []byte) *Error {
	var parsed apiError
	decodeErr := json.Unmarshal(body, &parsed)
	facts := parsed.facts()

	e := &Error{
		Kind:          kindFor(resp.StatusCode, facts),
		Status:        resp.StatusCode,
		Category:      facts.category,
		PolicyName:    parsed.PolicyName,
		Property:      facts.property,
		Code:          facts.code,
		ExistingID:    facts.existingID,
		Message:       parsed.Message,
		CorrelationID: parsed.CorrelationID,
		Method:        req.method,
		Path:          req.path,
	}
	if decodeErr != nil || e.Message == "" {
		e.Message = bodySnippet(body)
	}
	if location := resp.Header.Get("Location"); isRedirect(resp.StatusCode) && location != "" {
		e.Message = fmt.Sprintf("the server redirected the request to %s. The client does not follow "+
			"redirects, so check Config.BaseURL", location)
	}
	if e.CorrelationID == "" {
		e.CorrelationID = resp.Header.Get("X-HubSpot-Correlation-Id")
	}

	e.RetryAfter = c.retryAfter(resp, e)
	return c.redactError(e)
}

func isRedirect(status int) bool {
	return status >= 300 && status <= 399
}

// stopAtRedirect makes the HTTP client return a redirect response as is. Go forwards the
// Authorization header to a redirect target on the same host name, even
// on another port or over plain http, so following one could send the
// token to a different server.
func stopAtRedirect(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}

// retryAfter returns the wait hint for an error response. For a 429 it
// also makes the pacer hold further calls of that kind.
func (c *Client) retryAfter(resp *http.Response, e *Error) time.Duration {
	if resp.StatusCode == http.StatusTooManyRequests {
		c.pacer.observeRateLimit(e.PolicyName)
	}
	if hint := parseRetryAfter(resp.Header.Get("Retry-After"), c.pacer.clock.Now()); hint > 0 {
		return hint
	}

	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return c.pacer.RetryHint(e.PolicyName)
	case http.StatusLocked:
		// HubSpot documents that record locks last 2 seconds.
		return 2 * time.Second
	}
	return 0
}

// bodySnippet returns the start of a body that is not HubSpot's JSON error.
func bodySnippet(body []byte) string {
	const limit = 200
	text := strings.TrimSpace(string(body))
	if len(text) > limit {
		text = text[:limit] + "…"
	}
	return text
}

func (c *Client) redact(text string) string {
	return strings.ReplaceAll(text, c.token, "[redacted]")
}

// redactError removes the token from every text field of e that comes
// from the response, in case the server echoes the Authorization header.
func (c *Client) redactError(e *Error) *Error {
	for _, field := range []*string{&e.Category, &e.PolicyName, &e.Property, &e.Code,
		&e.ExistingID, &e.Message, &e.CorrelationID} {
		*field = c.redact(*field)
	}
	return e
}

// redactedError hides the token if a lower layer ever echoes it.
type redactedError struct {
	err   error
	token string
}

func (r redactedError) Error() string {
	return strings.ReplaceAll(r.err.Error(), r.token, "[redacted]")
}

func (r redactedError) Unwrap() error { return r.err }

// decodeJSON decodes a response body into out and names the request on
// failure.
func decodeJSON(req request, body []byte, out any) error {
	if err := json.Unmarshal(body, out); err != nil {
		return &Error{Kind: KindOther, Method: req.method, Path: req.path,
			Message: "decoding the response body failed", cause: err}
	}
	return nil
}
