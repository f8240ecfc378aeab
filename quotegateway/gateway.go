// Package quotegateway is the HTTP side of the quote builder: it verifies
// HubSpot's v3 signature on the deal card's requests and SPS's signature
// on quote-status webhooks, and turns them into Temporal updates, queries
// and signals. It holds no state of its own, so any number of gateway
// processes can serve the same routes.
//
// Routes:
//
//	POST /hubspot/quote-builder           card submit (QuoteSubmission JSON)
//	GET  /hubspot/quote-builder?dealId=…  card fetch of the deal's status
//	POST /sps/webhooks                    SPS quote-status deliveries
//	GET  /healthz                         200 when Temporal is reachable
package quotegateway

import (
	"net/http"
	"time"

	"go.uber.org/zap"

	"github.com/stonecity/sync/config"
)

// Route paths served by the handler New returns.
const (
	PathQuoteBuilder = "/hubspot/quote-builder"
	PathSPSWebhooks  = "/sps/webhooks"
	PathHealth       = "/healthz"
)

// MaxBodyBytes is the largest request body read, 1 MiB, the request size
// HubSpot documents for UI-extension fetches. Larger bodies get 413.
const MaxBodyBytes = 1 << 20

// Default time limits of the Temporal calls. HubSpot waits at most 15
// seconds for a card request, so the submit limit plus the fallback status
// query stay well under it.
const (
	DefaultTemporalTimeout = 10 * time.Second
	fallbackQueryTimeout   = 2 * time.Second
	healthTimeout          = 2 * time.Second
)

// Config is the gateway's configuration.
type Config struct {
	// Enabled serves the HubSpot card routes. When false they respond 404.
	Enabled bool
	// HubSpotClientSecret keys the v3 signatures of card requests.
	HubSpotClientSecret string
	// SPSWebhookSecret keys SPS webhook signatures. When it is "", the
	// SPS route responds 503.
	SPSWebhookSecret string
	// PublicURL is the scheme and host HubSpot calls, without a trailing
	// slash; the signed URI is PublicURL + the request's path and query.
	PublicURL string
	// TemporalTimeout bounds each Temporal call of a card request; 0 means
	// DefaultTemporalTimeout.
	TemporalTimeout time.Duration
	// Now is the clock for signature timestamps; nil means time.Now.
	Now func() time.Time
}

// ConfigFrom returns the gateway configuration of the process settings.
func ConfigFrom(q config.QuoteBuilder) Config {
	return Config{
		Enabled:             q.Enabled,
		HubSpotClientSecret: q.HubSpotClientSecret,
		SPSWebhookSecret:    q.SPSWebhookSecret,
		PublicURL:           q.PublicURL,
	}
}

// gateway serves the routes; its fields are read-only after New.
type gateway struct {
	cfg     Config
	starter Starter
	logger  *zap.Logger
}

// New returns the gateway's handler. starter reaches Temporal (see
// NewTemporalStarter); logger receives one line per rejected or failed
// request and never a secret, signature or body.
func New(cfg Config, starter Starter, logger *zap.Logger) http.Handler {
	if cfg.TemporalTimeout <= 0 {
		cfg.TemporalTimeout = DefaultTemporalTimeout
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if logger == nil {
		logger = zap.NewNop()
	}
	g := &gateway{cfg: cfg, starter: starter, logger: logger}

	mux := http.NewServeMux()
	mux.HandleFunc(PathQuoteBuilder, g.serveQuoteBuilder)
	mux.HandleFunc(PathSPSWebhooks, g.serveSPSWebhook)
	mux.HandleFunc(PathHealth, g.serveHealth)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no route "+r.URL.Path)
	})
	return mux
}
