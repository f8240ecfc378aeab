package schedules

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"

	"github.com/stonecity/sync/sandbox/devtemporal"
	"github.com/stonecity/sync/workflows"
)

// testTimeout bounds each test's calls to the server.
const testTimeout = 30 * time.Second

// server is one embedded Temporal server for the package's tests, started
// by TestMain with the search attributes the sync workflows set.
var server *devtemporal.Server

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	srv, err := devtemporal.Start(ctx, devtemporal.Options{
		UIPort:           devtemporal.NoUI,
		SearchAttributes: workflows.SearchAttributeTypes,
	})
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "start embedded Temporal server:", err)
		return 1
	}
	server = srv

	code := m.Run()
	if err := srv.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "stop embedded Temporal server:", err)
		code = 1
	}
	return code
}

// dial connects a client to the shared server and closes it at cleanup.
func dial(t *testing.T) client.Client {
	t.Helper()
	c, err := client.Dial(client.Options{HostPort: server.FrontendAddress(), Namespace: server.Namespace()})
	require.NoError(t, err)
	t.Cleanup(c.Close)
	return c
}

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}
