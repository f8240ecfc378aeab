package devtemporal

import (
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"
)

func TestServerRunsWorkflow(t *testing.T) {
	t.Parallel()
	srv := sharedServer(t)
	c := dial(t, srv)
	runWorker(t, c, "run-workflow")

	got := runGreeting(t, c, "run-workflow", "run-workflow-1", "stone")

	assert.Equal(t, "hello stone", got)
}

func TestTwoServersAtOnce(t *testing.T) {
	t.Parallel()
	first := startServer(t, Options{UIPort: NoUI})
	second := startServer(t, Options{UIPort: NoUI})

	assert.NotEqual(t, first.FrontendAddress(), second.FrontendAddress())
	for i, srv := range []*Server{first, second} {
		c := dial(t, srv)
		runWorker(t, c, "two-servers")
		got := runGreeting(t, c, "two-servers", "same-id", fmt.Sprint("server ", i))
		assert.Equal(t, fmt.Sprint("hello server ", i), got)
	}
}

func TestServerAccessors(t *testing.T) {
	t.Parallel()
	srv := sharedServer(t)

	assert.True(t, strings.HasPrefix(srv.FrontendAddress(), "127.0.0.1:"), srv.FrontendAddress())
	assert.Equal(t, "default", srv.Namespace())
	assert.True(t, strings.HasPrefix(srv.UIURL(), "http://127.0.0.1:"), srv.UIURL())
}

func TestWebUIServesRoot(t *testing.T) {
	t.Parallel()
	srv := sharedServer(t)
	httpClient := &http.Client{Timeout: 10 * time.Second}

	resp, err := httpClient.Get(srv.UIURL() + "/")
	require.NoError(t, err)
	defer resp.Body.Close()

	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, resp.Header.Get("Content-Type"), "text/html")
}

func TestNoUIGivesEmptyURL(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Options{UIPort: NoUI, Namespace: "no-ui"})

	assert.Empty(t, srv.UIURL())
	assert.Equal(t, "no-ui", srv.Namespace())
}

func TestStopIsIdempotentAndQuick(t *testing.T) {
	t.Parallel()
	core, logs := observer.New(zap.InfoLevel)
	srv, err := Start(testContext(t), Options{Logger: zap.New(core)})
	require.NoError(t, err)

	started := time.Now()
	first := srv.Stop()
	elapsed := time.Since(started)
	second := srv.Stop()

	require.NoError(t, first)
	require.NoError(t, second)
	// The frontend drains for at least one second, and 5 s is far above a
	// normal stop while well below the server's own 5-minute stop timeout.
	assert.Less(t, elapsed, 5*time.Second)
	startedLogs := logs.FilterMessage("devtemporal: server started").All()
	require.Len(t, startedLogs, 1)
	assert.Equal(t, srv.FrontendAddress(), startedLogs[0].ContextMap()["frontendAddress"])
	assert.Equal(t, srv.UIURL(), startedLogs[0].ContextMap()["uiURL"])
	assert.Len(t, logs.FilterMessage("devtemporal: server stopped").All(), 1)
}

func TestServerOnIPv6Loopback(t *testing.T) {
	t.Parallel()
	probe, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skipf("IPv6 loopback not available: %v", err)
	}
	require.NoError(t, probe.Close())

	srv := startServer(t, Options{IP: "::1"})
	c := dial(t, srv)
	runWorker(t, c, "ipv6")
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Get(srv.UIURL() + "/")
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())

	assert.True(t, strings.HasPrefix(srv.FrontendAddress(), "[::1]:"), srv.FrontendAddress())
	assert.True(t, strings.HasPrefix(srv.UIURL(), "http://[::1]:"), srv.UIURL())
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "hello ipv6", runGreeting(t, c, "ipv6", "ipv6-1", "ipv6"))
}
