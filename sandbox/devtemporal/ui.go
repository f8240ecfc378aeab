package devtemporal

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	uiserver "github.com/temporalio/ui-server/v2/server"
	uiconfig "github.com/temporalio/ui-server/v2/server/config"
	uioptions "github.com/temporalio/ui-server/v2/server/server_options"
	"go.uber.org/zap"
)

// startUI starts the Web UI on port (0 picks a free one) and waits until its
// health endpoint responds. The UI server's Start blocks, and it exits the
// process when it cannot listen, so the port is checked just before.
//
// NOTE: a process that takes the port between that check and the UI's bind
// still makes the UI server exit this process, because ui-server v2.53.1
// accepts no listener from the caller.
func (srv *Server) startUI(ctx context.Context, port int) error {
	if port == 0 {
		picked, err := pickPorts(srv.ip, 1)
		if err != nil {
			return err
		}
		port = picked[0]
	} else {
		reservePort(srv.ip, port)
	}
	if err := checkPortsFree(srv.ip, port); err != nil {
		releasePorts(srv.ip, port)
		return fmt.Errorf("devtemporal: UIPort: %w (choose another port or stop the process using it)",
			err)
	}

	srv.uiPort = port
	srv.ui = uiserver.NewServer(uioptions.WithConfigProvider(srv.uiConfig(port)))
	srv.uiDone = make(chan struct{})
	go func() {
		defer close(srv.uiDone)
		if err := srv.ui.Start(); err != nil {
			srv.logger.Error("devtemporal: Web UI stopped", zap.Error(err))
		}
	}()

	return awaitHTTP(ctx, srv.UIURL()+"/healthz")
}

// uiConfig configures the UI for plain HTTP on loopback, with no outbound
// calls: no news fetch, no feedback link, no auth provider, no codec server.
func (srv *Server) uiConfig(port int) *uiconfig.Config {
	host := srv.ip
	if ip := net.ParseIP(host); ip != nil && ip.To4() == nil {
		// The UI server joins host and port with a colon, so an IPv6 host
		// needs its brackets here.
		host = "[" + host + "]"
	}

	return &uiconfig.Config{
		TemporalGRPCAddress: srv.FrontendAddress(),
		Host:                host,
		Port:                port,
		EnableUI:            true,
		DefaultNamespace:    srv.namespace,
		DisableNewsFetch:    true,
		HideLogs:            true,
		// The UI is served over plain HTTP, so its CSRF cookie must not be
		// marked Secure or browsers would drop it.
		CORS: uiconfig.CORS{CookieInsecure: true},
	}
}

// awaitHTTP polls url until it returns 200 OK or ctx ends.
func awaitHTTP(ctx context.Context, url string) error {
	httpClient := &http.Client{Timeout: time.Second}
	var lastErr error
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return fmt.Errorf("devtemporal: probe %s: %w", url, err)
		}
		resp, err := httpClient.Do(req)
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("unexpected status %d", resp.StatusCode)
		}
		lastErr = err

		select {
		case <-ctx.Done():
			return fmt.Errorf("devtemporal: %s did not respond with 200 OK: %w",
				url, errors.Join(ctx.Err(), lastErr))
		case <-time.After(pollInterval):
		}
	}
}
