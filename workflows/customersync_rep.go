package workflows

import (
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/apicalls"
)

// CustomerSyncRep reads the active SPS customers of one sales rep, page by
// page (SPS pages hold at most 200 records), classified and mapped, and
// returns them merged by customer id. A rep spelled several ways is read
// once per spelling. The sweep child reads every active customer and
// keeps those no rep child covers.
func CustomerSyncRep(ctx workflow.Context, in CustomerSyncRepInput) (CustomerSyncRepResult, error) {
	names := in.Names
	if in.Sweep {
		names = []string{""}
	}

	var result CustomerSyncRepResult
	var records []activities.CustomerRecord
	for _, name := range names {
		for page := 1; page != 0; {
			var customers *activities.CustomerActivities
			var res activities.CustomerPageResult
			err := workflow.ExecuteActivity(shortActivity(ctx), customers.FetchCustomerPage, activities.CustomerPageInput{
				SalesRepName: name,
				Sweep:        in.Sweep,
				CoveredNames: in.CoveredNames,
				Page:         page,
				SyncedAt:     in.SyncedAt,
			}).Get(ctx, &res)
			if err != nil {
				return CustomerSyncRepResult{}, err
			}
			records = append(records, res.Records...)
			result.Pages++
			result.APICalls = apicalls.Merge(result.APICalls, res.APICalls)
			page = res.NextPage
		}
	}

	result.Records = uniqueByID(records)
	return result, nil
}
