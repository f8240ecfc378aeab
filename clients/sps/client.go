// Package sps is a typed client for the Stone Profits (SPS) ERP API:
// login, customer, quote and product queries with paging, single
// customer and quote reads, and the proposed customer and quote creates.
//
// SPS publishes no API documentation. The wire shapes the client assumes
// (login response, query bodies, page envelope, error body) are kept in
// wire.go, and the endpoint paths in Paths, so they are easy to change.
//
// The client logs in with a username, password and authorized number and
// caches the bearer token until shortly before it expires. A 401 on a /v2
// call makes it log in again once and repeat the call once. That is the
// only repeat it makes. Every other failure is returned as an *Error with
// a Retryable flag, because the calling Temporal activity owns retries.
// Each HTTP attempt is recorded with the apicalls package.
//
// The password, the authorized number and the token are masked in every
// error, also where the server echoes them verbatim or JSON-escaped, and
// Client and Config print without them. Redirects are never followed,
// because every request carries credentials.
package sps

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// DefaultTimeout is the timeout of the HTTP client used when
// Config.HTTPClient is nil. SPS takes a few hundred ms per page, and much
// longer under load.
const DefaultTimeout = 60 * time.Second

// Config configures a Client. BaseURL, Username, Password and
// AuthorizedNumber are required. A Config prints without its credentials
// when formatted itself, but fmt prints the fields of a Config held in an
// unexported struct field, so pass it to New and do not keep it.
type Config struct {
	// BaseURL is the API origin, for example https://api.stoneprofits.com
	// or a simulator's URL. It has no default.
	BaseURL string
	// Username is the API user. It is not secret, but is never printed.
	Username string
	// Password is the API user's password. It is secret: it never
	// appears in an error or in the printed Config or Client.
	Password string
	// AuthorizedNumber is the tenant's authorized number, secret like
	// Password.
	AuthorizedNumber string
	// HTTPClient sends the requests, and nil means a client with
	// DefaultTimeout. The Client uses a copy that never follows
	// redirects, whatever CheckRedirect the given client sets.
	HTTPClient *http.Client
	// Paths are the endpoint paths. Empty fields take DefaultPaths.
	Paths Paths
}

// Paths are the endpoint paths of the SPS API, relative to BaseURL.
// Customer and Quote contain "{id}", which is replaced by the record id.
// CreateCustomer and CreateQuote are the proposed create endpoints, which
// share their paths with the queries until SPS documents its own.
type Paths struct {
	Login          string
	Customers      string
	Customer       string
	Quotes         string
	Quote          string
	Products       string
	CreateCustomer string
	CreateQuote    string
}

// DefaultPaths returns the paths Stone City's integration uses. Products
// is an assumed path. Customers and Quotes also take the proposed create
// bodies, which SPS has not shipped and may put elsewhere.
func DefaultPaths() Paths {
	return Paths{
		Login:     "/v1/token/loginv1",
		Customers: "/v2/Customers",
		Customer:  "/v2/Customers/{id}",
		Quotes:    "/v2/Quotes",
		Quote:     "/v2/Quotes/{id}",
		Products:  "/v2/Products",
		// Proposed endpoints: SPS has not shipped them.
		CreateCustomer: "/v2/Customers",
		CreateQuote:    "/v2/Quotes",
	}
}

