package activities

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/customermap"
)

// companyIndexTTL bounds how long a run's index of pre-existing companies
// is kept in a worker's memory.
const companyIndexTTL = 2 * time.Hour

// companyIndexCache keeps one index of pre-existing companies per run, so
// the batches of a run that land on this worker search HubSpot once. A
// worker that restarts rebuilds it.
type companyIndexCache struct {
	mu      sync.Mutex
	entries map[string]*cachedIndex
}

type cachedIndex struct {
	built time.Time
	index *customermap.CompanyIndex
}

func newCompanyIndexCache() *companyIndexCache {
	return &companyIndexCache{entries: map[string]*cachedIndex{}}
}

// get returns the index for key, building it with build on first use.
func (c *companyIndexCache) get(key string, build func() (*customermap.CompanyIndex, error)) (
	*customermap.CompanyIndex, error) {
	c.mu.Lock()
	defer c.mu.Unlock()

	for k, e := range c.entries {
		if time.Since(e.built) > companyIndexTTL {
			delete(c.entries, k)
		}
	}
	if e, ok := c.entries[key]; ok {
		return e.index, nil
	}
	index, err := build()
	if err != nil {
		return nil, err
	}
	c.entries[key] = &cachedIndex{built: time.Now(), index: index}
	return index, nil
}

// MatchCustomers finds the HubSpot company of each customer: by the unique
// sps_customer_id (a batch read, which reflects writes at once), else in the
// index of companies without an sps_customer_id, by unambiguous
// normalised name, then by e-mail domain.
func (a *CustomerActivities) MatchCustomers(ctx context.Context, in MatchInput) (MatchResult, error) {
	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)
	res := MatchResult{Matches: make([]CompanyMatch, len(in.Customers))}
	stages := &stageCounter{recorder: recorder}

	ids := make([]string, len(in.Customers))
	for i, c := range in.Customers {
		ids[i] = spsID(c.ID)
		res.Matches[i].ID = c.ID
	}
	var found hubspot.BatchReadResult
	err := stages.measure("companies: read by sps_customer_id", len(ids), func() (err error) {
		found, err = a.HubSpot.BatchRead(ctx, objectCompanies, customermap.PropSPSCustomerID, ids,
			[]string{customermap.PropSPSCustomerID})
		return err
	})
	if err != nil {
		return MatchResult{}, temporalError(fmt.Errorf("read companies by sps_customer_id: %w", err), false)
	}
	byID := map[string]string{}
	for _, obj := range found.Found {
		byID[obj.Properties[customermap.PropSPSCustomerID]] = obj.ID
	}

	index, err := a.indexes.get(in.IndexKey, func() (*customermap.CompanyIndex, error) {
		return a.buildIndex(ctx, stages)
	})
	if err != nil {
		return MatchResult{}, temporalError(fmt.Errorf("index HubSpot companies: %w", err), false)
	}

	for i, c := range in.Customers {
		if companyID := byID[ids[i]]; companyID != "" {
			res.Matches[i].CompanyID, res.Matches[i].By = companyID, customermap.PropSPSCustomerID
			continue
		}
		m := index.MatchKeys(c.NameKey, c.Domain)
		res.Matches[i].CompanyID, res.Matches[i].By, res.Matches[i].Ambiguous = m.CompanyID, m.By, m.Ambiguous
	}
	res.Stages = stages.stages
	res.APICalls = recorder.Counts()
	return res, nil
}

// buildIndex searches every company without an sps_customer_id.
func (a *CustomerActivities) buildIndex(ctx context.Context, stages *stageCounter) (*customermap.CompanyIndex, error) {
	var companies []customermap.IndexedCompany
	count := 0
	err := stages.measure("companies: search without sps_customer_id", 0, func() error {
		companies = companies[:0]
		return a.HubSpot.SearchAll(ctx, objectCompanies, hubspot.SearchRequest{
			FilterGroups: []hubspot.FilterGroup{{Filters: []hubspot.Filter{
				{PropertyName: customermap.PropSPSCustomerID, Operator: "NOT_HAS_PROPERTY"},
			}}},
			Properties: []string{"name", "domain"},
		}, func(o hubspot.Object) error {
			companies = append(companies, customermap.IndexedCompany{
				ID: o.ID, Name: o.Properties["name"], Domain: o.Properties["domain"],
			})
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	count = len(companies)
	stages.stages[stages.index("companies: search without sps_customer_id")].Records += count
	return customermap.NewCompanyIndex(companies), nil
}
