package quotegateway

import (
	"context"
	"errors"
	"net/http"

	"go.temporal.io/api/serviceerror"
	"go.uber.org/zap"

	"github.com/stonecity/sync/webhooksig"
	"github.com/stonecity/sync/workflows"
)

// serveQuoteBuilder serves the deal card: the flag, the method, the body
// limit and the signature come first, so a rejected request reaches no
// Temporal call.
func (g *gateway) serveQuoteBuilder(w http.ResponseWriter, r *http.Request) {
	if !g.cfg.Enabled {
		writeError(w, http.StatusNotFound, "quote_builder_disabled",
			"the quote builder is disabled on this gateway (QUOTE_BUILDER_ENABLED is not true)")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		methodNotAllowed(w, r, http.MethodGet, http.MethodPost)
		return
	}
	body, err := readBody(w, r)
	if err != nil {
		g.logger.Warn("Rejected card request", zap.String("remoteAddr", r.RemoteAddr), zap.String("reason", err.Error()))
		answerBodyError(w, err)
		return
	}
	if !g.verifyHubSpot(w, r, body) {
		return
	}

	if r.Method == http.MethodGet {
		g.fetchStatus(w, r)
		return
	}
	g.submit(w, r, body)
}

// verifyHubSpot checks the v3 signature and responds 401 when it fails.
func (g *gateway) verifyHubSpot(w http.ResponseWriter, r *http.Request, body []byte) bool {
	err := webhooksig.VerifyHubSpotV3(g.cfg.HubSpotClientSecret, webhooksig.HubSpotRequest{
		Method:    r.Method,
		URI:       signedURI(g.cfg.PublicURL, r),
		Body:      body,
		Signature: r.Header.Get(webhooksig.HeaderHubSpotSignatureV3),
		Timestamp: r.Header.Get(webhooksig.HeaderHubSpotTimestamp),
	}, g.cfg.Now())
	if err == nil {
		return true
	}

	reason := signatureReason(err)
	g.logger.Warn("Rejected card request", zap.String("remoteAddr", r.RemoteAddr), zap.String("reason", reason))
	writeError(w, http.StatusUnauthorized, "invalid_signature", reason)
	return false
}

// signatureReason is the short reason a signature check failed, safe to
// return to the caller.
func signatureReason(err error) string {
	switch {
	case errors.Is(err, webhooksig.ErrMissingHeader):
		return "missing signature or timestamp header"
	case errors.Is(err, webhooksig.ErrMalformedTimestamp):
		return "malformed timestamp"
	case errors.Is(err, webhooksig.ErrStale):
		return "stale timestamp: the request is more than 5 minutes old"
	case errors.Is(err, webhooksig.ErrFuture):
		return "timestamp more than 5 minutes in the future"
	default:
		return "signature mismatch"
	}
}

// fetchStatus responds to GET with the deal's current status.
func (g *gateway) fetchStatus(w http.ResponseWriter, r *http.Request) {
	dealID := r.URL.Query().Get("dealId")
	if err := checkDealID(dealID); err != nil {
		writeError(w, http.StatusBadRequest, "invalid_deal_id", err.Error())
		return
	}

	ctx, cancel := context.WithTimeout(r.Context(), g.cfg.TemporalTimeout)
	defer cancel()
	status, err := g.starter.QuoteBuilderState(ctx, dealID)
	if err != nil {
		g.logger.Error("Quote builder status query failed", zap.String("dealID", dealID), zap.Error(err))
		writeError(w, http.StatusServiceUnavailable, "temporal_unavailable",
			"the quote builder's status is unavailable right now; try again in a minute")
		return
	}
	writeJSON(w, http.StatusOK, answerOf(status))
}

