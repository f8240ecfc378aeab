package hubspot

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// batchResult is a decoded batch response.
type batchResult struct {
	Status      string         `json:"status"`
	Results     []objectResult `json:"results"`
	NumErrors   int            `json:"numErrors"`
	Errors      []errorBody    `json:"errors"`
	RequestedAt string         `json:"requestedAt"`
	StartedAt   string         `json:"startedAt"`
	CompletedAt string         `json:"completedAt"`
}

type objectResult struct {
	ID         string            `json:"id"`
	Properties map[string]string `json:"properties"`
	CreatedAt  string            `json:"createdAt"`
	UpdatedAt  string            `json:"updatedAt"`
	Archived   bool              `json:"archived"`
	New        *bool             `json:"new"`
}

func (h *harness) batch(objectType, operation string, body any) (response, batchResult) {
	h.t.Helper()
	resp := h.do("POST", "/crm/v3/objects/"+objectType+"/batch/"+operation, body)
	var result batchResult
	if resp.status == http.StatusOK || resp.status == http.StatusCreated ||
		resp.status == http.StatusMultiStatus {
		resp.decode(h.t, &result)
	}
	return resp, result
}

func TestBatchRejectsMoreThan100Inputs(t *testing.T) {
	h := setup(t)
	var many []props
	for i := range 101 {
		many = append(many, props{"email": fmt.Sprintf("c%d@example.com", i)})
	}
	ids := make([]map[string]string, 101)
	for i := range ids {
		ids[i] = map[string]string{"id": fmt.Sprint(i + 1)}
	}
	cases := []struct {
		operation string
		body      any
	}{
		{"create", inputs(many...)},
		{"read", map[string]any{"inputs": ids}},
		{"update", map[string]any{"inputs": ids}},
		{"archive", map[string]any{"inputs": ids}},
	}
	for _, tc := range cases {
		t.Run(tc.operation, func(t *testing.T) {
			resp, _ := h.batch("contacts", tc.operation, tc.body)
			assert.Equal(t, http.StatusBadRequest, resp.status)
			assert.Equal(t, "VALIDATION_ERROR", resp.object(t)["category"])
		})
	}
	assert.Empty(t, h.sim.Objects("contacts"))
}

func TestBatchRequiresInputs(t *testing.T) {
	h := setup(t)
	resp, _ := h.batch("contacts", "create", map[string]any{})
	assert.Equal(t, http.StatusBadRequest, resp.status)
	assert.Contains(t, resp.object(t)["message"], "inputs")
}

func TestBatchCreateAllSucceedIs201(t *testing.T) {
	h := setup(t)
	resp, result := h.batch("contacts", "create", inputs(
		props{"email": "a@example.com", "firstname": "A"},
		props{"email": "b@example.com"},
	))
	require.Equal(t, http.StatusCreated, resp.status, "%s", resp.body)
	assert.Equal(t, "COMPLETE", result.Status)
	require.Len(t, result.Results, 2)
	assert.Equal(t, "a@example.com", result.Results[0].Properties["email"])
	assert.Equal(t, result.Results[0].ID, result.Results[0].Properties["hs_object_id"])
	assert.Equal(t, "2026-12-01T10:00:00.000Z", result.Results[0].CreatedAt)
	assert.Equal(t, "2026-12-01T10:00:00.000Z", result.Results[0].Properties["createdate"])
	assert.Equal(t, "2026-12-01T10:00:00.000Z", result.Results[0].Properties["lastmodifieddate"])
	assert.Equal(t, "2026-12-01T10:00:00.000Z", result.StartedAt)
	assert.NotEmpty(t, result.RequestedAt)
	assert.NotEmpty(t, result.CompletedAt)
	assert.Zero(t, result.NumErrors)
	assert.Len(t, h.sim.Objects("contacts"), 2)
}

func TestBatchCreateIsAllOrNothing(t *testing.T) {
	h := setup(t)
	resp, _ := h.batch("contacts", "create", inputs(
		props{"email": "good@example.com"},
		props{"hs_lead_status": "BOGUS"},
		props{"email": "alsogood@example.com"},
	))
	assert.Equal(t, http.StatusBadRequest, resp.status)
	assert.Equal(t, "VALIDATION_ERROR", resp.object(t)["category"])
	assert.Empty(t, h.sim.Objects("contacts"), "nothing is written")

	id := h.create("contacts", props{"email": "next@example.com"})
	assert.Equal(t, "1", id, "a failed batch consumes no ids")
}

