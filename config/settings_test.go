package config

import (
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Distinct secret values, so a test can search any message for them.
const (
	hubSpotSecret     = "pat-na1-secret-0f9e8d7c-hubspot"
	squareSecret      = "EAAAsecret-square-1a2b3c4d"
	spsPasswordSecret = "sps-password-secret-77aa"
	spsNumberSecret   = "sps-authorized-secret-9900"
)

// secretValues are the secret variables with the values tests set.
var secretValues = map[string]string{
	"HUBSPOT_TOKEN":         hubSpotSecret,
	"SQUARE_ACCESS_TOKEN":   squareSecret,
	"SPS_PASSWORD":          spsPasswordSecret,
	"SPS_AUTHORIZED_NUMBER": spsNumberSecret,
	"AWS_SECRET_ACCESS_KEY": s3Secret,
	"HUBSPOT_CLIENT_SECRET": hubSpotClientSecret,
	"SPS_WEBHOOK_SECRET":    spsWebhookSecret,
}

// envOf returns a getenv over vars; unset names return "".
func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestLoadEmptyEnvironmentGivesDefaults(t *testing.T) {
	s, err := Load(envOf(nil))

	require.NoError(t, err)
	assert.Equal(t, Defaults(), s)
}

func TestDefaults(t *testing.T) {
	s := Defaults()

	assert.Equal(t, "127.0.0.1:7233", s.Temporal.Address)
	assert.Equal(t, "default", s.Temporal.Namespace)
	assert.Equal(t, "https://api.hubapi.com", s.HubSpot.BaseURL)
	assert.Empty(t, s.HubSpot.Token)
	assert.Equal(t, 190, s.HubSpot.TenSecondlyBudget)
	assert.InDelta(t, 5.0, s.HubSpot.SearchPerSecond, 0)
	assert.InDelta(t, 1.0, s.HubSpot.RateShare, 0)
	assert.Equal(t, "https://connect.squareup.com", s.Square.BaseURL)
	assert.Empty(t, s.Square.Token)
	assert.Nil(t, s.Square.LocationIDs)
	assert.Equal(t, DefaultHubSpotPortal(), s.Portal)
	assert.Equal(t, "https://api.stoneprofits.com", s.SPS.BaseURL)
	assert.Empty(t, s.SPS.Username)
	assert.Empty(t, s.SPS.Password)
	assert.Empty(t, s.SPS.AuthorizedNumber)
	assert.Equal(t, "30 11 * * *", s.Customers.Schedule)
	assert.Equal(t, 4, s.Customers.RepConcurrency)
	assert.Equal(t, "0 11 * * *", s.Orders.Schedule)
	assert.Equal(t, 96, s.Orders.LookbackHours)
	assert.Equal(t, int64(5000), s.Orders.VIPThresholdMajor)
	assert.Equal(t, time.UTC, s.Orders.TimeZone)
}

func TestDefaultHubSpotPortal(t *testing.T) {
	p := DefaultHubSpotPortal()

	assert.Equal(t, "889312001", p.SquarePipelineID)
	assert.Equal(t, "1338115383", p.SquareClosedWonStageID)
	assert.Equal(t, "895324173", p.QuotesPipelineID)
	assert.Equal(t, "1352031151", p.QuoteQuotedStageID)
	assert.Equal(t, "1352031152", p.QuoteAcceptedStageID)
	assert.Equal(t, "1352031153", p.QuoteLostStageID)
}

// overrideCase sets one variable to a value other than its default.
type overrideCase struct {
	name  string
	value string
	got   func(Settings) any
	want  any
}

func overrideCases(t *testing.T) []overrideCase {
	t.Helper()
	chicago, err := time.LoadLocation("America/Chicago")
	require.NoError(t, err)

	return append([]overrideCase{
		{"TEMPORAL_ADDRESS", "temporal.internal:7233",
			func(s Settings) any { return s.Temporal.Address }, "temporal.internal:7233"},
		{"TEMPORAL_NAMESPACE", "stonecity",
			func(s Settings) any { return s.Temporal.Namespace }, "stonecity"},
		{"HUBSPOT_TOKEN", hubSpotSecret,
			func(s Settings) any { return s.HubSpot.Token }, hubSpotSecret},
		{"HUBSPOT_BASE_URL", "http://127.0.0.1:8301",
			func(s Settings) any { return s.HubSpot.BaseURL }, "http://127.0.0.1:8301"},
		{"HUBSPOT_TEN_SECONDLY_BUDGET", "110",
			func(s Settings) any { return s.HubSpot.TenSecondlyBudget }, 110},
		{"HUBSPOT_SEARCH_PER_SECOND", "4.5",
			func(s Settings) any { return s.HubSpot.SearchPerSecond }, 4.5},
		{"HUBSPOT_RATE_SHARE", "0.25",
			func(s Settings) any { return s.HubSpot.RateShare }, 0.25},
		{"HUBSPOT_SQUARE_PIPELINE_ID", "123",
			func(s Settings) any { return s.Portal.SquarePipelineID }, "123"},
		{"HUBSPOT_SQUARE_STAGE_ID", "456",
			func(s Settings) any { return s.Portal.SquareClosedWonStageID }, "456"},
		{"SQUARE_ACCESS_TOKEN", squareSecret,
			func(s Settings) any { return s.Square.Token }, squareSecret},
		{"SQUARE_BASE_URL", "https://connect.squareupsandbox.com",
			func(s Settings) any { return s.Square.BaseURL }, "https://connect.squareupsandbox.com"},
		{"SQUARE_LOCATION_IDS", "L1,L2",
			func(s Settings) any { return s.Square.LocationIDs }, []string{"L1", "L2"}},
		{"ORDER_SYNC_SCHEDULE", "30 6 * * 1-5",
			func(s Settings) any { return s.Orders.Schedule }, "30 6 * * 1-5"},
		{"ORDER_LOOKBACK_HOURS", "25",
			func(s Settings) any { return s.Orders.LookbackHours }, 25},
		{"VIP_THRESHOLD_USD", "10000",
			func(s Settings) any { return s.Orders.VIPThresholdMajor }, int64(10000)},
		{"STORE_TIME_ZONE", "America/Chicago",
			func(s Settings) any { return s.Orders.TimeZone }, chicago},
		{"SPS_BASE_URL", "http://127.0.0.1:8303",
			func(s Settings) any { return s.SPS.BaseURL }, "http://127.0.0.1:8303"},
		{"SPS_USERNAME", "sync-bot",
			func(s Settings) any { return s.SPS.Username }, "sync-bot"},
		{"SPS_PASSWORD", spsPasswordSecret,
			func(s Settings) any { return s.SPS.Password }, spsPasswordSecret},
		{"SPS_AUTHORIZED_NUMBER", spsNumberSecret,
			func(s Settings) any { return s.SPS.AuthorizedNumber }, spsNumberSecret},
		{"SPS_CUSTOMER_CREATE_PATH", "/v3/customers",
			func(s Settings) any { return s.SPS.CustomerCreatePath }, "/v3/customers"},
		{"SPS_QUOTE_CREATE_PATH", "/v3/quotes",
			func(s Settings) any { return s.SPS.QuoteCreatePath }, "/v3/quotes"},
		{"CUSTOMER_SYNC_SCHEDULE", "0 12 * * *",
			func(s Settings) any { return s.Customers.Schedule }, "0 12 * * *"},
		{"CUSTOMER_SYNC_REP_CONCURRENCY", "8",
			func(s Settings) any { return s.Customers.RepConcurrency }, 8},
		{"QUOTE_SYNC_SCHEDULE", "15 12 * * *",
			func(s Settings) any { return s.Quotes.Schedule }, "15 12 * * *"},
		{"QUOTE_LOOKBACK_HOURS", "49",
			func(s Settings) any { return s.Quotes.LookbackHours }, 49},
	}, append(append(productOverrideCases(), quoteBuilderOverrideCases()...), metricsOverrideCases()...)...)
}

func TestLoadEachVariableOverridesDefault(t *testing.T) {
	for _, tc := range overrideCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load(envOf(map[string]string{tc.name: tc.value}))

			require.NoError(t, err)
			assert.Equal(t, tc.want, tc.got(s))
			assert.NotEqual(t, tc.got(Defaults()), tc.got(s), "the case must differ from the default")
		})
	}
}

