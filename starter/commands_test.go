package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotschema"
	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/sandbox/dataset"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
)

const testToken = "pat-test-starter-secret"

// cleanEnv blanks every variable config.Load reads, so the defaults apply
// whatever the test process inherited; overrides are set on top.
func cleanEnv(t *testing.T, overrides map[string]string) {
	t.Helper()
	for _, v := range config.Variables {
		t.Setenv(v.Name, "")
	}
	for name, value := range overrides {
		t.Setenv(name, value)
	}
}

// run executes the starter with args and returns its stdout and error.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var out, errOut bytes.Buffer
	root := newRootCommand()
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	return out.String(), err
}

func TestRootHasDocumentedCommands(t *testing.T) {
	tests := []string{"schedules apply", "sync orders", "sync customers", "hubspot setup", "hubspot check"}
	for _, path := range tests {
		t.Run(path, func(t *testing.T) {
			cmd, rest, err := newRootCommand().Find(strings.Fields(path))

			require.NoError(t, err)
			assert.Empty(t, rest)
			assert.Equal(t, "starter "+path, cmd.CommandPath())
			assert.NotNil(t, cmd.RunE)
		})
	}
}

func TestSetupCommandResolves(t *testing.T) {
	words := strings.Fields(hubspotschema.SetupCommand)
	require.Equal(t, []string{"go", "run", "./starter"}, words[:3])

	cmd, rest, err := newRootCommand().Find(words[3:])

	require.NoError(t, err)
	assert.Empty(t, rest)
	assert.Equal(t, "starter hubspot setup", cmd.CommandPath())
}

func TestSyncOrdersFlags(t *testing.T) {
	cmd, _, err := newRootCommand().Find([]string{"sync", "orders"})
	require.NoError(t, err)

	for _, name := range []string{"since", "until", "lookback-hours", "no-wait"} {
		assert.NotNil(t, cmd.Flags().Lookup(name), "--%s", name)
	}
}

func TestSyncOrdersBadFlagFailsBeforeDialing(t *testing.T) {
	// Nothing listens on port 1, so dialing first would fail with a
	// connection error instead of the flag error.
	cleanEnv(t, map[string]string{"TEMPORAL_ADDRESS": "127.0.0.1:1"})
	tests := []struct {
		name string
		args []string
		want string
	}{
		{name: "since", args: []string{"--since", "last week"}, want: `invalid --since "last week"`},
		{name: "until", args: []string{"--until", "2026-13-01T00:00:00Z"}, want: "invalid --until"},
		{name: "window", args: []string{"--since", "2026-12-02T00:00:00Z", "--until", "2026-12-01T00:00:00Z"},
			want: "invalid window"},
		{name: "lookback", args: []string{"--lookback-hours", "-3"}, want: "invalid --lookback-hours -3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run(t, append([]string{"sync", "orders"}, tc.args...)...)

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestSyncOrdersInvalidConfiguration(t *testing.T) {
	cleanEnv(t, map[string]string{"ORDER_LOOKBACK_HOURS": "four days"})

	_, err := run(t, "sync", "orders")

	require.Error(t, err)
	assert.Contains(t, err.Error(), "ORDER_LOOKBACK_HOURS")
}

func TestRejectsExtraArguments(t *testing.T) {
	cleanEnv(t, nil)

	_, err := run(t, "hubspot", "check", "now")

	require.Error(t, err)
	assert.Contains(t, err.Error(), "unknown command")
}

func TestHubSpotCommandsNeedToken(t *testing.T) {
	for _, sub := range []string{"setup", "check"} {
		t.Run(sub, func(t *testing.T) {
			cleanEnv(t, map[string]string{"SQUARE_ACCESS_TOKEN": "sq-secret"})

			_, err := run(t, "hubspot", sub)

			require.Error(t, err)
			assert.Equal(t, "missing credentials: set HUBSPOT_TOKEN in the environment", err.Error())
		})
	}
}

// startSimulator serves a HubSpot simulator with Stone City's pipelines
// and points the starter's environment at it.
func startSimulator(t *testing.T) *hubsim.Simulator {
	t.Helper()
	sim := hubsim.New(hubsim.Options{Token: testToken})
	require.NoError(t, sim.LoadPortal(hubsim.Portal{Pipelines: dataset.PortalPipelines(config.DefaultHubSpotPortal())}))
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	cleanEnv(t, map[string]string{"HUBSPOT_BASE_URL": srv.URL, "HUBSPOT_TOKEN": testToken})
	return sim
}

func TestHubSpotCheckBeforeSetup(t *testing.T) {
	startSimulator(t)

	out, err := run(t, "hubspot", "check")

	require.Error(t, err)
	assert.Contains(t, err.Error(), "deals property square_order_id is missing")
	assert.Contains(t, err.Error(), hubspotschema.SetupCommand)
	assert.NotContains(t, err.Error(), testToken)
	assert.Empty(t, out)
}

func TestHubSpotSetupThenCheck(t *testing.T) {
	startSimulator(t)

	first, err := run(t, "hubspot", "setup")
	require.NoError(t, err)
	second, err := run(t, "hubspot", "setup")
	require.NoError(t, err)
	checked, err := run(t, "hubspot", "check")
	require.NoError(t, err)

	assert.Contains(t, first, "created property deals.square_order_id\n")
	assert.Contains(t, first, "added option contacts.hs_lead_status=SQUARE_POS\n")
	assert.True(t, strings.HasSuffix(first, "HubSpot schema is ready\n"), first)
	assert.Equal(t, "HubSpot schema is ready\n", second)
	assert.Equal(t, "HubSpot schema is ready\n", checked)
}

func TestPrintReport(t *testing.T) {
	tests := []struct {
		name    string
		report  report.SyncReport
		wantErr string
	}{
		{
			name:   "succeeded",
			report: report.SyncReport{Kind: "order-sync", WorkflowID: "order-sync/w", Status: report.StatusSucceeded},
		},
		{
			name: "failed records",
			report: report.SyncReport{Kind: "order-sync", WorkflowID: "order-sync/w",
				Status: report.StatusFailedRecords, Failed: 3},
			wantErr: "order-sync order-sync/w: completed_with_failures: 3 records failed",
		},
		{
			name: "failed run",
			report: report.SyncReport{Kind: "order-sync", WorkflowID: "order-sync/w",
				Status: report.StatusFailed, Error: "HubSpot schema is not ready"},
			wantErr: "order-sync order-sync/w: failed: HubSpot schema is not ready",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer

			err := printReport(&out, tc.report)

			assert.Contains(t, out.String(), `"workflowID": "order-sync/w"`)
			assert.Contains(t, out.String(), `"status": "`+tc.report.Status+`"`)
			if tc.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, tc.wantErr, err.Error())
		})
	}
}
