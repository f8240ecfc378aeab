package sps

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/stonecity/sync/clients/sps"
)

// statusChangeRequest is the body of POST /_admin/quotes/{id}/status.
type statusChangeRequest struct {
	Status string `json:"status"`
	// OccurredAt is the event time, and nil means the change's
	// modifiedDate.
	OccurredAt *time.Time `json:"occurredAt"`
	// Deliveries is how many times the event is sent, and nil means 1.
	Deliveries *int `json:"deliveries"`
	// Deliver false changes the quote without sending the event.
	Deliver *bool `json:"deliver"`
}

// statusChangeResponse is the body of a successful status change.
type statusChangeResponse struct {
	Quote      sps.Quote        `json:"quote"`
	Event      QuoteStatusEvent `json:"event"`
	Deliveries []Delivery       `json:"deliveries"`
}

// adminChangeQuoteStatus serves POST /_admin/quotes/{id}/status: it
// changes the quote, then delivers the event unless deliver is false.
func (s *Simulator) adminChangeQuoteStatus(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	var req statusChangeRequest
	if status, code, message := decodeJSON(w, r, maxAPIBodyBytes, &req, true); status != 0 {
		writeError(w, status, code, "%s", message)
		return
	}
	deliveries, err := deliveryCount(req.Deliveries)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", "%v", err)
		return
	}
	var occurredAt time.Time
	if req.OccurredAt != nil {
		occurredAt = *req.OccurredAt
	}

	quote, event, err := s.ChangeQuoteStatus(id, req.Status, occurredAt)
	switch {
	case errors.Is(err, ErrNotFound):
		writeError(w, http.StatusNotFound, "not_found", "Quote %d not found.", id)
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, "invalid_request", "%v", err)
		return
	}

	resp := statusChangeResponse{Quote: quote, Event: event, Deliveries: []Delivery{}}
	if req.Deliver == nil || *req.Deliver {
		resp.Deliveries = s.DeliverQuoteStatus(r.Context(), event, deliveries)
	}
	writeJSON(w, http.StatusOK, resp)
}

// replayRequest is the body of POST /_admin/webhooks/replay.
type replayRequest struct {
	QuoteID    json.Number `json:"quoteId"`
	Status     string      `json:"status"`
	OccurredAt *time.Time  `json:"occurredAt"`
	// EventID repeats an earlier event's id, and "" means a new id.
	EventID    string `json:"eventId"`
	Deliveries *int   `json:"deliveries"`
}

// replayResponse is the body of a replay.
type replayResponse struct {
	Event      QuoteStatusEvent `json:"event"`
	Deliveries []Delivery       `json:"deliveries"`
}

// adminReplayWebhook serves POST /_admin/webhooks/replay: it delivers a
// quote-status event for any quote and time without changing a record,
// to send an older event after a newer one.
func (s *Simulator) adminReplayWebhook(w http.ResponseWriter, r *http.Request) {
	var req replayRequest
	if status, code, message := decodeJSON(w, r, maxAPIBodyBytes, &req, true); status != 0 {
		writeError(w, status, code, "%s", message)
		return
	}
	id, err := strconv.ParseInt(req.QuoteID.String(), 10, 64)
	switch {
	case err != nil || id <= 0:
		writeError(w, http.StatusBadRequest, "invalid_request", "quoteId %q is not a positive integer.", req.QuoteID)
		return
	case req.Status == "":
		writeError(w, http.StatusBadRequest, "invalid_request", "status is required.")
		return
	case req.OccurredAt == nil:
		writeError(w, http.StatusBadRequest, "invalid_request", "occurredAt is required.")
		return
	}
	deliveries, err := deliveryCount(req.Deliveries)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid_request", "%v", err)
		return
	}

	event := s.NewQuoteStatusEvent(id, req.Status, *req.OccurredAt)
	if req.EventID != "" {
		event.EventID = req.EventID
	}
	writeJSON(w, http.StatusOK, replayResponse{Event: event,
		Deliveries: s.DeliverQuoteStatus(r.Context(), event, deliveries)})
}

// deliveryCount checks an optional delivery count: nil means 1.
func deliveryCount(n *int) (int, error) {
	if n == nil {
		return 1, nil
	}
	if *n < 1 || *n > MaxDeliveries {
		return 0, errors.New("deliveries " + strconv.Itoa(*n) + " is outside 1 to " + strconv.Itoa(MaxDeliveries))
	}
	return *n, nil
}

func (s *Simulator) adminGetCreateFaults(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.CreateFaults())
}

// adminPutCreateFaults replaces the create fault settings.
func (s *Simulator) adminPutCreateFaults(w http.ResponseWriter, r *http.Request) {
	var f CreateFaults
	if status, code, message := decodeJSON(w, r, maxAPIBodyBytes, &f, true); status != 0 {
		writeError(w, status, code, "%s", message)
		return
	}
	if f.FailAfterStore < 0 {
		writeError(w, http.StatusBadRequest, "invalid_request", "failAfterStore %d is negative.", f.FailAfterStore)
		return
	}
	s.SetCreateFaults(f)
	writeJSON(w, http.StatusOK, s.CreateFaults())
}
