package quotegateway

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"

	"github.com/stonecity/sync/webhooksig"
	"github.com/stonecity/sync/workflows"
)

// Test secrets and the public URL the fake HubSpot signs for.
const (
	testClientSecret = "test-client-secret-5d4c"
	testSPSSecret    = "test-sps-secret-a1b2"
	testPublicURL    = "https://sync.stonecity.example"
)

// testNow is the gateway's clock in every test.
var testNow = time.Date(2026, 12, 4, 18, 30, 0, 0, time.UTC)

// fakeStarter records calls and returns the configured results. A nil
// function field returns a default status and no error.
type fakeStarter struct {
	mu      sync.Mutex
	submits []workflows.QuoteSubmission
	queries []string
	signals []workflows.QuoteStatusChange
	submit  func(ctx context.Context, s workflows.QuoteSubmission) (workflows.QuoteBuilderStatus, error)
	state   func(ctx context.Context, dealID string) (workflows.QuoteBuilderStatus, error)
	signal  func(ctx context.Context, ch workflows.QuoteStatusChange) error
	// inProgress and inProgressErr are what SubmissionInProgress returns.
	inProgress    bool
	inProgressErr error
	healthErr     error
}

func (f *fakeStarter) SubmitQuote(ctx context.Context, s workflows.QuoteSubmission) (workflows.QuoteBuilderStatus, error) {
	f.mu.Lock()
	f.submits = append(f.submits, s)
	f.mu.Unlock()
	if f.submit == nil {
		return workflows.QuoteBuilderStatus{DealID: s.DealID, State: workflows.QuoteStateCreating, Message: "creating"}, nil
	}
	return f.submit(ctx, s)
}

func (f *fakeStarter) QuoteBuilderState(ctx context.Context, dealID string) (workflows.QuoteBuilderStatus, error) {
	f.mu.Lock()
	f.queries = append(f.queries, dealID)
	f.mu.Unlock()
	if f.state == nil {
		return workflows.QuoteBuilderStatus{DealID: dealID, State: workflows.QuoteStateIdle, Message: "no quote requested yet"}, nil
	}
	return f.state(ctx, dealID)
}

func (f *fakeStarter) SignalQuoteStatus(ctx context.Context, ch workflows.QuoteStatusChange) error {
	f.mu.Lock()
	f.signals = append(f.signals, ch)
	f.mu.Unlock()
	if f.signal == nil {
		return nil
	}
	return f.signal(ctx, ch)
}

func (f *fakeStarter) SubmissionInProgress(context.Context, string) (bool, error) {
	return f.inProgress, f.inProgressErr
}

func (f *fakeStarter) CheckHealth(context.Context) error { return f.healthErr }

// calls returns how many Temporal calls of any kind the fake received.
func (f *fakeStarter) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.submits) + len(f.queries) + len(f.signals)
}

// harness is a gateway handler over a fake starter with observed logs.
type harness struct {
	handler http.Handler
	starter *fakeStarter
	logs    *observer.ObservedLogs
}

func newHarness(t *testing.T, edit func(*Config)) *harness {
	t.Helper()
	cfg := Config{
		Enabled:             true,
		HubSpotClientSecret: testClientSecret,
		SPSWebhookSecret:    testSPSSecret,
		PublicURL:           testPublicURL,
		Now:                 func() time.Time { return testNow },
	}
	if edit != nil {
		edit(&cfg)
	}
	core, logs := observer.New(zap.DebugLevel)
	starter := &fakeStarter{}
	return &harness{handler: New(cfg, starter, zap.New(core)), starter: starter, logs: logs}
}

// serve runs req through the handler and returns the recorded response.
func (h *harness) serve(req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.handler.ServeHTTP(rec, req)
	return rec
}

// cardRequest builds a request to target (path and query) signed as
// HubSpot signs it at signedAt with secret.
func cardRequest(method, target, body, secret string, signedAt time.Time) *http.Request {
	req := httptest.NewRequest(method, target, bytes.NewBufferString(body))
	millis := signedAt.UnixMilli()
	req.Header.Set(webhooksig.HeaderHubSpotSignatureV3,
		webhooksig.SignHubSpotV3(secret, method, testPublicURL+target, []byte(body), millis))
	req.Header.Set(webhooksig.HeaderHubSpotTimestamp, strconv.FormatInt(millis, 10))
	return req
}

// spsRequest builds an SPS delivery of body signed with secret at signedAt.
func spsRequest(body, secret string, signedAt time.Time) *http.Request {
	req := httptest.NewRequest(http.MethodPost, PathSPSWebhooks, bytes.NewBufferString(body))
	req.Header.Set(webhooksig.HeaderSPSSignature, webhooksig.SignSPS(secret, []byte(body)))
	req.Header.Set(webhooksig.HeaderSPSTimestamp, webhooksig.SPSTimestamp(signedAt))
	return req
}
