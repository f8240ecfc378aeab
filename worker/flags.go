package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/stonecity/sync/config"
)

// maxPort is the highest TCP port number.
const maxPort = 65535

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
	sps        int
	s3         int
	gateway    int
	metrics    int
	hubspotIn  fileList
	squareIn   fileList
	logLevel   string
	logJSON    bool
}

// fileList is a repeatable file flag.
type fileList []string

func (f *fileList) String() string     { return strings.Join(*f, ",") }
func (f *fileList) Set(v string) error { *f = append(*f, v); return nil }

// devOnlyFlags are the flags that only --dev reads.
var devOnlyFlags = map[string]bool{
	"once": true, "report": true, "state-dir": true, "seed": true, "orders": true,
	"temporal-port": true, "ui-port": true, "hubspot-port": true, "square-port": true, "sps-port": true,
	"s3-port": true, "gateway-port": true, "metrics-port": true, "hubspot-load": true, "square-load": true,
}

// parseFlags parses the worker's arguments and writes usage and parse
// errors to output. It rejects ports and counts out of range, and a --dev
// flag given without --dev, because production would ignore it silently.
func parseFlags(args []string, output io.Writer) (flags, error) {
	var f flags
	fs := newFlagSet(&f, output)
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	if fs.NArg() > 0 {
		return f, fmt.Errorf("unexpected argument %q: the worker takes only flags", fs.Arg(0))
	}

	if !f.dev {
		var misplaced []string
		fs.Visit(func(fl *flag.Flag) {
			if devOnlyFlags[fl.Name] {
				misplaced = append(misplaced, "--"+fl.Name)
			}
		})
		if len(misplaced) > 0 {
			sort.Strings(misplaced)
			verb := "needs"
			if len(misplaced) > 1 {
				verb = "need"
			}
			return f, fmt.Errorf("%s %s --dev", strings.Join(misplaced, ", "), verb)
		}
	}
	return f, checkRanges(f)
}

func newFlagSet(f *flags, output io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(output)
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
	fs.IntVar(&f.sps, "sps-port", 8303, "with --dev: SPS simulator port on 127.0.0.1 (0 picks a free port)")
	fs.IntVar(&f.s3, "s3-port", 8304, "with --dev: port of the S3 server of product sync on 127.0.0.1 (0 picks a free port)")
	fs.IntVar(&f.gateway, "gateway-port", 8305, "with --dev: port of the quote builder's webhook gateway on 127.0.0.1 (0 picks a free port)")
	fs.IntVar(&f.metrics, "metrics-port", 8306, "with --dev: port of the worker's Prometheus /metrics endpoint on 127.0.0.1 (0 picks a free port, -1 disables it)")
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
	return fs
}

// checkRanges rejects ports outside 0–65535 (the UI and metrics ports
// also take -1), one fixed port given to two listeners, and a negative
// order count.
func checkRanges(f flags) error {
	ports := []struct {
		name  string
		value int
		min   int
	}{
		{"--temporal-port", f.temporal, 0},
		{"--ui-port", f.ui, -1},
		{"--hubspot-port", f.hubspot, 0},
		{"--square-port", f.square, 0},
		{"--sps-port", f.sps, 0},
		{"--s3-port", f.s3, 0},
		{"--gateway-port", f.gateway, 0},
		{"--metrics-port", f.metrics, -1},
	}
	owner := map[int]string{}
	for _, p := range ports {
		if p.value < p.min || p.value > maxPort {
			return fmt.Errorf("invalid %s %d: use a port from %d to %d", p.name, p.value, p.min, maxPort)
		}
		if p.value <= 0 {
			continue
		}
		if other, inUse := owner[p.value]; inUse {
			return fmt.Errorf("%s and %s are both %d: give each listener its own port, or 0 for a free one",
				other, p.name, p.value)
		}
		owner[p.value] = p.name
	}
	if f.orders < 0 {
		return fmt.Errorf("invalid --orders %d: use 0 for the full dataset or a positive count", f.orders)
	}
	return nil
}