func TestOverrideCasesCoverEveryVariable(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range overrideCases(t) {
		covered[tc.name] = true
	}

	for _, v := range Variables {
		assert.True(t, covered[v.Name], "no override case for %s", v.Name)
	}
}

func TestLoadTrimsWhitespace(t *testing.T) {
	s, err := Load(envOf(map[string]string{
		"TEMPORAL_NAMESPACE":   "  stonecity\n",
		"HUBSPOT_TOKEN":        " " + hubSpotSecret + " ",
		"ORDER_LOOKBACK_HOURS": "\t48 ",
		"HUBSPOT_RATE_SHARE":   " 0.5 ",
	}))

	require.NoError(t, err)
	assert.Equal(t, "stonecity", s.Temporal.Namespace)
	assert.Equal(t, hubSpotSecret, s.HubSpot.Token)
	assert.Equal(t, 48, s.Orders.LookbackHours)
	assert.InDelta(t, 0.5, s.HubSpot.RateShare, 0)
}

func TestLoadBlankValueKeepsDefault(t *testing.T) {
	vars := map[string]string{}
	for _, v := range Variables {
		vars[v.Name] = "  \t "
	}

	s, err := Load(envOf(vars))

	require.NoError(t, err)
	assert.Equal(t, Defaults(), s)
}

