package metrics_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/stonecity/sync/metrics"
	"github.com/stonecity/sync/workflows"
)

// ruleFile is the part of a Prometheus rules file the test checks.
type ruleFile struct {
	Groups []struct {
		Name  string `yaml:"name"`
		Rules []rule `yaml:"rules"`
	} `yaml:"groups"`
}

type rule struct {
	Alert       string            `yaml:"alert"`
	Expr        string            `yaml:"expr"`
	For         string            `yaml:"for"`
	Labels      map[string]string `yaml:"labels"`
	Annotations map[string]string `yaml:"annotations"`
}

func loadRules(t *testing.T) []rule {
	t.Helper()
	data, err := os.ReadFile("alerts.yml")
	require.NoError(t, err)
	var f ruleFile
	decoder := yaml.NewDecoder(strings.NewReader(string(data)))
	decoder.KnownFields(true)
	require.NoError(t, decoder.Decode(&f))
	require.NotEmpty(t, f.Groups)
	var rules []rule
	for _, g := range f.Groups {
		require.NotEmpty(t, g.Name)
		rules = append(rules, g.Rules...)
	}
	return rules
}

func TestAlertRulesNames(t *testing.T) {
	names := map[string]bool{}
	for _, r := range loadRules(t) {
		names[r.Alert] = true
	}

	for _, want := range []string{
		"StoneCitySyncRunFailed", "StoneCitySyncFailedRecords",
		"StoneCitySyncRunSlow", "StoneCitySyncNoRecentSuccess",
	} {
		assert.True(t, names[want], "alert %s defined", want)
	}
}

func TestAlertRulesAreComplete(t *testing.T) {
	for i, r := range loadRules(t) {
		t.Run(r.Alert, func(t *testing.T) {
			assert.NotEmpty(t, r.Alert, "rule %d has an alert name", i)
			assert.NotEmpty(t, strings.TrimSpace(r.Expr))
			assert.Contains(t, []string{"critical", "warning"}, r.Labels["severity"])
			assert.NotEmpty(t, r.Annotations["summary"])
			assert.Contains(t, r.Annotations["description"], "SyncKind = ",
				"the description says how to find the runs in the Web UI")
			assert.Equal(t, strings.Count(r.Expr, "("), strings.Count(r.Expr, ")"), "balanced parentheses")
			assert.Equal(t, strings.Count(r.Expr, "["), strings.Count(r.Expr, "]"), "balanced brackets")
		})
	}
}

var metricName = regexp.MustCompile(`\bstonecity_[a-z_]+`)

// documentedSeries returns every series name the sync metrics expose: a
// histogram also has its _bucket, _sum and _count series.
func documentedSeries() map[string]bool {
	out := map[string]bool{}
	for _, d := range metrics.SyncMetrics {
		out[d.Name] = true
		if d.Type == "histogram" {
			for _, suffix := range []string{"_bucket", "_sum", "_count"} {
				out[d.Name+suffix] = true
			}
		}
	}
	return out
}

func TestAlertRulesUseDocumentedMetrics(t *testing.T) {
	documented := documentedSeries()
	used := map[string]bool{}
	for _, r := range loadRules(t) {
		text := r.Expr + " " + r.Annotations["description"]
		for _, name := range metricName.FindAllString(text, -1) {
			used[name] = true
			assert.True(t, documented[name], "%s in alert %s is a documented metric", name, r.Alert)
		}
	}
	assert.NotEmpty(t, used)
}

func TestAlertRulesCoverEveryScheduledSync(t *testing.T) {
	scheduled := []string{
		workflows.OrderSyncKind, workflows.CustomerSyncKind, workflows.QuoteSyncKind, workflows.ProductSyncKind,
	}
	var stale []rule
	for _, r := range loadRules(t) {
		if r.Alert == "StoneCitySyncNoRecentSuccess" {
			stale = append(stale, r)
		}
	}
	require.Len(t, stale, 1)

	expr := stale[0].Expr
	assert.Contains(t, expr, `sync=~"`+strings.Join(scheduled, "|")+`"`)
	assert.Contains(t, expr, "> 26 * 3600")
	for _, kind := range scheduled {
		assert.Contains(t, expr, `absent_over_time(`+metrics.LastSuccessTimestamp+`{sync="`+kind+`"}[26h])`)
	}
}
