package hubspot

import (
	"fmt"
	"net/http"
	"strconv"
)

// maxListPageSize is the objects list endpoint's page limit.
const maxListPageSize = 100

// findRecord looks a record up by id, or by a unique property when
// idProperty is set; archived selects archived records, by id only.
func (s *Simulator) findRecord(t objectType, id, idProperty string, archived bool) (*record, *apiError) {
	if idProperty != "" && !s.st.isUnique(t, idProperty) {
		return nil, errNonUniqueIDProperty(t, "read", idProperty)
	}
	if archived {
		if idProperty != "" && idProperty != objectIDProp {
			return nil, errValidation("archived records can be read by record id only")
		}
		if r, ok := s.st.archivedRecord(t, id); ok {
			return r, nil
		}
		return nil, errObjectNotFound()
	}
	if r, ok := s.st.lookup(t, idProperty, id); ok {
		return r, nil
	}
	return nil, errObjectNotFound()
}

// errNonUniqueIDProperty rejects an idProperty that does not identify
// records, in the wording HubSpot uses for upserts.
func errNonUniqueIDProperty(t objectType, operation, property string) *apiError {
	return errValidation("Unable to perform %s by non-unique %s property %s",
		operation, t.typeID, property)
}

// handleGet serves GET /crm/v3/objects/{type}/{id} with idProperty,
// properties, propertiesWithHistory and archived.
func (s *Simulator) handleGet(c *apiCall) (reply, *apiError) {
	t := c.objectType
	r, apiErr := s.findRecord(t, c.r.PathValue("id"), c.r.URL.Query().Get("idProperty"),
		boolParam(c.r, "archived"))
	if apiErr != nil {
		return reply{}, apiErr
	}
	obj := s.renderRecord(t, r, s.selectProperties(t, listParam(c.r, "properties")))
	if history := listParam(c.r, "propertiesWithHistory"); len(history) > 0 {
		obj.PropertiesWithHistory = renderHistory(r, history)
	}
	return reply{status: http.StatusOK, body: obj}, nil
}

// handleList serves GET /crm/v3/objects/{type}: pages of up to 100
// records by ascending id, after being the next record id.
func (s *Simulator) handleList(c *apiCall) (reply, *apiError) {
	t := c.objectType
	limit, after, apiErr := pageParams(c.r, 10, maxListPageSize)
	if apiErr != nil {
		return reply{}, apiErr
	}
	archived := boolParam(c.r, "archived")
	sel := s.selectProperties(t, listParam(c.r, "properties"))
	ts := s.st.objects[t.name]

	results := []objectJSON{}
	body := map[string]any{}
	for _, id := range ts.ids {
		r := ts.records[id]
		if id < int64(after) || r.archived != archived {
			continue
		}
		if len(results) == limit {
			body["paging"] = pagingJSON(strconv.FormatInt(id, 10))
			break
		}
		results = append(results, s.renderRecord(t, r, sel))
	}
	body["results"] = results
	return reply{status: http.StatusOK, body: body}, nil
}

type singleCreateInput struct {
	Properties         propertyValues     `json:"properties"`
	Associations       []associationInput `json:"associations"`
	ObjectWriteTraceID string             `json:"objectWriteTraceId"`
}

// handleCreate serves POST /crm/v3/objects/{type}.
func (s *Simulator) handleCreate(c *apiCall) (reply, *apiError) {
	var in singleCreateInput
	if apiErr := decodeBody(c.body, &in); apiErr != nil {
		return reply{}, apiErr
	}
	saved := s.st.nextID
	plan, apiErr := s.st.planCreate(c.objectType, in.Properties, in.Associations, batchClaims{})
	if apiErr != nil {
		s.st.nextID = saved
		return reply{}, apiErr
	}
	r, _ := s.st.commit(c.objectType, plan, c.now)
	return reply{status: http.StatusCreated, body: s.renderRecord(c.objectType, r, allProperties)}, nil
}

type singleUpdateInput struct {
	Properties         propertyValues `json:"properties"`
	ObjectWriteTraceID string         `json:"objectWriteTraceId"`
}

// handleUpdate serves PATCH /crm/v3/objects/{type}/{id} with idProperty.
func (s *Simulator) handleUpdate(c *apiCall) (reply, *apiError) {
	var in singleUpdateInput
	if apiErr := decodeBody(c.body, &in); apiErr != nil {
		return reply{}, apiErr
	}
	r, apiErr := s.findRecord(c.objectType, c.r.PathValue("id"),
		c.r.URL.Query().Get("idProperty"), false)
	if apiErr != nil {
		return reply{}, apiErr
	}
	plan, apiErr := s.st.planUpdate(c.objectType, r, in.Properties, batchClaims{})
	if apiErr != nil {
		return reply{}, apiErr
	}
	s.st.commit(c.objectType, plan, c.now)
	return reply{status: http.StatusOK, body: s.renderRecord(c.objectType, r, allProperties)}, nil
}

// handleArchive serves DELETE /crm/v3/objects/{type}/{id}; an unknown id
// gets 204 as well.
func (s *Simulator) handleArchive(c *apiCall) (reply, *apiError) {
	if r, ok := s.st.liveRecord(c.objectType, c.r.PathValue("id")); ok {
		s.st.archive(c.objectType, r, c.now)
	}
	return reply{status: http.StatusNoContent}, nil
}

// requireInputs rejects a batch without inputs or with more than limit.
func requireInputs(count int, present bool, limit int) *apiError {
	if !present {
		return errBadJSON("some of required attributes are not set [inputs]")
	}
	if count > limit {
		return errTooManyInputs(count, limit)
	}
	return nil
}

// traceContext is the context that ties a batch error to its input.
func traceContext(traceID, id string) map[string][]string {
	if traceID != "" {
		return map[string][]string{"objectWriteTraceId": {traceID}}
	}
	if id != "" {
		return map[string][]string{"ids": {id}}
	}
	return nil
}

func errInputNotFound(t objectType, idProperty, id string) *apiError {
	if idProperty == "" {
		idProperty = objectIDProp
	}
	return errNotFound(fmt.Sprintf("No %s with %s %s exists", t.singular, idProperty, id))
}
