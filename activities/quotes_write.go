package activities

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/customermap"
	"github.com/stonecity/sync/quotemap"
	"github.com/stonecity/sync/report"
)

// quoteDealProps are the deal properties read to decide what changed.
var quoteDealProps = []string{
	quotemap.PropDealName, quotemap.PropAmount, quotemap.PropPipeline, quotemap.PropDealStage,
	quotemap.PropCloseDate, quotemap.PropSPSQuoteID, quotemap.PropSPSOpportunityID,
	quotemap.PropSPSQuoteNumber, quotemap.PropSPSRevisionCount, quotemap.PropSPSContentHash,
	quotemap.PropSPSCustomerID, quotemap.PropSPSSalesRep, quotemap.PropSPSJobName,
	quotemap.PropSPSProjectType, quotemap.PropSPSLastSynced,
}

// quoteWrite is one attempt at one page of quotes.
type quoteWrite struct {
	a      *QuoteActivities
	stages *stageCounter

	quotes    int
	deferred  int
	created   int
	updated   int
	unchanged int
	skipped   map[string]int
	failures  []report.RecordFailure
}

func newQuoteWrite(a *QuoteActivities, recorder *apicalls.Recorder) *quoteWrite {
	return &quoteWrite{a: a, stages: &stageCounter{recorder: recorder}, skipped: map[string]int{}}
}

func (w *quoteWrite) skip(reason string) { w.skipped[reason]++ }

func (w *quoteWrite) fail(quoteID int64, reason string) {
	w.failures = append(w.failures, report.RecordFailure{SourceID: spsID(quoteID), Reason: reason})
}

// syncBatch writes up to 100 deals: it reads the existing ones by
// sps_quote_id, creates the missing ones and updates the rest. A create
// that conflicts on sps_quote_id, because another run created the deal
// first, is read again and updated like an existing deal.
func (w *quoteWrite) syncBatch(ctx context.Context, batch []quoteDeal) error {
	ids := make([]string, len(batch))
	for i, d := range batch {
		ids[i] = d.id()
	}
	existing, err := w.readDeals(ctx, ids)
	if err != nil {
		return err
	}

	var creates, updates []quoteDeal
	for _, d := range batch {
		if _, ok := existing[d.id()]; ok {
			updates = append(updates, d)
		} else {
			creates = append(creates, d)
		}
	}
	creates, claimed, err := w.claimBuilderDeals(ctx, creates, existing)
	if err != nil {
		return err
	}
	updates = append(updates, claimed...)
	conflicts, err := w.createDeals(ctx, creates)
	if err != nil {
		return err
	}

	if len(conflicts) > 0 {
		if err := w.rereadConflicts(ctx, conflicts, existing); err != nil {
			return err
		}
		updates = append(updates, conflicts...)
	}
	return w.updateDeals(ctx, updates, existing)
}

