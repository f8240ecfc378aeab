package devtemporal

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// testTimeout bounds each test's calls to the server.
const testTimeout = 30 * time.Second

// testSearchAttributes mirrors the attributes the sync workflows use.
var testSearchAttributes = map[string]enumspb.IndexedValueType{
	"SyncKind":      enumspb.INDEXED_VALUE_TYPE_KEYWORD,
	"FailedRecords": enumspb.INDEXED_VALUE_TYPE_INT,
}

// shared is one server with the Web UI and the test search attributes,
// started on first use and stopped by TestMain, so most tests pay for one
// start and one stop between them.
var shared struct {
	once   sync.Once
	server *Server
	err    error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.server != nil {
		if err := shared.server.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "stop shared server:", err)
			code = 1
		}
	}
	os.Exit(code)
}

// sharedServer returns the shared server, starting it on first use.
func sharedServer(t *testing.T) *Server {
	t.Helper()
	shared.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
		defer cancel()
		shared.server, shared.err = Start(ctx, Options{SearchAttributes: testSearchAttributes})
	})
	require.NoError(t, shared.err)

	return shared.server
}

// startServer starts a server that the test stops at cleanup.
func startServer(t *testing.T, opts Options) *Server {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()

	srv, err := Start(ctx, opts)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, srv.Stop()) })

	return srv
}

// dial connects an SDK client to srv and closes it at cleanup, which runs
// before the cleanup of a server started earlier in the same test.
func dial(t *testing.T, srv *Server) client.Client {
	t.Helper()
	c, err := client.Dial(client.Options{
		HostPort:  srv.FrontendAddress(),
		Namespace: srv.Namespace(),
		Logger:    sdklog.NewStructuredLogger(slog.New(slog.DiscardHandler)),
	})
	require.NoError(t, err)
	t.Cleanup(c.Close)

	return c
}

// runWorker starts a worker for the greeting workflow on taskQueue.
func runWorker(t *testing.T, c client.Client, taskQueue string) {
	t.Helper()
	w := worker.New(c, taskQueue, worker.Options{})
	w.RegisterWorkflow(greetWorkflow)
	w.RegisterActivity(greetActivity)
	require.NoError(t, w.Start())
	t.Cleanup(w.Stop)
}

func greetWorkflow(ctx workflow.Context, name string) (string, error) {
	ctx = workflow.WithActivityOptions(ctx,
		workflow.ActivityOptions{StartToCloseTimeout: 10 * time.Second})
	var greeting string
	err := workflow.ExecuteActivity(ctx, greetActivity, name).Get(ctx, &greeting)

	return greeting, err
}

func greetActivity(_ context.Context, name string) (string, error) {
	return "hello " + name, nil
}

// runGreeting runs greetWorkflow with id on taskQueue and returns its result.
func runGreeting(t *testing.T, c client.Client, taskQueue, id, name string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()

	run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: taskQueue},
		greetWorkflow, name)
	require.NoError(t, err)
	var greeting string
	require.NoError(t, run.Get(ctx, &greeting))

	return greeting
}

func testContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)

	return ctx
}
