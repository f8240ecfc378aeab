package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSyncProductsCommand(t *testing.T) {
	cmd, rest, err := newRootCommand().Find(strings.Fields("sync products"))

	require.NoError(t, err)
	assert.Empty(t, rest)
	assert.Equal(t, "starter sync products", cmd.CommandPath())
	assert.NotNil(t, cmd.RunE)
	for _, name := range []string{"sinks", "no-wait"} {
		assert.NotNil(t, cmd.Flags().Lookup(name), "--%s", name)
	}
}

func TestSyncProductsFailsBeforeDialing(t *testing.T) {
	// Nothing listens on port 1, so dialing first would fail with a
	// connection error instead of the expected one.
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{name: "unknown sink", args: []string{"--sinks", "hubspot,shopify"}, want: `unknown sink "shopify"`},
		{name: "invalid configuration", env: map[string]string{"S3_PATH_STYLE": "sometimes"},
			want: "S3_PATH_STYLE must be true or false"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"TEMPORAL_ADDRESS": "127.0.0.1:1"}
			for k, v := range tc.env {
				env[k] = v
			}
			cleanEnv(t, env)

			_, err := run(t, append([]string{"sync", "products"}, tc.args...)...)

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