func TestBatchCreateFailsWithFirstInputStatus(t *testing.T) {
	h := setup(t)
	existing := h.create("contacts", props{"email": "taken@example.com"})
	resp, _ := h.batch("contacts", "create", inputs(
		props{"email": "fresh@example.com"},
		props{"email": "TAKEN@example.com"},
		props{"hs_lead_status": "BOGUS"},
	))
	assert.Equal(t, http.StatusConflict, resp.status)
	body := resp.object(t)
	assert.Equal(t, "CONFLICT", body["category"])
	assert.Equal(t, "Contact already exists. Existing ID: "+existing, body["message"])
	assert.Len(t, h.sim.Objects("contacts"), 1)
}

func TestBatchCreateWithTraceIDsIs207(t *testing.T) {
	h := setup(t)
	body := map[string]any{"inputs": []map[string]any{
		{"properties": props{"email": "one@example.com"}, "objectWriteTraceId": "order-1"},
		{"properties": props{"hs_lead_status": "BOGUS"}, "objectWriteTraceId": "order-2"},
		{"properties": props{"email": "three@example.com"}, "objectWriteTraceId": "order-3"},
		{"properties": props{"email": "ONE@example.com"}, "objectWriteTraceId": "order-4"},
	}}
	resp, result := h.batch("contacts", "create", body)
	require.Equal(t, http.StatusMultiStatus, resp.status, "%s", resp.body)
	assert.Len(t, result.Results, 2)
	assert.Equal(t, 2, result.NumErrors)
	require.Len(t, result.Errors, 2)
	assert.Equal(t, []string{"order-2"}, result.Errors[0].Context["objectWriteTraceId"])
	assert.Equal(t, "VALIDATION_ERROR", result.Errors[0].Category)
	assert.Equal(t, []string{"order-4"}, result.Errors[1].Context["objectWriteTraceId"])
	assert.Equal(t, "CONFLICT", result.Errors[1].Category)
	assert.Equal(t, "Contact already exists. Existing ID: "+result.Results[0].ID,
		result.Errors[1].Message, "earlier inputs of the batch count for uniqueness")
	assert.Len(t, h.sim.Objects("contacts"), 2)
}

func TestBatchCreateNeedsEveryTraceID(t *testing.T) {
	cases := []struct {
		name     string
		traceIDs []string
	}{
		{"one missing", []string{"a", ""}},
		{"duplicated", []string{"a", "a"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			body := map[string]any{"inputs": []map[string]any{
				{"properties": props{"email": "ok@example.com"}, "objectWriteTraceId": tc.traceIDs[0]},
				{"properties": props{"bogus": "x"}, "objectWriteTraceId": tc.traceIDs[1]},
			}}
			resp, _ := h.batch("contacts", "create", body)
			assert.Equal(t, http.StatusBadRequest, resp.status)
			assert.Empty(t, h.sim.Objects("contacts"))
		})
	}
}

func TestBatchCreateInlineAssociations(t *testing.T) {
	h := setup(t)
	contact := h.create("contacts", props{"email": "buyer@example.com"})
	company := h.create("companies", props{"name": "Acme"})
	assoc := func(to string, typeID int) []map[string]any {
		return []map[string]any{{
			"to":    map[string]string{"id": to},
			"types": []map[string]any{{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": typeID}},
		}}
	}
	cases := []struct {
		name   string
		assocs []map[string]any
		want   int
	}{
		{"deal to contact", assoc(contact, 3), 201},
		{"deal to company", assoc(company, 341), 201},
		{"deal to primary company", assoc(company, 5), 201},
		{"contact type from a deal", assoc(contact, 4), 400},
		{"company type aimed at a contact", assoc(contact, 341), 400},
		{"missing target", assoc("999999", 3), 400},
		{"user defined category", []map[string]any{{
			"to":    map[string]string{"id": contact},
			"types": []map[string]any{{"associationCategory": "USER_DEFINED", "associationTypeId": 3}},
		}}, 400},
		{"no types", []map[string]any{{"to": map[string]string{"id": contact}, "types": []any{}}}, 400},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := len(h.sim.Objects("deals"))
			resp, result := h.batch("deals", "create", map[string]any{"inputs": []map[string]any{{
				"properties": deal(fmt.Sprintf("Deal %d", i)), "associations": tc.assocs,
			}}})
			require.Equal(t, tc.want, resp.status, "%s", resp.body)
			if tc.want != 201 {
				assert.Len(t, h.sim.Objects("deals"), before)
				return
			}
			assert.Len(t, h.sim.Objects("deals"), before+1)
			assert.NotEmpty(t, result.Results)
		})
	}
	assert.Len(t, h.sim.Associations("deals", "contacts"), 1)
	assert.Len(t, h.sim.Associations("contacts", "deals"), 1, "stored in both directions")
}

