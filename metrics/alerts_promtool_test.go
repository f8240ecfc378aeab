package metrics_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// promtoolSeries is one input series of a promtool rule test.
type promtoolSeries struct {
	Series string `yaml:"series"`
	Values string `yaml:"values"`
}

// exprCase evaluates one alert's expression on input series at evalTime
// and expects it to fire for exactly the sync kinds in want.
type exprCase struct {
	name     string
	alert    string
	interval string
	series   []promtoolSeries
	evalTime string
	want     []string
}

// steps returns promtool's expanding notation for a counter that stays
// at value*k for 24 samples for each k in 0..n-1, then ends at last for 3
// samples: one run a day, sampled hourly.
func steps(value, n int, last int) string {
	var parts []string
	for k := range n {
		parts = append(parts, fmt.Sprintf("%dx23", value*k))
	}
	return strings.Join(append(parts, fmt.Sprintf("%dx2", last)), " ")
}

func durationSeries(sync string, runSeconds, lastRunSeconds int) []promtoolSeries {
	return []promtoolSeries{
		{Series: `stonecity_sync_run_duration_seconds_count{sync="` + sync + `"}`, Values: steps(1, 7, 7)},
		{Series: `stonecity_sync_run_duration_seconds_sum{sync="` + sync + `"}`,
			Values: steps(runSeconds, 7, 6*runSeconds+lastRunSeconds)},
	}
}

func exprCases() []exprCase {
	freshSuccess := func(sync string) promtoolSeries {
		// The value is the sample's own time: a run succeeded just now.
		return promtoolSeries{
			Series: `stonecity_sync_last_success_timestamp_seconds{sync="` + sync + `"}`, Values: "0+3600x30",
		}
	}
	return []exprCase{
		{name: "run failed", alert: "StoneCitySyncRunFailed", interval: "1m", evalTime: "5m",
			series: []promtoolSeries{
				{`stonecity_sync_runs_total{sync="order-sync",status="failed",instance="w1"}`, "0 0 0 0 0 0"},
				{`stonecity_sync_runs_total{sync="order-sync",status="failed",instance="w2"}`, "0 0 0 1 1 1"},
				{`stonecity_sync_runs_total{sync="quote-sync",status="succeeded",instance="w1"}`, "0 0 0 1 1 1"},
			},
			want: []string{"order-sync"}},
		{name: "no run failed", alert: "StoneCitySyncRunFailed", interval: "1m", evalTime: "5m",
			series: []promtoolSeries{
				{`stonecity_sync_runs_total{sync="order-sync",status="failed"}`, "0 0 0 0 0 0"},
				{`stonecity_sync_runs_total{sync="order-sync",status="succeeded"}`, "0 0 0 1 1 1"},
			}},
		{name: "failed records above 10", alert: "StoneCitySyncFailedRecords", interval: "1m", evalTime: "4m",
			series: []promtoolSeries{
				{`stonecity_sync_records_total{sync="customer-sync",outcome="failed"}`, "0 0 20 20 20"},
				{`stonecity_sync_records_total{sync="quote-sync",outcome="failed"}`, "0 0 5 5 5"},
			},
			want: []string{"customer-sync"}},
		{name: "run over twice the average", alert: "StoneCitySyncRunSlow", interval: "1h", evalTime: "169h",
			series: durationSeries("product-sync", 700, 2000), want: []string{"product-sync"}},
		{name: "run a little slower", alert: "StoneCitySyncRunSlow", interval: "1h", evalTime: "169h",
			series: durationSeries("product-sync", 700, 1000)},
		{name: "short runs never slow", alert: "StoneCitySyncRunSlow", interval: "1h", evalTime: "169h",
			series: durationSeries("order-sync", 30, 100)},
		{name: "old and missing success", alert: "StoneCitySyncNoRecentSuccess", interval: "1h", evalTime: "28h",
			series: []promtoolSeries{
				{`stonecity_sync_last_success_timestamp_seconds{sync="order-sync"}`, "0x30"},
				freshSuccess("customer-sync"), freshSuccess("quote-sync"),
			},
			want: []string{"order-sync", "product-sync"}},
		{name: "recent successes", alert: "StoneCitySyncNoRecentSuccess", interval: "1h", evalTime: "28h",
			series: []promtoolSeries{
				freshSuccess("order-sync"), freshSuccess("customer-sync"),
				freshSuccess("quote-sync"), freshSuccess("product-sync"),
			}},
	}
}

// TestAlertExpressionsWithPromtool runs each alert's expression from
// alerts.yml through `promtool test rules` on made-up series. It needs
// promtool (Debian package prometheus) on PATH.
func TestAlertExpressionsWithPromtool(t *testing.T) {
	promtool, err := exec.LookPath("promtool")
	if err != nil {
		// CI fetches promtool and sets this variable, so there the
		// expressions are always checked.
		if os.Getenv("STONECITY_REQUIRE_PROMTOOL") != "" {
			t.Fatal("promtool not on PATH, and STONECITY_REQUIRE_PROMTOOL is set")
		}
		t.Skip("promtool not on PATH; install the prometheus package to run this test")
	}
	exprs := map[string]string{}
	for _, r := range loadRules(t) {
		exprs[r.Alert] = r.Expr
	}
	rulesFile, err := filepath.Abs("alerts.yml")
	require.NoError(t, err)

	for _, tc := range exprCases() {
		t.Run(tc.name, func(t *testing.T) {
			expr, ok := exprs[tc.alert]
			require.True(t, ok, "alert %s in alerts.yml", tc.alert)
			samples := []map[string]any{}
			for _, sync := range tc.want {
				samples = append(samples, map[string]any{"labels": `{sync="` + sync + `"}`, "value": 1})
			}
			doc := map[string]any{
				"rule_files":          []string{rulesFile},
				"evaluation_interval": tc.interval,
				"tests": []map[string]any{{
					"interval":     tc.interval,
					"input_series": tc.series,
					"promql_expr_test": []map[string]any{{
						// count by (sync) turns each firing sync into one
						// sample of value 1, whatever the expression's value.
						"expr":        "count by (sync) (" + expr + ")",
						"eval_time":   tc.evalTime,
						"exp_samples": samples,
					}},
				}},
			}
			data, err := yaml.Marshal(doc)
			require.NoError(t, err)
			file := filepath.Join(t.TempDir(), "test.yml")
			require.NoError(t, os.WriteFile(file, data, 0o600))

			out, err := exec.Command(promtool, "test", "rules", file).CombinedOutput()

			require.NoError(t, err, "promtool output:\n%s", out)
		})
	}
}
