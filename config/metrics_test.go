package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// metricsOverrideCases set each metrics variable to a value other than
// its default.
func metricsOverrideCases() []overrideCase {
	return []overrideCase{
		{"METRICS_ADDR", "0.0.0.0:9090",
			func(s Settings) any { return s.Metrics.Addr }, "0.0.0.0:9090"},
	}
}

func TestMetricsDefaultIsOff(t *testing.T) {
	assert.Empty(t, Defaults().Metrics.Addr)
}

func TestLoadMetricsAddr(t *testing.T) {
	tests := []struct {
		name    string
		value   string
		want    string
		wantErr string
	}{
		{name: "loopback", value: "127.0.0.1:8306", want: "127.0.0.1:8306"},
		{name: "every interface", value: ":9090", want: ":9090"},
		{name: "IPv6 loopback", value: "[::1]:9090", want: "[::1]:9090"},
		{name: "no port", value: "127.0.0.1",
			wantErr: `METRICS_ADDR must be host:port, for example 127.0.0.1:8306 or :9090, got "127.0.0.1"`},
		{name: "URL", value: "http://127.0.0.1:8306",
			wantErr: `METRICS_ADDR must be host:port, for example 127.0.0.1:8306 or :9090, got "http://127.0.0.1:8306"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load(envOf(map[string]string{"METRICS_ADDR": tc.value}))

			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, s.Metrics.Addr)
		})
	}
}
