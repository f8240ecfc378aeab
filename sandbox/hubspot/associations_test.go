package hubspot

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type associationRead struct {
	Status  string `json:"status"`
	Results []struct {
		From idJSON                 `json:"from"`
		To   []associatedObjectJSON `json:"to"`
	} `json:"results"`
	Errors []errorBody `json:"errors"`
}

func (h *harness) associate(from, fromID, to, toID string) response {
	h.t.Helper()
	return h.do("PUT", fmt.Sprintf("/crm/v4/objects/%s/%s/associations/default/%s/%s",
		from, fromID, to, toID), nil)
}

func TestAssociateDefaultBothDirections(t *testing.T) {
	h := setup(t)
	contact := h.create("contacts", props{"email": "a@example.com"})
	company := h.create("companies", props{"name": "Acme"})

	resp := h.associate("contact", contact, "company", company)
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	var body struct {
		Status  string                  `json:"status"`
		Results []associationResultJSON `json:"results"`
	}
	resp.decode(t, &body)
	assert.Equal(t, "COMPLETE", body.Status)
	var typeIDs []int
	for _, r := range body.Results {
		typeIDs = append(typeIDs, r.AssociationSpec.AssociationTypeID)
	}
	assert.ElementsMatch(t, []int{279, 280}, typeIDs)

	assert.Equal(t, []Association{{FromType: "contacts", FromID: contact, ToType: "companies",
		ToID: company, TypeID: 279}}, h.sim.Associations("contacts", "companies"))
	assert.Equal(t, []Association{{FromType: "companies", FromID: company, ToType: "contacts",
		ToID: contact, TypeID: 280}}, h.sim.Associations("0-2", "0-1"))

	again := h.associate("contacts", contact, "companies", company)
	assert.Equal(t, http.StatusOK, again.status)
	assert.Len(t, h.sim.Associations("contacts", "companies"), 1, "associating twice keeps one")
}

func TestAssociateDefaultErrors(t *testing.T) {
	h := setup(t)
	contact := h.create("contacts", props{"email": "a@example.com"})
	product := h.create("products", props{"name": "Slab"})
	cases := []struct {
		name                   string
		from, fromID, to, toID string
		want                   int
	}{
		{"missing target", "contacts", contact, "companies", "9999", 404},
		{"missing source", "contacts", "9999", "companies", contact, 404},
		{"no default type", "contacts", contact, "products", product, 400},
		{"unknown type", "contacts", contact, "widgets", "1", 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := h.associate(tc.from, tc.fromID, tc.to, tc.toID)
			assert.Equal(t, tc.want, resp.status, "%s", resp.body)
		})
	}
}

func TestBatchReadAssociations(t *testing.T) {
	h := setup(t)
	dealID := h.create("deals", deal("D"))
	c1 := h.create("contacts", props{"email": "1@example.com"})
	c2 := h.create("contacts", props{"email": "2@example.com"})
	lonely := h.create("deals", deal("Lonely"))
	require.Equal(t, http.StatusOK, h.associate("deals", dealID, "contacts", c1).status)
	require.Equal(t, http.StatusOK, h.associate("contacts", c2, "deals", dealID).status)

	resp := h.do("POST", "/crm/v4/associations/deals/contacts/batch/read", map[string]any{
		"inputs": []map[string]string{{"id": dealID}, {"id": lonely}},
	})
	require.Equal(t, http.StatusMultiStatus, resp.status, "%s", resp.body)
	var body associationRead
	resp.decode(t, &body)
	require.Len(t, body.Results, 1)
	assert.Equal(t, dealID, body.Results[0].From.ID)
	require.Len(t, body.Results[0].To, 2)
	n1, _ := strconv.ParseInt(c1, 10, 64)
	assert.Equal(t, n1, body.Results[0].To[0].ToObjectID)
	assert.Equal(t, []associationTypeJSON{{Category: "HUBSPOT_DEFINED", TypeID: 3}},
		body.Results[0].To[0].AssociationTypes)
	require.Len(t, body.Errors, 1)
	assert.Equal(t, []string{lonely}, body.Errors[0].Context["fromObjectId"])

	archived := h.do("POST", "/crm/v3/objects/contacts/batch/archive",
		map[string]any{"inputs": []map[string]string{{"id": c1}}})
	require.Equal(t, http.StatusNoContent, archived.status)
	after := h.do("POST", "/crm/v4/associations/deals/contacts/batch/read", map[string]any{
		"inputs": []map[string]string{{"id": dealID}},
	})
	var afterBody associationRead
	after.decode(t, &afterBody)
	require.Len(t, afterBody.Results, 1)
	assert.Len(t, afterBody.Results[0].To, 1, "archived records drop out of association reads")
}

