package main

import (
	"bytes"
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/config"
)

func TestParseFlagsDefaults(t *testing.T) {
	f, err := parseFlags(nil, io.Discard)

	require.NoError(t, err)
	assert.False(t, f.dev)
	assert.False(t, f.once)
	assert.Empty(t, f.reportFile)
	assert.Empty(t, f.stateDir)
	assert.Equal(t, int64(1), f.seed)
	assert.Equal(t, 0, f.orders)
	assert.Equal(t, 7233, f.temporal)
	assert.Equal(t, 8233, f.ui)
	assert.Equal(t, 8301, f.hubspot)
	assert.Equal(t, 8302, f.square)
	assert.Equal(t, 8303, f.sps)
	assert.Empty(t, f.hubspotIn)
	assert.Empty(t, f.squareIn)
	assert.Equal(t, "info", f.logLevel)
	assert.False(t, f.logJSON)
}

func TestParseFlagsDevRound(t *testing.T) {
	f, err := parseFlags([]string{
		"--dev", "--once", "--report", "r.json", "--state-dir", "./state", "--seed", "7", "--orders", "200",
		"--temporal-port", "0", "--ui-port", "-1", "--hubspot-port", "0", "--square-port", "0",
		"--sps-port", "0", "--log-level", "debug",
	}, io.Discard)

	require.NoError(t, err)
	assert.True(t, f.dev)
	assert.True(t, f.once)
	assert.Equal(t, "r.json", f.reportFile)
	assert.Equal(t, "./state", f.stateDir)
	assert.Equal(t, int64(7), f.seed)
	assert.Equal(t, 200, f.orders)
	assert.Equal(t, 0, f.temporal)
	assert.Equal(t, -1, f.ui)
	assert.Equal(t, 0, f.hubspot)
	assert.Equal(t, 0, f.square)
	assert.Equal(t, 0, f.sps)
	assert.Equal(t, "debug", f.logLevel)
}

func TestParseFlagsRepeatableLoads(t *testing.T) {
	f, err := parseFlags([]string{
		"--dev", "--hubspot-load", "portal.json", "--square-load", "orders.json",
		"--hubspot-load", "more contacts.json", "--square-load=customers.json",
	}, io.Discard)

	require.NoError(t, err)
	assert.Equal(t, fileList{"portal.json", "more contacts.json"}, f.hubspotIn)
	assert.Equal(t, fileList{"orders.json", "customers.json"}, f.squareIn)
	assert.Equal(t, "portal.json,more contacts.json", f.hubspotIn.String())
}

func TestParseFlagsDevOnlyFlagWithoutDev(t *testing.T) {
	values := map[string][]string{
		"once": {"--once"}, "report": {"--report", "r.json"}, "state-dir": {"--state-dir", "s"},
		"seed": {"--seed", "2"}, "orders": {"--orders", "10"}, "temporal-port": {"--temporal-port", "7300"},
		"ui-port": {"--ui-port", "-1"}, "hubspot-port": {"--hubspot-port", "0"},
		"square-port": {"--square-port", "0"}, "sps-port": {"--sps-port", "0"},
		"s3-port":      {"--s3-port", "0"},
		"gateway-port": {"--gateway-port", "0"},
		"metrics-port": {"--metrics-port", "-1"},
		"hubspot-load": {"--hubspot-load", "a.json"},
		"square-load":  {"--square-load", "b.json"},
	}
	require.Len(t, values, len(devOnlyFlags), "every --dev flag has a case")
	for name, args := range values {
		t.Run(name, func(t *testing.T) {
			require.True(t, devOnlyFlags[name])

			_, err := parseFlags(args, io.Discard)

			require.Error(t, err)
			assert.Equal(t, "--"+name+" needs --dev", err.Error())
		})
	}
}

func TestParseFlagsNamesEveryMisplacedFlag(t *testing.T) {
	_, err := parseFlags([]string{"--state-dir", "s", "--once", "--report", "r.json"}, io.Discard)

	require.Error(t, err)
	assert.Equal(t, "--once, --report, --state-dir need --dev", err.Error())
}

func TestParseFlagsProductionFlags(t *testing.T) {
	f, err := parseFlags([]string{"--log-level", "warn", "--log-json"}, io.Discard)

	require.NoError(t, err)
	assert.False(t, f.dev)
	assert.Equal(t, "warn", f.logLevel)
	assert.True(t, f.logJSON)
}

func TestParseFlagsRejectsOutOfRange(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"temporal port too high", []string{"--temporal-port", "70000"}, "invalid --temporal-port 70000: use a port from 0 to 65535"},
		{"temporal port negative", []string{"--temporal-port", "-1"}, "invalid --temporal-port -1: use a port from 0 to 65535"},
		{"ui port below -1", []string{"--ui-port", "-2"}, "invalid --ui-port -2: use a port from -1 to 65535"},
		{"hubspot port too high", []string{"--hubspot-port", "65536"}, "invalid --hubspot-port 65536"},
		{"square port negative", []string{"--square-port", "-5"}, "invalid --square-port -5"},
		{"sps port too high", []string{"--sps-port", "100000"}, "invalid --sps-port 100000"},
		{"sps on square port", []string{"--sps-port", "8302"}, "--square-port and --sps-port are both 8302"},
		{"negative orders", []string{"--orders", "-1"}, "invalid --orders -1"},
		{"same port twice", []string{"--hubspot-port", "9000", "--square-port", "9000"},
			"--hubspot-port and --square-port are both 9000"},
		{"ui on frontend port", []string{"--temporal-port", "8233"}, "--temporal-port and --ui-port are both 8233"},
		{"metrics port below -1", []string{"--metrics-port", "-2"}, "invalid --metrics-port -2: use a port from -1 to 65535"},
		{"metrics on gateway port", []string{"--metrics-port", "8305"}, "--gateway-port and --metrics-port are both 8305"},
		{"not a number", []string{"--orders", "many"}, `invalid value "many" for flag -orders`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseFlags(append([]string{"--dev"}, tc.args...), io.Discard)

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestParseFlagsFreePortsMayRepeat(t *testing.T) {
	_, err := parseFlags([]string{"--dev", "--temporal-port", "0", "--hubspot-port", "0", "--square-port", "0"}, io.Discard)

	assert.NoError(t, err)
}

func TestParseFlagsRejectsArguments(t *testing.T) {
	_, err := parseFlags([]string{"--dev", "once"}, io.Discard)

	require.Error(t, err)
	assert.Equal(t, `unexpected argument "once": the worker takes only flags`, err.Error())
}

func TestParseFlagsUnknownFlagPrintsUsage(t *testing.T) {
	var out bytes.Buffer

	_, err := parseFlags([]string{"--bogus"}, &out)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "flag provided but not defined: -bogus")
	assert.Contains(t, out.String(), "Usage: worker")
}

func TestParseFlagsHelpListsEnvironment(t *testing.T) {
	var out bytes.Buffer

	_, err := parseFlags([]string{"-h"}, &out)

	require.ErrorIs(t, err, flag.ErrHelp)
	help := out.String()
	assert.Contains(t, help, "-hubspot-load")
	assert.Contains(t, help, "(repeatable)")
	for _, v := range config.Variables {
		assert.Contains(t, help, v.Name)
	}
	assert.True(t, strings.Index(help, "Environment (production):") > strings.Index(help, "-square-port"))
}
