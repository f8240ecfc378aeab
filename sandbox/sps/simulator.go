package sps

import (
	"maps"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/stonecity/sync/sandbox/faults"
)

// MaxPageSize is the largest page the query endpoints return. SPS caps
// larger requested sizes at this value.
const MaxPageSize = 200

// DefaultTokenTTL is the token lifetime when Options.TokenTTL is not set.
const DefaultTokenTTL = time.Hour

// DefaultPageLatency is the delay per query page that models the real
// API's slowness (a few hundred ms per page). Options.PageLatency is not
// defaulted to it, so that tests run without delay. The dev stack sets it.
const DefaultPageLatency = 300 * time.Millisecond

// Options configure a Simulator.
type Options struct {
	// Username, Password and AuthorizedNumber are the credentials the
	// login endpoint accepts. An empty field accepts any non-empty value.
	Username         string
	Password         string
	AuthorizedNumber string
	// TokenTTL is how long a token stays valid after login, and 0 or less
	// means DefaultTokenTTL.
	TokenTTL time.Duration
	// PageLatency delays every query page, and 0 means no delay. Use
	// DefaultPageLatency to model the real API.
	PageLatency time.Duration
	// Clock returns the current time, and nil means time.Now. It decides
	// token expiry, the modifiedDate of created and updated records, and
	// the time of quote-status webhooks.
	Clock func() time.Time
	// WebhookURL receives quote-status webhooks, and "" means none are
	// sent. Only loopback URLs are called. WebhookSecret signs them.
	WebhookURL    string
	WebhookSecret string
	// WebhookClient sends the webhooks, and nil means a client with
	// DefaultWebhookTimeout that follows no redirects.
	WebhookClient *http.Client
}

// Simulator is an in-memory SPS tenant behind the SPS HTTP API. It is
// safe for concurrent use.
type Simulator struct {
	username         string
	password         string
	authorizedNumber string
	tokenTTL         time.Duration
	pageLatency      time.Duration
	clock            func() time.Time
	api              *http.ServeMux
	admin            *http.ServeMux

	mu           sync.Mutex
	data         *store
	tokens       map[string]session
	faults       *faults.Injector
	calls        map[string]int
	idempotency  idempotencyKeys
	createFaults CreateFaults
	webhook      webhookTarget
	webhookHTTP  *http.Client
	eventCount   int64
}

// New returns a Simulator with no records.
func New(opts Options) *Simulator {
	s := &Simulator{
		username:         opts.Username,
		password:         opts.Password,
		authorizedNumber: opts.AuthorizedNumber,
		tokenTTL:         opts.TokenTTL,
		pageLatency:      max(opts.PageLatency, 0),
		clock:            opts.Clock,
		data:             newStore(),
		tokens:           map[string]session{},
		faults:           faults.NewInjector(defaultErrorStatuses),
		calls:            map[string]int{},
		idempotency:      idempotencyKeys{},
		webhook:          webhookTarget{url: opts.WebhookURL, secret: opts.WebhookSecret},
		webhookHTTP:      newWebhookClient(opts.WebhookClient),
	}
	if s.tokenTTL <= 0 {
		s.tokenTTL = DefaultTokenTTL
	}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.api = s.apiRoutes()
	s.admin = s.adminRoutes()
	return s
}

// loginPattern is the route of the login endpoint, the one API endpoint
// that needs no token.
const loginPattern = "POST /v1/token/loginv1"

// apiRoutes maps the SPS endpoints.
func (s *Simulator) apiRoutes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc(loginPattern, s.login)
	mux.HandleFunc("POST /v2/Customers", s.postCustomers)
	mux.HandleFunc("GET /v2/Customers/{id}", s.getCustomer)
	mux.HandleFunc("POST /v2/Quotes", s.postQuotes)
	mux.HandleFunc("GET /v2/Quotes/{id}", s.getQuote)
	mux.HandleFunc("POST /v2/Products", s.postProducts)
	return mux
}

// ServeHTTP serves the SPS API and, under /_admin/, the admin surface.
func (s *Simulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_admin/") {
		s.admin.ServeHTTP(w, r)
		return
	}

	_, pattern := s.api.Handler(r)
	if pattern == "" {
		s.writeNoRoute(w, r)
		return
	}
	s.countCall(pattern)

	if s.injectFault(w, r) {
		return
	}
	if pattern != loginPattern {
		if code, message := s.authenticate(r); code != "" {
			writeError(w, http.StatusUnauthorized, code, "%s", message)
			return
		}
	}
	s.api.ServeHTTP(w, r)
}

// writeNoRoute responds to a request that matches no endpoint: 405 when
// the path exists under another method, else 404.
func (s *Simulator) writeNoRoute(w http.ResponseWriter, r *http.Request) {
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		probe := r.Clone(r.Context())
		probe.Method = method
		if _, pattern := s.api.Handler(probe); pattern != "" {
			writeError(w, http.StatusMethodNotAllowed, "method_not_allowed",
				"%s is not allowed on %s.", r.Method, r.URL.Path)
			return
		}
	}
	writeError(w, http.StatusNotFound, "not_found", "The simulator has no endpoint %s %s.", r.Method, r.URL.Path)
}

func (s *Simulator) countCall(endpoint string) {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.calls[endpoint]++
}

// Calls returns the number of API requests per endpoint pattern, for
// example "POST /v2/Customers" or "GET /v2/Quotes/{id}". Requests that
// failed, including injected faults and rejected tokens, are counted.
// Admin requests and requests to unknown endpoints are not.
func (s *Simulator) Calls() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()

	return maps.Clone(s.calls)
}
