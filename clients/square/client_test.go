package square

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	sim "github.com/stonecity/sync/sandbox/square"
)

func TestNewValidatesConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no token", Config{BaseURL: "http://127.0.0.1:1"}, "token is required"},
		{"no base URL", Config{Token: testToken}, "base URL"},
		{"relative base URL", Config{BaseURL: "/v2", Token: testToken}, "base URL"},
		{"other scheme", Config{BaseURL: "ftp://127.0.0.1", Token: testToken}, "base URL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.cfg)

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestBaseURLTrailingSlash(t *testing.T) {
	paths := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths <- r.URL.Path
		_, _ = w.Write([]byte(`{}`))
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL + "/", Token: testToken})
	require.NoError(t, err)

	_, err = c.ListLocations(context.Background())

	require.NoError(t, err)
	assert.Equal(t, "/v2/locations", <-paths)
}

func TestVersionEnvironmentCannotChangeHeader(t *testing.T) {
	t.Setenv("VERSION", "1.2.3")
	h := setup(t) // the client is built after VERSION is set

	_, err := h.client.ListLocations(context.Background())
	require.NoError(t, err)
	_, _, err = h.client.BulkRetrieveCustomers(context.Background(), []string{"C1"})
	require.NoError(t, err)

	assert.Equal(t, []string{DefaultSquareVersion, DefaultSquareVersion}, h.seenVersions())
}

func TestConfiguredVersionIsSent(t *testing.T) {
	t.Setenv("VERSION", "1.2.3")
	h := setup(t)
	c, err := New(Config{BaseURL: h.srv.URL, Token: testToken, SquareVersion: "2024-12-18"})
	require.NoError(t, err)

	_, err = c.ListLocations(context.Background())

	var e *Error
	require.ErrorAs(t, err, &e, "the simulator accepts only %s", sim.DefaultSquareVersion)
	assert.Equal(t, "API_VERSION_INCOMPATIBLE", e.Code)
	assert.Equal(t, []string{"2024-12-18"}, h.seenVersions())
}

func TestTokenEnvironmentIsIgnored(t *testing.T) {
	t.Setenv("SQUARE_TOKEN", "env-token")
	h := setup(t)

	_, err := h.client.ListLocations(context.Background())

	assert.NoError(t, err, "the configured token, not SQUARE_TOKEN, is sent")
}
