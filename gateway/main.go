// Command gateway serves the quote builder's webhook gateway: the HubSpot
// deal card's signed requests and SPS quote-status webhooks, turned into
// Temporal updates, queries and signals (see package quotegateway).
//
// It reads the same environment as the worker (TEMPORAL_ADDRESS,
// TEMPORAL_NAMESPACE) plus QUOTE_BUILDER_ENABLED, HUBSPOT_CLIENT_SECRET,
// SPS_WEBHOOK_SECRET, GATEWAY_PUBLIC_URL and GATEWAY_ADDR, listens until
// SIGINT or SIGTERM, and then drains open requests for up to 20 seconds.
// With the quote builder enabled it refuses to start without the secrets
// and the public URL.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"go.uber.org/zap"

	"github.com/stonecity/sync/logging"
)

func main() {
	fs := flag.NewFlagSet("gateway", flag.ContinueOnError)
	level := fs.String("log-level", "info", "log level: debug, info, warn or error")
	console := fs.Bool("log-console", false, "log console text instead of JSON lines")
	if err := fs.Parse(os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		os.Exit(2)
	}

	logger, err := logging.New(*level, *console)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gateway:", err)
		os.Exit(2)
	}
	defer logger.Sync() //nolint:errcheck // nothing useful to do if stderr is gone

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Getenv, logger, nil); err != nil {
		logger.Error("Gateway stopped with an error", zap.Error(err))
		os.Exit(1)
	}
}
