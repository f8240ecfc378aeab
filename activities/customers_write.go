package activities

import (
	"context"
	"fmt"
	"sort"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/customermap"
	"github.com/stonecity/sync/report"
)

// SyncCustomerBatch writes up to 100 b2b customers: it creates the
// companies that have none, updates matched companies whose values differ
// (a no-op run only reads), and stamps the SPS metadata, and lead status
// SPS_B2B if blank, on each company's contacts. A create that conflicts on
// sps_customer_id (an earlier attempt created it) updates instead.
func (a *CustomerActivities) SyncCustomerBatch(ctx context.Context, in CustomerWriteInput) (CustomerWriteResult, error) {
	if len(in.Customers) != len(in.CompanyIDs) || len(in.Customers) > hubspot.MaxBatchSize {
		return CustomerWriteResult{}, permanent(ErrorTypeInvalid,
			"customer batch needs one company id per customer and at most %d customers", hubspot.MaxBatchSize)
	}
	recorder := apicalls.NewRecorder()
	ctx = apicalls.WithRecorder(ctx, recorder)
	w := &customerWrite{a: a, in: in, stages: &stageCounter{recorder: recorder},
		companyOf: map[int64]string{}, failed: map[int64]string{}, writes: map[string]report.ObjectWrites{}}

	for i, c := range in.Customers {
		if in.CompanyIDs[i] != "" {
			w.companyOf[c.ID] = in.CompanyIDs[i]
		}
	}
	steps := []func(context.Context) error{w.createCompanies, w.updateCompanies, w.updateContacts}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return CustomerWriteResult{}, temporalError(err, false)
		}
	}
	return w.result(recorder), nil
}

// customerWrite is one attempt at one write batch.
type customerWrite struct {
	a      *CustomerActivities
	in     CustomerWriteInput
	stages *stageCounter

	companyOf map[int64]string // SPS id → HubSpot company id
	created   map[int64]bool
	updated   int
	unchanged int
	failed    map[int64]string
	writes    map[string]report.ObjectWrites
}

func (w *customerWrite) record(id int64) CustomerRecord {
	for _, c := range w.in.Customers {
		if c.ID == id {
			return c
		}
	}
	return CustomerRecord{ID: id}
}

func (w *customerWrite) wrote(object string, created, updated int) {
	o := w.writes[object]
	o.Object = object
	o.Created += created
	o.Updated += updated
	w.writes[object] = o
}

// createCompanies creates a company for each customer without one.
func (w *customerWrite) createCompanies(ctx context.Context) error {
	w.created = map[int64]bool{}
	var inputs []hubspot.CreateInput
	for _, c := range w.in.Customers {
		if w.companyOf[c.ID] == "" {
			inputs = append(inputs, hubspot.CreateInput{Properties: copyProps(c.Company), TraceID: spsID(c.ID)})
		}
	}
	if len(inputs) == 0 {
		return nil
	}

	var res hubspot.BatchWriteResult
	err := w.stages.measure("companies: create", len(inputs), func() (err error) {
		res, err = w.a.HubSpot.BatchCreate(ctx, objectCompanies, inputs)
		return err
	})
	if err != nil {
		return fmt.Errorf("create companies: %w", err)
	}
	for _, obj := range res.Objects {
		for _, c := range w.in.Customers {
			if spsID(c.ID) == obj.Properties[customermap.PropSPSCustomerID] {
				w.companyOf[c.ID] = obj.ID
				w.created[c.ID] = true
			}
		}
	}
	w.wrote(objectCompanies, len(res.Objects), 0)
	for _, e := range res.Errors {
		id := w.traceID(e.TraceID)
		if e.Kind == hubspot.KindConflict && e.ExistingID != "" {
			w.companyOf[id] = e.ExistingID // created by an earlier attempt: compared and updated below
			continue
		}
		activity.GetLogger(ctx).Warn("HubSpot rejected a company", "spsCustomerID", id, "error", e.Message)
		w.failed[id] = "company: " + describeInputError(e)
	}
	return nil
}

func (w *customerWrite) traceID(trace string) int64 {
	for _, c := range w.in.Customers {
		if spsID(c.ID) == trace {
			return c.ID
		}
	}
	return 0
}

// updateCompanies writes the properties that differ on existing companies.
func (w *customerWrite) updateCompanies(ctx context.Context) error {
	var ids []string
	owner := map[string]int64{}
	for _, c := range w.in.Customers {
		companyID := w.companyOf[c.ID]
		if companyID != "" && !w.created[c.ID] {
			ids = append(ids, companyID)
			owner[companyID] = c.ID
		}
	}
	if len(ids) == 0 {
		return nil
	}

	have, err := w.read(ctx, "companies: read", objectCompanies, ids, companyProps(w.in.Customers))
	if err != nil {
		return fmt.Errorf("read companies: %w", err)
	}
	var inputs []hubspot.UpdateInput
	for _, companyID := range ids {
		c := w.record(owner[companyID])
		changes := customermap.ChangedProperties(c.Company, have[companyID])
		if len(changes) == 0 {
			w.unchanged++
			continue
		}
		inputs = append(inputs, hubspot.UpdateInput{ID: companyID, Properties: changes})
	}
	if len(inputs) == 0 {
		return nil
	}

	var res hubspot.BatchWriteResult
	err = w.stages.measure("companies: update", len(inputs), func() (err error) {
		res, err = w.a.HubSpot.BatchUpdate(ctx, objectCompanies, inputs)
		return err
	})
	if err != nil {
		return fmt.Errorf("update companies: %w", err)
	}
	w.updated += len(res.Objects)
	w.wrote(objectCompanies, 0, len(res.Objects))
	for _, e := range res.Errors {
		for _, companyID := range e.IDs {
			id := owner[companyID]
			activity.GetLogger(ctx).Warn("HubSpot rejected a company update", "spsCustomerID", id,
				"hubspotID", companyID, "error", e.Message)
			w.failed[id] = "company " + companyID + " update: " + describeInputError(e)
		}
	}
	return nil
}

// read batch-reads objects by record id and returns their properties.
func (w *customerWrite) read(ctx context.Context, stage, object string, ids, props []string) (
	map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, chunk := range chunks(ids, hubspot.MaxBatchSize) {
		var res hubspot.BatchReadResult
		err := w.stages.measure(stage, len(chunk), func() (err error) {
			res, err = w.a.HubSpot.BatchRead(ctx, object, "", chunk, props)
			return err
		})
		if err != nil {
			return nil, err
		}
		for _, obj := range res.Found {
			out[obj.ID] = obj.Properties
		}
	}
	return out, nil
}

// companyProps lists every company property the batch writes.
func companyProps(customers []CustomerRecord) []string {
	set := map[string]bool{}
	for _, c := range customers {
		for k := range c.Company {
			set[k] = true
		}
	}
	return sortedKeys(set)
}

func (w *customerWrite) result(recorder *apicalls.Recorder) CustomerWriteResult {
	res := CustomerWriteResult{
		Created:   len(w.created),
		Updated:   w.updated,
		Unchanged: w.unchanged,
		Stages:    w.stages.stages,
		APICalls:  recorder.Counts(),
	}
	ids := make([]int64, 0, len(w.failed))
	for id := range w.failed {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		res.Failures = append(res.Failures, report.RecordFailure{SourceID: spsID(id), Reason: w.failed[id]})
	}
	for _, object := range sortedKeys(w.writes) {
		res.Objects = append(res.Objects, w.writes[object])
	}
	return res
}
