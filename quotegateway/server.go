package quotegateway

import (
	"net/http"
	"time"
)

// HTTP server time limits. WriteTimeout covers the slowest card response:
// the submit limit, the fallback status query, and margin.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 15 * time.Second
	WriteTimeout      = DefaultTemporalTimeout + fallbackQueryTimeout + 5*time.Second
	IdleTimeout       = 60 * time.Second
	maxHeaderBytes    = 64 << 10
)

// NewServer returns an http.Server for h with the gateway's time limits
// and a 64 KiB header limit. The caller sets Addr or passes a listener to
// Serve.
func NewServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
	}
}
