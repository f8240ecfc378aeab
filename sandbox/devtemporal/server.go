package devtemporal

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	uiserver "github.com/temporalio/ui-server/v2/server"
	"go.temporal.io/server/temporal"
	"go.uber.org/zap"
)

// startTimeout bounds Start when ctx has no deadline. A start took about
// 0.5 s on an idle 2-core VM, and the margin covers a loaded CI host.
const startTimeout = 60 * time.Second

// bindAttempts is how many times Start picks fresh ports after a server
// failed to bind one of them.
const bindAttempts = 3

// errBind marks a server start that failed because a port was taken.
var errBind = errors.New("port already in use")

// afterPortsChosen, when set by a test, runs between choosing the ports and
// starting the services, to simulate another process taking a port.
var afterPortsChosen func(attempt int, ports servicePorts)

// Server is a running in-process Temporal server with an optional Web UI.
// Its methods are safe for concurrent use.
type Server struct {
	server    temporal.Server
	ui        *uiserver.Server
	uiDone    chan struct{}
	ip        string
	namespace string
	ports     servicePorts
	uiPort    int
	logger    *zap.Logger
	serverLog *serverLogger
	// schemaCreated records whether Start applied the SQLite schema to a
	// database file, which happens only when the file was new.
	schemaCreated bool

	stopOnce sync.Once
	stopErr  error
}

// Start starts a Temporal server and, unless opts.UIPort is NoUI, the Web
// UI. It returns once the frontend serves a DescribeNamespace call for the
// namespace and the UI responds over HTTP, or with an error when ctx ends
// first. Without a deadline on ctx it gives up after 60 s. When a picked
// port is taken before the server binds it, Start retries twice with new
// ports. The caller must call Stop.
func Start(ctx context.Context, opts Options) (*Server, error) {
	s, err := opts.resolve()
	if err != nil {
		return nil, err
	}
	if err := checkNoTraceExport(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("devtemporal: start: %w", err)
	}
	started := time.Now()
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, startTimeout)
		defer cancel()
	}

	st, err := prepareStore(s)
	if err != nil {
		return nil, err
	}
	srv, err := startWithRetry(s, st)
	if err != nil {
		return nil, err
	}
	if err := srv.awaitFrontend(ctx, s); err != nil {
		return nil, errors.Join(err, srv.Stop())
	}
	if s.uiPort != NoUI {
		if err := srv.startUI(ctx, s.uiPort); err != nil {
			return nil, errors.Join(err, srv.Stop())
		}
	}

	s.logger.Info("devtemporal: server started",
		zap.String("frontendAddress", srv.FrontendAddress()),
		zap.String("namespace", srv.namespace),
		zap.String("uiURL", srv.UIURL()),
		zap.String("dbFile", s.dbFile),
		zap.Duration("duration", time.Since(started)))

	return srv, nil
}

// FrontendAddress returns the frontend gRPC address as host:port, for
// client.Options.HostPort.
func (s *Server) FrontendAddress() string {
	return hostPort(s.ip, s.ports.frontend)
}

// Namespace returns the namespace registered at start.
func (s *Server) Namespace() string {
	return s.namespace
}

// UIURL returns the Web UI base URL such as "http://127.0.0.1:8233", or ""
// when the UI is disabled.
func (s *Server) UIURL() string {
	if s.ui == nil {
		return ""
	}

	return "http://" + hostPort(s.ip, s.uiPort)
}

// Stop stops the Web UI, then the server, and releases the server's ports.
// It takes about a second because the frontend drains in-flight requests.
// Calls after the first return the first call's result. Stop workers and
// close clients first, so their long polls do not hold up the drain.
func (s *Server) Stop() error {
	s.stopOnce.Do(func() {
		started := time.Now()
		if s.serverLog != nil {
			s.serverLog.quiet()
		}
		if s.ui != nil {
			s.ui.Stop()
			<-s.uiDone
		}
		if err := s.server.Stop(); err != nil {
			s.stopErr = fmt.Errorf("devtemporal: stop server: %w", err)
		}
		releasePorts(s.ip, s.ports.all()...)
		if s.ui != nil {
			releasePorts(s.ip, s.uiPort)
		}
		s.logger.Info("devtemporal: server stopped",
			zap.String("frontendAddress", s.FrontendAddress()),
			zap.Duration("duration", time.Since(started)),
			zap.Error(s.stopErr))
	})

	return s.stopErr
}

// startWithRetry starts the server services, picking fresh ports when one
// was taken between the pick and the bind. A fixed frontend port is kept,
// so a retry fails in choosePorts when that port itself was taken.
func startWithRetry(s settings, st store) (*Server, error) {
	var errs []error
	for attempt := 1; attempt <= bindAttempts; attempt++ {
		ports, err := choosePorts(s)
		if err != nil {
			return nil, err
		}
		if afterPortsChosen != nil {
			afterPortsChosen(attempt, ports)
		}
		srv, err := startServices(s, st, ports)
		if err == nil {
			return srv, nil
		}
		releasePorts(s.ip, ports.all()...)
		errs = append(errs, err)
		if !errors.Is(err, errBind) {
			break
		}
		s.logger.Warn("devtemporal: port taken during start, retrying with new ports",
			zap.Int("attempt", attempt), zap.Error(err))
	}

	return nil, errors.Join(errs...)
}

// choosePorts checks that a fixed frontend port is free and picks the
// other ports, verifying each pick by binding it again.
func choosePorts(s settings) (servicePorts, error) {
	if s.frontendPort != 0 {
		if err := checkPortsFree(s.ip, s.frontendPort); err != nil {
			return servicePorts{}, fmt.Errorf(
				"devtemporal: FrontendPort: %w (choose another port or stop the process using it)", err)
		}
	}
	count := 5
	if s.frontendPort != 0 {
		count = 4
	}
	picked, err := pickVerifiedPorts(s.ip, count)
	if err != nil {
		return servicePorts{}, err
	}
	if s.frontendPort != 0 {
		reservePort(s.ip, s.frontendPort)
		picked = append([]int{s.frontendPort}, picked...)
	}

	return servicePorts{
		frontend:     picked[0],
		frontendHTTP: picked[1],
		history:      picked[2],
		matching:     picked[3],
		worker:       picked[4],
	}, nil
}

// pickVerifiedPorts picks count free ports and binds each once more, picking
// again when another process took one in between.
func pickVerifiedPorts(ip string, count int) ([]int, error) {
	var errs []error
	for range bindAttempts {
		picked, err := pickPorts(ip, count)
		if err != nil {
			return nil, err
		}
		err = checkPortsFree(ip, picked...)
		if err == nil {
			return picked, nil
		}
		releasePorts(ip, picked...)
		errs = append(errs, err)
	}

	return nil, fmt.Errorf("devtemporal: picked ports were taken before use: %w", errors.Join(errs...))
}

// checkNoTraceExport rejects an environment that makes the server export
// trace spans, because the exporter would send them to the OTLP endpoint
// named in the environment, possibly outside loopback.
func checkNoTraceExport() error {
	value, ok := os.LookupEnv("OTEL_TRACES_EXPORTER")
	if !ok || value == "none" {
		return nil
	}

	return fmt.Errorf("devtemporal: OTEL_TRACES_EXPORTER=%q would make the dev server export spans; "+
		"unset it or set it to \"none\"", value)
}
