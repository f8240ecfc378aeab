package metrics

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scrape GETs url and returns the status, content type and body.
func scrape(t *testing.T, url string) (int, string, string) {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
}

func TestHTTPHandlerExposesTextFormat(t *testing.T) {
	h := newTestHandler(t)
	h.InitSyncSeries("order-sync")
	RecordRun(h.WithTags(map[string]string{"namespace": "default", "workflow_type": "OrderSync"}),
		sampleReport(), StatusSucceeded, runEnd)
	h.WithTags(map[string]string{"operation": "PollWorkflowTaskQueue"}).Counter("temporal_long_request").Inc(1)
	h.WithTags(map[string]string{"operation": "PollWorkflowTaskQueue", "status_code": "UNAVAILABLE"}).
		Counter("temporal_long_request").Inc(1)
	srv := httptest.NewServer(h.HTTPHandler())
	defer srv.Close()

	status, contentType, body := scrape(t, srv.URL)

	require.Equal(t, http.StatusOK, status)
	assert.True(t, strings.HasPrefix(contentType, "text/plain"), contentType)
	for _, line := range []string{
		`stonecity_sync_runs_total{status="succeeded",sync="order-sync"} 1`,
		`stonecity_sync_runs_total{status="failed",sync="order-sync"} 0`,
		`stonecity_sync_records_total{outcome="created",sync="order-sync"} 95`,
		`stonecity_sync_api_calls_total{service="hubspot",sync="order-sync"} 5`,
		`stonecity_sync_api_rate_limited_total{service="hubspot",sync="order-sync"} 1`,
		`stonecity_sync_last_success_timestamp_seconds{sync="order-sync"} 1.79638209e+09`,
		`stonecity_sync_run_duration_seconds_count{sync="order-sync"} 1`,
		`stonecity_sync_run_duration_seconds_bucket{sync="order-sync",le="120"} 1`,
		`temporal_long_request_total{operation="PollWorkflowTaskQueue"} 1`,
		`temporal_long_request_total{operation="PollWorkflowTaskQueue",status_code="UNAVAILABLE"} 1`,
	} {
		assert.Contains(t, body, line+"\n")
	}

	parser := expfmt.NewTextParser(model.LegacyValidation)
	parsed, err := parser.TextToMetricFamilies(strings.NewReader(body))
	require.NoError(t, err, "the body parses as the text format with legacy (pre-UTF-8) names")
	for _, d := range SyncMetrics {
		assert.Contains(t, parsed, d.Name)
	}
	assert.Contains(t, parsed, "go_goroutines", "the Go runtime collector is registered")
}

func TestServerServesMetricsPath(t *testing.T) {
	h := newTestHandler(t)
	h.InitSyncSeries("quote-sync")
	s, err := Listen("127.0.0.1:0", h, nil)
	require.NoError(t, err)
	defer s.Shutdown(context.Background()) //nolint:errcheck // shut down again below

	status, _, body := scrape(t, s.URL())
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, `stonecity_sync_runs_total{status="failed",sync="quote-sync"} 0`)

	status, _, _ = scrape(t, "http://"+s.Addr()+"/other")
	assert.Equal(t, http.StatusNotFound, status)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	require.NoError(t, s.Shutdown(ctx))
	_, err = http.Get(s.URL())
	assert.Error(t, err, "nothing listens after Shutdown")
}

func TestListenTakenPort(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer taken.Close()

	_, err = Listen(taken.Addr().String(), newTestHandler(t), nil)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "listen for metrics on "+taken.Addr().String())
}
