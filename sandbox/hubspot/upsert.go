package hubspot

import (
	"maps"
)

// handleBatchUpsert serves POST /crm/v3/objects/{type}/batch/upsert. Each
// input names a unique idProperty (email on contacts, or a hasUniqueValue
// property) and its value in id: a match is updated, otherwise a record
// is created with that value. Results carry "new". Bad inputs are
// reported in a 207, except that a batch upserting by email is
// all-or-nothing, because HubSpot supports no partial upserts by email.
func (s *Simulator) handleBatchUpsert(c *apiCall) (reply, *apiError) {
	t := c.objectType
	inputs, apiErr := decodeUpdateBatch(c.body)
	if apiErr != nil {
		return reply{}, apiErr
	}
	byEmail := false
	for _, in := range inputs {
		byEmail = byEmail || (t.name == "contacts" && in.IDProperty == emailProp)
	}

	savedNextID := s.st.nextID
	claims := batchClaims{}
	type upsertPlan struct {
		plan  writePlan
		isNew bool
	}
	var plans []upsertPlan
	var written []writePlan
	var errs []errorBody
	for i, in := range inputs {
		plan, isNew, apiErr := s.planUpsert(t, in, claims)
		if apiErr == nil {
			plans = append(plans, upsertPlan{plan, isNew})
			written = append(written, plan)
			continue
		}
		if byEmail {
			s.st.nextID = savedNextID
			return reply{}, conflictWithinBatch(apiErr, written, i)
		}
		errs = append(errs, apiErr.batchEntry(traceContext(in.ObjectWriteTraceID, in.ID)))
	}

	results := []objectJSON{}
	for _, p := range plans {
		r, _ := s.st.commit(t, p.plan, c.now)
		obj := s.renderRecord(t, r, allProperties)
		obj.New = &p.isNew
		results = append(results, obj)
	}
	return batchEnvelope(c, results, errs)
}

// planUpsert validates one upsert input and reports whether it creates.
func (s *Simulator) planUpsert(t objectType, in updateInput, claims batchClaims) (writePlan, bool, *apiError) {
	if in.IDProperty == "" {
		return writePlan{}, false, errValidation("idProperty is required for upsert")
	}
	if in.IDProperty == objectIDProp || !s.st.isUnique(t, in.IDProperty) {
		return writePlan{}, false, errNonUniqueIDProperty(t, "update/upsert", in.IDProperty)
	}
	if in.ID == "" {
		return writePlan{}, false, errValidation("id is required for upsert by %s", in.IDProperty)
	}
	if r, ok := s.st.lookup(t, in.IDProperty, in.ID); ok {
		plan, apiErr := s.st.planUpdate(t, r, in.Properties, claims)
		return plan, false, apiErr
	}

	values := maps.Clone(in.Properties)
	if values == nil {
		values = propertyValues{}
	}
	values[in.IDProperty] = in.ID
	plan, apiErr := s.st.planCreate(t, values, nil, claims)
	return plan, true, apiErr
}
