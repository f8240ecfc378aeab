package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Distinct gateway secrets, so a test can search any message for them.
const (
	hubSpotClientSecret = "hubspot-client-secret-3c2b1a"
	spsWebhookSecret    = "sps-webhook-secret-9f8e7d"
)

// quoteBuilderOverrideCases set each quote builder variable to a value
// other than its default.
func quoteBuilderOverrideCases() []overrideCase {
	return []overrideCase{
		{"QUOTE_BUILDER_ENABLED", "true",
			func(s Settings) any { return s.QuoteBuilder.Enabled }, true},
		{"HUBSPOT_CLIENT_SECRET", hubSpotClientSecret,
			func(s Settings) any { return s.QuoteBuilder.HubSpotClientSecret }, hubSpotClientSecret},
		{"SPS_WEBHOOK_SECRET", spsWebhookSecret,
			func(s Settings) any { return s.QuoteBuilder.SPSWebhookSecret }, spsWebhookSecret},
		{"GATEWAY_PUBLIC_URL", "https://sync.stonecity.example",
			func(s Settings) any { return s.QuoteBuilder.PublicURL }, "https://sync.stonecity.example"},
		{"GATEWAY_ADDR", "0.0.0.0:8080",
			func(s Settings) any { return s.QuoteBuilder.Addr }, "0.0.0.0:8080"},
	}
}

func TestQuoteBuilderDefaults(t *testing.T) {
	q := Defaults().QuoteBuilder

	assert.False(t, q.Enabled)
	assert.Empty(t, q.HubSpotClientSecret)
	assert.Empty(t, q.SPSWebhookSecret)
	assert.Empty(t, q.PublicURL)
	assert.Equal(t, "127.0.0.1:8305", q.Addr)
}

func TestLoadGatewayPublicURL(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  string
	}{
		{name: "host only", value: "https://sync.example.com", want: "https://sync.example.com"},
		{name: "trailing slash dropped", value: "https://sync.example.com/", want: "https://sync.example.com"},
		{name: "with port", value: "http://127.0.0.1:8305", want: "http://127.0.0.1:8305"},
		{name: "https default port dropped", value: "https://sync.example.com:443",
			want: "https://sync.example.com"},
		{name: "http default port dropped", value: "http://sync.example.com:80", want: "http://sync.example.com"},
		{name: "default port and slash dropped", value: "https://sync.example.com:443/",
			want: "https://sync.example.com"},
		{name: "https keeps port 80", value: "https://sync.example.com:80", want: "https://sync.example.com:80"},
		{name: "http keeps port 443", value: "http://sync.example.com:443", want: "http://sync.example.com:443"},
		{name: "https keeps other port", value: "https://sync.example.com:8443",
			want: "https://sync.example.com:8443"},
		{name: "empty port dropped", value: "https://sync.example.com:", want: "https://sync.example.com"},
		{name: "ipv6 default port dropped", value: "https://[2001:db8::1]:443", want: "https://[2001:db8::1]"},
		{name: "ipv6 other port kept", value: "http://[::1]:8305", want: "http://[::1]:8305"},
		{name: "ipv6 without port", value: "https://[2001:db8::1]", want: "https://[2001:db8::1]"},
		{name: "scheme lower-cased", value: "HTTPS://sync.example.com:443", want: "https://sync.example.com"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load(envOf(map[string]string{"GATEWAY_PUBLIC_URL": tc.value}))

			require.NoError(t, err)
			assert.Equal(t, tc.want, s.QuoteBuilder.PublicURL)
		})
	}
}

func TestLoadQuoteBuilderRejects(t *testing.T) {
	tests := []struct {
		name, variable, value, want string
	}{
		{name: "flag not a boolean", variable: "QUOTE_BUILDER_ENABLED", value: "on",
			want: `QUOTE_BUILDER_ENABLED must be true or false, got "on"`},
		{name: "public url without scheme", variable: "GATEWAY_PUBLIC_URL", value: "sync.example.com",
			want: `GATEWAY_PUBLIC_URL must be an absolute http or https URL, got "sync.example.com"`},
		{name: "public url with path", variable: "GATEWAY_PUBLIC_URL", value: "https://sync.example.com/hooks",
			want: `GATEWAY_PUBLIC_URL must be only scheme and host`},
		{name: "public url with query", variable: "GATEWAY_PUBLIC_URL", value: "https://sync.example.com?a=b",
			want: `GATEWAY_PUBLIC_URL must be only scheme and host`},
		{name: "address without port", variable: "GATEWAY_ADDR", value: "127.0.0.1",
			want: `GATEWAY_ADDR must be host:port, for example 127.0.0.1:8305, got "127.0.0.1"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(envOf(map[string]string{
				tc.variable: tc.value, "HUBSPOT_CLIENT_SECRET": hubSpotClientSecret, "SPS_WEBHOOK_SECRET": spsWebhookSecret,
			}))

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), hubSpotClientSecret)
			assert.NotContains(t, err.Error(), spsWebhookSecret)
		})
	}
}

func TestRequireGatewaySecrets(t *testing.T) {
	complete := QuoteBuilder{
		Enabled: true, HubSpotClientSecret: hubSpotClientSecret, SPSWebhookSecret: spsWebhookSecret,
		PublicURL: "https://sync.example.com", Addr: DefaultGatewayAddr,
	}
	tests := []struct {
		name    string
		edit    func(*QuoteBuilder)
		missing []string
	}{
		{name: "all set"},
		{name: "disabled needs nothing", edit: func(q *QuoteBuilder) { *q = QuoteBuilder{} }},
		{name: "client secret missing", edit: func(q *QuoteBuilder) { q.HubSpotClientSecret = "" },
			missing: []string{"HUBSPOT_CLIENT_SECRET"}},
		{name: "webhook secret missing", edit: func(q *QuoteBuilder) { q.SPSWebhookSecret = "" },
			missing: []string{"SPS_WEBHOOK_SECRET"}},
		{name: "public url missing", edit: func(q *QuoteBuilder) { q.PublicURL = "" },
			missing: []string{"GATEWAY_PUBLIC_URL"}},
		{name: "everything missing", edit: func(q *QuoteBuilder) { *q = QuoteBuilder{Enabled: true} },
			missing: []string{"HUBSPOT_CLIENT_SECRET", "SPS_WEBHOOK_SECRET", "GATEWAY_PUBLIC_URL"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := complete
			if tc.edit != nil {
				tc.edit(&q)
			}

			err := q.RequireGatewaySecrets()

			if tc.missing == nil {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			for _, name := range tc.missing {
				assert.Contains(t, err.Error(), name)
			}
			assert.NotContains(t, err.Error(), hubSpotClientSecret)
			assert.NotContains(t, err.Error(), spsWebhookSecret)
		})
	}
}
