// Command worker runs the Stone City sync worker.
//
// Production: `worker` with TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and the API
// credentials in the environment (see the README) polls the task queue
// until interrupted.
//
// Development: `worker --dev` boots everything on 127.0.0.1 (embedded
// Temporal server and Web UI, HubSpot and Square simulators with a seeded
// dataset), applies the HubSpot schema and the schedules, runs every sync
// once, prints a summary and keeps running; `--once` exits after that round
// with status 0 only if every run succeeded.
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
	f, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		os.Exit(2)
	}

	logger, err := logging.New(f.logLevel, f.dev && !f.logJSON)
	if err != nil {
		fmt.Fprintln(os.Stderr, "worker:", err)
		os.Exit(2)
	}
	defer logger.Sync() //nolint:errcheck // nothing useful to do if stderr is gone

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if f.dev {
		err = runDev(ctx, f, logger)
	} else {
		err = runProduction(ctx, logger)
	}
	if err != nil {
		logger.Error("Worker stopped with an error", zap.Error(err))
		os.Exit(1)
	}
}
