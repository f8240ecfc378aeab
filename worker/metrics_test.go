package main

import (
	"io"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"

	"github.com/stonecity/sync/metrics"
)

func TestStartMetricsServesSyncSeries(t *testing.T) {
	_, srv, err := startMetrics("127.0.0.1:0", zap.NewNop())
	require.NoError(t, err)
	stopped := false
	defer func() {
		if !stopped {
			stopMetrics(srv, zap.NewNop())
		}
	}()

	resp, err := http.Get(srv.URL())
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)

	require.Equal(t, http.StatusOK, resp.StatusCode)
	for _, kind := range syncKinds {
		assert.Contains(t, string(body),
			metrics.RunsTotal+`{status="failed",sync="`+kind+`"} 0`+"\n", "series of %s at zero", kind)
	}
	stopMetrics(srv, zap.NewNop())
	stopped = true
	_, err = http.Get(srv.URL())
	assert.Error(t, err, "nothing listens after stopMetrics")
}
