package quotegateway

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/stonecity/sync/webhooksig"
	"github.com/stonecity/sync/workflows"
)

// EventQuoteStatusChanged is the SPS webhook event the gateway acts on;
// other events are acknowledged with 202 and ignored.
const EventQuoteStatusChanged = "quote.status_changed"

// signalTimeout bounds the signal-with-start of one delivery; it needs no
// worker, only the Temporal frontend.
const signalTimeout = 5 * time.Second

// spsEvent is an SPS webhook delivery. quoteId may be a JSON number or a
// string, and eventId may be absent, as the SPS contract is still a
// proposal.
type spsEvent struct {
	Event      string      `json:"event"`
	EventID    string      `json:"eventId"`
	QuoteID    looseString `json:"quoteId"`
	Status     string      `json:"status"`
	OccurredAt string      `json:"occurredAt"`
}

// serveSPSWebhook verifies a delivery and signals the quote's QuoteStatus
// workflow. Repeated and out-of-order deliveries are left to that
// workflow, which keeps the newest change per quote.
func (g *gateway) serveSPSWebhook(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		methodNotAllowed(w, r, http.MethodPost)
		return
	}
	if g.cfg.SPSWebhookSecret == "" {
		writeError(w, http.StatusServiceUnavailable, "sps_webhooks_not_configured",
			"SPS webhooks are not configured on this gateway (SPS_WEBHOOK_SECRET is not set)")
		return
	}
	body, err := readBody(w, r)
	if err != nil {
		answerBodyError(w, err)
		return
	}
	err = webhooksig.VerifySPS(g.cfg.SPSWebhookSecret, body, r.Header.Get(webhooksig.HeaderSPSSignature),
		r.Header.Get(webhooksig.HeaderSPSTimestamp), g.cfg.Now())
	if err != nil {
		reason := signatureReason(err)
		g.logger.Warn("Rejected SPS webhook", zap.String("remoteAddr", r.RemoteAddr), zap.String("reason", reason))
		writeError(w, http.StatusUnauthorized, "invalid_signature", reason)
		return
	}

	change, ignored, err := parseSPSEvent(body)
	switch {
	case err != nil:
		g.logger.Warn("Rejected SPS webhook", zap.String("remoteAddr", r.RemoteAddr), zap.String("reason", err.Error()))
		writeError(w, http.StatusBadRequest, "invalid_event", err.Error())
	case ignored != "":
		g.logger.Info("Ignored SPS webhook", zap.String("event", ignored))
		writeJSON(w, http.StatusAccepted, map[string]string{"status": "ignored", "event": ignored})
	default:
		g.signal(w, r, change)
	}
}

// signal sends the change. A failure responds 503 so SPS delivers again.
func (g *gateway) signal(w http.ResponseWriter, r *http.Request, change workflows.QuoteStatusChange) {
	ctx, cancel := context.WithTimeout(r.Context(), signalTimeout)
	defer cancel()
	if err := g.starter.SignalQuoteStatus(ctx, change); err != nil {
		g.logger.Error("Quote status signal failed", zap.String("quoteID", change.QuoteID), zap.Error(err))
		writeError(w, http.StatusServiceUnavailable, "temporal_unavailable", "the status change could not be recorded; deliver it again")
		return
	}
	g.logger.Info("Quote status change received", zap.String("quoteID", change.QuoteID),
		zap.String("status", change.Status), zap.String("eventID", change.EventID))
	writeJSON(w, http.StatusOK, map[string]string{"status": "accepted", "eventId": change.EventID})
}

// parseSPSEvent decodes a delivery. It returns the change for
// EventQuoteStatusChanged, or the name of any other event in ignored. The
// change's EventID is "sps-" + the delivery's eventId when it has one,
// else the first 32 hex digits of the body's SHA-256, so a repeated
// delivery carries the same id either way.
func parseSPSEvent(body []byte) (change workflows.QuoteStatusChange, ignored string, err error) {
	var ev spsEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		return change, "", fmt.Errorf("webhook body is not a valid SPS event: %s", jsonProblem(err))
	}
	if ev.Event != EventQuoteStatusChanged {
		if ev.Event == "" {
			return change, "", fmt.Errorf("webhook body has no event field")
		}
		return change, truncate(ev.Event, 100), nil
	}

	// A quote id beyond int64 would only be refused by Temporal later, and
	// SPS would deliver it again on the 503; leading zeros are dropped so
	// the id matches the deal's sps_quote_id.
	quoteID, ok := recordID(strings.TrimSpace(string(ev.QuoteID)))
	if !ok {
		return change, "", fmt.Errorf("%s event has quoteId %q, want an SPS quote id (a positive integer)",
			EventQuoteStatusChanged, truncate(string(ev.QuoteID), 40))
	}
	if strings.TrimSpace(ev.Status) == "" {
		return change, "", fmt.Errorf("%s event for quote %s has no status", EventQuoteStatusChanged, quoteID)
	}
	occurredAt, err := time.Parse(time.RFC3339, ev.OccurredAt)
	if err != nil {
		return change, "", fmt.Errorf("%s event for quote %s has occurredAt %q, want an RFC 3339 time",
			EventQuoteStatusChanged, quoteID, truncate(ev.OccurredAt, 40))
	}

	return workflows.QuoteStatusChange{
		QuoteID:    quoteID,
		Status:     strings.TrimSpace(ev.Status),
		OccurredAt: occurredAt.UTC(),
		EventID:    eventID(ev.EventID, body),
	}, "", nil
}

// eventID returns the stable id of a delivery; see parseSPSEvent.
func eventID(delivered string, body []byte) string {
	if delivered = strings.TrimSpace(delivered); delivered != "" {
		return "sps-" + truncate(delivered, 100)
	}
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:16])
}
