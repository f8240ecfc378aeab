package main

import (
	"context"
	"fmt"
	"time"

	"go.uber.org/zap"

	"github.com/stonecity/sync/metrics"
	"github.com/stonecity/sync/workflows"
)

// syncKinds are the kinds whose run metrics exist at zero from the start,
// so the alert rules see a kind's first failure.
var syncKinds = []string{
	workflows.OrderSyncKind, workflows.CustomerSyncKind, workflows.QuoteSyncKind,
	workflows.RematchQuotesKind, workflows.ProductSyncKind,
}

// metricsShutdownTimeout bounds how long stopping the metrics server waits
// for a scrape in progress.
const metricsShutdownTimeout = 5 * time.Second

// startMetrics creates the metrics handler, with the sync series at zero,
// and serves it on addr until stopMetrics.
func startMetrics(addr string, logger *zap.Logger) (*metrics.Handler, *metrics.Server, error) {
	h, err := metrics.New(metrics.Options{Logger: logger.Named("metrics")})
	if err != nil {
		return nil, nil, fmt.Errorf("create metrics handler: %w", err)
	}
	h.InitSyncSeries(syncKinds...)
	srv, err := metrics.Listen(addr, h, logger)
	if err != nil {
		return nil, nil, err
	}
	logger.Info("Metrics served", zap.String("url", srv.URL()))
	return h, srv, nil
}

// stopMetrics shuts the metrics server down and logs a failure to do so.
func stopMetrics(srv *metrics.Server, logger *zap.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), metricsShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		logger.Warn("Metrics server did not stop cleanly", zap.String("addr", srv.Addr()), zap.Error(err))
	}
}
