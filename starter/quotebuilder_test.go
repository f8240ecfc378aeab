package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/quotegateway"
	"github.com/stonecity/sync/workflows"
)

const testClientSecret = "test-hubspot-client-secret"

// fakeStarter replaces Temporal behind the gateway and records the
// submissions. The embedded interface is nil: it only makes the fake
// satisfy methods the gateway adds later, which these tests never reach.
type fakeStarter struct {
	quotegateway.Starter

	mu          sync.Mutex
	submissions []workflows.QuoteSubmission
	reject      string
}

func (f *fakeStarter) SubmitQuote(_ context.Context, s workflows.QuoteSubmission) (workflows.QuoteBuilderStatus, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.reject != "" {
		return workflows.QuoteBuilderStatus{}, &workflows.SubmissionError{Message: f.reject}
	}
	f.submissions = append(f.submissions, s)
	return workflows.QuoteBuilderStatus{DealID: s.DealID, State: workflows.QuoteStateCreating,
		Message: "creating: the SPS quote is being created"}, nil
}

func (f *fakeStarter) QuoteBuilderState(_ context.Context, dealID string) (workflows.QuoteBuilderStatus, error) {
	return workflows.QuoteBuilderStatus{DealID: dealID, State: workflows.QuoteStateCreated,
		Message: "created: quote Q-1234", SPSQuoteID: "8001", QuoteNumber: "Q-1234"}, nil
}

func (f *fakeStarter) SignalQuoteStatus(context.Context, workflows.QuoteStatusChange) error {
	return nil
}

func (f *fakeStarter) CheckHealth(context.Context) error { return nil }

func (f *fakeStarter) SubmissionInProgress(context.Context, string) (bool, error) { return false, nil }

// startGateway serves the real gateway handler over a fake starter and
// points the starter's environment at it with secret as the client
// secret the starter signs with.
func startGateway(t *testing.T, secret string) *fakeStarter {
	t.Helper()
	fake := &fakeStarter{}
	var handler http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handler.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	handler = quotegateway.New(quotegateway.Config{Enabled: true, HubSpotClientSecret: testClientSecret,
		PublicURL: srv.URL}, fake, nil)
	cleanEnv(t, map[string]string{"HUBSPOT_CLIENT_SECRET": secret, "GATEWAY_PUBLIC_URL": srv.URL})
	return fake
}

func writeLinesFile(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "lines.json")
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

func TestQuoteBuilderSubmitSignsAndPosts(t *testing.T) {
	fake := startGateway(t, testClientSecret)
	lines := writeLinesFile(t, `{"salesRep": "Dana Ortiz", "expiresOn": "2027-01-15",
		"lines": [{"sku": "CAL-GOLD-3CM", "quantity": "12.5", "unitPrice": "89.00"}, {"sku": "QTZ-WHITE-2CM", "quantity": 3}]}`)

	out, err := run(t, "quote-builder", "submit", "--deal", "9001", "--lines", lines)

	require.NoError(t, err)
	assert.Contains(t, out, `"state": "creating"`)
	require.Len(t, fake.submissions, 1)
	got := fake.submissions[0]
	assert.Equal(t, "9001", got.DealID)
	assert.Equal(t, "Dana Ortiz", got.SalesRep)
	assert.Equal(t, "2027-01-15", got.ExpiresOn)
	assert.Equal(t, []workflows.QuoteLineRequest{
		{SKU: "CAL-GOLD-3CM", Quantity: "12.5", UnitPrice: "89.00"},
		{SKU: "QTZ-WHITE-2CM", Quantity: "3"},
	}, got.Lines)
}

func TestQuoteBuilderSubmitFlagsOverrideFile(t *testing.T) {
	fake := startGateway(t, testClientSecret)
	lines := writeLinesFile(t, `[{"sku": "CAL-GOLD-3CM", "quantity": "1"}]`)

	_, err := run(t, "quote-builder", "submit", "--deal", "9001", "--lines", lines,
		"--sales-rep", "Lee Park", "--expires", "2027-02-01")

	require.NoError(t, err)
	require.Len(t, fake.submissions, 1)
	assert.Equal(t, "Lee Park", fake.submissions[0].SalesRep)
	assert.Equal(t, "2027-02-01", fake.submissions[0].ExpiresOn)
}

func TestQuoteBuilderStatusCommand(t *testing.T) {
	startGateway(t, testClientSecret)

	out, err := run(t, "quote-builder", "status", "--deal", "9001")

	require.NoError(t, err)
	assert.Contains(t, out, `"state": "created"`)
	assert.Contains(t, out, `"quoteNumber": "Q-1234"`)
}

func TestQuoteBuilderCommandErrors(t *testing.T) {
	valid := `[{"sku": "CAL-GOLD-3CM", "quantity": "1"}]`
	tests := []struct {
		name   string
		secret string
		reject string
		lines  func(t *testing.T) string
		want   string
	}{
		{name: "missing secret", secret: "", lines: func(t *testing.T) string { return writeLinesFile(t, valid) },
			want: "set HUBSPOT_CLIENT_SECRET"},
		{name: "unreadable lines file", secret: testClientSecret,
			lines: func(t *testing.T) string { return filepath.Join(t.TempDir(), "missing.json") },
			want:  "read the lines file"},
		{name: "lines file not JSON", secret: testClientSecret,
			lines: func(t *testing.T) string { return writeLinesFile(t, "sku,quantity\nA,1\n") },
			want:  "lines file"},
		{name: "no lines", secret: testClientSecret,
			lines: func(t *testing.T) string { return writeLinesFile(t, `{"lines": []}`) }, want: "no lines"},
		{name: "wrong secret", secret: "not-the-secret",
			lines: func(t *testing.T) string { return writeLinesFile(t, valid) }, want: "401"},
		{name: "rejected submission", secret: testClientSecret, reject: "line 1 quantity: required",
			lines: func(t *testing.T) string { return writeLinesFile(t, valid) }, want: "line 1 quantity: required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := startGateway(t, tt.secret)
			fake.reject = tt.reject

			_, err := run(t, "quote-builder", "submit", "--deal", "9001", "--lines", tt.lines(t))

			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Empty(t, fake.submissions)
		})
	}
}

func TestBuildCardRequestDefaultExpiry(t *testing.T) {
	lines := writeLinesFile(t, `[{"sku": "A", "quantity": "1"}]`)

	body, err := buildCardRequest("9001", lines, "", "", time.Date(2026, 12, 4, 18, 0, 0, 0, time.UTC))

	require.NoError(t, err)
	assert.JSONEq(t, `{"dealId":"9001","lines":[{"sku":"A","quantity":"1"}],"salesRep":"",`+
		`"expiresOn":"2027-01-03"}`, string(body))
}

func TestExampleLinesFileParses(t *testing.T) {
	body, err := buildCardRequest("9001", filepath.Join("..", "examples", "quote-lines.json"), "", "",
		time.Date(2026, 12, 4, 18, 0, 0, 0, time.UTC))

	require.NoError(t, err)
	assert.Contains(t, string(body), `"salesRep":"Dana Ortiz"`)
	assert.Contains(t, string(body), `"expiresOn":"2027-01-03"`)
	assert.Contains(t, string(body), `"sku":"MRB-CAR-WHT-2CM-L9986"`)
}
