package metrics

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"go.uber.org/zap"
)

// Path is the URL path the metrics server serves.
const Path = "/metrics"

// Server serves GET /metrics on its own listener; every other path gets
// 404.
type Server struct {
	server   *http.Server
	listener net.Listener
	done     chan struct{}
}

// Listen binds addr (host:port; port 0 picks a free one) and serves h's
// metrics on it until Shutdown. The bind error is returned at once, so a
// taken port stops the caller instead of failing later in a goroutine.
func Listen(addr string, h *Handler, logger *zap.Logger) (*Server, error) {
	if logger == nil {
		logger = zap.NewNop()
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen for metrics on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET "+Path, h.HTTPHandler())
	s := &Server{
		server: &http.Server{
			Handler:           mux,
			ReadHeaderTimeout: 10 * time.Second,
			ErrorLog:          zap.NewStdLog(logger.Named("metrics-http")),
		},
		listener: ln,
		done:     make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		if err := s.server.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			logger.Error("Metrics server stopped", zap.String("addr", ln.Addr().String()), zap.Error(err))
		}
	}()
	return s, nil
}

// Addr returns the address the server listens on, with the port it got.
func (s *Server) Addr() string {
	return s.listener.Addr().String()
}

// URL returns the http URL of the metrics path.
func (s *Server) URL() string {
	return "http://" + s.Addr() + Path
}

// Shutdown stops accepting scrapes, waits for open ones until ctx ends,
// and returns once the serving goroutine has exited.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.server.Shutdown(ctx)
	if err != nil {
		err = errors.Join(err, s.server.Close())
	}
	<-s.done
	return err
}
