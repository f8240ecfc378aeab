package square

import (
	"crypto/subtle"
	"maps"
	"net/http"
	"strings"
	"sync"
	"time"

	square "github.com/square/square-go-sdk"

	"github.com/stonecity/sync/sandbox/faults"
)

// DefaultSquareVersion is the Square-Version that square-go-sdk v1.5.0
// sends, and the one the simulator accepts unless Options.SquareVersion
// sets another.
const DefaultSquareVersion = "2025-05-21"

// Options configure a Simulator.
type Options struct {
	// Token is the bearer token the API accepts. Empty accepts any
	// non-empty bearer token.
	Token string
	// Clock returns the current time, and nil means time.Now. It decides
	// which orders have arrived and freezes open-ended time ranges.
	Clock func() time.Time
	// SquareVersion is the only Square-Version header value accepted,
	// and empty means DefaultSquareVersion. Requests without the header
	// are served at this version, as Square serves them at the
	// application's pinned version.
	SquareVersion string
}

// Simulator is an in-memory Square seller account behind Square's HTTP
// API. It is safe for concurrent use.
type Simulator struct {
	token   string
	version string
	clock   func() time.Time
	api     *http.ServeMux
	admin   *http.ServeMux

	// catalogSlot admits one catalog write at a time. It is separate
	// from mu so that reads go on while a write waits out its latency.
	catalogSlot catalogWriteSlot

	mu     sync.Mutex
	data   *dataset
	faults *faults.Injector
	calls  map[string]int
}

// New returns an empty Simulator.
func New(opts Options) *Simulator {
	s := &Simulator{
		token:   opts.Token,
		version: opts.SquareVersion,
		clock:   opts.Clock,
		data:    newDataset(),
		faults:  faults.NewInjector(defaultErrorStatuses),
		calls:   map[string]int{},
	}
	if s.version == "" {
		s.version = DefaultSquareVersion
	}
	if s.clock == nil {
		s.clock = time.Now
	}
	s.api = s.apiRoutes()
	s.admin = s.adminRoutes()
	return s
}

// apiRoutes maps Square's endpoints.
func (s *Simulator) apiRoutes() *http.ServeMux {
	mux := http.NewServeMux()
	routes := []struct {
		method, path string
		handler      http.HandlerFunc
	}{
		{http.MethodPost, "/v2/orders/search", s.searchOrders},
		{http.MethodGet, "/v2/customers/{customer_id}", s.retrieveCustomer},
		{http.MethodPost, "/v2/customers/bulk-retrieve", s.bulkRetrieveCustomers},
		{http.MethodGet, "/v2/locations", s.listLocations},
		{http.MethodPost, "/v2/catalog/batch-retrieve", s.batchRetrieveCatalog},
		{http.MethodPost, "/v2/catalog/batch-upsert", s.batchUpsertCatalog},
		{http.MethodPost, "/v2/catalog/batch-delete", s.batchDeleteCatalog},
		{http.MethodPost, "/v2/catalog/search", s.searchCatalog},
	}
	for _, route := range routes {
		mux.HandleFunc(route.method+" "+route.path, route.handler)
	}
	return mux
}

// writeNoRoute responds to a request that matches no endpoint: 405 when
// the path exists under another method, else 404.
func (s *Simulator) writeNoRoute(w http.ResponseWriter, r *http.Request) {
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		probe := r.Clone(r.Context())
		probe.Method = method
		if _, pattern := s.api.Handler(probe); pattern != "" {
			writeErrors(w, http.StatusMethodNotAllowed, invalidRequest(square.ErrorCodeMethodNotAllowed, "",
				"%s is not allowed on %s.", r.Method, r.URL.Path))
			return
		}
	}
	writeErrors(w, http.StatusNotFound, invalidRequest(square.ErrorCodeNotFound, "",
		"The simulator has no endpoint %s %s.", r.Method, r.URL.Path))
}

// ServeHTTP serves the Square API and, under /_admin/, the admin surface.
func (s *Simulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_admin/") {
		s.admin.ServeHTTP(w, r)
		return
	}

	w.Header().Set("Square-Version", s.version)
	_, pattern := s.api.Handler(r)
	if pattern == "" {
		s.writeNoRoute(w, r)
		return
	}
	s.countCall(pattern)

	if s.injectFault(w, r) {
		return
	}
	if e := s.checkVersion(r); e != nil {
		writeErrors(w, http.StatusBadRequest, e)
		return
	}
	if !s.authorized(r) {
		writeErrors(w, http.StatusUnauthorized, newError(square.ErrorCategoryAuthenticationError,
			square.ErrorCodeUnauthorized, "", "This request could not be authorized."))
		return
	}
	s.api.ServeHTTP(w, r)
}

// checkVersion rejects a Square-Version header that is malformed or not
// the accepted version.
func (s *Simulator) checkVersion(r *http.Request) *square.Error {
	requested := r.Header.Get("Square-Version")
	if requested == "" || requested == s.version {
		return nil
	}
	if _, err := time.Parse(time.DateOnly, requested); err != nil {
		return invalidRequest(square.ErrorCodeInvalidSquareVersionFormat, "",
			"Square-Version %q is not a YYYY-MM-DD date.", requested)
	}
	return invalidRequest(square.ErrorCodeAPIVersionIncompatible, "",
		"Square-Version %s is not supported; this server accepts %s.", requested, s.version)
}

// authorized checks the bearer token in constant time.
func (s *Simulator) authorized(r *http.Request) bool {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" {
		return false
	}
	if s.token == "" {
		return true
	}
	return subtle.ConstantTimeCompare([]byte(token), []byte(s.token)) == 1
}

func (s *Simulator) countCall(endpoint string) {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.calls[endpoint]++
}

// Calls returns the number of API requests per endpoint pattern, for
// example "POST /v2/orders/search" or "GET /v2/customers/{customer_id}".
// Requests that failed, including injected faults, are counted.
func (s *Simulator) Calls() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()

	return maps.Clone(s.calls)
}
