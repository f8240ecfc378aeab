package quotegateway

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/api/serviceerror"

	"github.com/stonecity/sync/webhooksig"
	"github.com/stonecity/sync/workflows"
)

const validSubmission = `{"dealId":"42","salesRep":"Dana Ortiz","expiresOn":"2027-01-15",` +
	`"requestedBy":"9001","lines":[{"sku":"GR-ABS-3CM","quantity":"12.5","unitPrice":"",` +
	`"description":"Absolute black"},{"sku":"MB-CAR-2CM","quantity":3,"unitPrice":41.25}]}`

// decodeAnswer decodes a cardAnswer from a response body.
func decodeAnswer(t *testing.T, body string) cardAnswer {
	t.Helper()
	var a cardAnswer
	require.NoError(t, json.Unmarshal([]byte(body), &a), body)
	return a
}

// decodeError decodes an errorBody from a response body.
func decodeError(t *testing.T, body string) errorBody {
	t.Helper()
	var e errorBody
	require.NoError(t, json.Unmarshal([]byte(body), &e), body)
	return e
}

func TestSubmitValidAnswersCreating(t *testing.T) {
	h := newHarness(t, nil)

	rec := h.serve(cardRequest(http.MethodPost, PathQuoteBuilder, validSubmission, testClientSecret, testNow))

	require.Equal(t, http.StatusAccepted, rec.Code, rec.Body.String())
	assert.Equal(t, "application/json", rec.Header().Get("Content-Type"))
	assert.Equal(t, "creating", decodeAnswer(t, rec.Body.String()).State)
	require.Len(t, h.starter.submits, 1)
	want := workflows.QuoteSubmission{
		DealID: "42", SalesRep: "Dana Ortiz", ExpiresOn: "2027-01-15", RequestedBy: "9001",
		Lines: []workflows.QuoteLineRequest{
			{SKU: "GR-ABS-3CM", Quantity: "12.5", Description: "Absolute black"},
			{SKU: "MB-CAR-2CM", Quantity: "3", UnitPrice: "41.25"},
		},
	}
	assert.Equal(t, want, h.starter.submits[0])
}

func TestSubmitCreatedAnswersIDs(t *testing.T) {
	h := newHarness(t, nil)
	h.starter.submit = func(_ context.Context, s workflows.QuoteSubmission) (workflows.QuoteBuilderStatus, error) {
		return workflows.QuoteBuilderStatus{DealID: s.DealID, State: workflows.QuoteStateCreated,
			Message: "created: quote Q-1234", SPSCustomerID: "30001", SPSQuoteID: "5001", QuoteNumber: "Q-1234"}, nil
	}

	rec := h.serve(cardRequest(http.MethodPost, PathQuoteBuilder, validSubmission, testClientSecret, testNow))

	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	want := cardAnswer{State: "created", Message: "created: quote Q-1234", QuoteID: "5001",
		QuoteNumber: "Q-1234", CustomerID: "30001"}
	assert.Equal(t, want, decodeAnswer(t, rec.Body.String()))
}

