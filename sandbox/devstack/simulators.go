package devstack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/stonecity/sync/config"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	"github.com/stonecity/sync/sandbox/objectstore"
	spssim "github.com/stonecity/sync/sandbox/sps"
	squaresim "github.com/stonecity/sync/sandbox/square"
)

// Tokens the simulators accept. They guard nothing real; they exist so the
// clients send credentials exactly as in production.
const (
	hubSpotDevToken = "dev-hubspot-token"
	squareDevToken  = "dev-square-token"
	spsDevUser      = "dev-sps-user"
	spsDevPassword  = "dev-sps-password"
	spsDevNumber    = "dev-sps-number"
)

// State files in the state directory.
const (
	hubSpotStateFile = "hubspot.json"
	squareStateFile  = "square.json"
	spsStateFile     = "sps.json"
)

// Simulators are the running API simulators.
type Simulators struct {
	HubSpot    *hubsim.Simulator
	Square     *squaresim.Simulator
	SPS        *spssim.Simulator
	HubSpotURL string
	SquareURL  string
	SPSURL     string
	// ObjectStore is the S3 server holding product sync's mirror and
	// snapshot buckets, at S3URL.
	ObjectStore *objectstore.Server
	S3URL       string

	servers []*http.Server
}

// AdminURL returns a simulator's admin base URL.
func AdminURL(baseURL string) string { return baseURL + "/_admin/" }

func startSimulators(dir string, opts Options) (*Simulators, error) {
	s := &Simulators{
		HubSpot: hubsim.New(hubsim.Options{Token: hubSpotDevToken}),
		Square:  squaresim.New(squaresim.Options{Token: squareDevToken}),
		SPS: spssim.New(spssim.Options{
			Username: spsDevUser, Password: spsDevPassword, AuthorizedNumber: spsDevNumber,
			PageLatency: opts.SPSPageLatency,
		}),
	}
	if err := loadState(filepath.Join(dir, hubSpotStateFile), s.HubSpot.Load); err != nil {
		return nil, err
	}
	if err := loadState(filepath.Join(dir, squareStateFile), s.Square.Load); err != nil {
		return nil, err
	}
	if err := loadState(filepath.Join(dir, spsStateFile), s.SPS.Load); err != nil {
		return nil, err
	}

	var err error
	if s.HubSpotURL, err = s.serve(s.HubSpot, opts.HubSpotPort); err != nil {
		s.close()
		return nil, fmt.Errorf("start HubSpot simulator: %w", err)
	}
	if s.SquareURL, err = s.serve(s.Square, opts.SquarePort); err != nil {
		s.close()
		return nil, fmt.Errorf("start Square simulator: %w", err)
	}
	if s.SPSURL, err = s.serve(s.SPS, opts.SPSPort); err != nil {
		s.close()
		return nil, fmt.Errorf("start SPS simulator: %w", err)
	}
	if err := s.startObjectStore(dir, opts.S3Port); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// loadState restores a simulator from a state file, if there is one.
func loadState(path string, load func(io.Reader) error) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open simulator state: %w", err)
	}
	defer f.Close()
	if err := load(f); err != nil {
		return fmt.Errorf("load simulator state %s: %w", path, err)
	}
	return nil
}

// restored reports whether the simulators came from a state directory.
func restored(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, hubSpotStateFile))
	return err == nil
}

func (s *Simulators) serve(h http.Handler, port int) (string, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	s.servers = append(s.servers, srv)
	go srv.Serve(ln) //nolint:errcheck // Serve returns ErrServerClosed on Shutdown.
	return "http://" + ln.Addr().String(), nil
}

// settings points the product's clients at the simulators.
func (s *Simulators) settings() config.Settings {
	cfg := config.Defaults()
	cfg.HubSpot.BaseURL = s.HubSpotURL
	cfg.HubSpot.Token = hubSpotDevToken
	cfg.Square.BaseURL = s.SquareURL
	cfg.Square.Token = squareDevToken
	cfg.SPS = config.SPS{BaseURL: s.SPSURL, Username: spsDevUser, Password: spsDevPassword,
		AuthorizedNumber: spsDevNumber}
	cfg.Products = s.productSettings(cfg.Products)
	return cfg
}

// save writes both simulators' state into dir, each through a temporary
// file renamed into place, so a crash never leaves half a state file.
func (s *Simulators) save(dir string) error {
	return errors.Join(
		saveState(filepath.Join(dir, hubSpotStateFile), s.HubSpot.Save),
		saveState(filepath.Join(dir, squareStateFile), s.Square.Save),
		saveState(filepath.Join(dir, spsStateFile), s.SPS.Save),
		s.saveObjectStore(dir),
	)
}

func saveState(path string, save func(io.Writer) error) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("save simulator state: %w", err)
	}
	if err := save(f); err != nil {
		f.Close()
		return fmt.Errorf("save simulator state %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save simulator state %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

func (s *Simulators) close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var errs []error
	for _, srv := range s.servers {
		errs = append(errs, srv.Shutdown(ctx))
	}
	return errors.Join(errs...)
}