func TestBatchUpdate(t *testing.T) {
	h := setup(t)
	a := h.create("contacts", props{"email": "a@example.com", "firstname": "A"})
	b := h.create("contacts", props{"email": "b@example.com"})
	h.clock.Advance(90 * time.Second)
	resp, result := h.batch("contacts", "update", map[string]any{"inputs": []map[string]any{
		{"id": a, "properties": props{"firstname": "Alice"}},
		{"id": b, "properties": props{"hs_lead_status": "BOGUS"}},
		{"id": "424242", "properties": props{"firstname": "Nobody"}},
	}})
	require.Equal(t, http.StatusMultiStatus, resp.status, "%s", resp.body)
	require.Len(t, result.Results, 1)
	assert.Equal(t, "Alice", result.Results[0].Properties["firstname"])
	assert.Equal(t, "2026-12-01T10:01:30.000Z", result.Results[0].UpdatedAt)
	assert.Equal(t, "2026-12-01T10:01:30.000Z", result.Results[0].Properties["lastmodifieddate"])
	assert.Equal(t, "2026-12-01T10:00:00.000Z", result.Results[0].CreatedAt)
	require.Len(t, result.Errors, 2)
	assert.Equal(t, "VALIDATION_ERROR", result.Errors[0].Category)
	assert.Equal(t, []string{b}, result.Errors[0].Context["ids"])
	assert.Equal(t, "OBJECT_NOT_FOUND", result.Errors[1].Category)

	ok, okResult := h.batch("contacts", "update", map[string]any{"inputs": []map[string]any{
		{"id": b, "properties": props{"firstname": "Bea"}},
	}})
	assert.Equal(t, http.StatusOK, ok.status)
	assert.Len(t, okResult.Results, 1)
}

func TestBatchUpdateRules(t *testing.T) {
	h := setup(t)
	id := h.create("contacts", props{"email": "a@example.com"})
	company := h.create("companies", props{"name": "Acme", "domain": "acme.com"})
	cases := []struct {
		name       string
		objectType string
		inputs     []map[string]any
		want       int
	}{
		{"duplicate ids", "contacts", []map[string]any{
			{"id": id, "properties": props{"firstname": "A"}},
			{"id": id, "properties": props{"firstname": "B"}},
		}, 400},
		{"contacts by email", "contacts", []map[string]any{
			{"id": "a@example.com", "idProperty": "email", "properties": props{"firstname": "A"}},
		}, 207},
		{"non-unique idProperty", "companies", []map[string]any{
			{"id": "acme.com", "idProperty": "domain", "properties": props{"city": "X"}},
		}, 207},
		{"companies by record id", "companies", []map[string]any{
			{"id": company, "idProperty": "hs_object_id", "properties": props{"city": "Troy"}},
		}, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, _ := h.batch(tc.objectType, "update", map[string]any{"inputs": tc.inputs})
			assert.Equal(t, tc.want, resp.status, "%s", resp.body)
		})
	}
	assert.NotContains(t, h.getProps("contacts", id, "firstname"), "firstname")
}