// readDeals batch-reads deals by sps_quote_id and returns them by quote id.
func (w *quoteWrite) readDeals(ctx context.Context, quoteIDs []string) (map[string]hubspot.Object, error) {
	var res hubspot.BatchReadResult
	err := w.stages.measure("deals: read by sps_quote_id", len(quoteIDs), func() (err error) {
		res, err = w.a.HubSpot.BatchRead(ctx, objectDeals, quotemap.PropSPSQuoteID, quoteIDs, quoteDealProps)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read deals by sps_quote_id: %w", err)
	}

	out := make(map[string]hubspot.Object, len(res.Found))
	for _, obj := range res.Found {
		out[obj.Properties[quotemap.PropSPSQuoteID]] = obj
	}
	return out, nil
}

// claimBuilderDeals finds, among quotes with no deal yet, those the quote
// builder created for a HubSpot deal. It returns them as claimed and adds
// that deal to existing, so the update stamps the quote on the builder's
// deal. Without it, quote sync reading the quote before the builder stamps
// it would create a second deal. A referenced deal that is gone
// or already holds another quote is left, and the quote gets a deal of
// its own.
func (w *quoteWrite) claimBuilderDeals(ctx context.Context, creates []quoteDeal,
	existing map[string]hubspot.Object) (rest, claimed []quoteDeal, err error) {
	var ids []string
	seen := map[string]bool{}
	for _, d := range creates {
		if d.builderDealID != "" && !seen[d.builderDealID] {
			seen[d.builderDealID] = true
			ids = append(ids, d.builderDealID)
		}
	}
	if len(ids) == 0 {
		return creates, nil, nil
	}
	var res hubspot.BatchReadResult
	err = w.stages.measure("deals: read quote builder deals", len(ids), func() (err error) {
		res, err = w.a.HubSpot.BatchRead(ctx, objectDeals, "", ids, quoteDealProps)
		return err
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read the quote builder's deals: %w", err)
	}
	found := make(map[string]hubspot.Object, len(res.Found))
	for _, obj := range res.Found {
		found[obj.ID] = obj
	}
	for _, d := range creates {
		obj, ok := found[d.builderDealID]
		if ok && (obj.Properties[quotemap.PropSPSQuoteID] == "" || obj.Properties[quotemap.PropSPSQuoteID] == d.id()) {
			// One deal takes one quote; another quote naming it gets a
			// deal of its own.
			delete(found, d.builderDealID)
			existing[d.id()] = obj
			claimed = append(claimed, d)
			continue
		}
		rest = append(rest, d)
	}
	return rest, claimed, nil
}

// rereadConflicts adds the deals of conflicting creates to existing. A
// deal that is still not found fails the attempt as retryable, because
// the record holding the quote id may have been archived meanwhile.
func (w *quoteWrite) rereadConflicts(ctx context.Context, conflicts []quoteDeal,
	existing map[string]hubspot.Object) error {
	ids := make([]string, len(conflicts))
	for i, d := range conflicts {
		ids[i] = d.id()
	}
	found, err := w.readDeals(ctx, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		obj, ok := found[id]
		if !ok {
			return fmt.Errorf("deal of SPS quote %s: create conflicted on sps_quote_id, "+
				"but no deal has that sps_quote_id", id)
		}
		existing[id] = obj
	}
	return nil
}

// companiesByCustomer batch-reads companies by sps_customer_id and
// returns their ids by SPS customer id.
func (w *quoteWrite) companiesByCustomer(ctx context.Context, deals []quoteDeal) (map[string]string, error) {
	set := map[string]bool{}
	for _, d := range deals {
		if d.deal.CustomerID != "" {
			set[d.deal.CustomerID] = true
		}
	}
	if len(set) == 0 {
		return map[string]string{}, nil
	}

	customerIDs := sortedKeys(set)
	var res hubspot.BatchReadResult
	err := w.stages.measure("companies: read by sps_customer_id", len(customerIDs), func() (err error) {
		res, err = w.a.HubSpot.BatchRead(ctx, objectCompanies, customermap.PropSPSCustomerID, customerIDs,
			[]string{customermap.PropSPSCustomerID})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read companies by sps_customer_id: %w", err)
	}

	out := make(map[string]string, len(res.Found))
	for _, obj := range res.Found {
		out[obj.Properties[customermap.PropSPSCustomerID]] = obj.ID
	}
	return out, nil
}

// createDeals creates deals with sps_revision_count 0 and returns those
// whose create conflicted on sps_quote_id.
func (w *quoteWrite) createDeals(ctx context.Context, creates []quoteDeal) ([]quoteDeal, error) {
	if len(creates) == 0 {
		return nil, nil
	}
	companies, err := w.companiesByCustomer(ctx, creates)
	if err != nil {
		return nil, err
	}

	byTrace := make(map[string]quoteDeal, len(creates))
	inputs := make([]hubspot.CreateInput, 0, len(creates))
	for _, d := range creates {
		props := copyProps(d.deal.Properties)
		props[quotemap.PropSPSRevisionCount] = "0"
		if d.deal.Stage == quotemap.StageUnknown {
			// HubSpot needs a stage to create a deal; a quote whose status
			// maps to none starts at Quoted, its first stage.
			props[quotemap.PropDealStage] = w.a.Portal.QuoteQuotedStageID
		}
		in := hubspot.CreateInput{Properties: props, TraceID: d.id()}
		if companyID := companies[d.deal.CustomerID]; companyID != "" {
			in.Associations = []hubspot.Association{{ToID: companyID, TypeID: hubspot.DealToCompany}}
		}
		inputs = append(inputs, in)
		byTrace[d.id()] = d
	}

	var res hubspot.BatchWriteResult
	err = w.stages.measure("deals: create", len(inputs), func() (err error) {
		res, err = w.a.HubSpot.BatchCreate(ctx, objectDeals, inputs)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("create deals: %w", err)
	}
	w.created += len(res.Objects)

	var conflicts []quoteDeal
	for _, e := range res.Errors {
		d, ok := byTrace[e.TraceID]
		if !ok {
			return nil, fmt.Errorf("create deals: HubSpot returned an error for unknown trace id %q: %w",
				e.TraceID, e)
		}
		if e.Kind == hubspot.KindConflict {
			conflicts = append(conflicts, d)
			continue
		}
		activity.GetLogger(ctx).Warn("HubSpot rejected a quote deal", "spsQuoteID", d.id(), "error", e.Message)
		w.fail(d.deal.QuoteID, "deal create: "+describeInputError(e))
	}
	return conflicts, nil
}
