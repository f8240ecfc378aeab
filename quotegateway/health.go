package quotegateway

import (
	"context"
	"net/http"

	"go.uber.org/zap"
)

// serveHealth responds 200 when the Starter's health check (the Temporal
// frontend serving and a worker polling) passes within healthTimeout, else
// 503. The body contains no detail.
func (g *gateway) serveHealth(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		methodNotAllowed(w, r, http.MethodGet, http.MethodHead)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	if err := g.starter.CheckHealth(ctx); err != nil {
		g.logger.Warn("Health check failed", zap.Error(err))
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