func TestBatchUpsert(t *testing.T) {
	h := setup(t)
	existing := h.create("contacts", props{"email": "known@example.com", "firstname": "Old"})
	resp, result := h.batch("contacts", "upsert", map[string]any{"inputs": []map[string]any{
		{"id": "KNOWN@example.com", "idProperty": "email", "properties": props{"firstname": "New"}},
		{"id": "fresh@example.com", "idProperty": "email", "properties": props{"lastname": "Fresh"}},
	}})
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	require.Len(t, result.Results, 2)
	assert.Equal(t, existing, result.Results[0].ID)
	require.NotNil(t, result.Results[0].New)
	assert.False(t, *result.Results[0].New)
	assert.Equal(t, "New", result.Results[0].Properties["firstname"])
	require.NotNil(t, result.Results[1].New)
	assert.True(t, *result.Results[1].New)
	assert.Equal(t, "fresh@example.com", result.Results[1].Properties["email"])
	assert.Len(t, h.sim.Objects("contacts"), 2)
}

func TestBatchUpsertByEmailIsAllOrNothing(t *testing.T) {
	h := setup(t)
	resp, _ := h.batch("contacts", "upsert", map[string]any{"inputs": []map[string]any{
		{"id": "fine@example.com", "idProperty": "email", "properties": props{"firstname": "F"}},
		{"id": "bad@example.com", "idProperty": "email", "properties": props{"hs_lead_status": "X"}},
	}})
	assert.Equal(t, http.StatusBadRequest, resp.status)
	assert.Empty(t, h.sim.Objects("contacts"))
}

func TestBatchUpsertByCustomUniqueProperty(t *testing.T) {
	h := setup(t)
	body := newProperty("square_order_id")
	body["hasUniqueValue"] = true
	require.Equal(t, http.StatusCreated, h.do("POST", "/crm/v3/properties/deals", body).status)

	resp, result := h.batch("deals", "upsert", map[string]any{"inputs": []map[string]any{
		{"id": "SQ-1", "idProperty": "square_order_id", "properties": deal("Square Order SQ-1")},
		{"id": "SQ-2", "idProperty": "square_order_id", "properties": props{"dealname": "no stage"}},
		{"id": "SQ-3", "idProperty": "dealname", "properties": deal("x")},
		{"id": "SQ-4", "idProperty": "square_order_id", "properties": deal("Square Order SQ-4"),
			"objectWriteTraceId": "t4"},
	}})
	require.Equal(t, http.StatusMultiStatus, resp.status, "%s", resp.body)
	require.Len(t, result.Results, 2)
	assert.Equal(t, "SQ-1", result.Results[0].Properties["square_order_id"])
	require.Len(t, result.Errors, 2)
	assert.Equal(t, []string{"SQ-2"}, result.Errors[0].Context["ids"])
	assert.Contains(t, result.Errors[1].Message, "non-unique")

	again, againResult := h.batch("deals", "upsert", map[string]any{"inputs": []map[string]any{
		{"id": "SQ-1", "idProperty": "square_order_id", "properties": props{"amount": "10"}},
	}})
	require.Equal(t, http.StatusOK, again.status, "%s", again.body)
	assert.False(t, *againResult.Results[0].New)
	assert.Equal(t, result.Results[0].ID, againResult.Results[0].ID)
}

func TestBatchUpsertNeedsIDProperty(t *testing.T) {
	h := setup(t)
	cases := []struct {
		name       string
		idProperty string
	}{
		{"missing", ""},
		{"record id", "hs_object_id"},
		{"non-unique", "firstname"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, result := h.batch("contacts", "upsert", map[string]any{"inputs": []map[string]any{
				{"id": "x", "idProperty": tc.idProperty, "properties": props{}},
			}})
			require.Equal(t, http.StatusMultiStatus, resp.status, "%s", resp.body)
			assert.Empty(t, result.Results)
			assert.Len(t, result.Errors, 1)
		})
	}
}

