package hubspot

import (
	"net/http"
)

// Batch limits of the objects API.
const (
	maxBatchInputs        = 100
	maxBatchHistoryInputs = 50
)

type batchReadRequest struct {
	Properties            []string `json:"properties"`
	PropertiesWithHistory []string `json:"propertiesWithHistory"`
	IDProperty            string   `json:"idProperty"`
	Inputs                []idJSON `json:"inputs"`
}

// handleBatchRead serves POST /crm/v3/objects/{type}/batch/read. Missing
// ids are listed in one OBJECT_NOT_FOUND error and the response is 207.
func (s *Simulator) handleBatchRead(c *apiCall) (reply, *apiError) {
	t := c.objectType
	var req batchReadRequest
	if apiErr := decodeBody(c.body, &req); apiErr != nil {
		return reply{}, apiErr
	}
	if apiErr := requireInputs(len(req.Inputs), req.Inputs != nil, maxBatchInputs); apiErr != nil {
		return reply{}, apiErr
	}
	if len(req.PropertiesWithHistory) > 0 && len(req.Inputs) > maxBatchHistoryInputs {
		return reply{}, errValidation("The maximum number of inputs supported in a batch request "+
			"for property histories is %d; the request contained %d",
			maxBatchHistoryInputs, len(req.Inputs))
	}
	if req.IDProperty != "" && !s.st.isUnique(t, req.IDProperty) {
		return reply{}, errNonUniqueIDProperty(t, "read", req.IDProperty)
	}

	archived := boolParam(c.r, "archived")
	sel := s.selectProperties(t, req.Properties)
	results := []objectJSON{}
	var missing []string
	seen := map[string]bool{}
	for _, in := range req.Inputs {
		key := uniqueKey(req.IDProperty, in.ID)
		if seen[key] {
			continue
		}
		seen[key] = true
		r, apiErr := s.findRecord(t, in.ID, req.IDProperty, archived)
		if apiErr != nil {
			missing = append(missing, in.ID)
			continue
		}
		obj := s.renderRecord(t, r, sel)
		if len(req.PropertiesWithHistory) > 0 {
			obj.PropertiesWithHistory = renderHistory(r, req.PropertiesWithHistory)
		}
		results = append(results, obj)
	}
	var errs []errorBody
	if len(missing) > 0 {
		errs = append(errs, errBatchNotFound(t, missing))
	}
	return batchEnvelope(c, results, errs)
}

type createInput struct {
	Properties         propertyValues     `json:"properties"`
	Associations       []associationInput `json:"associations"`
	ObjectWriteTraceID string             `json:"objectWriteTraceId"`
}

// multiStatus reports whether a create batch opted into 207 responses: every
// input carries an objectWriteTraceId and no two share one.
func multiStatus(inputs []createInput) bool {
	seen := map[string]bool{}
	for _, in := range inputs {
		if in.ObjectWriteTraceID == "" || seen[in.ObjectWriteTraceID] {
			return false
		}
		seen[in.ObjectWriteTraceID] = true
	}
	return len(inputs) > 0
}

// handleBatchCreate serves POST /crm/v3/objects/{type}/batch/create. The
// batch is all-or-nothing: the first bad input fails the request with its
// own status and body. When every input has a distinct
// objectWriteTraceId, good inputs are written and bad ones are reported in
// a 207.
func (s *Simulator) handleBatchCreate(c *apiCall) (reply, *apiError) {
	t := c.objectType
	var req struct {
		Inputs []createInput `json:"inputs"`
	}
	if apiErr := decodeBody(c.body, &req); apiErr != nil {
		return reply{}, apiErr
	}
	if apiErr := requireInputs(len(req.Inputs), req.Inputs != nil, maxBatchInputs); apiErr != nil {
		return reply{}, apiErr
	}

	partial := multiStatus(req.Inputs)
	savedNextID := s.st.nextID
	claims := batchClaims{}
	var plans []writePlan
	var errs []errorBody
	for i, in := range req.Inputs {
		plan, apiErr := s.st.planCreate(t, in.Properties, in.Associations, claims)
		if apiErr == nil {
			plans = append(plans, plan)
			continue
		}
		if !partial {
			s.st.nextID = savedNextID
			return reply{}, conflictWithinBatch(apiErr, plans, i)
		}
		errs = append(errs, apiErr.batchEntry(traceContext(in.ObjectWriteTraceID, "")))
	}

	results := []objectJSON{}
	for _, plan := range plans {
		r, _ := s.st.commit(t, plan, c.now)
		results = append(results, s.renderRecord(t, r, allProperties))
	}
	rep, _ := batchEnvelope(c, results, errs)
	if len(errs) == 0 {
		rep.status = http.StatusCreated
	}
	return rep, nil
}