// withDefaults fills empty paths from DefaultPaths, makes every path
// start with one "/", and checks that Customer and Quote contain "{id}".
func (p Paths) withDefaults() (Paths, error) {
	defaults := DefaultPaths()
	fields := []struct {
		name     string
		value    *string
		fallback string
		needsID  bool
	}{
		{"Login", &p.Login, defaults.Login, false},
		{"Customers", &p.Customers, defaults.Customers, false},
		{"Customer", &p.Customer, defaults.Customer, true},
		{"Quotes", &p.Quotes, defaults.Quotes, false},
		{"Quote", &p.Quote, defaults.Quote, true},
		{"Products", &p.Products, defaults.Products, false},
		{"CreateCustomer", &p.CreateCustomer, defaults.CreateCustomer, false},
		{"CreateQuote", &p.CreateQuote, defaults.CreateQuote, false},
	}
	for _, field := range fields {
		if strings.TrimSpace(*field.value) == "" {
			*field.value = field.fallback
		}
		*field.value = "/" + strings.TrimLeft(strings.TrimSpace(*field.value), "/")
		if field.needsID && !strings.Contains(*field.value, "{id}") {
			return p, fmt.Errorf("sps: Config.Paths.%s %q has no {id} placeholder", field.name, *field.value)
		}
	}
	return p, nil
}

// String describes the Config without its credentials.
func (c Config) String() string {
	return fmt.Sprintf("sps.Config{BaseURL: %q, Username: %s, Password: %s, AuthorizedNumber: %s, Paths: %+v}",
		c.BaseURL, mask(c.Username), mask(c.Password), mask(c.AuthorizedNumber), c.Paths)
}

// GoString is String, so %#v prints no credentials either.
func (c Config) GoString() string { return c.String() }

// Format prints String for every verb, so no verb prints a credential.
func (c Config) Format(f fmt.State, _ rune) { fmt.Fprint(f, c.String()) }

// mask returns the placeholder printed in place of a credential.
func mask(value string) string {
	if value == "" {
		return "[empty]"
	}
	return "[redacted]"
}

// Client calls the SPS API. It is safe for concurrent use. Its
// credentials and token are unexported and held in closures, and it
// prints without them.
type Client struct {
	baseURL string
	paths   Paths
	http    *http.Client
	auth    *session
	now     func() time.Time
}

// New returns a Client for cfg. It returns an error when a required field
// is missing, BaseURL is not an absolute http(s) URL, or a Customer or
// Quote path lacks "{id}". It makes no request, so the first call logs in.
func New(cfg Config) (*Client, error) {
	base, err := url.Parse(cfg.BaseURL)
	if cfg.BaseURL == "" {
		return nil, errors.New("sps: Config.BaseURL is missing")
	}
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("sps: Config.BaseURL %q is not an absolute http(s) URL", cfg.BaseURL)
	}
	for _, field := range []struct{ name, value string }{
		{"Username", cfg.Username}, {"Password", cfg.Password}, {"AuthorizedNumber", cfg.AuthorizedNumber},
	} {
		if field.value == "" {
			return nil, fmt.Errorf("sps: Config.%s is missing", field.name)
		}
	}
	paths, err := cfg.Paths.withDefaults()
	if err != nil {
		return nil, err
	}

	httpClient := &http.Client{Timeout: DefaultTimeout}
	if cfg.HTTPClient != nil {
		copied := *cfg.HTTPClient
		httpClient = &copied
	}
	httpClient.CheckRedirect = stopAtRedirect

	return &Client{
		baseURL: strings.TrimRight(cfg.BaseURL, "/"),
		paths:   paths,
		http:    httpClient,
		auth:    newSession(cfg.Username, cfg.Password, cfg.AuthorizedNumber),
		now:     time.Now,
	}, nil
}

// stopAtRedirect makes the HTTP client return a redirect response as is.
// Go resends the Authorization header to a redirect target on the same
// host name, even on another port or over plain http, and a 307 or 308
// resends the login body with the password.
func stopAtRedirect(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}

// String describes the Client without its credentials or token.
func (c Client) String() string {
	return fmt.Sprintf("sps.Client{BaseURL: %q, Paths: %+v}", c.baseURL, c.paths)
}

// GoString is String, so %#v prints no credentials either.
func (c Client) GoString() string { return c.String() }

// Format prints String for every verb, so no verb prints a credential.
func (c Client) Format(f fmt.State, _ rune) { fmt.Fprint(f, c.String()) }
