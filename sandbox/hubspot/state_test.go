package hubspot

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// samplePortal has a contact, a company, a deal in a custom pipeline and
// the associations between them.
func samplePortal() Portal {
	created := time.Date(2025, 5, 1, 8, 30, 0, 0, time.UTC)
	return Portal{
		Pipelines: []Pipeline{squarePipeline},
		Objects: []Object{
			{ObjectType: "contacts", ID: "501", CreatedAt: created, Properties: map[string]string{
				"email": "Form.Lead@Example.com", "hs_lead_status": "NEW",
				"hs_marketable_status": "false", "phone": "616 555 0123",
			}},
			{ObjectType: "companies", ID: "502", Properties: map[string]string{
				"name": "Granite Co", "domain": "granite.example",
			}},
			{ObjectType: "0-3", ID: "503", Properties: map[string]string{
				"dealname": "Old order", "pipeline": "889312001", "dealstage": "1338115383",
			}},
		},
		Associations: []Association{
			{FromType: "contacts", FromID: "501", ToType: "companies", ToID: "502", TypeID: 279},
			{FromType: "deal", FromID: "503", ToType: "contact", ToID: "501", TypeID: 3},
		},
	}
}

func TestLoadPortal(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadPortal(samplePortal()))

	contacts := h.sim.Objects("contacts")
	require.Len(t, contacts, 1)
	c := contacts[0]
	assert.Equal(t, "501", c.ID)
	assert.Equal(t, "form.lead@example.com", c.Properties["email"])
	assert.Equal(t, "false", c.Properties["hs_marketable_status"], "read-only values may be seeded")
	assert.Equal(t, "6165550123", c.Properties["hs_searchable_calculated_phone_number"])
	assert.Equal(t, "2025-05-01T08:30:00.000Z", c.Properties["createdate"])
	assert.Equal(t, "501", c.Properties["hs_object_id"])
	assert.Len(t, h.sim.Associations("companies", "contacts"), 1)
	assert.Len(t, h.sim.Associations("contacts", "deals"), 1)

	_, found := h.search("contacts", groups([]map[string]any{filter("email", "EQ", "form.lead@example.com")}))
	assert.Equal(t, []string{"501"}, ids(found.Results), "seeded records are searchable at once")

	next := h.create("contacts", props{"email": "new@example.com"})
	assert.Equal(t, "504", next, "new ids follow the loaded ones")
	dup := h.do("POST", "/crm/v3/objects/contacts",
		map[string]any{"properties": props{"email": "FORM.LEAD@example.com"}})
	assert.Equal(t, http.StatusConflict, dup.status)
}

func TestLoadPortalRejectsBadData(t *testing.T) {
	valid := samplePortal()
	cases := []struct {
		name   string
		mutate func(*Portal)
		text   string
	}{
		{"unknown type", func(p *Portal) { p.Objects[0].ObjectType = "tickets" }, "tickets"},
		{"non-numeric id", func(p *Portal) { p.Objects[0].ID = "abc" }, "abc"},
		{"duplicate id", func(p *Portal) { p.Objects[1].ObjectType = "contacts"; p.Objects[1].ID = "501" },
			"already exists"},
		{"unknown property", func(p *Portal) { p.Objects[1].Properties["colour"] = "red" }, "colour"},
		{"invalid option", func(p *Portal) { p.Objects[0].Properties["hs_lead_status"] = "X" }, "allowed options"},
		{"duplicate email", func(p *Portal) {
			p.Objects = append(p.Objects, Object{ObjectType: "contacts", ID: "600",
				Properties: map[string]string{"email": "form.lead@example.com"}})
		}, "Contact already exists"},
		{"deal without stage", func(p *Portal) { delete(p.Objects[2].Properties, "dealstage") }, "dealstage"},
		{"wrong association type", func(p *Portal) { p.Associations[0].TypeID = 3 }, "does not fit"},
		{"association to nothing", func(p *Portal) { p.Associations[0].ToID = "999" }, "does not exist"},
		{"bad pipeline", func(p *Portal) { p.Pipelines[0].Stages = nil }, "stages are empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			var portal Portal
			raw, err := json.Marshal(valid)
			require.NoError(t, err)
			require.NoError(t, json.Unmarshal(raw, &portal))
			tc.mutate(&portal)

			err = h.sim.LoadPortal(portal)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.text)
			for _, objectType := range []string{"contacts", "companies", "deals"} {
				assert.Empty(t, h.sim.Objects(objectType), "a failed load adds nothing")
			}
		})
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadPortal(samplePortal()))
	createUniqueProperty(t, h, "deals", "square_order_id")
	created := h.create("deals", props{"dealname": "Fresh", "pipeline": "default",
		"dealstage": "closedwon", "square_order_id": "SQ-1"})
	archived := h.create("contacts", props{"email": "old@example.com"})
	require.Equal(t, http.StatusNoContent, h.do("DELETE", "/crm/v3/objects/contacts/"+archived, nil).status)

	var saved bytes.Buffer
	require.NoError(t, h.sim.Save(&saved))

	restored := setup(t)
	require.NoError(t, restored.sim.Load(bytes.NewReader(saved.Bytes())))
	for _, objectType := range []string{"contacts", "companies", "deals"} {
		assert.Equal(t, h.sim.Objects(objectType), restored.sim.Objects(objectType), objectType)
	}
	assert.Equal(t, h.sim.Associations("deals", "contacts"), restored.sim.Associations("deals", "contacts"))
	assert.True(t, restored.getProperty("deals", "square_order_id").HasUniqueValue)

	dup := restored.do("POST", "/crm/v3/objects/deals", map[string]any{"properties": props{
		"dealname": "Again", "pipeline": "default", "dealstage": "closedwon", "square_order_id": "SQ-1"}})
	assert.Equal(t, http.StatusBadRequest, dup.status, "unique values survive a restore")
	assert.Equal(t, "CONFLICT", dup.object(t)["category"])
	next := restored.create("companies", props{"name": "Next"})
	assert.NotEqual(t, created, next)
	assert.Equal(t, http.StatusOK,
		restored.do("GET", "/crm/v3/objects/contacts/"+archived+"?archived=true", nil).status)

	var again bytes.Buffer
	require.NoError(t, h.sim.Save(&again))
	assert.JSONEq(t, saved.String(), again.String(), "saving is repeatable")
}

