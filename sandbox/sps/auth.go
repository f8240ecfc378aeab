package sps

import (
	"crypto/rand"
	"crypto/subtle"
	"math"
	"net/http"
	"strings"
	"time"
)

// session is an issued token's lifetime. A revoked token stays known so
// that it is reported as expired rather than invalid.
type session struct {
	expiresAt time.Time
	revoked   bool
}

// loginRequest is the body of POST /v1/token/loginv1.
type loginRequest struct {
	Username         string `json:"username"`
	Password         string `json:"password"`
	AuthorizedNumber string `json:"authorizedNumber"`
}

// loginResponse is the assumed success body of the login endpoint, and
// ExpiresIn is in seconds.
type loginResponse struct {
	Token     string `json:"token"`
	ExpiresIn int    `json:"expiresIn"`
}

// login checks the credentials and issues a token. Messages never repeat
// a submitted value, because the body carries the password.
func (s *Simulator) login(w http.ResponseWriter, r *http.Request) {
	var body loginRequest
	if status, code, _ := decodeJSON(w, r, maxAPIBodyBytes, &body, true); status != 0 {
		writeError(w, status, code,
			"The login body must be a JSON object with username, password and authorizedNumber.")
		return
	}
	if body.Username == "" || body.Password == "" || body.AuthorizedNumber == "" {
		writeError(w, http.StatusBadRequest, "invalid_request",
			"username, password and authorizedNumber are required.")
		return
	}
	if !s.validCredentials(body) {
		writeError(w, http.StatusUnauthorized, "invalid_credentials",
			"The username, password or authorized number is not valid.")
		return
	}

	token := rand.Text()
	s.mu.Lock()
	now := s.clock()
	s.pruneTokensLocked(now)
	s.tokens[token] = session{expiresAt: now.Add(s.tokenTTL)}
	s.mu.Unlock()

	writeJSON(w, http.StatusOK, loginResponse{
		Token:     token,
		ExpiresIn: int(math.Ceil(s.tokenTTL.Seconds())),
	})
}

// validCredentials compares every field in constant time, and compares all
// three even when one differs.
func (s *Simulator) validCredentials(body loginRequest) bool {
	ok := matchesCredential(s.username, body.Username)
	ok = matchesCredential(s.password, body.Password) && ok
	ok = matchesCredential(s.authorizedNumber, body.AuthorizedNumber) && ok
	return ok
}

// matchesCredential reports whether got equals want. An empty want
// accepts anything.
func matchesCredential(want, got string) bool {
	if want == "" {
		return true
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(got)) == 1
}

// pruneTokensLocked deletes tokens that expired more than one TTL ago, so
// a long-running dev stack does not keep every token it ever issued.
func (s *Simulator) pruneTokensLocked(now time.Time) {
	for token, sess := range s.tokens {
		if sess.expiresAt.Add(s.tokenTTL).Before(now) {
			delete(s.tokens, token)
		}
	}
}

// authenticate checks the bearer token of an API request. It returns the
// error code and message of the 401 to send, or "" when the token is
// valid.
func (s *Simulator) authenticate(r *http.Request) (code, message string) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	token = strings.TrimSpace(token)
	if !ok || token == "" {
		return "unauthorized", "A bearer token is required. Log in at POST /v1/token/loginv1."
	}

	s.mu.Lock()
	sess, known := s.tokens[token]
	now := s.clock()
	s.mu.Unlock()

	switch {
	case !known:
		return "invalid_token", "The bearer token is not valid. Log in again."
	case sess.revoked || !now.Before(sess.expiresAt):
		return "token_expired", "The bearer token has expired. Log in again."
	}
	return "", ""
}

// ExpireTokens ends every token issued so far: the next API call with any
// of them gets 401 token_expired, and clients must log in again.
func (s *Simulator) ExpireTokens() {
	s.expireTokens()
}

// expireTokens ends every live token and returns how many it ended.
func (s *Simulator) expireTokens() int {
	s.mu.Lock()
	defer s.mu.Unlock()

	n := 0
	for token, sess := range s.tokens {
		if !sess.revoked {
			n++
		}
		sess.revoked = true
		s.tokens[token] = sess
	}
	return n
}
