// Package square is the sync's Square client: a thin layer over the
// official square-go-sdk v1.5.0 that reads completed orders, customers,
// locations and catalog objects, and writes catalog objects.
//
// The client never retries, because Temporal retries the activity. Every
// failure of Square's API comes back as *Error, which reports whether a
// retry can help and how long Square asked the caller to wait. Every HTTP attempt is counted
// with apicalls.Record on the call's context.
package square

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/square/square-go-sdk/client"
	"github.com/square/square-go-sdk/core"
	"github.com/square/square-go-sdk/option"
)

// Square's base URLs, for Config.BaseURL.
const (
	ProductionBaseURL = "https://connect.squareup.com"
	SandboxBaseURL    = "https://connect.squareupsandbox.com"
)

// DefaultSquareVersion is the API version sent when Config.SquareVersion
// is empty: the version square-go-sdk v1.5.0 was generated for.
const DefaultSquareVersion = "2025-05-21"

// defaultTimeout bounds one HTTP attempt when Config.HTTPClient is nil.
const defaultTimeout = 30 * time.Second

// Limits of Square's API that the client splits requests by.
const (
	// MaxLocationsPerSearch is SearchOrders' limit of location_ids.
	MaxLocationsPerSearch = 10
	// MaxOrdersPerPage is SearchOrders' largest page.
	MaxOrdersPerPage = 1000
	// MaxCustomersPerBulk is BulkRetrieveCustomers' limit of ids.
	MaxCustomersPerBulk = 100
	// maxCatalogPerBatch caps object_ids per BatchRetrieveCatalogObjects
	// call, matching the 1,000-object limit of Square's catalog batches.
	maxCatalogPerBatch = 1000
)

// Config configures a Client.
type Config struct {
	// BaseURL is the API root, for example ProductionBaseURL or a
	// simulator's URL. It is required, so that no test reaches Square by
	// default.
	BaseURL string
	// Token is the access token sent as a bearer token. It is required,
	// so the SDK never falls back to the SQUARE_TOKEN environment
	// variable.
	Token string
	// HTTPClient sends the requests. When it is nil, a client with a
	// 30 s timeout per attempt is used.
	HTTPClient *http.Client
	// SquareVersion is pinned on every request, and empty means
	// DefaultSquareVersion. The SDK's VERSION environment variable
	// cannot override it.
	SquareVersion string
}

// Client calls Square's API. It is safe for concurrent use.
type Client struct {
	sdk *client.Client
	// callOptions go on every SDK call, because per-call options are the
	// only ones the SDK lets win over its VERSION environment variable.
	callOptions []option.RequestOption
	token       string
}

// New returns a Client. It returns an error when BaseURL is not an
// absolute http(s) URL or Token is empty.
func New(cfg Config) (*Client, error) {
	if cfg.Token == "" {
		return nil, errors.New("square client: token is required")
	}
	base, err := url.Parse(cfg.BaseURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("square client: base URL %q is not an absolute http(s) URL", cfg.BaseURL)
	}
	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = &http.Client{Timeout: defaultTimeout}
	}
	version := cfg.SquareVersion
	if version == "" {
		version = DefaultSquareVersion
	}

	callOptions := []option.RequestOption{
		option.WithToken(cfg.Token),
		// One attempt: Temporal owns retries.
		option.WithMaxAttempts(1),
		&core.VersionOption{Version: version},
	}
	sdkOptions := append([]option.RequestOption{
		// The SDK appends paths such as "/v2/locations" to the base URL.
		option.WithBaseURL(strings.TrimRight(cfg.BaseURL, "/")),
		option.WithHTTPClient(&transport{client: httpClient, token: cfg.Token}),
	}, callOptions...)
	return &Client{
		sdk:         client.NewClient(sdkOptions...),
		callOptions: callOptions,
		token:       cfg.Token,
	}, nil
}

// ListLocations returns every location of the seller, active or not.
//
// Square API: GET /v2/locations (ListLocations).
func (c *Client) ListLocations(ctx context.Context) ([]*square.Location, error) {
	const endpoint = "GET /v2/locations"
	resp, err := c.sdk.Locations.List(withEndpoint(ctx, endpoint), c.callOptions...)
	if err != nil {
		return nil, c.mapError(endpoint, err)
	}
	if len(resp.Errors) > 0 {
		return nil, c.envelopeError(endpoint, http.StatusOK, resp.Errors)
	}
	return resp.Locations, nil
}
