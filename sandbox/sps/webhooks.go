package sps

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/webhooksig"
)

// EventQuoteStatusChanged is the event name of a quote-status webhook.
const EventQuoteStatusChanged = "quote.status_changed"

// DefaultWebhookTimeout bounds one webhook delivery when
// Options.WebhookClient is nil.
const DefaultWebhookTimeout = 10 * time.Second

// MaxDeliveries caps how many times one event is delivered per request.
const MaxDeliveries = 20

// webhookTarget is the URL that receives quote-status webhooks and the
// key that signs them.
type webhookTarget struct {
	url    string
	secret string
}

// QuoteStatusEvent is the body of a quote-status webhook, the proposed
// SPS contract plus an eventId that repeated deliveries share. QuoteID is
// the SPS quote id in decimal, sent as a JSON string.
type QuoteStatusEvent struct {
	Event      string    `json:"event"`
	EventID    string    `json:"eventId"`
	QuoteID    string    `json:"quoteId"`
	Status     string    `json:"status"`
	OccurredAt time.Time `json:"occurredAt"`
}

// Delivery is the outcome of one webhook delivery: the receiver's HTTP
// status, or the error that prevented a response.
type Delivery struct {
	Status int    `json:"status,omitempty"`
	Error  string `json:"error,omitempty"`
}

// SetWebhook replaces the URL that receives quote-status webhooks and the
// secret that signs them. An empty url stops deliveries.
func (s *Simulator) SetWebhook(url, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.webhook = webhookTarget{url: url, secret: secret}
}

// stageForStatus returns the SPS stage a status change leaves on a quote:
// "won" for Accepted and Converted, "lost" for Declined, Expired and Lost,
// and null otherwise, as quotemap.MapStage reads them.
func stageForStatus(status string) *string {
	var stage string
	switch strings.ToLower(strings.TrimSpace(status)) {
	case "accepted", "converted":
		stage = "won"
	case "declined", "expired", "lost":
		stage = "lost"
	default:
		return nil
	}
	return &stage
}

// ChangeQuoteStatus sets the transactionStatus of quote id to status, its
// stage to stageForStatus(status) and its modifiedDate to now, as a status
// change in SPS would. It returns the stored quote and the event that
// announces the change at occurredAt (now when zero), which it does not
// deliver. It returns an error wrapping ErrNotFound for an unknown id.
func (s *Simulator) ChangeQuoteStatus(id int64, status string, occurredAt time.Time) (sps.Quote,
	QuoteStatusEvent, error) {
	status = strings.TrimSpace(status)
	if status == "" {
		return sps.Quote{}, QuoteStatusEvent{}, fmt.Errorf("change quote %d: status is empty", id)
	}
	err := s.UpdateQuote(id, func(q *sps.Quote) {
		q.TransactionStatus = status
		q.Stage = stageForStatus(status)
	})
	if err != nil {
		return sps.Quote{}, QuoteStatusEvent{}, err
	}

	s.mu.Lock()
	quote, _ := s.data.quotes.get(id)
	s.mu.Unlock()
	if occurredAt.IsZero() {
		occurredAt = quote.ModifiedDate.Time()
	}
	return quote, s.NewQuoteStatusEvent(id, status, occurredAt), nil
}

// NewQuoteStatusEvent returns an event for quote id with a new eventId,
// without changing or delivering anything.
func (s *Simulator) NewQuoteStatusEvent(id int64, status string, occurredAt time.Time) QuoteStatusEvent {
	s.mu.Lock()
	s.eventCount++
	n := s.eventCount
	s.mu.Unlock()

	return QuoteStatusEvent{
		Event:      EventQuoteStatusChanged,
		EventID:    fmt.Sprintf("evt-%d", n),
		QuoteID:    strconv.FormatInt(id, 10),
		Status:     status,
		OccurredAt: occurredAt.UTC(),
	}
}

// DeliverQuoteStatus posts event to the webhook URL n times in a row
// (1 to MaxDeliveries), each signed with webhooksig.SignSPS and stamped
// with webhooksig.SPSTimestamp, and returns each delivery's outcome. It
// waits for every response, and never calls a URL outside loopback.
func (s *Simulator) DeliverQuoteStatus(ctx context.Context, event QuoteStatusEvent, n int) []Delivery {
	n = min(max(n, 1), MaxDeliveries)
	s.mu.Lock()
	target := s.webhook
	s.mu.Unlock()

	body, err := json.Marshal(event)
	out := make([]Delivery, 0, n)
	for range n {
		switch {
		case err != nil:
			out = append(out, Delivery{Error: fmt.Sprintf("encode the event: %v", err)})
		case target.url == "":
			out = append(out, Delivery{Error: "no webhook URL is set"})
		default:
			out = append(out, s.deliver(ctx, target, body))
		}
	}
	return out
}

// deliver sends one signed webhook and drains the response.
func (s *Simulator) deliver(ctx context.Context, target webhookTarget, body []byte) Delivery {
	if err := checkLoopback(target.url); err != nil {
		return Delivery{Error: err.Error()}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target.url, bytes.NewReader(body))
	if err != nil {
		return Delivery{Error: fmt.Sprintf("build the request: %v", err)}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(webhooksig.HeaderSPSSignature, webhooksig.SignSPS(target.secret, body))
	req.Header.Set(webhooksig.HeaderSPSTimestamp, webhooksig.SPSTimestamp(s.clock()))

	resp, err := s.webhookHTTP.Do(req)
	if err != nil {
		return Delivery{Error: err.Error()}
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxAPIBodyBytes))
	return Delivery{Status: resp.StatusCode}
}

// checkLoopback rejects a webhook URL whose host is not localhost or a
// loopback IP, because the simulator must never call another host.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("webhook URL %q is not an absolute http(s) URL", raw)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return errors.New("webhook URL " + strconv.Quote(raw) + " is not on loopback; the simulator calls only loopback")
}

// newWebhookClient copies c, or makes a client with
// DefaultWebhookTimeout, and stops it at redirects.
func newWebhookClient(c *http.Client) *http.Client {
	client := &http.Client{Timeout: DefaultWebhookTimeout}
	if c != nil {
		copied := *c
		client = &copied
	}
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return client
}
