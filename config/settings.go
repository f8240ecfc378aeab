package config

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// Settings is the worker's and starter's configuration.
type Settings struct {
	Temporal  Temporal
	HubSpot   HubSpot
	Square    Square
	SPS       SPS
	Portal    HubSpotPortal
	Orders    Orders
	Customers Customers
	Quotes    Quotes
	Products  Products
	// QuoteBuilder is the quote builder's flag and webhook gateway.
	QuoteBuilder QuoteBuilder
	// Metrics is the worker's Prometheus endpoint.
	Metrics Metrics
}

// Quotes holds quote sync settings.
type Quotes struct {
	// Schedule is the cron expression (UTC) of the daily quote sync.
	Schedule string
	// LookbackHours is the window of modified quotes each scheduled run
	// covers.
	LookbackHours int
}

// SPS holds the Stone Profits API endpoint and credentials.
type SPS struct {
	BaseURL  string
	Username string
	// Password and AuthorizedNumber are secrets: never log them.
	Password         string
	AuthorizedNumber string
	// CustomerCreatePath and QuoteCreatePath are the paths of the proposed
	// create endpoints; "" means the client's defaults, /v2/Customers and
	// /v2/Quotes.
	CustomerCreatePath string
	QuoteCreatePath    string
}

// Customers holds customer sync settings.
type Customers struct {
	// Schedule is the cron expression (UTC) of the daily customer sync.
	Schedule string
	// RepConcurrency bounds the per-rep child workflows running at once.
	RepConcurrency int
}

// Temporal is the address and namespace of the Temporal cluster.
type Temporal struct {
	Address   string
	Namespace string
}

// HubSpot holds the HubSpot API endpoint, token and pacing budget.
type HubSpot struct {
	BaseURL string
	// Token is the private-app access token. It is a secret: never log it.
	Token string
	// TenSecondlyBudget is the account's burst limit per 10 seconds.
	TenSecondlyBudget int
	// SearchPerSecond is the account's search limit.
	SearchPerSecond float64
	// RateShare is the fraction of both budgets this process may use; set
	// it to 1/N when N workers share one HubSpot app.
	RateShare float64
}

// Square holds the Square API endpoint, token and locations.
type Square struct {
	BaseURL string
	// Token is the access token. It is a secret: never log it.
	Token       string
	LocationIDs []string
}

// Orders holds order sync settings.
type Orders struct {
	// Schedule is the cron expression (UTC) of the daily order sync.
	Schedule          string
	LookbackHours     int
	VIPThresholdMajor int64
	TimeZone          *time.Location
}

// Defaults returns the settings used when the environment sets nothing.
func Defaults() Settings {
	return Settings{
		Temporal: Temporal{Address: "127.0.0.1:7233", Namespace: "default"},
		HubSpot: HubSpot{
			BaseURL:           "https://api.hubapi.com",
			TenSecondlyBudget: 190,
			SearchPerSecond:   5,
			RateShare:         1,
		},
		Square: Square{BaseURL: "https://connect.squareup.com"},
		SPS:    SPS{BaseURL: "https://api.stoneprofits.com"},
		Customers: Customers{
			Schedule:       "30 11 * * *",
			RepConcurrency: 4,
		},
		Quotes: Quotes{Schedule: "0 12 * * *", LookbackHours: 25},
		Portal: DefaultHubSpotPortal(),
		Orders: Orders{
			Schedule:          "0 11 * * *",
			LookbackHours:     96,
			VIPThresholdMajor: 5000,
			TimeZone:          time.UTC,
		},
		Products:     defaultProducts(),
		QuoteBuilder: QuoteBuilder{Addr: DefaultGatewayAddr},
	}
}

