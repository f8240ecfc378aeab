package config

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// DefaultGatewayAddr is the webhook gateway's listen address when
// GATEWAY_ADDR is unset: loopback only, so a deployment must choose to
// expose it (usually behind a TLS-terminating proxy).
const DefaultGatewayAddr = "127.0.0.1:8305"

// QuoteBuilder holds the quote builder's feature flag and the webhook
// gateway's settings.
type QuoteBuilder struct {
	// Enabled turns on the HubSpot deal-card routes of the gateway. It is
	// off by default because SPS has not shipped its write endpoints.
	Enabled bool
	// HubSpotClientSecret is the HubSpot app's client secret, the key of
	// the v3 request signatures. It is a secret: never log it.
	HubSpotClientSecret string
	// SPSWebhookSecret is the shared key of SPS quote-status webhook
	// signatures. It is a secret: never log it.
	SPSWebhookSecret string
	// PublicURL is the scheme and host (and port) HubSpot calls, without a
	// path, for example https://sync.stonecity.example. The gateway
	// rebuilds the signed URI from it and each request's path and query.
	// Load drops a trailing slash and a default port (":443" for https,
	// ":80" for http), as HubSpot's signed URL has neither.
	PublicURL string
	// Addr is the gateway's listen address, host:port.
	Addr string
}

// loadQuoteBuilder reads the quote builder variables over the defaults in
// q and checks the URL and address.
func (e *env) loadQuoteBuilder(q *QuoteBuilder) {
	e.boolean("QUOTE_BUILDER_ENABLED", &q.Enabled)
	e.str("HUBSPOT_CLIENT_SECRET", &q.HubSpotClientSecret)
	e.str("SPS_WEBHOOK_SECRET", &q.SPSWebhookSecret)
	e.str("GATEWAY_PUBLIC_URL", &q.PublicURL)
	e.str("GATEWAY_ADDR", &q.Addr)

	if q.PublicURL != "" {
		e.checkPublicURL("GATEWAY_PUBLIC_URL", q)
	}
	if _, _, err := net.SplitHostPort(q.Addr); err != nil {
		e.fail("GATEWAY_ADDR must be host:port, for example 127.0.0.1:8305, got %q", q.Addr)
	}
}

// defaultPorts maps each scheme checkPublicURL accepts to its default
// port.
var defaultPorts = map[string]string{"http": "80", "https": "443"}

// checkPublicURL requires an absolute http or https URL without path,
// query or fragment. It stores the URL as scheme://host without a
// trailing slash or the default port of its scheme (443 for https, 80 for
// http). HubSpot signs the URL without that port, and the gateway
// rebuilds the signed URI from this value. Any other port is kept.
func (e *env) checkPublicURL(name string, q *QuoteBuilder) {
	before := len(e.errs)
	e.checkURL(name, q.PublicURL)
	if len(e.errs) > before {
		return
	}
	parsed, _ := url.Parse(q.PublicURL)
	if (parsed.Path != "" && parsed.Path != "/") || parsed.RawQuery != "" || parsed.Fragment != "" || parsed.User != nil {
		e.fail("%s must be only scheme and host, for example https://sync.example.com, got %q",
			name, parsed.Redacted())
		return
	}
	host := parsed.Host
	if port := parsed.Port(); port == "" || port == defaultPorts[parsed.Scheme] {
		// TrimSuffix keeps the brackets of an IPv6 host, and also drops
		// the ":" of an empty port such as "https://sync.example.com:".
		host = strings.TrimSuffix(host, ":"+port)
	}
	q.PublicURL = parsed.Scheme + "://" + host
}

// RequireGatewaySecrets returns an error naming every variable the
// gateway needs but misses: with the quote builder enabled,
// HUBSPOT_CLIENT_SECRET, SPS_WEBHOOK_SECRET and GATEWAY_PUBLIC_URL. With
// it disabled nothing is needed, as the card routes respond 404.
func (q QuoteBuilder) RequireGatewaySecrets() error {
	if !q.Enabled {
		return nil
	}
	var missing []string
	for _, v := range []struct{ name, value string }{
		{"HUBSPOT_CLIENT_SECRET", q.HubSpotClientSecret},
		{"SPS_WEBHOOK_SECRET", q.SPSWebhookSecret},
		{"GATEWAY_PUBLIC_URL", q.PublicURL},
	} {
		if v.value == "" {
			missing = append(missing, v.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("QUOTE_BUILDER_ENABLED is true, so set %s in the environment",
			strings.Join(missing, " and "))
	}
	return nil
}
