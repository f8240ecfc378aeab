package hubspot

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
)

// Association batch limits.
const (
	maxAssociationReadInputs   = 1000
	maxAssociationCreateInputs = 2000
	maxAssociationPageSize     = 500
)

type idJSON struct {
	ID string `json:"id"`
}

type associationResultJSON struct {
	From            idJSON          `json:"from"`
	To              idJSON          `json:"to"`
	AssociationSpec associationSpec `json:"associationSpec"`
}

type associationTypeJSON struct {
	Category string  `json:"category"`
	TypeID   int     `json:"typeId"`
	Label    *string `json:"label"`
}

type associatedObjectJSON struct {
	ToObjectID       int64                 `json:"toObjectId"`
	AssociationTypes []associationTypeJSON `json:"associationTypes"`
}

// associateDefault links two live records with the unlabeled type and
// returns both directions as HubSpot's results do.
func (s *Simulator) associateDefault(from objectType, fromID string, to objectType, toID string) ([]associationResultJSON, *apiError) {
	at, ok := defaultAssociationType(from.name, to.name)
	if !ok {
		return nil, errNoDefaultType(from, to)
	}
	source, ok := s.st.liveRecord(from, fromID)
	if !ok {
		return nil, errNotFound(fmt.Sprintf("%s %s does not exist", from.singular, fromID))
	}
	target, ok := s.st.liveRecord(to, toID)
	if !ok {
		return nil, errNotFound(fmt.Sprintf("%s %s does not exist", to.singular, toID))
	}
	s.st.assoc.add(edge{from.name, source.id, to.name, target.id, at.id})
	return []associationResultJSON{
		{From: idJSON{toID}, To: idJSON{fromID},
			AssociationSpec: associationSpec{hubspotDefined, at.inverse}},
		{From: idJSON{fromID}, To: idJSON{toID},
			AssociationSpec: associationSpec{hubspotDefined, at.id}},
	}, nil
}

func batchEnvelope(c *apiCall, results any, errs []errorBody) (reply, *apiError) {
	body := batchResponse{
		Status: "COMPLETE", Results: results,
		RequestedAt: formatTime(c.now), StartedAt: formatTime(c.now), CompletedAt: formatTime(c.now),
	}
	status := http.StatusOK
	if len(errs) > 0 {
		status = http.StatusMultiStatus
		body.NumErrors = len(errs)
		body.Errors = errs
	}
	return reply{status: status, body: body}, nil
}

// handleAssociateDefault serves
// PUT /crm/v4/objects/{from}/{fromId}/associations/default/{to}/{toId}.
func (s *Simulator) handleAssociateDefault(c *apiCall) (reply, *apiError) {
	results, apiErr := s.associateDefault(c.objectType, c.r.PathValue("id"),
		c.toType, c.r.PathValue("toId"))
	if apiErr != nil {
		return reply{}, apiErr
	}
	return batchEnvelope(c, results, nil)
}

// handleAssociateLabeled serves
// PUT /crm/v4/objects/{from}/{fromId}/associations/{to}/{toId} with a body
// of association specs.
func (s *Simulator) handleAssociateLabeled(c *apiCall) (reply, *apiError) {
	var specs []associationSpec
	if apiErr := decodeBody(c.body, &specs); apiErr != nil {
		return reply{}, apiErr
	}
	source, ok := s.st.liveRecord(c.objectType, c.r.PathValue("id"))
	if !ok {
		return reply{}, errObjectNotFound()
	}
	target, ok := s.st.liveRecord(c.toType, c.r.PathValue("toId"))
	if !ok {
		return reply{}, errObjectNotFound()
	}
	var edges []edge
	for _, spec := range specs {
		at, ok := associationTypeFrom(c.objectType.name, spec.AssociationTypeID)
		if !ok || at.to != c.toType.name || spec.AssociationCategory != hubspotDefined {
			return reply{}, errInvalidAssociationType(c.objectType, spec)
		}
		edges = append(edges, edge{c.objectType.name, source.id, c.toType.name, target.id, at.id})
	}
	for _, e := range edges {
		s.st.assoc.add(e)
	}

	labels := []string{}
	for typeID := range s.st.assoc.targets(c.objectType.name, source.id, c.toType.name)[target.id] {
		if at, _ := associationTypeFrom(c.objectType.name, typeID); at.label != "" {
			labels = append(labels, at.label)
		}
	}
	return reply{status: http.StatusCreated, body: map[string]any{
		"fromObjectTypeId": c.objectType.typeID, "fromObjectId": source.id,
		"toObjectTypeId": c.toType.typeID, "toObjectId": target.id, "labels": labels,
	}}, nil
}

// handleDisassociate serves
// DELETE /crm/v4/objects/{from}/{fromId}/associations/{to}/{toId}: every
// type between the two records goes.
func (s *Simulator) handleDisassociate(c *apiCall) (reply, *apiError) {
	fromID, errFrom := strconv.ParseInt(c.r.PathValue("id"), 10, 64)
	toID, errTo := strconv.ParseInt(c.r.PathValue("toId"), 10, 64)
	if errFrom != nil || errTo != nil {
		return reply{}, errValidation("object ids must be numeric")
	}
	s.st.assoc.removeBetween(c.objectType.name, fromID, c.toType.name, toID)
	return reply{status: http.StatusNoContent}, nil
}

// associatedObjects lists a record's live associations to one type by
// ascending target id.
func (s *Simulator) associatedObjects(from objectType, fromID int64, to objectType) []associatedObjectJSON {
	out := []associatedObjectJSON{}
	targets := s.st.assoc.targets(from.name, fromID, to.name)
	for _, toID := range slices.Sorted(maps.Keys(targets)) {
		if !s.st.edgeLive(edge{from.name, fromID, to.name, toID, 0}) {
			continue
		}
		entry := associatedObjectJSON{ToObjectID: toID}
		for _, typeID := range slices.Sorted(maps.Keys(targets[toID])) {
			at, _ := associationTypeFrom(from.name, typeID)
			var label *string
			if at.label != "" {
				label = &at.label
			}
			entry.AssociationTypes = append(entry.AssociationTypes,
				associationTypeJSON{Category: hubspotDefined, TypeID: typeID, Label: label})
		}
		out = append(out, entry)
	}
	return out
}

// handleListAssociations serves GET /crm/v4/objects/{from}/{id}/associations/{to}
// with limit (at most 500) and an offset cursor in after.
func (s *Simulator) handleListAssociations(c *apiCall) (reply, *apiError) {
	limit, offset, apiErr := pageParams(c.r, maxAssociationPageSize, maxAssociationPageSize)
	if apiErr != nil {
		return reply{}, apiErr
	}
	var all []associatedObjectJSON
	if r, ok := s.st.liveRecord(c.objectType, c.r.PathValue("id")); ok {
		all = s.associatedObjects(c.objectType, r.id, c.toType)
	}
	page := []associatedObjectJSON{}
	if offset < len(all) {
		page = all[offset:min(offset+limit, len(all))]
	}
	body := map[string]any{"results": page}
	if offset+limit < len(all) {
		body["paging"] = pagingJSON(strconv.Itoa(offset + limit))
	}
	return reply{status: http.StatusOK, body: body}, nil
}