// Variables lists every environment variable Load reads, with its meaning,
// for the README and `--help`.
var Variables = []struct{ Name, Meaning string }{
	{"TEMPORAL_ADDRESS", "Temporal frontend host:port (default 127.0.0.1:7233)"},
	{"TEMPORAL_NAMESPACE", "Temporal namespace (default \"default\")"},
	{"HUBSPOT_TOKEN", "HubSpot private-app access token (secret, required)"},
	{"HUBSPOT_BASE_URL", "HubSpot API base URL (default https://api.hubapi.com)"},
	{"HUBSPOT_TEN_SECONDLY_BUDGET", "HubSpot calls allowed per 10 s for the app (default 190, Professional)"},
	{"HUBSPOT_SEARCH_PER_SECOND", "HubSpot search calls allowed per second for the account (default 5)"},
	{"HUBSPOT_RATE_SHARE", "fraction of both HubSpot budgets one worker may use, 1/N for N workers (default 1)"},
	{"HUBSPOT_SQUARE_PIPELINE_ID", "deal pipeline of Square orders (default 889312001)"},
	{"HUBSPOT_SQUARE_STAGE_ID", "closed-won stage of that pipeline (default 1338115383)"},
	{"SQUARE_ACCESS_TOKEN", "Square access token (secret, required)"},
	{"SQUARE_BASE_URL", "Square API base URL (default https://connect.squareup.com)"},
	{"SQUARE_LOCATION_IDS", "comma-separated Square location ids to sync (default: every location)"},
	{"ORDER_SYNC_SCHEDULE", "cron expression in UTC of the order sync schedule (default \"0 11 * * *\")"},
	{"ORDER_LOOKBACK_HOURS", "hours of closed orders each scheduled order sync covers (default 96)"},
	{"VIP_THRESHOLD_USD", "order total in US dollars from which a buyer is a VIP (default 5000)"},
	{"STORE_TIME_ZONE", "IANA time zone of the store, for last_purchase_date (default UTC)"},
	{"SPS_BASE_URL", "Stone Profits API base URL (default https://api.stoneprofits.com)"},
	{"SPS_USERNAME", "Stone Profits API user name (required)"},
	{"SPS_PASSWORD", "Stone Profits API password (secret, required)"},
	{"SPS_AUTHORIZED_NUMBER", "Stone Profits authorized number (secret, required)"},
	{"SPS_CUSTOMER_CREATE_PATH", "path of the proposed SPS create-customer endpoint (default /v2/Customers)"},
	{"SPS_QUOTE_CREATE_PATH", "path of the proposed SPS create-quote endpoint (default /v2/Quotes)"},
	{"CUSTOMER_SYNC_SCHEDULE", "cron expression in UTC of the customer sync schedule (default \"30 11 * * *\")"},
	{"CUSTOMER_SYNC_REP_CONCURRENCY", "per-rep child workflows of one customer sync running at once (default 4)"},
	{"QUOTE_SYNC_SCHEDULE", "cron expression in UTC of the quote sync schedule (default \"0 12 * * *\")"},
	{"QUOTE_LOOKBACK_HOURS", "hours of modified SPS quotes each scheduled quote sync covers (default 25)"},
	{"PRODUCT_SYNC_SCHEDULE", "cron expression in UTC of the product sync schedule (default \"0 3 * * *\")"},
	{"PRODUCT_MIRROR_BUCKET", "public S3 bucket of the website's product mirror, never given a price (default: mirror not configured)"},
	{"PRODUCT_SNAPSHOT_BUCKET", "private S3 bucket of product sync's snapshot, which holds prices (default: product sync not configured)"},
	{"S3_ENDPOINT", "S3-compatible endpoint URL instead of AWS's (default: AWS)"},
	{"AWS_REGION", "AWS region of both buckets (default us-east-1)"},
	{"S3_PATH_STYLE", "true to address buckets by path, as S3-compatible servers need (default false)"},
	{"AWS_ACCESS_KEY_ID", "S3 access key id (default: the AWS SDK's credential chain)"},
	{"AWS_SECRET_ACCESS_KEY", "S3 secret access key (secret; default: the AWS SDK's credential chain)"},
	{"QUOTE_BUILDER_ENABLED", "true to serve the HubSpot deal-card routes of the webhook gateway (default false)"},
	{"HUBSPOT_CLIENT_SECRET", "HubSpot app client secret that signs deal-card requests (secret; the gateway needs it when the quote builder is enabled)"},
	{"SPS_WEBHOOK_SECRET", "key of SPS quote-status webhook signatures (secret; the gateway needs it when the quote builder is enabled)"},
	{"GATEWAY_PUBLIC_URL", "scheme and host HubSpot calls the gateway at, for example https://sync.example.com (no default)"},
	{"GATEWAY_ADDR", "listen address host:port of the webhook gateway (default 127.0.0.1:8305)"},
	{"METRICS_ADDR", "listen address host:port of the worker's Prometheus /metrics endpoint (default: no endpoint)"},
}

