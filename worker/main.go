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
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/logging"
	"go.uber.org/zap"
)

// flags are the command-line options.
type flags struct {
	dev        bool
	once       bool
	reportFile string
	stateDir   string
	seed       int64
	orders     int
	temporal   int
	ui         int
	hubspot    int
	square     int
	hubspotIn  fileList
	squareIn   fileList
	logLevel   string
	logJSON    bool
}

// fileList is a repeatable file flag.
type fileList []string

func (f *fileList) String() string     { return strings.Join(*f, ",") }
func (f *fileList) Set(v string) error { *f = append(*f, v); return nil }

func parseFlags(args []string) (flags, error) {
	var f flags
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.BoolVar(&f.dev, "dev", false, "boot the embedded dev stack (Temporal, Web UI, simulators) and run every sync once")
	fs.BoolVar(&f.once, "once", false, "with --dev: exit after the first round; status 0 only if every run succeeded")
	fs.StringVar(&f.reportFile, "report", "", "with --dev: write the first round's reports to this file as a JSON array")
	fs.StringVar(&f.stateDir, "state-dir", "", "with --dev: keep Temporal's database and the simulators' state in this directory between runs (default: fresh temporary state)")
	fs.Int64Var(&f.seed, "seed", 1, "with --dev: seed of the generated dataset")
	fs.IntVar(&f.orders, "orders", 0, "with --dev: number of generated Square sale orders (default: the full dataset, about 1500)")
	fs.IntVar(&f.temporal, "temporal-port", 7233, "with --dev: Temporal frontend port on 127.0.0.1 (0 picks a free port)")
	fs.IntVar(&f.ui, "ui-port", 8233, "with --dev: Temporal Web UI port on 127.0.0.1 (-1 disables the UI)")
	fs.IntVar(&f.hubspot, "hubspot-port", 8301, "with --dev: HubSpot simulator port on 127.0.0.1 (0 picks a free port)")
	fs.IntVar(&f.square, "square-port", 8302, "with --dev: Square simulator port on 127.0.0.1 (0 picks a free port)")
	fs.Var(&f.hubspotIn, "hubspot-load", "with --dev: load extra HubSpot records from this JSON file before the first round (repeatable)")
	fs.Var(&f.squareIn, "square-load", "with --dev: load extra Square records from this JSON file before the first round (repeatable)")
	fs.StringVar(&f.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	fs.BoolVar(&f.logJSON, "log-json", false, "log JSON lines instead of console text (default on without --dev)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: worker [--dev [--once] [--report FILE] [--state-dir DIR]]\n\nFlags:\n")
		fs.PrintDefaults()
		fmt.Fprintf(fs.Output(), "\nEnvironment (production):\n")
		for _, v := range config.Variables {
			fmt.Fprintf(fs.Output(), "  %-28s %s\n", v.Name, v.Meaning)
		}
	}
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	if !f.dev && (f.once || f.reportFile != "" || f.stateDir != "") {
		return f, fmt.Errorf("--once, --report and --state-dir need --dev")
	}
	return f, nil
}

func main() {
	f, err := parseFlags(os.Args[1:])
	if err == flag.ErrHelp {
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
