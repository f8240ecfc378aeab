package workflows

import (
	"errors"
	"fmt"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/quotebuild"
)

const (
	// companyStampWait bounds how long a run whose customer create met an
	// idempotency mismatch waits for the company's sps_customer_id. The
	// deal whose create succeeded stamps the company right after it, so
	// the stamp normally appears within seconds. A minute also covers the
	// first five retries of that stamp, which start 1, 2, 4, 8 and 16
	// seconds apart.
	companyStampWait = time.Minute
	// companyStampFirstDelay is the pause after the first company read
	// without an id. Each later pause doubles, up to the end of
	// companyStampWait, so the company is read at 0, 2, 6, 14, 30 and 60
	// seconds.
	companyStampFirstDelay = 2 * time.Second
)

// awaitCompanyStamp reads the deal's company until it has an
// sps_customer_id and returns it. mismatch is the failure of the customer
// create. After companyStampWait without an id it returns a final
// IdempotencyMismatch error whose message names the company and the key
// and gives the fix. A failed read returns the read's error.
func (b *quoteBuilder) awaitCompanyStamp(ctx workflow.Context, mismatch error) (string, error) {
	companyID := b.records.CompanyID
	name := b.records.Company["name"]
	workflow.GetLogger(ctx).Info("SPS customer key already used with other details; waiting for the company's "+
		"sps_customer_id", "dealID", b.dealID, "companyID", companyID, "wait", companyStampWait)

	var qb *activities.QuoteBuilderActivities
	deadline := workflow.Now(ctx).Add(companyStampWait)
	delay := companyStampFirstDelay
	for {
		var company activities.ReadQuoteCompanyResult
		err := workflow.ExecuteActivity(ctx, qb.ReadQuoteCompany,
			activities.ReadQuoteCompanyInput{CompanyID: companyID}).Get(ctx, &company)
		if err != nil {
			return "", err
		}
		if company.CustomerID != "" {
			return company.CustomerID, nil
		}
		if company.Name != "" {
			name = company.Name
		}

		left := deadline.Sub(workflow.Now(ctx))
		if left <= 0 {
			break
		}
		if err := workflow.Sleep(ctx, min(delay, left)); err != nil {
			return "", err
		}
		delay *= 2
	}

	return "", temporal.NewNonRetryableApplicationError(fmt.Sprintf("SPS already has a customer created "+
		"for HubSpot company %s (%q) with other details under Idempotency-Key %s, and the company still "+
		"has no %s after %.0f seconds: find that customer in SPS, set %s on the company in HubSpot, and "+
		"submit again", companyID, name, quotebuild.CustomerKey(companyID), quotebuild.PropSPSCustomerID,
		companyStampWait.Seconds(), quotebuild.PropSPSCustomerID), activities.ErrorTypeIdempotencyMismatch, mismatch)
}

// isActivityErrorType reports whether err is an activity failure caused by
// an application error of type errType.
func isActivityErrorType(err error, errType string) bool {
	var appErr *temporal.ApplicationError
	return errors.As(err, &appErr) && appErr.Type() == errType
}
