package devtemporal

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"syscall"
	"time"

	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"
	"go.temporal.io/server/temporal"
)

// pollInterval is the wait between readiness probes during Start.
const pollInterval = 20 * time.Millisecond

// startServices builds and starts the four server services on ports.
// When another process took a gRPC port, the server logs a fatal listener
// error and goes on with a nil listener. When it took the HTTP port,
// NewServer returns the listen error. Both become an error wrapping errBind,
// so Start retries with other ports instead of starting a broken server.
func startServices(s settings, st store, ports servicePorts) (*Server, error) {
	logger := newServerLogger(s.logger)

	server, err := newServer(serverOptions(s, st, ports, logger))
	if fatalErr := fatalError(logger); fatalErr != nil {
		// NOTE: services built before the failure keep their listeners
		// open until the process exits, because the server offers no way
		// to close the listeners of services it never started.
		return nil, fatalErr
	}
	if errors.Is(err, syscall.EADDRINUSE) {
		// The frontend HTTP API returns its listen error instead of
		// logging it as fatal.
		return nil, fmt.Errorf("devtemporal: create server: %w: %w", errBind, err)
	}
	if err != nil {
		return nil, fmt.Errorf("devtemporal: create server: %w", err)
	}

	if err := server.Start(); err != nil {
		_ = server.Stop()
		return nil, fmt.Errorf("devtemporal: start server: %w", errors.Join(err, fatalError(logger)))
	}
	if fatalErr := fatalError(logger); fatalErr != nil {
		_ = server.Stop()
		return nil, fatalErr
	}

	return &Server{
		server:        server,
		serverLog:     logger,
		ip:            s.ip,
		namespace:     s.namespace,
		ports:         ports,
		logger:        s.logger,
		schemaCreated: st.schemaCreated,
	}, nil
}

// newServer calls temporal.NewServer and turns a panic inside it into an
// error. The frontend panics while wiring its HTTP API when its gRPC
// listener could not be created.
func newServer(opts []temporal.ServerOption) (server temporal.Server, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("devtemporal: server construction panicked: %v", r)
		}
	}()

	return temporal.NewServer(opts...)
}

// fatalError returns the server's fatal log entries as one error, wrapping
// errBind when one of them is a failed listener.
func fatalError(logger *serverLogger) error {
	messages := logger.fatalMessages()
	if len(messages) == 0 {
		return nil
	}
	joined := strings.Join(messages, "; ")
	if strings.Contains(joined, "listener") {
		return fmt.Errorf("devtemporal: server failed to listen: %w: %s", errBind, joined)
	}

	return fmt.Errorf("devtemporal: server reported a fatal error: %s", joined)
}

// awaitFrontend waits until the frontend serves DescribeNamespace for the
// registered namespace, then registers any search attribute the namespace
// still lacks.
func (srv *Server) awaitFrontend(ctx context.Context, s settings) error {
	c, err := client.DialContext(ctx, client.Options{
		HostPort:  srv.FrontendAddress(),
		Namespace: s.namespace,
		Logger:    sdklog.NewStructuredLogger(slog.New(slog.DiscardHandler)),
	})
	if err != nil {
		return fmt.Errorf("devtemporal: dial frontend %s: %w", srv.FrontendAddress(), err)
	}
	defer c.Close()

	request := &workflowservice.DescribeNamespaceRequest{Namespace: s.namespace}
	for {
		_, err := c.WorkflowService().DescribeNamespace(ctx, request)
		if err == nil {
			break
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("devtemporal: frontend %s did not describe namespace %q: %w",
				srv.FrontendAddress(), s.namespace, errors.Join(ctx.Err(), err))
		case <-time.After(pollInterval):
		}
	}

	return ensureSearchAttributes(ctx, c, s.namespace, s.searchAttributes)
}