func TestBatchRead(t *testing.T) {
	h := setup(t)
	a := h.create("contacts", props{"email": "a@example.com", "firstname": "A", "lastname": "Z"})
	b := h.create("contacts", props{"email": "b@example.com"})
	resp, result := h.batch("contacts", "read", map[string]any{
		"properties": []string{"firstname"},
		"inputs":     []map[string]string{{"id": a}, {"id": b}, {"id": "777"}, {"id": "abc"}},
	})
	require.Equal(t, http.StatusMultiStatus, resp.status, "%s", resp.body)
	require.Len(t, result.Results, 2)
	assert.Equal(t, "A", result.Results[0].Properties["firstname"])
	assert.NotContains(t, result.Results[0].Properties, "lastname", "only requested properties")
	assert.Contains(t, result.Results[0].Properties, "hs_object_id")
	require.Len(t, result.Errors, 1)
	assert.Equal(t, "OBJECT_NOT_FOUND", result.Errors[0].Category)
	assert.Equal(t, []string{"777", "abc"}, result.Errors[0].Context["ids"])
	assert.Equal(t, "Could not get some CONTACT objects, they may be deleted or not exist. "+
		"Check that ids are valid.", result.Errors[0].Message)

	all, _ := h.batch("contacts", "read", map[string]any{"inputs": []map[string]string{{"id": a}}})
	assert.Equal(t, http.StatusOK, all.status)
}

func TestBatchReadByIDProperty(t *testing.T) {
	h := setup(t)
	id := h.create("contacts", props{"email": "jane@example.com"})
	company := h.create("companies", props{"name": "Acme", "domain": "acme.com"})
	cases := []struct {
		name, objectType, idProperty, value string
		want                                int
		wantID                              string
	}{
		{"email any case", "contacts", "email", "JANE@example.com", 200, id},
		{"record id property", "companies", "hs_object_id", company, 200, company},
		{"non-unique property", "companies", "domain", "acme.com", 400, ""},
		{"unknown property", "companies", "nosuch", "x", 400, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, result := h.batch(tc.objectType, "read", map[string]any{
				"idProperty": tc.idProperty, "inputs": []map[string]string{{"id": tc.value}},
			})
			require.Equal(t, tc.want, resp.status, "%s", resp.body)
			if tc.wantID != "" {
				require.Len(t, result.Results, 1)
				assert.Equal(t, tc.wantID, result.Results[0].ID)
			}
		})
	}
}

func TestBatchReadNullForUnset(t *testing.T) {
	cases := []struct {
		name         string
		nullForUnset bool
		present      bool
	}{
		{"omitted by default", false, false},
		{"null when configured", true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t, func(o *Options) { o.NullForUnset = tc.nullForUnset })
			id := h.create("contacts", props{"email": "a@example.com"})
			resp := h.do("POST", "/crm/v3/objects/contacts/batch/read", map[string]any{
				"properties": []string{"firstname", "email"}, "inputs": []map[string]string{{"id": id}},
			})
			require.Equal(t, http.StatusOK, resp.status)
			result := resp.object(t)["results"].([]any)[0].(map[string]any)
			properties := result["properties"].(map[string]any)
			value, present := properties["firstname"]
			assert.Equal(t, tc.present, present)
			assert.Nil(t, value)
			assert.Equal(t, "a@example.com", properties["email"])
		})
	}
}

func TestBatchReadHistoryCap(t *testing.T) {
	h := setup(t)
	ids := make([]map[string]string, 51)
	for i := range ids {
		ids[i] = map[string]string{"id": fmt.Sprint(i + 1)}
	}
	resp, _ := h.batch("contacts", "read", map[string]any{
		"propertiesWithHistory": []string{"email"}, "inputs": ids,
	})
	assert.Equal(t, http.StatusBadRequest, resp.status)
	assert.Contains(t, resp.object(t)["message"], "property histories is 50")
}

func TestBatchArchive(t *testing.T) {
	h := setup(t)
	id := h.create("contacts", props{"email": "gone@example.com"})
	resp := h.do("POST", "/crm/v3/objects/contacts/batch/archive",
		map[string]any{"inputs": []map[string]string{{"id": id}, {"id": "999"}}})
	assert.Equal(t, http.StatusNoContent, resp.status)
	assert.Empty(t, h.sim.Objects("contacts"))
	assert.Equal(t, http.StatusNotFound, h.get("contacts", id).status)
	archived := h.do("GET", "/crm/v3/objects/contacts/"+id+"?archived=true", nil)
	assert.Equal(t, http.StatusOK, archived.status)
	assert.Equal(t, true, archived.object(t)["archived"])
}
