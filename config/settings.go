package config

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Settings is the worker's and starter's configuration.
type Settings struct {
	Temporal Temporal
	HubSpot  HubSpot
	Square   Square
	Portal   HubSpotPortal
	Orders   Orders
}

// Temporal says where the cluster is.
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
		Portal: DefaultHubSpotPortal(),
		Orders: Orders{
			Schedule:          "0 11 * * *",
			LookbackHours:     96,
			VIPThresholdMajor: 5000,
			TimeZone:          time.UTC,
		},
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
}

// Load reads the settings from getenv (os.Getenv in production) over the
// defaults. It checks values, not presence: Require checks the secrets.
func Load(getenv func(string) string) (Settings, error) {
	s := Defaults()
	var errs []string
	str := func(name string, dst *string) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			*dst = v
		}
	}
	num := func(name string, dst *int) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				errs = append(errs, fmt.Sprintf("%s must be a positive integer, got %q", name, v))
				return
			}
			*dst = n
		}
	}
	float := func(name string, dst *float64, max float64) {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || f <= 0 || f > max {
				errs = append(errs, fmt.Sprintf("%s must be a number in (0, %g], got %q", name, max, v))
				return
			}
			*dst = f
		}
	}

	str("TEMPORAL_ADDRESS", &s.Temporal.Address)
	str("TEMPORAL_NAMESPACE", &s.Temporal.Namespace)
	str("HUBSPOT_TOKEN", &s.HubSpot.Token)
	str("HUBSPOT_BASE_URL", &s.HubSpot.BaseURL)
	num("HUBSPOT_TEN_SECONDLY_BUDGET", &s.HubSpot.TenSecondlyBudget)
	float("HUBSPOT_SEARCH_PER_SECOND", &s.HubSpot.SearchPerSecond, 1000)
	float("HUBSPOT_RATE_SHARE", &s.HubSpot.RateShare, 1)
	str("HUBSPOT_SQUARE_PIPELINE_ID", &s.Portal.SquarePipelineID)
	str("HUBSPOT_SQUARE_STAGE_ID", &s.Portal.SquareClosedWonStageID)
	str("SQUARE_ACCESS_TOKEN", &s.Square.Token)
	str("SQUARE_BASE_URL", &s.Square.BaseURL)
	if v := strings.TrimSpace(getenv("SQUARE_LOCATION_IDS")); v != "" {
		for _, id := range strings.Split(v, ",") {
			if id = strings.TrimSpace(id); id != "" {
				s.Square.LocationIDs = append(s.Square.LocationIDs, id)
			}
		}
	}
	str("ORDER_SYNC_SCHEDULE", &s.Orders.Schedule)
	num("ORDER_LOOKBACK_HOURS", &s.Orders.LookbackHours)
	var vip int
	num("VIP_THRESHOLD_USD", &vip)
	if vip > 0 {
		s.Orders.VIPThresholdMajor = int64(vip)
	}
	if v := strings.TrimSpace(getenv("STORE_TIME_ZONE")); v != "" {
		loc, err := time.LoadLocation(v)
		if err != nil {
			errs = append(errs, fmt.Sprintf("STORE_TIME_ZONE %q is not an IANA time zone: %v", v, err))
		} else {
			s.Orders.TimeZone = loc
		}
	}
	for _, u := range []struct{ name, value string }{
		{"HUBSPOT_BASE_URL", s.HubSpot.BaseURL}, {"SQUARE_BASE_URL", s.Square.BaseURL},
	} {
		if parsed, err := url.Parse(u.value); err != nil || parsed.Scheme == "" || parsed.Host == "" {
			errs = append(errs, fmt.Sprintf("%s must be an absolute URL, got %q", u.name, u.value))
		}
	}

	if len(errs) > 0 {
		return s, fmt.Errorf("invalid configuration: %s", strings.Join(errs, "; "))
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
	if len(missing) > 0 {
		return fmt.Errorf("missing credentials: set %s in the environment", strings.Join(missing, " and "))
	}
	return nil
}
