package sps

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// maxRefreshMargin is how long before its stated expiry a token is
// replaced at most. Shorter lifetimes use a tenth of the lifetime.
const maxRefreshMargin = time.Minute

// secret is a credential held in a closure. fmt and other reflection
// based printers show a function as an address, so printing a Client or
// a session with any verb, nested or not, never shows the value.
type secret func() string

func newSecret(value string) secret { return func() string { return value } }

// session holds the credentials and the cached token.
type session struct {
	username         secret
	password         secret
	authorizedNumber secret

	mu        sync.Mutex
	token     secret       // nil when no token is cached
	refreshAt time.Time    // zero when the server gave no lifetime
	flight    *loginFlight // the login in progress, if any
}

// tokenLocked returns the cached token, or "".
func (s *session) tokenLocked() string {
	if s.token == nil {
		return ""
	}
	return s.token()
}

// loginFlight is one login shared by every caller that needs a token
// while it runs.
type loginFlight struct {
	done  chan struct{}
	token secret
	err   error
	// abandoned is set when the login failed because the context of the
	// caller that ran it ended.
	abandoned bool
}

func newSession(username, password, authorizedNumber string) *session {
	return &session{
		username:         newSecret(username),
		password:         newSecret(password),
		authorizedNumber: newSecret(authorizedNumber),
	}
}

// cachedLocked returns the cached token unless there is none, it is
// stale (the token a call was just rejected with), or it is due for
// refresh at now.
func (s *session) cachedLocked(stale string, now time.Time) (string, bool) {
	token := s.tokenLocked()
	if token == "" || token == stale {
		return "", false
	}
	if !s.refreshAt.IsZero() && !now.Before(s.refreshAt) {
		return "", false
	}
	return token, true
}

// token returns a valid token, logging in when the cache has none other
// than stale. Concurrent callers share one login: at most one login
// request is in flight per Client.
func (c *Client) token(ctx context.Context, stale string) (string, error) {
	for {
		c.auth.mu.Lock()
		if token, ok := c.auth.cachedLocked(stale, c.now()); ok {
			c.auth.mu.Unlock()
			return token, nil
		}
		flight := c.auth.flight
		if flight == nil {
			flight = &loginFlight{done: make(chan struct{})}
			c.auth.flight = flight
			c.auth.mu.Unlock()
			return c.runLogin(ctx, flight)
		}
		c.auth.mu.Unlock()

		select {
		case <-flight.done:
		case <-ctx.Done():
			return "", transportError(c.loginCall(), "waiting for the login failed", ctx.Err(), c.redactor(""))
		}
		// A login abandoned by its own caller does not apply to this
		// caller, so this caller starts a login of its own.
		if flight.abandoned && ctx.Err() == nil {
			continue
		}
		if flight.err != nil {
			return "", flight.err
		}
		return flight.token(), nil
	}
}

// runLogin performs the login for flight and publishes its result.
func (c *Client) runLogin(ctx context.Context, flight *loginFlight) (string, error) {
	token, refreshAt, err := c.login(ctx)

	c.auth.mu.Lock()
	if err == nil {
		c.auth.token = newSecret(token)
		c.auth.refreshAt = refreshAt
	}
	c.auth.flight = nil
	c.auth.mu.Unlock()

	flight.token, flight.err = newSecret(token), err
	flight.abandoned = err != nil && ctx.Err() != nil
	close(flight.done)
	return token, err
}

func (c *Client) loginCall() call {
	return call{method: http.MethodPost, path: c.paths.Login, template: c.paths.Login}
}

// login posts the credentials and returns the token and the time to
// replace it, zero when the response states no lifetime.
//
// SPS API: POST /v1/token/loginv1.
func (c *Client) login(ctx context.Context) (string, time.Time, error) {
	req := c.loginCall()
	req.body = loginRequest{
		Username:         c.auth.username(),
		Password:         c.auth.password(),
		AuthorizedNumber: c.auth.authorizedNumber(),
	}
	var resp loginResponse
	if err := c.send(ctx, req, "", func(body []byte) error { return json.Unmarshal(body, &resp) }); err != nil {
		return "", time.Time{}, err
	}
	if resp.Token == "" {
		return "", time.Time{}, &Error{Endpoint: req.endpoint(), Status: http.StatusOK,
			Code: CodeInvalidResponse, Message: "the login response has no token"}
	}

	var refreshAt time.Time
	if seconds, ok := resp.ExpiresIn.Int64(); ok && seconds > 0 {
		lifetime := time.Duration(seconds) * time.Second
		refreshAt = c.now().Add(lifetime - min(maxRefreshMargin, lifetime/10))
	}
	return resp.Token, refreshAt, nil
}

// redactor returns a function that masks the password, the authorized
// number, the cached token and requestToken in text, both as written and
// as escaped inside a JSON string.
func (c *Client) redactor(requestToken string) func(string) string {
	c.auth.mu.Lock()
	secrets := []string{c.auth.password(), c.auth.authorizedNumber(), c.auth.tokenLocked(), requestToken}
	c.auth.mu.Unlock()

	var forms []string
	for _, secret := range secrets {
		if secret != "" {
			forms = append(forms, secret, jsonEscaped(secret, false), jsonEscaped(secret, true))
		}
	}
	// The longest form first, so that a secret containing another is
	// masked whole.
	slices.SortFunc(forms, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	forms = slices.Compact(forms)

	pairs := make([]string, 0, 2*len(forms))
	for _, form := range forms {
		pairs = append(pairs, form, "[redacted]")
	}
	return strings.NewReplacer(pairs...).Replace
}

// jsonEscaped returns s as it appears inside a JSON string, with <, >
// and & escaped as \u003c and so on when escapeHTML is set, as Go and
// some other encoders write them.
func jsonEscaped(s string, escapeHTML bool) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(s); err != nil {
		return s
	}
	quoted := strings.TrimSpace(buf.String())
	return quoted[1 : len(quoted)-1]
}
