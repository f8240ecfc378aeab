package hubspot

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		wantMsg string
	}{
		{name: "missing base URL", cfg: Config{Token: testToken}, wantMsg: "Config.BaseURL is missing"},
		{name: "missing token", cfg: Config{BaseURL: "http://127.0.0.1:1"}, wantMsg: "Config.Token is missing"},
		{name: "relative base URL", cfg: Config{BaseURL: "api.hubapi.com", Token: testToken},
			wantMsg: "is not an absolute http(s) URL"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantMsg)
			assert.NotContains(t, err.Error(), testToken)
		})
	}
}

func TestDateBasedPaths(t *testing.T) {
	rec := &recorder{respond: func(r recordedRequest, _ int) (int, http.Header, string) {
		return http.StatusOK, nil, `{"status":"COMPLETE","results":[]}`
	}}
	server := httptest.NewServer(rec)
	t.Cleanup(server.Close)
	client, err := New(Config{BaseURL: server.URL + "/", Token: testToken, Pacer: fastPacer(),
		ObjectsPath: "/crm/objects/2026-09", PropertiesPath: "/crm/properties/2026-09/",
		PipelinesPath: "crm/pipelines/2026-09", AssociationsPath: "/crm/associations/2026-09"})
	require.NoError(t, err)
	ctx := context.Background()

	_, err = client.BatchRead(ctx, "deals", "", []string{"1"}, nil)
	require.NoError(t, err)
	_, err = client.ListProperties(ctx, "deals")
	require.NoError(t, err)
	_, err = client.ListPipelines(ctx, "deals")
	require.NoError(t, err)
	pairs := []AssociationPair{{FromID: "1", ToID: "2"}}
	require.NoError(t, client.BatchAssociateDefault(ctx, "deals", "contacts", pairs))

	var paths []string
	for _, r := range rec.Requests() {
		paths = append(paths, r.Path)
	}
	assert.Equal(t, []string{
		"/crm/objects/2026-09/deals/batch/read",
		"/crm/properties/2026-09/deals",
		"/crm/pipelines/2026-09/deals",
		"/crm/associations/2026-09/deals/contacts/batch/associate/default",
	}, paths)
}

func TestTransportErrors(t *testing.T) {
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	t.Cleanup(slow.Close)
	t.Cleanup(func() { close(release) })

	closed := httptest.NewServer(http.NotFoundHandler())
	closedURL := closed.URL
	closed.Close()

	tests := []struct {
		name    string
		baseURL string
		client  *http.Client
	}{
		{name: "connection refused", baseURL: closedURL},
		{name: "timeout", baseURL: slow.URL, client: &http.Client{Timeout: 50 * time.Millisecond}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, err := New(Config{BaseURL: tt.baseURL, Token: testToken, HTTPClient: tt.client, Pacer: fastPacer()})
			require.NoError(t, err)

			_, err = client.ListPipelines(context.Background(), "deals")

			var got *Error
			require.ErrorAs(t, err, &got)
			assert.Equal(t, KindTransient, got.Kind)
			assert.Zero(t, got.Status)
			assert.True(t, got.Retryable())
			assert.NotNil(t, got.Unwrap(), "cause kept")
			assert.Contains(t, got.Error(), "hubspot: GET /crm/v3/pipelines/deals: request failed: ")
			assert.NotContains(t, got.Error(), tt.baseURL, "URL repeated in the error")
			assert.NotContains(t, got.Error(), testToken)
		})
	}
}

func TestPacerCancelIsTransient(t *testing.T) {
	clock := newFakeClock()
	pacer := NewPacer(PacerConfig{Clock: clock})
	pacer.Observe(rateLimitHeaders("0"))
	rec := fixed(http.StatusOK, nil, `{"results":[]}`)
	client := setup(t, rec, pacer)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := client.ListPipelines(ctx, "deals")

	var got *Error
	require.ErrorAs(t, err, &got)
	assert.Equal(t, KindTransient, got.Kind)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, rec.Requests())
}

func TestTokenNeverInErrors(t *testing.T) {
	echo := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = fmt.Fprintf(w, `{"status":"error","category":"VALIDATION_ERROR","message":"bad header %s",`+
			`"errors":[{"message":"%s","context":{"propertyName":["x"]}}]}`, auth, auth)
	})
	plain := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, "upstream rejected "+r.Header.Get("Authorization"))
	})
	partial := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusMultiStatus)
		_, _ = fmt.Fprintf(w, `{"results":[],"errors":[{"status":"error","category":"VALIDATION_ERROR",`+
			`"message":"%s","context":{"objectWriteTraceId":["input-0"]}}]}`, r.Header.Get("Authorization"))
	})

	tests := []struct {
		name    string
		handler http.Handler
	}{
		{name: "JSON error echoing the header", handler: echo},
		{name: "plain body echoing the header", handler: plain},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := setup(t, tt.handler, nil)

			_, err := client.BatchCreate(context.Background(), "deals", []CreateInput{{}})

			require.Error(t, err)
			assert.NotContains(t, err.Error(), testToken)
			assert.NotContains(t, fmt.Sprintf("%+v", err), testToken)
			assert.Contains(t, err.Error(), "[redacted]")
		})
	}

	t.Run("input error echoing the header", func(t *testing.T) {
		client := setup(t, partial, nil)

		result, err := client.BatchCreate(context.Background(), "deals", []CreateInput{{}})
		require.NoError(t, err)

		require.Len(t, result.Errors, 1)
		assert.NotContains(t, result.Errors[0].Error(), testToken)
	})
}

