package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"go.temporal.io/sdk/client"
	"go.uber.org/zap"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/logging"
	"github.com/stonecity/sync/quotegateway"
)

// shutdownTimeout bounds the drain of open requests after a stop signal.
// It exceeds the slowest card response (quotegateway.WriteTimeout).
const shutdownTimeout = 20 * time.Second

// run serves the gateway until ctx ends. It sends the listening address
// on ready, when ready is not nil, once requests can be accepted.
func run(ctx context.Context, getenv func(string) string, logger *zap.Logger, ready chan<- net.Addr) error {
	settings, err := config.Load(getenv)
	if err != nil {
		return err
	}
	qb := settings.QuoteBuilder
	if err := qb.RequireGatewaySecrets(); err != nil {
		return err
	}

	// A lazy client lets the gateway start while Temporal is still coming
	// up, and /healthz responds 503 until the frontend is reachable.
	c, err := client.NewLazyClient(client.Options{
		HostPort:  settings.Temporal.Address,
		Namespace: settings.Temporal.Namespace,
		Logger:    logging.Temporal(logger.Named("temporal")),
	})
	if err != nil {
		return fmt.Errorf("create Temporal client for %s: %w", settings.Temporal.Address, err)
	}
	defer c.Close()

	ln, err := net.Listen("tcp", qb.Addr)
	if err != nil {
		return fmt.Errorf("listen on GATEWAY_ADDR %s: %w", qb.Addr, err)
	}
	handler := quotegateway.New(quotegateway.ConfigFrom(qb), quotegateway.NewTemporalStarter(c), logger)
	return serve(ctx, quotegateway.NewServer(handler), ln, logger, qb.Enabled, ready)
}

// serve runs srv on ln until ctx ends, then shuts it down gracefully.
func serve(ctx context.Context, srv *http.Server, ln net.Listener, logger *zap.Logger, enabled bool,
	ready chan<- net.Addr) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Info("Gateway listening", zap.String("addr", ln.Addr().String()), zap.Bool("quoteBuilderEnabled", enabled))
	if ready != nil {
		ready <- ln.Addr()
	}

	select {
	case err := <-errc:
		return fmt.Errorf("serve gateway: %w", err)
	case <-ctx.Done():
	}
	logger.Info("Gateway stopping")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shut down gateway: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve gateway: %w", err)
	}
	logger.Info("Gateway stopped")
	return nil
}
