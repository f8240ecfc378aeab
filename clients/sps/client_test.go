package sps_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

func TestNewValidatesConfig(t *testing.T) {
	valid := func() sps.Config {
		return sps.Config{BaseURL: "http://127.0.0.1:9", Username: "u", Password: "p", AuthorizedNumber: "a"}
	}
	tests := []struct {
		name    string
		edit    func(*sps.Config)
		wantErr string
	}{
		{"missing base URL", func(c *sps.Config) { c.BaseURL = "" }, "sps: Config.BaseURL is missing"},
		{"relative base URL", func(c *sps.Config) { c.BaseURL = "api.stoneprofits.com" },
			`sps: Config.BaseURL "api.stoneprofits.com" is not an absolute http(s) URL`},
		{"other scheme", func(c *sps.Config) { c.BaseURL = "ftp://127.0.0.1" },
			`sps: Config.BaseURL "ftp://127.0.0.1" is not an absolute http(s) URL`},
		{"missing username", func(c *sps.Config) { c.Username = "" }, "sps: Config.Username is missing"},
		{"missing password", func(c *sps.Config) { c.Password = "" }, "sps: Config.Password is missing"},
		{"missing authorized number", func(c *sps.Config) { c.AuthorizedNumber = "" },
			"sps: Config.AuthorizedNumber is missing"},
		{"customer path without id", func(c *sps.Config) { c.Paths.Customer = "/v2/Customers/one" },
			`sps: Config.Paths.Customer "/v2/Customers/one" has no {id} placeholder`},
		{"quote path without id", func(c *sps.Config) { c.Paths.Quote = "/v3/Quotes" },
			`sps: Config.Paths.Quote "/v3/Quotes" has no {id} placeholder`},
		{"valid", func(*sps.Config) {}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := valid()
			tc.edit(&cfg)

			client, err := sps.New(cfg)

			if tc.wantErr == "" {
				require.NoError(t, err)
				assert.NotNil(t, client)
				return
			}
			require.EqualError(t, err, tc.wantErr)
			assert.Nil(t, client)
		})
	}
}

func TestCustomPaths(t *testing.T) {
	h := setup(t)
	var seen atomic.Value
	h.setIntercept(func(w http.ResponseWriter, r *http.Request, _ string) bool {
		seen.Store(r.URL.Path)
		r.URL.Path = strings.Replace(r.URL.Path, "/api/v9/customer/", "/v2/Customers/", 1)
		return false
	})
	require.NoError(t, h.sim.LoadCustomers([]sps.Customer{{ID: 41, Name: "Onyx Designs"}}))
	client, err := sps.New(sps.Config{BaseURL: h.srv.URL + "/", Username: testUsername, Password: testPassword,
		AuthorizedNumber: testAuthorizedNumber, Paths: sps.Paths{Customer: "api/v9/customer/{id}"}})
	require.NoError(t, err)

	customer, err := client.GetCustomer(context.Background(), 41)

	require.NoError(t, err)
	assert.Equal(t, "Onyx Designs", customer.Name)
	assert.Equal(t, "/api/v9/customer/41", seen.Load())
}

func TestPrintingHidesSecrets(t *testing.T) {
	h := setup(t)
	_, err := h.client.QueryProducts(context.Background(), sps.ProductFilter{}, 1, 10)
	require.NoError(t, err)
	tokens := h.tokens()
	require.Len(t, tokens, 1)
	cfg := sps.Config{BaseURL: h.srv.URL, Username: testUsername, Password: testPassword,
		AuthorizedNumber: testAuthorizedNumber}

	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		for name, value := range map[string]any{"client": h.client, "client value": *h.client, "config": cfg,
			"config pointer": &cfg, "client in an unexported field": struct{ c sps.Client }{*h.client}} {
			printed := fmt.Sprintf(verb, value)
			for _, secret := range []string{testPassword, testAuthorizedNumber, tokens[0]} {
				assert.NotContains(t, printed, secret, "%s printed with %s", name, verb)
			}
		}
	}
	assert.NotContains(t, fmt.Sprintf("%+v", cfg), testUsername)
	assert.Contains(t, fmt.Sprintf("%+v", cfg), h.srv.URL)
}