func TestLoadLocationIDs(t *testing.T) {
	tests := []struct {
		name  string
		value string
		want  []string
	}{
		{name: "one id", value: "LOC1", want: []string{"LOC1"}},
		{name: "spaces around items", value: " LOC1 , LOC2,LOC3 ", want: []string{"LOC1", "LOC2", "LOC3"}},
		{name: "empty items dropped", value: "LOC1,,LOC2,", want: []string{"LOC1", "LOC2"}},
		{name: "only commas", value: " , ,, ", want: nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load(envOf(map[string]string{"SQUARE_LOCATION_IDS": tc.value}))

			require.NoError(t, err)
			assert.Equal(t, tc.want, s.Square.LocationIDs)
		})
	}
}

func TestLoadAcceptsBoundaryValues(t *testing.T) {
	tests := []struct {
		name  string
		value string
	}{
		{name: "HUBSPOT_RATE_SHARE", value: "1"},
		{name: "HUBSPOT_RATE_SHARE", value: "0.001"},
		{name: "HUBSPOT_SEARCH_PER_SECOND", value: "1000"},
		{name: "HUBSPOT_TEN_SECONDLY_BUDGET", value: "1"},
		{name: "ORDER_LOOKBACK_HOURS", value: strconv.Itoa(MaxLookbackHours)},
		{name: "VIP_THRESHOLD_USD", value: strconv.Itoa(math.MaxInt)},
		{name: "STORE_TIME_ZONE", value: "UTC"},
		{name: "HUBSPOT_BASE_URL", value: "http://127.0.0.1:8301/"},
	}
	for _, tc := range tests {
		t.Run(tc.name+"="+tc.value, func(t *testing.T) {
			_, err := Load(envOf(map[string]string{tc.name: tc.value}))

			assert.NoError(t, err)
		})
	}
}

