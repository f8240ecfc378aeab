package quotemap

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotvalue"
	"github.com/stonecity/sync/normalize"
)

// hubspotDateTimeLayout is RFC 3339 in UTC with milliseconds, the form
// HubSpot itself returns for datetime properties.
const hubspotDateTimeLayout = "2006-01-02T15:04:05.000Z"

// Deal is an SPS quote mapped to a HubSpot deal in the Quotes pipeline.
type Deal struct {
	// QuoteID is the SPS quote id.
	QuoteID int64
	// Properties are the deal's HubSpot properties. No value is "". It
	// leaves out sps_revision_count, which depends on the deal's current
	// values: the caller sets it with NextRevision.
	Properties map[string]string
	// Stage is the mapped stage. For StageUnknown, Properties has no
	// dealstage, so the deal keeps its current stage.
	Stage Stage
	// Hash is ContentHash of the quote, also in sps_quote_hash.
	Hash string
	// CustomerID is the SPS customer id in canonical decimal form, which
	// is the sps_customer_id of the company to associate. It is "" when the
	// quote has none.
	CustomerID string
}

// MapQuote maps an SPS quote to the HubSpot deal properties quote sync
// writes:
//
//   - dealname: DealName.
//   - amount: total as a plain decimal such as "1500.5".
//   - pipeline and dealstage: p's Quotes pipeline and the StageID of
//     MapStage.
//   - closedate: expiryDate as a UTC datetime with milliseconds, which is
//     midnight for a plain date.
//   - sps_quote_id, sps_opportunity_id and sps_customer_id: ids in
//     canonical decimal form.
//   - sps_quote_number, sps_sales_rep, sps_job_name, sps_project_type: the
//     SPS text with whitespace collapsed.
//   - sps_quote_hash: ContentHash. sps_last_synced: syncedAt in UTC.
//
// No value is "", because HubSpot rejects "" on number and date properties
// and clears a value that an update sets to "". So a property is omitted
// when SPS sent "" or null, dealstage when the stage is unknown, and
// sps_last_synced when syncedAt is the zero time.
//
// It returns a *FieldError for an id that is 0 or negative, and for a
// total that is set but not a plain decimal (such as "NaN"). It returns a
// plain error when p has no QuotesPipelineID.
func MapQuote(q sps.Quote, p config.HubSpotPortal, syncedAt time.Time) (Deal, error) {
	if q.ID <= 0 {
		reason := "missing"
		if q.ID < 0 {
			reason = fmt.Sprintf("%d is not a positive id", q.ID)
		}
		return Deal{}, &FieldError{QuoteID: q.ID, Field: "id", Reason: reason}
	}

	pipeline := strings.TrimSpace(p.QuotesPipelineID)
	if pipeline == "" {
		return Deal{}, fmt.Errorf("map %s: missing QuotesPipelineID in the HubSpot portal settings",
			quoteLabel(q.ID))
	}

	deal := Deal{
		QuoteID: q.ID,
		Stage:   MapStage(q),
		Hash:    ContentHash(q),
	}
	deal.CustomerID, _ = hubspotvalue.CanonicalNumber(q.CustomerID.String())

	properties := map[string]string{
		PropDealName:       DealName(q),
		PropPipeline:       pipeline,
		PropSPSQuoteID:     strconv.FormatInt(q.ID, 10),
		PropSPSContentHash: deal.Hash,
	}
	if q.Total.IsSet() {
		amount, ok := hubspotvalue.CanonicalNumber(q.Total.String())
		if !ok {
			return Deal{}, &FieldError{
				QuoteID: q.ID,
				Field:   "total",
				Reason:  fmt.Sprintf("%q is not a plain decimal number", q.Total.String()),
			}
		}
		properties[PropAmount] = amount
	}

	setIfNotEmpty(properties, PropDealStage, strings.TrimSpace(StageID(deal.Stage, p)))
	if q.ExpiryDate.IsSet() {
		properties[PropCloseDate] = q.ExpiryDate.Time().UTC().Format(hubspotDateTimeLayout)
	}
	if !syncedAt.IsZero() {
		properties[PropSPSLastSynced] = syncedAt.UTC().Format(hubspotDateTimeLayout)
	}
	setReferences(properties, q, deal.CustomerID)

	deal.Properties = properties
	return deal, nil
}

// setReferences sets the SPS ids and text fields that are copied as they
// are, with whitespace collapsed.
func setReferences(properties map[string]string, q sps.Quote, customerID string) {
	// NOTE: an opportunityID or customerID that SPS sent as "NaN" or "Inf"
	// is omitted like an empty one, so the deal keeps its old value and
	// nothing reports the bad value.
	opportunityID, _ := hubspotvalue.CanonicalNumber(q.OpportunityID.String())
	setIfNotEmpty(properties, PropSPSOpportunityID, opportunityID)
	setIfNotEmpty(properties, PropSPSCustomerID, customerID)

	setIfNotEmpty(properties, PropSPSQuoteNumber, normalize.PersonName(q.TransactionNumber))
	setIfNotEmpty(properties, PropSPSSalesRep, normalize.PersonName(q.PrimarySalesRep))
	setIfNotEmpty(properties, PropSPSJobName, normalize.PersonName(q.JobName))
	setIfNotEmpty(properties, PropSPSProjectType, normalize.PersonName(q.ProjectTypeValue))
}

func setIfNotEmpty(properties map[string]string, name, value string) {
	if value != "" {
		properties[name] = value
	}
}