func TestBatchReadAssociationsLimit(t *testing.T) {
	h := setup(t)
	in := make([]map[string]string, 1001)
	for i := range in {
		in[i] = map[string]string{"id": fmt.Sprint(i + 1)}
	}
	resp := h.do("POST", "/crm/v4/associations/deals/contacts/batch/read", map[string]any{"inputs": in})
	assert.Equal(t, http.StatusBadRequest, resp.status)
}

func TestBatchAssociateDefault(t *testing.T) {
	h := setup(t)
	item := h.create("line_items", props{"name": "Slab", "quantity": "1", "price": "10"})
	dealID := h.create("deals", deal("D"))
	resp := h.do("POST", "/crm/v4/associations/line_items/deals/batch/associate/default", map[string]any{
		"inputs": []map[string]any{
			{"from": idJSON{item}, "to": idJSON{dealID}},
			{"from": idJSON{item}, "to": idJSON{"9999"}},
		},
	})
	require.Equal(t, http.StatusMultiStatus, resp.status, "%s", resp.body)
	assert.Len(t, resp.object(t)["results"], 2)
	assert.Equal(t, []Association{{FromType: "deals", FromID: dealID, ToType: "line_items",
		ToID: item, TypeID: 19}}, h.sim.Associations("deals", "line_items"))
}

func TestPrimaryLabelReplacesPrevious(t *testing.T) {
	h := setup(t)
	contact := h.create("contacts", props{"email": "a@example.com"})
	first := h.create("companies", props{"name": "First"})
	second := h.create("companies", props{"name": "Second"})
	primary := []associationSpec{{AssociationCategory: "HUBSPOT_DEFINED", AssociationTypeID: 1}}
	for _, company := range []string{first, second} {
		resp := h.do("PUT", fmt.Sprintf("/crm/v4/objects/contacts/%s/associations/companies/%s",
			contact, company), primary)
		require.Equal(t, http.StatusCreated, resp.status, "%s", resp.body)
		assert.Equal(t, []any{"Primary"}, resp.object(t)["labels"])
	}

	var primaries, plain []string
	for _, a := range h.sim.Associations("contacts", "companies") {
		switch a.TypeID {
		case 1:
			primaries = append(primaries, a.ToID)
		case 279:
			plain = append(plain, a.ToID)
		}
	}
	assert.Equal(t, []string{second}, primaries, "a contact has one primary company")
	assert.Equal(t, []string{first, second}, plain, "labels imply the unlabeled association")

	bad := h.do("PUT", fmt.Sprintf("/crm/v4/objects/contacts/%s/associations/companies/%s",
		contact, first), []associationSpec{{AssociationCategory: "HUBSPOT_DEFINED", AssociationTypeID: 3}})
	assert.Equal(t, http.StatusBadRequest, bad.status)
}

func TestListAndRemoveAssociations(t *testing.T) {
	h := setup(t)
	company := h.create("companies", props{"name": "Acme"})
	var contacts []string
	for i := range 3 {
		c := h.create("contacts", props{"email": fmt.Sprintf("%d@example.com", i)})
		contacts = append(contacts, c)
		require.Equal(t, http.StatusOK, h.associate("companies", company, "contacts", c).status)
	}

	resp := h.do("GET", "/crm/v4/objects/companies/"+company+"/associations/contacts?limit=2", nil)
	require.Equal(t, http.StatusOK, resp.status)
	var page struct {
		Results []associatedObjectJSON `json:"results"`
		Paging  struct {
			Next struct {
				After string `json:"after"`
			} `json:"next"`
		} `json:"paging"`
	}
	resp.decode(t, &page)
	assert.Len(t, page.Results, 2)
	assert.Equal(t, "2", page.Paging.Next.After)
	assert.Equal(t, 280, page.Results[0].AssociationTypes[0].TypeID)

	del := h.do("DELETE", fmt.Sprintf("/crm/v4/objects/contacts/%s/associations/companies/%s",
		contacts[0], company), nil)
	assert.Equal(t, http.StatusNoContent, del.status)
	archive := h.do("POST", "/crm/v4/associations/companies/contacts/batch/archive", map[string]any{
		"inputs": []map[string]any{{"from": idJSON{company}, "to": []idJSON{{contacts[1]}}}},
	})
	assert.Equal(t, http.StatusNoContent, archive.status)
	assert.Equal(t, []Association{{FromType: "companies", FromID: company, ToType: "contacts",
		ToID: contacts[2], TypeID: 280}}, h.sim.Associations("companies", "contacts"))
}