func TestLoadRejectsInvalidValues(t *testing.T) {
	tests := []struct {
		name     string
		variable string
		value    string
		want     string
	}{
		{"budget not a number", "HUBSPOT_TEN_SECONDLY_BUDGET", "lots", "must be a positive integer"},
		{"budget zero", "HUBSPOT_TEN_SECONDLY_BUDGET", "0", "must be a positive integer"},
		{"budget negative", "HUBSPOT_TEN_SECONDLY_BUDGET", "-10", "must be a positive integer"},
		{"budget fraction", "HUBSPOT_TEN_SECONDLY_BUDGET", "1.5", "must be a positive integer"},
		{"budget overflow", "HUBSPOT_TEN_SECONDLY_BUDGET", "99999999999999999999", "must be a positive integer"},
		{"lookback not a number", "ORDER_LOOKBACK_HOURS", "4d", "must be a positive integer"},
		{"lookback zero", "ORDER_LOOKBACK_HOURS", "0", "must be a positive integer"},
		{"lookback past duration range", "ORDER_LOOKBACK_HOURS", strconv.Itoa(MaxLookbackHours + 1), "must be at most"},
		{"vip with cents", "VIP_THRESHOLD_USD", "4999.99", "must be a positive integer"},
		{"vip with dollar sign", "VIP_THRESHOLD_USD", "$5000", "must be a positive integer"},
		{"vip zero", "VIP_THRESHOLD_USD", "0", "must be a positive integer"},
		{"search rate not a number", "HUBSPOT_SEARCH_PER_SECOND", "fast", "must be a number in (0, 1000]"},
		{"search rate zero", "HUBSPOT_SEARCH_PER_SECOND", "0", "must be a number in (0, 1000]"},
		{"search rate too high", "HUBSPOT_SEARCH_PER_SECOND", "1000.5", "must be a number in (0, 1000]"},
		{"search rate NaN", "HUBSPOT_SEARCH_PER_SECOND", "NaN", "must be a number in (0, 1000]"},
		{"share zero", "HUBSPOT_RATE_SHARE", "0", "must be a number in (0, 1]"},
		{"share negative", "HUBSPOT_RATE_SHARE", "-0.5", "must be a number in (0, 1]"},
		{"share above one", "HUBSPOT_RATE_SHARE", "1.01", "must be a number in (0, 1]"},
		{"share percent", "HUBSPOT_RATE_SHARE", "50%", "must be a number in (0, 1]"},
		{"share NaN", "HUBSPOT_RATE_SHARE", "NaN", "must be a number in (0, 1]"},
		{"share infinite", "HUBSPOT_RATE_SHARE", "+Inf", "must be a number in (0, 1]"},
		{"unknown time zone", "STORE_TIME_ZONE", "Mars/Olympus_Mons", "is not an IANA time zone"},
		{"abbreviation time zone", "STORE_TIME_ZONE", "CST", "is not an IANA time zone"},
		{"host-dependent time zone", "STORE_TIME_ZONE", "Local", "is not an IANA time zone"},
		{"url without scheme", "HUBSPOT_BASE_URL", "api.hubapi.com", "must be an absolute http or https URL"},
		{"url path only", "HUBSPOT_BASE_URL", "/crm/v3", "must be an absolute http or https URL"},
		{"url without host", "SQUARE_BASE_URL", "https://", "must be an absolute http or https URL"},
		{"url other scheme", "SQUARE_BASE_URL", "ftp://connect.squareup.com", "must be an absolute http or https URL"},
		{"url host and port only", "SQUARE_BASE_URL", "127.0.0.1:8302", "must be an absolute http or https URL"},
		{"url unparsable", "HUBSPOT_BASE_URL", "http://[::1", "must be an absolute http or https URL"},
		{"sps url without scheme", "SPS_BASE_URL", "api.stoneprofits.com", "must be an absolute http or https URL"},
		{"rep concurrency zero", "CUSTOMER_SYNC_REP_CONCURRENCY", "0", "must be a positive integer"},
		{"rep concurrency above cap", "CUSTOMER_SYNC_REP_CONCURRENCY", "51", "must be at most 50"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(envOf(map[string]string{tc.variable: tc.value}))

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.variable)
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), strconv.Quote(tc.value))
		})
	}
}

func TestLoadInvalidValueKeepsDefault(t *testing.T) {
	s, err := Load(envOf(map[string]string{
		"HUBSPOT_RATE_SHARE":   "NaN",
		"ORDER_LOOKBACK_HOURS": "-1",
		"STORE_TIME_ZONE":      "Nowhere/Nothing",
	}))

	require.Error(t, err)
	assert.InDelta(t, 1.0, s.HubSpot.RateShare, 0)
	assert.Equal(t, 96, s.Orders.LookbackHours)
	assert.Equal(t, time.UTC, s.Orders.TimeZone)
}

func TestLoadReportsEveryInvalidVariable(t *testing.T) {
	_, err := Load(envOf(map[string]string{
		"HUBSPOT_TEN_SECONDLY_BUDGET": "x",
		"HUBSPOT_RATE_SHARE":          "2",
		"STORE_TIME_ZONE":             "Nowhere/Nothing",
		"SQUARE_BASE_URL":             "squareup.com",
	}))

	require.Error(t, err)
	msg := err.Error()
	assert.True(t, strings.HasPrefix(msg, "invalid configuration: "), msg)
	assert.Contains(t, msg, "HUBSPOT_TEN_SECONDLY_BUDGET")
	assert.Contains(t, msg, "HUBSPOT_RATE_SHARE")
	assert.Contains(t, msg, "STORE_TIME_ZONE")
	assert.Contains(t, msg, "SQUARE_BASE_URL")
	assert.Equal(t, 3, strings.Count(msg, "; "))
}

func TestLoadURLErrorRedactsPassword(t *testing.T) {
	_, err := Load(envOf(map[string]string{"HUBSPOT_BASE_URL": "ftp://operator:hunter2@api.hubapi.com"}))

	require.Error(t, err)
	assert.Contains(t, err.Error(), "ftp://operator:xxxxx@api.hubapi.com")
	assert.NotContains(t, err.Error(), "hunter2")
}