type updateInput struct {
	ID                 string         `json:"id"`
	IDProperty         string         `json:"idProperty"`
	Properties         propertyValues `json:"properties"`
	ObjectWriteTraceID string         `json:"objectWriteTraceId"`
}

// duplicateIDs lists ids that appear more than once, compared as the
// idProperty compares them.
func duplicateIDs(inputs []updateInput) []string {
	seen := map[string]bool{}
	var dups []string
	for _, in := range inputs {
		key := in.IDProperty + "\x00" + uniqueKey(in.IDProperty, in.ID)
		if seen[key] {
			dups = append(dups, in.ID)
		}
		seen[key] = true
	}
	return dups
}

func decodeUpdateBatch(body []byte) ([]updateInput, *apiError) {
	var req struct {
		Inputs []updateInput `json:"inputs"`
	}
	if apiErr := decodeBody(body, &req); apiErr != nil {
		return nil, apiErr
	}
	if apiErr := requireInputs(len(req.Inputs), req.Inputs != nil, maxBatchInputs); apiErr != nil {
		return nil, apiErr
	}
	if dups := duplicateIDs(req.Inputs); len(dups) > 0 {
		return nil, errDuplicateIDs(dups)
	}
	return req.Inputs, nil
}

// handleBatchUpdate serves POST /crm/v3/objects/{type}/batch/update:
// good inputs are written, bad ones reported in a 207. Contacts are
// updated by record id only, as HubSpot's contacts guide requires.
func (s *Simulator) handleBatchUpdate(c *apiCall) (reply, *apiError) {
	t := c.objectType
	inputs, apiErr := decodeUpdateBatch(c.body)
	if apiErr != nil {
		return reply{}, apiErr
	}

	claims := batchClaims{}
	var plans []writePlan
	var errs []errorBody
	for _, in := range inputs {
		plan, apiErr := s.planBatchUpdate(t, in, claims)
		if apiErr != nil {
			errs = append(errs, apiErr.batchEntry(traceContext(in.ObjectWriteTraceID, in.ID)))
			continue
		}
		plans = append(plans, plan)
	}
	results := []objectJSON{}
	for _, plan := range plans {
		r, _ := s.st.commit(t, plan, c.now)
		results = append(results, s.renderRecord(t, r, allProperties))
	}
	return batchEnvelope(c, results, errs)
}

func (s *Simulator) planBatchUpdate(t objectType, in updateInput, claims batchClaims) (writePlan, *apiError) {
	byRecordID := in.IDProperty == "" || in.IDProperty == objectIDProp
	if t.name == "contacts" && !byRecordID {
		return writePlan{}, errValidation(
			"contacts batch update accepts record ids only; idProperty %s is not supported",
			in.IDProperty)
	}
	if !byRecordID && !s.st.isUnique(t, in.IDProperty) {
		return writePlan{}, errNonUniqueIDProperty(t, "update", in.IDProperty)
	}
	r, ok := s.st.lookup(t, in.IDProperty, in.ID)
	if !ok {
		return writePlan{}, errInputNotFound(t, in.IDProperty, in.ID)
	}
	return s.st.planUpdate(t, r, in.Properties, claims)
}

// handleBatchArchive serves POST /crm/v3/objects/{type}/batch/archive;
// unknown ids are ignored and the response is 204.
func (s *Simulator) handleBatchArchive(c *apiCall) (reply, *apiError) {
	var req struct {
		Inputs []idJSON `json:"inputs"`
	}
	if apiErr := decodeBody(c.body, &req); apiErr != nil {
		return reply{}, apiErr
	}
	if apiErr := requireInputs(len(req.Inputs), req.Inputs != nil, maxBatchInputs); apiErr != nil {
		return reply{}, apiErr
	}
	for _, in := range req.Inputs {
		if r, ok := s.st.liveRecord(c.objectType, in.ID); ok {
			s.st.archive(c.objectType, r, c.now)
		}
	}
	return reply{status: http.StatusNoContent}, nil
}
