package hubspot

import (
	"fmt"
	"net/http"
	"strconv"
)

type associationPairInput struct {
	From idJSON `json:"from"`
	To   idJSON `json:"to"`
}

// handleBatchAssociateDefault serves
// POST /crm/v4/associations/{from}/{to}/batch/associate/default: up to
// 2000 pairs, each linked with the unlabeled type; a pair with a missing
// record becomes an error entry and the response is 207.
func (s *Simulator) handleBatchAssociateDefault(c *apiCall) (reply, *apiError) {
	var req struct {
		Inputs []associationPairInput `json:"inputs"`
	}
	if apiErr := decodeBody(c.body, &req); apiErr != nil {
		return reply{}, apiErr
	}
	if req.Inputs == nil {
		return reply{}, errValidation("inputs is required")
	}
	if len(req.Inputs) > maxAssociationCreateInputs {
		return reply{}, errTooManyInputs(len(req.Inputs), maxAssociationCreateInputs)
	}
	if _, ok := defaultAssociationType(c.objectType.name, c.toType.name); !ok {
		return reply{}, errNoDefaultType(c.objectType, c.toType)
	}

	results := []associationResultJSON{}
	var errs []errorBody
	for _, in := range req.Inputs {
		pair, apiErr := s.associateDefault(c.objectType, in.From.ID, c.toType, in.To.ID)
		if apiErr != nil {
			errs = append(errs, apiErr.batchEntry(map[string][]string{
				"fromObjectId": {in.From.ID}, "toObjectId": {in.To.ID},
			}))
			continue
		}
		results = append(results, pair...)
	}
	return batchEnvelope(c, results, errs)
}

type associationReadResultJSON struct {
	From idJSON                 `json:"from"`
	To   []associatedObjectJSON `json:"to"`
}

// handleBatchReadAssociations serves
// POST /crm/v4/associations/{from}/{to}/batch/read for up to 1000 ids.
// Ids without associations become error entries and the response is 207.
//
// NOTE: the error entry for an id without associations follows field
// reports of HubSpot's NO_ASSOCIATIONS_FOUND response, not a documented body.
func (s *Simulator) handleBatchReadAssociations(c *apiCall) (reply, *apiError) {
	var req struct {
		Inputs []struct {
			ID    string `json:"id"`
			After string `json:"after"`
		} `json:"inputs"`
	}
	if apiErr := decodeBody(c.body, &req); apiErr != nil {
		return reply{}, apiErr
	}
	if req.Inputs == nil {
		return reply{}, errValidation("inputs is required")
	}
	if len(req.Inputs) > maxAssociationReadInputs {
		return reply{}, errTooManyInputs(len(req.Inputs), maxAssociationReadInputs)
	}

	results := []associationReadResultJSON{}
	var errs []errorBody
	for _, in := range req.Inputs {
		var targets []associatedObjectJSON
		if r, ok := s.st.liveRecord(c.objectType, in.ID); ok {
			targets = s.associatedObjects(c.objectType, r.id, c.toType)
		}
		if len(targets) == 0 {
			errs = append(errs, errorBody{
				Status: "error", Category: categoryNotFound,
				SubCategory: "crm.associations.NO_ASSOCIATIONS_FOUND",
				Message: fmt.Sprintf("No %s is associated with %s %s.",
					c.toType.singular, c.objectType.singular, in.ID),
				Context: map[string][]string{"fromObjectId": {in.ID}},
			})
			continue
		}
		results = append(results, associationReadResultJSON{From: idJSON{in.ID}, To: targets})
	}
	return batchEnvelope(c, results, errs)
}

// handleBatchArchiveAssociations serves
// POST /crm/v4/associations/{from}/{to}/batch/archive: every type between
// each listed pair goes.
func (s *Simulator) handleBatchArchiveAssociations(c *apiCall) (reply, *apiError) {
	var req struct {
		Inputs []struct {
			From idJSON   `json:"from"`
			To   []idJSON `json:"to"`
		} `json:"inputs"`
	}
	if apiErr := decodeBody(c.body, &req); apiErr != nil {
		return reply{}, apiErr
	}
	if len(req.Inputs) > maxAssociationCreateInputs {
		return reply{}, errTooManyInputs(len(req.Inputs), maxAssociationCreateInputs)
	}
	var pairs [][2]int64
	for _, in := range req.Inputs {
		fromID, err := strconv.ParseInt(in.From.ID, 10, 64)
		if err != nil {
			return reply{}, errValidation("from id %q is not numeric", in.From.ID)
		}
		for _, to := range in.To {
			toID, err := strconv.ParseInt(to.ID, 10, 64)
			if err != nil {
				return reply{}, errValidation("to id %q is not numeric", to.ID)
			}
			pairs = append(pairs, [2]int64{fromID, toID})
		}
	}
	for _, p := range pairs {
		s.st.assoc.removeBetween(c.objectType.name, p[0], c.toType.name, p[1])
	}
	return reply{status: http.StatusNoContent}, nil
}
