package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"

	"github.com/stonecity/sync/quotegateway"
	"github.com/stonecity/sync/webhooksig"
)

// envOf returns a getenv over vars; unset names return "".
func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestRunRejectsConfiguration(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{name: "enabled without secrets", env: map[string]string{"QUOTE_BUILDER_ENABLED": "true"},
			want: []string{"HUBSPOT_CLIENT_SECRET", "SPS_WEBHOOK_SECRET", "GATEWAY_PUBLIC_URL"}},
		{name: "enabled without public url", env: map[string]string{"QUOTE_BUILDER_ENABLED": "true",
			"HUBSPOT_CLIENT_SECRET": "client-secret-1", "SPS_WEBHOOK_SECRET": "webhook-secret-2"},
			want: []string{"GATEWAY_PUBLIC_URL"}},
		{name: "invalid address", env: map[string]string{"GATEWAY_ADDR": "8305"},
			want: []string{"GATEWAY_ADDR"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := run(context.Background(), envOf(tc.env), zap.NewNop(), nil)

			require.Error(t, err)
			for _, name := range tc.want {
				assert.Contains(t, err.Error(), name)
			}
			assert.NotContains(t, err.Error(), "client-secret-1")
			assert.NotContains(t, err.Error(), "webhook-secret-2")
		})
	}
}

func TestRunServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan net.Addr, 1)
	done := make(chan error, 1)
	env := envOf(map[string]string{
		"GATEWAY_ADDR":       "127.0.0.1:0",
		"SPS_WEBHOOK_SECRET": "webhook-secret",
		// Never dialled: the handler rejects the requests below before any
		// Temporal call, and the client is lazy.
		"TEMPORAL_ADDRESS": "127.0.0.1:1",
	})
	go func() { done <- run(ctx, env, zap.NewNop(), ready) }()
	base := "http://" + (<-ready).String()

	card, err := http.Post(base+quotegateway.PathQuoteBuilder, "application/json", bytes.NewBufferString(`{}`))
	require.NoError(t, err)
	card.Body.Close()
	req, err := http.NewRequest(http.MethodPost, base+quotegateway.PathSPSWebhooks, bytes.NewBufferString(`{}`))
	require.NoError(t, err)
	req.Header.Set(webhooksig.HeaderSPSSignature, "00")
	req.Header.Set(webhooksig.HeaderSPSTimestamp, "1")
	forged, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	forged.Body.Close()
	cancel()

	assert.Equal(t, http.StatusNotFound, card.StatusCode, "the quote builder is disabled by default")
	assert.Equal(t, http.StatusUnauthorized, forged.StatusCode)
	assert.NoError(t, <-done)
}
