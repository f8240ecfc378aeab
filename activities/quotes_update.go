package activities

import (
	"context"
	"fmt"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/quotemap"
)

// updateDeals writes the properties that differ on existing deals. A
// deal whose quote has an unknown status keeps its stage, because
// MapQuote leaves dealstage out; when nothing else changed the quote is
// skipped with the status as the reason.
func (w *quoteWrite) updateDeals(ctx context.Context, updates []quoteDeal,
	existing map[string]hubspot.Object) error {
	owner := map[string]quoteDeal{}
	var inputs []hubspot.UpdateInput
	for _, d := range updates {
		obj := existing[d.id()]
		changes := dealChanges(d.deal, obj.Properties)
		if len(changes) == 0 {
			if d.unknownReason != "" {
				w.skip(d.unknownReason)
			} else {
				w.unchanged++
			}
			continue
		}
		owner[obj.ID] = d
		inputs = append(inputs, hubspot.UpdateInput{ID: obj.ID, Properties: changes})
	}
	if len(inputs) == 0 {
		return nil
	}

	var res hubspot.BatchWriteResult
	err := w.stages.measure("deals: update", len(inputs), func() (err error) {
		res, err = w.a.HubSpot.BatchUpdate(ctx, objectDeals, inputs)
		return err
	})
	if err != nil {
		return fmt.Errorf("update deals: %w", err)
	}
	w.updated += len(res.Objects)

	for _, e := range res.Errors {
		for _, dealID := range e.IDs {
			d := owner[dealID]
			activity.GetLogger(ctx).Warn("HubSpot rejected a quote deal update", "spsQuoteID", d.id(),
				"hubspotID", dealID, "error", e.Message)
			w.fail(d.deal.QuoteID, "deal "+dealID+" update: "+describeInputError(e))
		}
	}
	return nil
}

// dealChanges returns the properties to write on an existing deal: those
// of the mapped deal that differ from have, with sps_revision_count one
// higher when the quote's content hash changed. A deal in a pipeline other
// than the Quotes pipeline keeps its pipeline, stage and name.
func dealChanges(deal quotemap.Deal, have map[string]string) map[string]string {
	want := copyProps(deal.Properties)
	if pipeline := have[quotemap.PropPipeline]; pipeline != "" && pipeline != want[quotemap.PropPipeline] {
		// The deal lives in another pipeline, such as a sales deal the quote
		// builder stamped: it keeps its pipeline and stage, because the
		// Quotes stage ids are not valid there.
		// Its name is the sales rep's too.
		delete(want, quotemap.PropPipeline)
		delete(want, quotemap.PropDealStage)
		delete(want, quotemap.PropDealName)
	}
	count, _ := quotemap.NextRevision(have[quotemap.PropSPSRevisionCount],
		have[quotemap.PropSPSContentHash], deal.Hash)
	want[quotemap.PropSPSRevisionCount] = count
	return quotemap.ChangedProperties(want, have)
}