func TestLoadRejectsBadState(t *testing.T) {
	h := setup(t)
	id := h.create("contacts", props{"email": "keep@example.com"})
	cases := []struct {
		name, body string
	}{
		{"not JSON", `{`},
		{"unknown field", `{"records": []}`},
		{"unknown property type", `{"properties": {"tickets": []}}`},
		{"bad record", `{"objects": [{"objectType": "contacts", "id": "x", "properties": {}}]}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Error(t, h.sim.Load(bytes.NewReader([]byte(tc.body))))
		})
	}
	assert.Equal(t, http.StatusOK, h.get("contacts", id).status, "a failed load keeps the state")
}

func TestAdminSurface(t *testing.T) {
	h := setup(t)
	portal, err := json.Marshal(samplePortal())
	require.NoError(t, err)
	loaded := h.send("POST", "/_admin/portal", string(portal), "")
	require.Equal(t, http.StatusOK, loaded.status, "%s", loaded.body)
	assert.Equal(t, map[string]any{"objects": 3.0, "associations": 2.0, "pipelines": 1.0}, loaded.object(t))

	objects := h.send("GET", "/_admin/objects/companies", nil, "")
	require.Equal(t, http.StatusOK, objects.status)
	var companies []Object
	objects.decode(t, &companies)
	require.Len(t, companies, 1)
	assert.Equal(t, "Granite Co", companies[0].Properties["name"])
	assert.Equal(t, "companies", companies[0].ObjectType)

	state := h.send("GET", "/_admin/state", nil, "")
	require.Equal(t, http.StatusOK, state.status)
	var doc State
	state.decode(t, &doc)
	assert.Len(t, doc.Objects, 3)
	assert.Equal(t, int64(504), doc.NextID)

	fresh := setup(t)
	restored := fresh.send("PUT", "/_admin/state", string(state.body), "")
	require.Equal(t, http.StatusOK, restored.status, "%s", restored.body)
	assert.Len(t, fresh.sim.Objects("contacts"), 1)

	h.do("GET", "/crm/v3/objects/contacts", nil)
	calls := h.send("GET", "/_admin/calls", nil, "")
	assert.Equal(t, map[string]any{"GET /crm/v3/objects/contacts": 1.0}, calls.object(t))

	cases := []struct {
		name, method, path, body string
		want                     int
	}{
		{"unknown endpoint", "GET", "/_admin/nothing", "", 404},
		{"unknown object type", "GET", "/_admin/objects/tickets", "", 404},
		{"bad portal", "POST", "/_admin/portal", `{"objects": [{"objectType": "x", "id": "1"}]}`, 400},
		{"malformed portal", "POST", "/_admin/portal", `[`, 400},
		{"wrong method", "DELETE", "/_admin/state", "", 404},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var body any
			if tc.body != "" {
				body = tc.body
			}
			resp := h.send(tc.method, tc.path, body, "")
			assert.Equal(t, tc.want, resp.status)
			assert.Equal(t, "error", resp.object(t)["status"])
		})
	}
}