func TestCardRequestRejected(t *testing.T) {
	path := PathQuoteBuilder
	tests := []struct {
		name       string
		config     func(*Config)
		request    func() *http.Request
		wantStatus int
		wantCode   string
		wantText   string
	}{
		{name: "flag off", config: func(c *Config) { c.Enabled = false },
			request: func() *http.Request {
				return cardRequest(http.MethodPost, path, validSubmission, testClientSecret, testNow)
			},
			wantStatus: http.StatusNotFound, wantCode: "quote_builder_disabled", wantText: "QUOTE_BUILDER_ENABLED"},
		{name: "flag off on fetch", config: func(c *Config) { c.Enabled = false },
			request: func() *http.Request {
				return cardRequest(http.MethodGet, path+"?dealId=42", "", testClientSecret, testNow)
			},
			wantStatus: http.StatusNotFound, wantCode: "quote_builder_disabled"},
		{name: "missing headers", request: func() *http.Request {
			req := cardRequest(http.MethodPost, path, validSubmission, testClientSecret, testNow)
			req.Header.Del(webhooksig.HeaderHubSpotSignatureV3)
			req.Header.Del(webhooksig.HeaderHubSpotTimestamp)
			return req
		}, wantStatus: http.StatusUnauthorized, wantCode: "invalid_signature", wantText: "missing"},
		{name: "forged with wrong secret", request: func() *http.Request {
			return cardRequest(http.MethodPost, path, validSubmission, "guessed-secret", testNow)
		}, wantStatus: http.StatusUnauthorized, wantText: "signature mismatch"},
		{name: "body changed after signing", request: func() *http.Request {
			req := cardRequest(http.MethodPost, path, validSubmission, testClientSecret, testNow)
			tampered := strings.Replace(validSubmission, "12.5", "125", 1)
			req.Body = readCloser(tampered)
			req.ContentLength = int64(len(tampered))
			return req
		}, wantStatus: http.StatusUnauthorized, wantText: "signature mismatch"},
		{name: "signed for another query", request: func() *http.Request {
			req := cardRequest(http.MethodGet, path+"?dealId=42", "", testClientSecret, testNow)
			forged := cardRequest(http.MethodGet, path+"?dealId=43", "", testClientSecret, testNow)
			forged.Header = req.Header
			return forged
		}, wantStatus: http.StatusUnauthorized, wantText: "signature mismatch"},
		{name: "stale", request: func() *http.Request {
			return cardRequest(http.MethodPost, path, validSubmission, testClientSecret, testNow.Add(-6*time.Minute))
		}, wantStatus: http.StatusUnauthorized, wantText: "stale"},
		{name: "future", request: func() *http.Request {
			return cardRequest(http.MethodPost, path, validSubmission, testClientSecret, testNow.Add(6*time.Minute))
		}, wantStatus: http.StatusUnauthorized, wantText: "future"},
		{name: "malformed timestamp", request: func() *http.Request {
			req := cardRequest(http.MethodPost, path, validSubmission, testClientSecret, testNow)
			req.Header.Set(webhooksig.HeaderHubSpotTimestamp, "soon")
			return req
		}, wantStatus: http.StatusUnauthorized, wantText: "malformed timestamp"},
		{name: "method not allowed", request: func() *http.Request {
			return cardRequest(http.MethodPut, path, validSubmission, testClientSecret, testNow)
		}, wantStatus: http.StatusMethodNotAllowed, wantCode: "method_not_allowed"},
		{name: "body over limit", request: func() *http.Request {
			big := `{"dealId":"42","salesRep":"` + strings.Repeat("x", MaxBodyBytes) + `"}`
			return cardRequest(http.MethodPost, path, big, testClientSecret, testNow)
		}, wantStatus: http.StatusRequestEntityTooLarge, wantCode: "body_too_large"},
		{name: "malformed json", request: func() *http.Request {
			return cardRequest(http.MethodPost, path, `{"dealId":"42",`, testClientSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantCode: "invalid_submission", wantText: "malformed JSON"},
		{name: "lines not a list", request: func() *http.Request {
			return cardRequest(http.MethodPost, path, `{"dealId":"42","lines":"GR-ABS"}`, testClientSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "field lines"},
		{name: "quantity an object", request: func() *http.Request {
			return cardRequest(http.MethodPost, path, `{"dealId":"42","lines":[{"sku":"A","quantity":{}}]}`, testClientSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "expected a string or a number"},
		{name: "deal id missing", request: func() *http.Request {
			return cardRequest(http.MethodPost, path, `{"lines":[]}`, testClientSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "dealId is missing"},
		{name: "deal id not digits", request: func() *http.Request {
			return cardRequest(http.MethodPost, path, `{"dealId":"42/../7"}`, testClientSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "not a HubSpot record id"},
		{name: "deal id with a leading zero", request: func() *http.Request {
			return cardRequest(http.MethodPost, path, strings.Replace(validSubmission, `"42"`, `"042"`, 1),
				testClientSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "not a HubSpot record id"},
		{name: "deal id zero", request: func() *http.Request {
			return cardRequest(http.MethodPost, path, strings.Replace(validSubmission, `"42"`, `"0"`, 1),
				testClientSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "not a HubSpot record id"},
		{name: "deal id beyond int64", request: func() *http.Request {
			return cardRequest(http.MethodPost, path, strings.Replace(validSubmission, `"42"`,
				`"99999999999999999999"`, 1), testClientSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "not a HubSpot record id"},
		{name: "fetch with a leading zero", request: func() *http.Request {
			return cardRequest(http.MethodGet, path+"?dealId=042", "", testClientSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantCode: "invalid_deal_id"},
		{name: "deal id differs from query", request: func() *http.Request {
			return cardRequest(http.MethodPost, path+"?dealId=43", validSubmission, testClientSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantText: "differs"},
		{name: "fetch without deal id", request: func() *http.Request {
			return cardRequest(http.MethodGet, path, "", testClientSecret, testNow)
		}, wantStatus: http.StatusBadRequest, wantCode: "invalid_deal_id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, tc.config)

			rec := h.serve(tc.request())

			assert.Equal(t, tc.wantStatus, rec.Code, rec.Body.String())
			got := decodeError(t, rec.Body.String())
			if tc.wantCode != "" {
				assert.Equal(t, tc.wantCode, got.Error)
			}
			assert.Contains(t, got.Message, tc.wantText)
			assert.Zero(t, h.starter.calls(), "a rejected request must reach no Temporal call")
		})
	}
}

func TestMethodNotAllowedSetsAllow(t *testing.T) {
	h := newHarness(t, nil)

	rec := h.serve(cardRequest(http.MethodDelete, PathQuoteBuilder, "", testClientSecret, testNow))

	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
	assert.Equal(t, "GET, POST", rec.Header().Get("Allow"))
}

func TestSubmitValidatorRejection(t *testing.T) {
	h := newHarness(t, nil)
	h.starter.submit = func(context.Context, workflows.QuoteSubmission) (workflows.QuoteBuilderStatus, error) {
		return workflows.QuoteBuilderStatus{}, &workflows.SubmissionError{Message: "line 2: quantity \"0\" must be positive"}
	}

	rec := h.serve(cardRequest(http.MethodPost, PathQuoteBuilder, validSubmission, testClientSecret, testNow))

	assert.Equal(t, http.StatusBadRequest, rec.Code)
	got := decodeError(t, rec.Body.String())
	assert.Equal(t, "invalid_submission", got.Error)
	assert.Equal(t, "line 2: quantity \"0\" must be positive", got.Message)
}

func TestSubmitTemporalFailureAnswers503(t *testing.T) {
	h := newHarness(t, nil)
	h.starter.submit = func(context.Context, workflows.QuoteSubmission) (workflows.QuoteBuilderStatus, error) {
		return workflows.QuoteBuilderStatus{}, errors.New("connection refused")
	}

	rec := h.serve(cardRequest(http.MethodPost, PathQuoteBuilder, validSubmission, testClientSecret, testNow))

	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Equal(t, "temporal_unavailable", decodeError(t, rec.Body.String()).Error)
	assert.NotContains(t, rec.Body.String(), "connection refused")
}

func TestSubmitTimeout(t *testing.T) {
	tests := []struct {
		name          string
		state         workflows.QuoteBuilderStatus
		stateErr      error
		inProgress    bool
		inProgressErr error
		submitErr     error
		wantStatus    int
		wantState     string
		wantError     string
	}{
		{name: "update taken", state: workflows.QuoteBuilderStatus{State: workflows.QuoteStateCreating, Message: "creating"},
			wantStatus: http.StatusAccepted, wantState: "creating"},
		{name: "quote already created", state: workflows.QuoteBuilderStatus{State: workflows.QuoteStateCreated},
			wantStatus: http.StatusOK, wantState: "created"},
		{name: "connection lost, quote already created", submitErr: errors.New("connection reset"),
			state:      workflows.QuoteBuilderStatus{State: workflows.QuoteStateCreated},
			wantStatus: http.StatusOK, wantState: "created"},
		{name: "update accepted while loading", state: workflows.QuoteBuilderStatus{State: workflows.QuoteStateIdle},
			inProgress: true, wantStatus: http.StatusAccepted, wantState: "creating"},
		{name: "no update accepted", state: workflows.QuoteBuilderStatus{State: workflows.QuoteStateIdle},
			wantStatus: http.StatusServiceUnavailable},
		{name: "history unreadable", state: workflows.QuoteBuilderStatus{State: workflows.QuoteStateIdle},
			inProgressErr: errors.New("history unavailable"), wantStatus: http.StatusServiceUnavailable},
		{name: "query fails too", stateErr: context.DeadlineExceeded, wantStatus: http.StatusServiceUnavailable,
			wantError: "temporal_timeout"},
		{name: "server deadline before the gateway's", submitErr: serviceerror.NewDeadlineExceeded("deadline exceeded"),
			state:      workflows.QuoteBuilderStatus{State: workflows.QuoteStateIdle},
			inProgress: true, wantStatus: http.StatusAccepted, wantState: "creating"},
		{name: "server deadline, nothing taken", submitErr: serviceerror.NewDeadlineExceeded("deadline exceeded"),
			state:      workflows.QuoteBuilderStatus{State: workflows.QuoteStateIdle},
			wantStatus: http.StatusServiceUnavailable, wantError: "temporal_timeout"},
		{name: "connection lost after the update was taken", submitErr: errors.New("connection reset"),
			state:      workflows.QuoteBuilderStatus{State: workflows.QuoteStateCreating, Message: "creating"},
			wantStatus: http.StatusAccepted, wantState: "creating"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, func(c *Config) { c.TemporalTimeout = 20 * time.Millisecond })
			h.starter.submit = func(ctx context.Context, _ workflows.QuoteSubmission) (workflows.QuoteBuilderStatus, error) {
				if tc.submitErr != nil {
					return workflows.QuoteBuilderStatus{}, tc.submitErr
				}
				<-ctx.Done()
				return workflows.QuoteBuilderStatus{}, ctx.Err()
			}
			h.starter.state = func(context.Context, string) (workflows.QuoteBuilderStatus, error) {
				return tc.state, tc.stateErr
			}
			h.starter.inProgress, h.starter.inProgressErr = tc.inProgress, tc.inProgressErr

			rec := h.serve(cardRequest(http.MethodPost, PathQuoteBuilder, validSubmission, testClientSecret, testNow))

			assert.Equal(t, tc.wantStatus, rec.Code, rec.Body.String())
			if tc.wantState != "" {
				assert.Equal(t, tc.wantState, decodeAnswer(t, rec.Body.String()).State)
			}
			if tc.wantError != "" {
				assert.Equal(t, tc.wantError, decodeError(t, rec.Body.String()).Error)
			}
			assert.Equal(t, []string{"42"}, h.starter.queries)
		})
	}
}

func TestFetchStatus(t *testing.T) {
	h := newHarness(t, nil)
	h.starter.state = func(_ context.Context, dealID string) (workflows.QuoteBuilderStatus, error) {
		return workflows.QuoteBuilderStatus{DealID: dealID, State: workflows.QuoteStateFailed,
			Error: "line 1: unknown sku GR-XXX"}, nil
	}

	rec := h.serve(cardRequest(http.MethodGet, PathQuoteBuilder+"?dealId=42", "", testClientSecret, testNow))

	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	got := decodeAnswer(t, rec.Body.String())
	assert.Equal(t, "failed", got.State)
	assert.Equal(t, "failed: line 1: unknown sku GR-XXX", got.Message)
	assert.Equal(t, []string{"42"}, h.starter.queries)
}

func TestFetchStatusPercentEncodedQuery(t *testing.T) {
	h := newHarness(t, nil)
	target := PathQuoteBuilder + "?dealId=42&userEmail=rep%40stonecity.example&note=a%20b"

	rec := h.serve(cardRequest(http.MethodGet, target, "", testClientSecret, testNow))

	assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
}

func TestFetchStatusTemporalFailure(t *testing.T) {
	h := newHarness(t, nil)
	h.starter.state = func(context.Context, string) (workflows.QuoteBuilderStatus, error) {
		return workflows.QuoteBuilderStatus{}, errors.New("no poller")
	}

	rec := h.serve(cardRequest(http.MethodGet, PathQuoteBuilder+"?dealId=42", "", testClientSecret, testNow))

	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
}

func TestCardLogsOmitSecrets(t *testing.T) {
	h := newHarness(t, nil)
	forged := cardRequest(http.MethodPost, PathQuoteBuilder, validSubmission, "guessed-secret", testNow)
	signature := forged.Header.Get(webhooksig.HeaderHubSpotSignatureV3)

	h.serve(forged)
	h.serve(cardRequest(http.MethodPost, PathQuoteBuilder, validSubmission, testClientSecret, testNow))

	require.Equal(t, 2, h.logs.Len())
	for _, entry := range h.logs.All() {
		text := entry.Message
		for key, value := range entry.ContextMap() {
			text += " " + key + "=" + toString(value)
		}
		assert.NotContains(t, text, testClientSecret)
		assert.NotContains(t, text, signature)
		assert.NotContains(t, text, "GR-ABS-3CM", "the body must not be logged")
	}
	assert.Equal(t, "signature mismatch", h.logs.All()[0].ContextMap()["reason"])
	assert.Equal(t, "42", h.logs.All()[1].ContextMap()["dealID"])
}
