// Package devstack boots the whole product on one machine: the embedded
// Temporal server and Web UI, the HubSpot and Square simulators seeded with
// the dev dataset, the HubSpot schema and the schedules. `worker --dev`
// and the end-to-end tests run on it. Everything listens on 127.0.0.1.
package devstack

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.uber.org/zap"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/logging"
	"github.com/stonecity/sync/sandbox/devtemporal"
	"github.com/stonecity/sync/workflows"
)

// Options configures Start.
type Options struct {
	// StateDir keeps Temporal's database and the simulators' state between
	// runs; "" uses fresh state that Stop discards.
	StateDir string
	// Seed and Now fix the generated dataset; Now zero means time.Now().
	Seed int64
	Now  time.Time
	// Orders is the number of generated sale orders; 0 means the full
	// dataset (about 1,500).
	Orders int
	// SkipSpecExamples leaves out the example orders of Square's OpenAPI
	// spec.
	SkipSpecExamples bool
	// SPSCustomers and SPSQuotes size the SPS part of the dataset; 0 means
	// the full dataset.
	SPSCustomers int
	SPSQuotes    int
	// SPSProducts sizes the SPS product catalogue. 0 means the full
	// dataset (about 11,800 products).
	SPSProducts int
	// SPSPageLatency is added to every SPS query page, as the real service
	// takes a few hundred milliseconds per page; 0 adds none.
	SPSPageLatency time.Duration
	// Ports: 0 picks a free port. UIPort -1 disables the Web UI.
	FrontendPort int
	UIPort       int
	HubSpotPort  int
	SquarePort   int
	SPSPort      int
	// S3Port is the port of the in-process S3 server of product sync.
	S3Port int
	// GatewayPort is the port of the quote builder's webhook gateway.
	GatewayPort int
	// HubSpotFiles and SquareFiles are extra records loaded before the
	// first round (see LoadHubSpotFile and LoadSquareFile).
	HubSpotFiles []string
	SquareFiles  []string
	Logger       *zap.Logger
	// MetricsHandler receives the Temporal client's and the workflows'
	// metrics; nil records none.
	MetricsHandler client.MetricsHandler
}

// Stack is a running dev stack.
type Stack struct {
	Temporal *devtemporal.Server
	Client   client.Client
	Sims     *Simulators
	// Settings point every client at the simulators.
	Settings config.Settings
	// Backfill is the window that covers every order loaded into Square.
	Backfill BackfillWindow
	// GatewayURL is the base URL of the quote builder's webhook gateway,
	// which Settings.QuoteBuilder describes.
	GatewayURL string

	stateDir string
	tempDir  string
	logger   *zap.Logger
	gateway  *http.Server
}

// BackfillWindow is the closed_at range of the loaded orders.
type BackfillWindow struct {
	Since time.Time `json:"since"`
	Until time.Time `json:"until"`
}

// Start boots the stack. On error everything started so far is stopped.
func Start(ctx context.Context, opts Options) (*Stack, error) {
	s := &Stack{stateDir: opts.StateDir, logger: opts.Logger}
	if s.logger == nil {
		s.logger = zap.NewNop()
	}
	if err := s.start(ctx, opts); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Stack) start(ctx context.Context, opts Options) error {
	dir := opts.StateDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "stonecity-dev-")
		if err != nil {
			return fmt.Errorf("create temporary state directory: %w", err)
		}
		s.tempDir, dir = tmp, tmp
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create state directory %s: %w", dir, err)
	}

	sims, err := startSimulators(dir, opts)
	if err != nil {
		return err
	}
	s.Sims = sims
	if s.Backfill, err = seed(sims, dir, opts, s.logger); err != nil {
		return err
	}

	s.Temporal, err = devtemporal.Start(ctx, devtemporal.Options{
		DBFile:           filepath.Join(dir, "temporal.db"),
		FrontendPort:     opts.FrontendPort,
		UIPort:           opts.UIPort,
		SearchAttributes: workflows.SearchAttributeTypes,
		Logger:           s.logger,
	})
	if err != nil {
		return fmt.Errorf("start Temporal: %w", err)
	}
	s.Client, err = client.Dial(client.Options{
		HostPort:       s.Temporal.FrontendAddress(),
		Namespace:      s.Temporal.Namespace(),
		Logger:         logging.Temporal(s.logger.Named("temporal-client")),
		MetricsHandler: opts.MetricsHandler,
	})
	if err != nil {
		return fmt.Errorf("connect to Temporal at %s: %w", s.Temporal.FrontendAddress(), err)
	}

	s.Settings = sims.settings()
	s.Settings.Temporal = config.Temporal{Address: s.Temporal.FrontendAddress(), Namespace: s.Temporal.Namespace()}
	return s.startGateway(opts.GatewayPort)
}

// NewWorker returns a worker with every workflow and activity registered,
// with clients of its own (as a separate worker process would have). The
// caller starts and stops it.
func (s *Stack) NewWorker(opts worker.Options) (worker.Worker, error) {
	deps, err := activities.NewDependencies(s.Settings)
	if err != nil {
		return nil, err
	}
	w := worker.New(s.Client, workflows.TaskQueue, opts)
	workflows.Register(w)
	activities.Register(w, deps)
	return w, nil
}

// Stop saves the simulators' state (when StateDir is set) and stops
// everything: gateway, client, UI and server, simulators.
func (s *Stack) Stop() error {
	var errs []error
	if s.gateway != nil {
		errs = append(errs, stopGateway(s.gateway))
	}
	if s.Client != nil {
		s.Client.Close()
	}
	if s.Temporal != nil {
		errs = append(errs, s.Temporal.Stop())
	}
	if s.Sims != nil {
		if s.stateDir != "" {
			errs = append(errs, s.Sims.save(s.stateDir))
		}
		errs = append(errs, s.Sims.close())
	}
	if s.tempDir != "" {
		errs = append(errs, os.RemoveAll(s.tempDir))
	}
	return errors.Join(errs...)
}