func TestResponseBodyLimit(t *testing.T) {
	huge := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"results":[`)
		_, _ = io.WriteString(w, strings.Repeat(" ", maxBodyBytes))
		_, _ = io.WriteString(w, `]}`)
	})
	client := setup(t, huge, nil)

	_, err := client.ListPipelines(context.Background(), "deals")

	var got *Error
	require.ErrorAs(t, err, &got)
	assert.Equal(t, KindOther, got.Kind)
	assert.Contains(t, got.Message, "response body exceeds 10485760 bytes")
}

func TestMalformedTimestamp(t *testing.T) {
	body := `{"status":"COMPLETE","results":[{"id":"5","properties":{},"createdAt":"yesterday"}]}`
	client := setup(t, fixed(http.StatusOK, nil, body), nil)

	_, err := client.BatchRead(context.Background(), "deals", "", []string{"5"}, nil)

	var got *Error
	require.ErrorAs(t, err, &got)
	assert.Equal(t, KindOther, got.Kind)
	assert.Contains(t, got.Error(), "deals 5: invalid createdAt")
}

func TestTokenNeverInErrorFields(t *testing.T) {
	// echoFields puts the Authorization header into every string field of
	// an error body and of a batch errors[] entry.
	echoFields := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			auth := r.Header.Get("Authorization")
			entry := fmt.Sprintf(`"message":"m","category":"VALIDATION_ERROR %[1]s","correlationId":"%[1]s",`+
				`"error":"%[1]s","context":{"objectWriteTraceId":["input-0"],"ids":["%[1]s"]},`+
				`"errors":[{"message":"d","code":"%[1]s","context":{"propertyName":["%[1]s"]}}]`, auth)
			w.WriteHeader(status)
			if status == http.StatusMultiStatus {
				_, _ = fmt.Fprintf(w, `{"status":"COMPLETE","results":[],"errors":[{%s}]}`, entry)
				return
			}
			_, _ = fmt.Fprintf(w, `{"status":"error","policyName":"%s",%s}`, auth, entry)
		}
	}

	t.Run("error", func(t *testing.T) {
		client := setup(t, echoFields(http.StatusBadRequest), nil)
		_, err := client.BatchCreate(context.Background(), "deals", []CreateInput{{}})

		var got *Error
		require.ErrorAs(t, err, &got)
		for name, value := range map[string]string{"Error()": got.Error(), "Category": got.Category,
			"PolicyName": got.PolicyName, "Property": got.Property, "Code": got.Code,
			"CorrelationID": got.CorrelationID, "Message": got.Message} {
			assert.NotContains(t, value, testToken, name)
		}
	})

	t.Run("input error", func(t *testing.T) {
		client := setup(t, echoFields(http.StatusMultiStatus), nil)
		result, err := client.BatchCreate(context.Background(), "deals", []CreateInput{{}})
		require.NoError(t, err)

		require.Len(t, result.Errors, 1)
		got := result.Errors[0]
		for name, value := range map[string]string{"Error()": got.Error(), "Category": got.Category,
			"Property": got.Property, "Code": got.Code, "Message": got.Message,
			"IDs": strings.Join(got.IDs, ",")} {
			assert.NotContains(t, value, testToken, name)
		}
	})
}

func TestRedirectIsNotFollowed(t *testing.T) {
	var leaked []string
	var mu sync.Mutex
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		leaked = append(leaked, r.Header.Get("Authorization"))
		mu.Unlock()
		_, _ = io.WriteString(w, `{"results":[]}`)
	}))
	t.Cleanup(elsewhere.Close)
	redirect := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+r.URL.Path, http.StatusTemporaryRedirect)
	})

	tests := []struct {
		name   string
		client *http.Client
	}{
		{name: "default HTTP client"},
		{name: "caller's HTTP client", client: &http.Client{Timeout: 5 * time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := httptest.NewServer(redirect)
			t.Cleanup(server.Close)
			client, err := New(Config{BaseURL: server.URL, Token: testToken, HTTPClient: tt.client,
				Pacer: fastPacer()})
			require.NoError(t, err)

			_, err = client.ListPipelines(context.Background(), "deals")

			var got *Error
			require.ErrorAs(t, err, &got)
			assert.Equal(t, http.StatusTemporaryRedirect, got.Status)
			assert.Equal(t, KindOther, got.Kind)
			assert.False(t, got.Retryable())
			assert.Contains(t, got.Message, "redirected the request to "+elsewhere.URL)
			mu.Lock()
			defer mu.Unlock()
			assert.Empty(t, leaked, "the token was sent to the redirect target")
		})
	}
	assert.Nil(t, tests[1].client.CheckRedirect, "the caller's client is not modified")
}