// submit handles POST: parse, hand to the workflow, respond with its status.
func (g *gateway) submit(w http.ResponseWriter, r *http.Request, body []byte) {
	submission, err := parseSubmission(body, r.URL.Query().Get("dealId"))
	if err != nil {
		g.logger.Info("Rejected quote submission", zap.String("remoteAddr", r.RemoteAddr), zap.String("reason", err.Error()))
		writeError(w, http.StatusBadRequest, "invalid_submission", err.Error())
		return
	}
	logger := g.logger.With(zap.String("dealID", submission.DealID))

	ctx, cancel := context.WithTimeout(r.Context(), g.cfg.TemporalTimeout)
	defer cancel()
	status, err := g.starter.SubmitQuote(ctx, submission)

	var rejected *workflows.SubmissionError
	switch {
	case errors.As(err, &rejected):
		logger.Info("Rejected quote submission", zap.String("reason", rejected.Message))
		writeError(w, http.StatusBadRequest, "invalid_submission", rejected.Message)
	case err != nil && r.Context().Err() == nil:
		g.answerAfterFailure(w, r, submission.DealID, timedOut(ctx, err), err, logger)
	case err != nil:
		logger.Info("Quote submission abandoned by the caller", zap.Error(err))
	default:
		logger.Info("Quote submission handled", zap.String("state", status.State))
		writeJSON(w, statusCode(status), answerOf(status))
	}
}

// answerAfterFailure answers the card after a submit that failed without a
// rejection, usually a timeout. It checks whether the workflow took the
// submission, because the server can return its own deadline error just
// before the gateway's context expires. A taken submission gets 202
// creating, a deal whose quote exists gets 200 created as a completed
// submit would, and any other gets 503, which is safe to retry.
func (g *gateway) answerAfterFailure(w http.ResponseWriter, r *http.Request, dealID string, timeout bool, submitErr error, logger *zap.Logger) {
	ctx, cancel := context.WithTimeout(r.Context(), fallbackQueryTimeout)
	defer cancel()
	status, err := g.takenStatus(ctx, dealID)
	if err == nil && status.State != "" {
		logger.Warn("Quote submission did not complete, but the workflow took it",
			zap.String("state", status.State), zap.Bool("timeout", timeout), zap.Error(submitErr))
		writeJSON(w, statusCode(status), answerOf(status))
		return
	}

	if timeout {
		logger.Error("Quote submission timed out", zap.Duration("timeout", g.cfg.TemporalTimeout),
			zap.Error(submitErr), zap.NamedError("statusError", err))
		writeError(w, http.StatusServiceUnavailable, "temporal_timeout",
			"the quote builder did not respond in time; try again in a minute")
		return
	}
	logger.Error("Quote submission failed", zap.Error(submitErr), zap.NamedError("statusError", err))
	writeError(w, http.StatusServiceUnavailable, "temporal_unavailable",
		"the quote builder could not take the submission right now; try again in a minute")
}

// timedOut reports whether a submit error came from the gateway's context
// deadline or from the server's deadline error.
func timedOut(ctx context.Context, err error) bool {
	if ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var deadline *serviceerror.DeadlineExceeded
	return errors.As(err, &deadline)
}

// takenStatus returns the deal's status when its workflow has taken a
// submission, or a zero status when it has not. The status query shows
// creating or created once the update handler ran. Before that, while the
// run still loads the deal, the query shows idle, so an accepted update
// that has not completed counts as creating.
func (g *gateway) takenStatus(ctx context.Context, dealID string) (workflows.QuoteBuilderStatus, error) {
	status, err := g.starter.QuoteBuilderState(ctx, dealID)
	if err != nil {
		return workflows.QuoteBuilderStatus{}, err
	}
	if status.State == workflows.QuoteStateCreating || status.State == workflows.QuoteStateCreated {
		return status, nil
	}
	inProgress, err := g.starter.SubmissionInProgress(ctx, dealID)
	if err != nil || !inProgress {
		return workflows.QuoteBuilderStatus{}, err
	}
	return workflows.QuoteBuilderStatus{DealID: dealID, State: workflows.QuoteStateCreating,
		Message: "creating: the submission was accepted; fetch the status again in a few seconds"}, nil
}

// statusCode is 202 while the quote is being created, else 200.
func statusCode(s workflows.QuoteBuilderStatus) int {
	if s.State == workflows.QuoteStateCreating {
		return http.StatusAccepted
	}
	return http.StatusOK
}