// echoSecrets returns an intercept that responds with an error repeating
// the credentials and the bearer token in the code, the message, a
// non-JSON body or a Location header.
func echoSecrets(mode string) func(w http.ResponseWriter, r *http.Request, body string) bool {
	return func(w http.ResponseWriter, r *http.Request, body string) bool {
		isLogin := r.URL.Path == "/v1/token/loginv1"
		if !isLogin && mode == "login" {
			return false
		}
		if isLogin && mode != "login" {
			return false
		}
		echo := fmt.Sprintf("pw=%s an=%s auth=%s body=%s", testPassword, testAuthorizedNumber,
			r.Header.Get("Authorization"), body)
		message, _ := json.Marshal(echo)
		switch mode {
		case "login", "json":
			writeRaw(w, http.StatusBadRequest, nil, fmt.Sprintf(`{"error":%s,"message":%s}`, message, message))
		case "text":
			writeRaw(w, http.StatusInternalServerError, nil, echo)
		case "escaped text":
			writeRaw(w, http.StatusBadGateway, nil, string(message))
		case "redirect":
			writeRaw(w, http.StatusTemporaryRedirect, map[string]string{"Location": "/x?" + echo}, "")
		}
		return true
	}
}

func TestSecretsAbsentFromErrors(t *testing.T) {
	for _, mode := range []string{"login", "json", "text", "escaped text", "redirect"} {
		t.Run(mode, func(t *testing.T) {
			h := setup(t)
			if mode != "login" { // log in first, so that the token is echoed too
				_, err := h.client.GetCustomer(context.Background(), 99)
				require.ErrorIs(t, err, sps.ErrNotFound)
			}
			h.setIntercept(echoSecrets(mode))

			_, err := h.client.QueryCustomers(context.Background(), sps.CustomerFilter{}, 1, 10)

			require.Error(t, err)
			secrets := append([]string{testPassword, testAuthorizedNumber}, h.tokens()...)
			escaped, _ := json.Marshal(testPassword)
			secrets = append(secrets, strings.Trim(string(escaped), `"`))
			for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
				for _, secret := range secrets {
					assert.NotContains(t, text, secret)
				}
			}
			assert.Contains(t, err.Error(), "[redacted]", "the echo is still visible, masked")
		})
	}
}

func TestRedirectIsNotFollowed(t *testing.T) {
	var reached atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		reached.Add(1)
	}))
	t.Cleanup(other.Close)
	h := setup(t)
	h.setIntercept(func(w http.ResponseWriter, r *http.Request, _ string) bool {
		http.Redirect(w, r, other.URL+r.URL.Path, http.StatusPermanentRedirect)
		return true
	})

	_, err := h.client.QueryCustomers(context.Background(), sps.CustomerFilter{}, 1, 10)

	var e *sps.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusPermanentRedirect, e.Status)
	assert.Equal(t, sps.CodeRedirect, e.Code)
	assert.False(t, e.Retryable)
	assert.Zero(t, reached.Load())
}

func TestRedirectNotFollowedEvenWithCallerPolicy(t *testing.T) {
	followAll := &http.Client{
		Timeout:       5 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return nil },
	}
	h := setup(t, func(cfg *sps.Config) { cfg.HTTPClient = followAll })
	h.setIntercept(func(w http.ResponseWriter, r *http.Request, _ string) bool {
		if r.URL.Path == "/v1/token/loginv1" {
			http.Redirect(w, r, "/v1/token/other", http.StatusTemporaryRedirect)
			return true
		}
		return false
	})

	_, err := h.client.QueryCustomers(context.Background(), sps.CustomerFilter{}, 1, 10)

	assert.ErrorContains(t, err, "redirect")
	assert.Len(t, h.requests(), 1)
	assert.NotNil(t, followAll.CheckRedirect, "the caller's client is not modified")
}
