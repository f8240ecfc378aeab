package activities

import (
	"context"
	"fmt"
	"sort"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/customermap"
	"github.com/stonecity/sync/quotemap"
	"github.com/stonecity/sync/report"
)

// RematchResult is the outcome of linking quote deals to companies.
type RematchResult struct {
	// Deals is the number of deals in the Quotes pipeline.
	Deals int `json:"deals"`
	// Linked is the number of deals associated with a company by this run.
	Linked   int                 `json:"linked"`
	Stages   []report.StageCount `json:"stages,omitempty"`
	APICalls []apicalls.Count    `json:"apiCalls"`
}

// RematchQuotes associates every deal of the Quotes pipeline that has no
// company with the company whose sps_customer_id is the deal's: quote
// sync creates a deal before customer sync has created its company when
// the customer became B2B later. Deals that already have a company, or
// whose company still does not exist, are left alone, so a rerun links
// nothing new.
func (a *QuoteActivities) RematchQuotes(ctx context.Context) (RematchResult, error) {
	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)
	stages := &stageCounter{recorder: recorder}

	customerOf, err := a.quoteDealCustomers(ctx, stages)
	if err != nil {
		return RematchResult{}, temporalError(err, false)
	}
	res := RematchResult{Deals: len(customerOf)}

	unlinked, err := a.dealsWithoutCompany(ctx, stages, customerOf)
	if err != nil {
		return RematchResult{}, temporalError(err, false)
	}
	companies, err := a.companiesBySPSID(ctx, stages, customerOf, unlinked)
	if err != nil {
		return RematchResult{}, temporalError(err, false)
	}

	var pairs []hubspot.AssociationPair
	for _, dealID := range unlinked {
		if companyID := companies[customerOf[dealID]]; companyID != "" {
			pairs = append(pairs, hubspot.AssociationPair{FromID: dealID, ToID: companyID})
		}
	}
	if len(pairs) > 0 {
		err = stages.measure("deals: associate companies", len(pairs), func() error {
			return a.HubSpot.BatchAssociateDefault(ctx, objectDeals, objectCompanies, pairs)
		})
		if err != nil {
			return RematchResult{}, temporalError(fmt.Errorf("associate quote deals with companies: %w", err), false)
		}
		activity.GetLogger(ctx).Info("Linked quote deals to companies", "count", len(pairs))
	}
	res.Linked = len(pairs)
	res.Stages = stages.stages
	res.APICalls = recorder.Counts()
	return res, nil
}

// quoteDealCustomers returns the SPS customer id of every deal in the
// Quotes pipeline that has one, by deal id.
func (a *QuoteActivities) quoteDealCustomers(ctx context.Context, stages *stageCounter) (map[string]string, error) {
	customerOf := map[string]string{}
	err := stages.measure("deals: search Quotes pipeline", 0, func() error {
		return a.HubSpot.SearchAll(ctx, objectDeals, hubspot.SearchRequest{
			FilterGroups: []hubspot.FilterGroup{{Filters: []hubspot.Filter{
				{PropertyName: "pipeline", Operator: "EQ", Value: a.Portal.QuotesPipelineID},
			}}},
			Properties: []string{quotemap.PropSPSCustomerID},
		}, func(o hubspot.Object) error {
			if id := o.Properties[quotemap.PropSPSCustomerID]; id != "" {
				customerOf[o.ID] = id
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("search quote deals: %w", err)
	}
	return customerOf, nil
}

// dealsWithoutCompany returns the deals, sorted, that have no company.
func (a *QuoteActivities) dealsWithoutCompany(ctx context.Context, stages *stageCounter,
	customerOf map[string]string) ([]string, error) {
	ids := sortedKeys(customerOf)
	var linked map[string][]string
	err := stages.measure("deals: read company associations", len(ids), func() (err error) {
		linked, err = a.HubSpot.BatchReadAssociations(ctx, objectDeals, objectCompanies, ids)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read quote deal companies: %w", err)
	}
	var unlinked []string
	for _, id := range ids {
		if len(linked[id]) == 0 {
			unlinked = append(unlinked, id)
		}
	}
	activity.RecordHeartbeat(ctx, len(unlinked))
	return unlinked, nil
}

// companiesBySPSID reads the companies of the unlinked deals' customers by
// the unique sps_customer_id, keyed by that id.
func (a *QuoteActivities) companiesBySPSID(ctx context.Context, stages *stageCounter,
	customerOf map[string]string, unlinked []string) (map[string]string, error) {
	seen := map[string]bool{}
	var customerIDs []string
	for _, dealID := range unlinked {
		if id := customerOf[dealID]; !seen[id] {
			seen[id] = true
			customerIDs = append(customerIDs, id)
		}
	}
	sort.Strings(customerIDs)

	companies := map[string]string{}
	for _, chunk := range chunks(customerIDs, hubspot.MaxBatchSize) {
		var res hubspot.BatchReadResult
		err := stages.measure("companies: read by sps_customer_id", len(chunk), func() (err error) {
			res, err = a.HubSpot.BatchRead(ctx, objectCompanies, customermap.PropSPSCustomerID, chunk,
				[]string{customermap.PropSPSCustomerID})
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("read companies by sps_customer_id: %w", err)
		}
		for _, obj := range res.Found {
			companies[obj.Properties[customermap.PropSPSCustomerID]] = obj.ID
		}
		activity.RecordHeartbeat(ctx, len(companies))
	}
	return companies, nil
}
