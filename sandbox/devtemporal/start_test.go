package devtemporal

import (
	"context"
	"net"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"
)

func TestStartFailsOnTakenPort(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	takenPort := l.Addr().(*net.TCPAddr).Port

	cases := []struct {
		name      string
		opts      Options
		wantField string
	}{
		{name: "frontend port", opts: Options{FrontendPort: takenPort, UIPort: NoUI}, wantField: "FrontendPort"},
		{name: "UI port", opts: Options{UIPort: takenPort}, wantField: "UIPort"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, err := Start(testContext(t), tc.opts)
			if srv != nil {
				require.NoError(t, srv.Stop())
			}

			require.Error(t, err)
			assert.Contains(t, err.Error(), "port "+strconv.Itoa(takenPort)+" on 127.0.0.1 is not free")
			assert.Contains(t, err.Error(), tc.wantField)
		})
	}
}

func TestStartWithFixedPorts(t *testing.T) {
	t.Parallel()
	frontend, err := FreePort("127.0.0.1")
	require.NoError(t, err)
	ui, err := FreePort("127.0.0.1")
	require.NoError(t, err)
	releasePorts("127.0.0.1", frontend, ui)

	srv := startServer(t, Options{FrontendPort: frontend, UIPort: ui})

	assert.Equal(t, "127.0.0.1:"+strconv.Itoa(frontend), srv.FrontendAddress())
	assert.Equal(t, "http://127.0.0.1:"+strconv.Itoa(ui), srv.UIURL())
}

func TestStartRejectsCancelledContext(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	srv, err := Start(ctx, Options{UIPort: NoUI})
	if srv != nil {
		require.NoError(t, srv.Stop())
	}

	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestStartRejectsTraceExport(t *testing.T) {
	t.Setenv("OTEL_TRACES_EXPORTER", "otlp")

	srv, err := Start(context.Background(), Options{UIPort: NoUI})

	require.Error(t, err)
	assert.Nil(t, srv)
	assert.Contains(t, err.Error(), `OTEL_TRACES_EXPORTER="otlp"`)
}

// TestStopReleasesMostGoroutines runs without t.Parallel so that no other
// server starts or stops while it counts goroutines.
func TestStopReleasesMostGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()

	srv, err := Start(testContext(t), Options{})
	require.NoError(t, err)
	running := runtime.NumGoroutine()
	require.NoError(t, srv.Stop())

	// The server leaves about 110 goroutines behind per stopped instance
	// (system-worker pollers of go.temporal.io/server v1.32.1), measured
	// while a running one holds about 3,000. 250 leaves room for timing.
	const leftoverLimit = 250
	assert.Greater(t, running-before, leftoverLimit, "a running server should hold many goroutines")
	assert.Eventually(t, func() bool {
		return runtime.NumGoroutine()-before <= leftoverLimit
	}, 10*time.Second, 50*time.Millisecond)
}

// TestStartRetriesTakenPort takes one server port between the pick and the
// bind on the first attempt. It sets a package hook, so it runs without
// t.Parallel.
func TestStartRetriesTakenPort(t *testing.T) {
	cases := []struct {
		name string
		port func(servicePorts) int
	}{
		{name: "frontend gRPC", port: func(p servicePorts) int { return p.frontend }},
		{name: "frontend HTTP", port: func(p servicePorts) int { return p.frontendHTTP }},
		// Matching and worker bind through the same code as history.
		{name: "history", port: func(p servicePorts) int { return p.history }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var attempts []int
			afterPortsChosen = func(attempt int, ports servicePorts) {
				attempts = append(attempts, attempt)
				if attempt == 1 {
					squatter, err := net.Listen("tcp", hostPort("127.0.0.1", tc.port(ports)))
					require.NoError(t, err)
					t.Cleanup(func() { _ = squatter.Close() })
				}
			}
			t.Cleanup(func() { afterPortsChosen = nil })

			core, logs := observer.New(zap.WarnLevel)
			srv := startServer(t, Options{UIPort: NoUI, Logger: zap.New(core)})
			c := dial(t, srv)
			runWorker(t, c, "retry")

			retries := logs.FilterMessage("devtemporal: port taken during start, retrying with new ports").All()
			require.Len(t, retries, 1)
			assert.Contains(t, retries[0].ContextMap()["error"], "port already in use")
			assert.Equal(t, []int{1, 2}, attempts)
			assert.Equal(t, "hello retry", runGreeting(t, c, "retry", "retry-1", "retry"))
		})
	}
}