// Load reads the settings from getenv (os.Getenv in production) over the
// defaults. It checks values, not presence: RequireCredentials checks the
// secrets. The error lists every invalid variable with its value; the
// secrets are never part of it.
func Load(getenv func(string) string) (Settings, error) {
	s := Defaults()
	e := env{getenv: getenv}

	e.str("TEMPORAL_ADDRESS", &s.Temporal.Address)
	e.str("TEMPORAL_NAMESPACE", &s.Temporal.Namespace)
	e.str("HUBSPOT_TOKEN", &s.HubSpot.Token)
	e.str("HUBSPOT_BASE_URL", &s.HubSpot.BaseURL)
	e.positiveInt("HUBSPOT_TEN_SECONDLY_BUDGET", &s.HubSpot.TenSecondlyBudget, math.MaxInt)
	e.positiveFloat("HUBSPOT_SEARCH_PER_SECOND", &s.HubSpot.SearchPerSecond, 1000)
	e.positiveFloat("HUBSPOT_RATE_SHARE", &s.HubSpot.RateShare, 1)
	e.str("HUBSPOT_SQUARE_PIPELINE_ID", &s.Portal.SquarePipelineID)
	e.str("HUBSPOT_SQUARE_STAGE_ID", &s.Portal.SquareClosedWonStageID)
	e.str("SQUARE_ACCESS_TOKEN", &s.Square.Token)
	e.str("SQUARE_BASE_URL", &s.Square.BaseURL)
	e.list("SQUARE_LOCATION_IDS", &s.Square.LocationIDs)
	e.str("ORDER_SYNC_SCHEDULE", &s.Orders.Schedule)
	e.positiveInt("ORDER_LOOKBACK_HOURS", &s.Orders.LookbackHours, MaxLookbackHours)
	vip := int(s.Orders.VIPThresholdMajor)
	e.positiveInt("VIP_THRESHOLD_USD", &vip, math.MaxInt)
	s.Orders.VIPThresholdMajor = int64(vip)
	e.location("STORE_TIME_ZONE", &s.Orders.TimeZone)
	e.str("SPS_BASE_URL", &s.SPS.BaseURL)
	e.str("SPS_USERNAME", &s.SPS.Username)
	e.str("SPS_PASSWORD", &s.SPS.Password)
	e.str("SPS_AUTHORIZED_NUMBER", &s.SPS.AuthorizedNumber)
	e.str("SPS_CUSTOMER_CREATE_PATH", &s.SPS.CustomerCreatePath)
	e.str("SPS_QUOTE_CREATE_PATH", &s.SPS.QuoteCreatePath)
	e.str("CUSTOMER_SYNC_SCHEDULE", &s.Customers.Schedule)
	e.positiveInt("CUSTOMER_SYNC_REP_CONCURRENCY", &s.Customers.RepConcurrency, 50)
	e.str("QUOTE_SYNC_SCHEDULE", &s.Quotes.Schedule)
	e.positiveInt("QUOTE_LOOKBACK_HOURS", &s.Quotes.LookbackHours, MaxLookbackHours)
	e.loadProducts(&s.Products)
	e.loadQuoteBuilder(&s.QuoteBuilder)
	e.loadMetrics(&s.Metrics)
	e.checkURL("SPS_BASE_URL", s.SPS.BaseURL)
	e.checkURL("HUBSPOT_BASE_URL", s.HubSpot.BaseURL)
	e.checkURL("SQUARE_BASE_URL", s.Square.BaseURL)

	if len(e.errs) > 0 {
		return s, fmt.Errorf("invalid configuration: %s", strings.Join(e.errs, "; "))
	}
	return s, nil
}

// RequireCredentials returns an error naming every missing secret.
func (s Settings) RequireCredentials() error {
	var missing []string
	if s.HubSpot.Token == "" {
		missing = append(missing, "HUBSPOT_TOKEN")
	}
	if s.Square.Token == "" {
		missing = append(missing, "SQUARE_ACCESS_TOKEN")
	}
	for _, v := range []struct{ name, value string }{
		{"SPS_USERNAME", s.SPS.Username}, {"SPS_PASSWORD", s.SPS.Password},
		{"SPS_AUTHORIZED_NUMBER", s.SPS.AuthorizedNumber},
	} {
		if v.value == "" {
			missing = append(missing, v.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing credentials: set %s in the environment", strings.Join(missing, " and "))
	}
	return nil
}
