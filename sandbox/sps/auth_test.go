package sps

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLogin(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		wantStatus int
		wantCode   string
	}{
		{"valid credentials", loginBody(testUsername, testPassword, testAuthorizedNumber), 200, ""},
		{"wrong password", loginBody(testUsername, "guess-1234", testAuthorizedNumber), 401, "invalid_credentials"},
		{"wrong username", loginBody("intruder-77", testPassword, testAuthorizedNumber), 401,
			"invalid_credentials"},
		{"wrong authorized number", loginBody(testUsername, testPassword, "0000-9999"), 401, "invalid_credentials"},
		{"missing password", `{"username":"sync-bot","authorizedNumber":"auth-5521-9034"}`, 400, "invalid_request"},
		{"malformed JSON", `{"username":`, 400, "invalid_json"},
		{"unknown field", `{"username":"a","password":"b","authorizedNumber":"c","pin":"1"}`, 400, "invalid_json"},
		{"empty body", ``, 400, "invalid_json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)

			resp := h.do(t, http.MethodPost, "/v1/token/loginv1", "", tc.body)

			require.Equal(t, tc.wantStatus, resp.status, "body: %s", resp.body)
			if tc.wantCode == "" {
				var body loginResponse
				require.NoError(t, json.Unmarshal(resp.body, &body))
				assert.NotEmpty(t, body.Token)
				assert.Equal(t, 3600, body.ExpiresIn)
				return
			}
			assert.Equal(t, tc.wantCode, resp.errorBody(t).Error)
			for _, submitted := range []string{"guess-1234", "intruder-77", "0000-9999", testPassword} {
				assert.NotContains(t, string(resp.body), submitted)
			}
		})
	}
}

func TestLoginEmptyOptionsAcceptAnyCredentials(t *testing.T) {
	h := &harness{sim: New(Options{})}
	h.url = newTestServer(t, h.sim)

	resp := h.do(t, http.MethodPost, "/v1/token/loginv1", "", loginBody("anyone", "anything", "1"))

	assert.Equal(t, http.StatusOK, resp.status)
}

func TestLoginReportsTokenTTL(t *testing.T) {
	h := &harness{sim: New(Options{TokenTTL: 90 * time.Second})}
	h.url = newTestServer(t, h.sim)

	resp := h.do(t, http.MethodPost, "/v1/token/loginv1", "", loginBody("a", "b", "c"))

	var body loginResponse
	require.NoError(t, json.Unmarshal(resp.body, &body))
	assert.Equal(t, 90, body.ExpiresIn)
}

func TestTokenChecks(t *testing.T) {
	tests := []struct {
		name     string
		token    func(t *testing.T, h *harness) string
		wantCode string
	}{
		{"missing token", func(*testing.T, *harness) string { return "" }, "unauthorized"},
		{"unknown token", func(*testing.T, *harness) string { return "not-a-token" }, "invalid_token"},
		{"token past its TTL", func(t *testing.T, h *harness) string {
			token := h.login(t)
			h.clock.Advance(time.Hour)
			return token
		}, "token_expired"},
		{"token ended by ExpireTokens", func(t *testing.T, h *harness) string {
			token := h.login(t)
			h.sim.ExpireTokens()
			return token
		}, "token_expired"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			token := tc.token(t, h)

			resp := h.do(t, http.MethodPost, "/v2/Customers", token, `{}`)

			require.Equal(t, http.StatusUnauthorized, resp.status)
			assert.Equal(t, tc.wantCode, resp.errorBody(t).Error)
		})
	}
}

func TestTokenValidJustBeforeTTL(t *testing.T) {
	h := setup(t)
	token := h.login(t)
	h.clock.Advance(time.Hour - time.Nanosecond)

	resp := h.do(t, http.MethodPost, "/v2/Customers", token, `{}`)

	assert.Equal(t, http.StatusOK, resp.status)
}

func TestLoginAfterExpireTokens(t *testing.T) {
	h := setup(t)
	old := h.login(t)
	h.sim.ExpireTokens()

	fresh := h.login(t)

	assert.NotEqual(t, old, fresh)
	assert.Equal(t, http.StatusOK, h.do(t, http.MethodPost, "/v2/Customers", fresh, `{}`).status)
	assert.Equal(t, http.StatusUnauthorized, h.do(t, http.MethodPost, "/v2/Customers", old, `{}`).status)
}
