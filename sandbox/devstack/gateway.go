package devstack

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/quotegateway"
)

// Secrets of the dev gateway. They guard nothing real; they exist so the
// deal card's requests and the SPS simulator's webhooks are signed exactly
// as in production. `starter quote-builder` needs DevHubSpotClientSecret as
// HUBSPOT_CLIENT_SECRET to reach the dev gateway.
const (
	DevHubSpotClientSecret = "dev-hubspot-client-secret"
	DevSPSWebhookSecret    = "dev-sps-webhook-secret"
)

// startGateway serves the quote builder's webhook gateway on 127.0.0.1 with
// the feature flag on, records its settings, and points the SPS
// simulator's quote-status webhooks at it.
func (s *Stack) startGateway(port int) error {
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("start webhook gateway: %w", err)
	}
	s.GatewayURL = "http://" + ln.Addr().String()
	s.Settings.QuoteBuilder = config.QuoteBuilder{
		Enabled:             true,
		HubSpotClientSecret: DevHubSpotClientSecret,
		SPSWebhookSecret:    DevSPSWebhookSecret,
		PublicURL:           s.GatewayURL,
		Addr:                ln.Addr().String(),
	}

	handler := quotegateway.New(quotegateway.ConfigFrom(s.Settings.QuoteBuilder),
		quotegateway.NewTemporalStarter(s.Client), s.logger.Named("gateway"))
	s.gateway = quotegateway.NewServer(handler)
	go s.gateway.Serve(ln) //nolint:errcheck // Serve returns ErrServerClosed on Shutdown.

	s.Sims.SPS.SetWebhook(s.GatewayURL+quotegateway.PathSPSWebhooks, DevSPSWebhookSecret)
	return nil
}

// stopGateway drains the gateway's open requests, for at most 5 seconds.
func stopGateway(srv *http.Server) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(ctx)
}