func TestLoadErrorNeverContainsSecrets(t *testing.T) {
	vars := map[string]string{
		"HUBSPOT_BASE_URL":              "not a url",
		"SQUARE_BASE_URL":               "ftp://x",
		"SPS_BASE_URL":                  "sps",
		"HUBSPOT_TEN_SECONDLY_BUDGET":   "-1",
		"HUBSPOT_SEARCH_PER_SECOND":     "NaN",
		"HUBSPOT_RATE_SHARE":            "7",
		"ORDER_LOOKBACK_HOURS":          "x",
		"VIP_THRESHOLD_USD":             "0",
		"STORE_TIME_ZONE":               "Nowhere/Nothing",
		"CUSTOMER_SYNC_REP_CONCURRENCY": "1000",
	}
	for name, value := range secretValues {
		vars[name] = value
	}

	_, err := Load(envOf(vars))

	require.Error(t, err)
	for name, value := range secretValues {
		assert.NotContains(t, err.Error(), value, "value of %s", name)
	}
}

func TestSecretValuesCoverSecretVariables(t *testing.T) {
	for _, v := range Variables {
		_, listed := secretValues[v.Name]
		assert.Equal(t, strings.Contains(v.Meaning, "secret"), listed, v.Name)
	}
}

// requiredVariables returns the variables whose meaning contains "required".
func requiredVariables() []string {
	var names []string
	for _, v := range Variables {
		if strings.Contains(v.Meaning, "required") {
			names = append(names, v.Name)
		}
	}
	return names
}

// credentials returns a value for every required variable but skip.
func credentials(skip ...string) map[string]string {
	vars := map[string]string{}
	for _, name := range requiredVariables() {
		vars[name] = "set-" + strings.ToLower(name)
	}
	for name, value := range secretValues {
		vars[name] = value
	}
	for _, name := range skip {
		delete(vars, name)
	}
	return vars
}

func TestRequireCredentialsAllSet(t *testing.T) {
	s, err := Load(envOf(credentials()))
	require.NoError(t, err)

	assert.NoError(t, s.RequireCredentials())
}

func TestRequireCredentialsNamesEachMissing(t *testing.T) {
	required := requiredVariables()
	require.Subset(t, required, []string{"HUBSPOT_TOKEN", "SQUARE_ACCESS_TOKEN"})

	for _, name := range required {
		t.Run(name, func(t *testing.T) {
			s, err := Load(envOf(credentials(name)))
			require.NoError(t, err)

			err = s.RequireCredentials()

			require.Error(t, err)
			assert.Equal(t, "missing credentials: set "+name+" in the environment", err.Error())
			for secret, value := range secretValues {
				assert.NotContains(t, err.Error(), value, "value of %s", secret)
			}
		})
	}
}

func TestRequireCredentialsNamesAllMissing(t *testing.T) {
	err := Defaults().RequireCredentials()

	require.Error(t, err)
	for _, name := range requiredVariables() {
		assert.Contains(t, err.Error(), name)
	}
	assert.True(t, strings.HasPrefix(err.Error(), "missing credentials: set HUBSPOT_TOKEN and SQUARE_ACCESS_TOKEN"),
		err.Error())
}

func TestRequireCredentialsBlankTokenIsMissing(t *testing.T) {
	vars := credentials()
	vars["HUBSPOT_TOKEN"] = "   "
	vars["SQUARE_ACCESS_TOKEN"] = "\n"
	s, err := Load(envOf(vars))
	require.NoError(t, err)

	err = s.RequireCredentials()

	require.Error(t, err)
	assert.Equal(t, "missing credentials: set HUBSPOT_TOKEN and SQUARE_ACCESS_TOKEN in the environment", err.Error())
}

func TestVariablesListExactlyWhatLoadReads(t *testing.T) {
	read := map[string]bool{}
	_, err := Load(func(name string) string {
		read[name] = true
		return ""
	})
	require.NoError(t, err)

	listed := map[string]bool{}
	for _, v := range Variables {
		assert.False(t, listed[v.Name], "%s is listed twice", v.Name)
		listed[v.Name] = true
		assert.NotEmpty(t, v.Meaning, "%s has no meaning", v.Name)
		assert.True(t, read[v.Name], "Variables lists %s, which Load does not read", v.Name)
	}
	for name := range read {
		assert.True(t, listed[name], "Load reads %s, which Variables does not list", name)
	}
}

func TestREADMEDocumentsEveryVariable(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	readme := string(data)

	for _, v := range Variables {
		assert.True(t, strings.Contains(readme, "| `"+v.Name+"` |"), "README has no table row for %s", v.Name)
	}
}
