package hubspot

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// getProperty reads one definition through the API.
func (h *harness) getProperty(objectType, name string) *Property {
	h.t.Helper()
	resp := h.do("GET", "/crm/v3/properties/"+objectType+"/"+name, nil)
	require.Equal(h.t, http.StatusOK, resp.status, "%s.%s: %s", objectType, name, resp.body)
	var p Property
	resp.decode(h.t, &p)
	return &p
}

func TestStandardPropertyDefinitions(t *testing.T) {
	h := setup(t)
	cases := []struct {
		objectType, name, typ, fieldType string
		readOnly                         bool
	}{
		{"contacts", "email", "string", "text", false},
		{"contacts", "firstname", "string", "text", false},
		{"contacts", "lastname", "string", "text", false},
		{"contacts", "phone", "string", "phonenumber", false},
		{"contacts", "mobilephone", "string", "phonenumber", false},
		{"contacts", "company", "string", "text", false},
		{"contacts", "website", "string", "text", false},
		{"contacts", "hs_lead_status", "enumeration", "radio", false},
		{"contacts", "lifecyclestage", "enumeration", "radio", false},
		{"contacts", "hs_marketable_status", "enumeration", "select", true},
		{"contacts", "hs_object_id", "number", "number", true},
		{"contacts", "createdate", "datetime", "date", true},
		{"contacts", "lastmodifieddate", "datetime", "date", true},
		{"contacts", "hs_searchable_calculated_phone_number", "string", "text", true},
		{"companies", "name", "string", "text", false},
		{"companies", "domain", "string", "text", false},
		{"companies", "phone", "string", "phonenumber", false},
		{"companies", "city", "string", "text", false},
		{"companies", "state", "string", "text", false},
		{"companies", "website", "string", "text", false},
		{"companies", "hs_lastmodifieddate", "datetime", "date", true},
		{"deals", "dealname", "string", "text", false},
		{"deals", "amount", "number", "number", false},
		{"deals", "pipeline", "enumeration", "select", false},
		{"deals", "dealstage", "enumeration", "radio", false},
		{"deals", "closedate", "datetime", "date", false},
		{"deals", "hs_lastmodifieddate", "datetime", "date", true},
		{"line_items", "name", "string", "text", false},
		{"line_items", "quantity", "number", "number", false},
		{"line_items", "price", "number", "number", false},
		{"line_items", "amount", "number", "number", true},
		{"line_items", "hs_sku", "string", "text", false},
		{"line_items", "hs_product_id", "string", "text", false},
		{"products", "name", "string", "text", false},
		{"products", "price", "number", "number", false},
		{"products", "hs_sku", "string", "text", false},
		{"products", "description", "string", "textarea", false},
		{"products", "createdate", "datetime", "date", true},
	}
	for _, tc := range cases {
		t.Run(tc.objectType+"."+tc.name, func(t *testing.T) {
			p := h.getProperty(tc.objectType, tc.name)
			assert.Equal(t, tc.typ, p.Type)
			assert.Equal(t, tc.fieldType, p.FieldType)
			assert.Equal(t, tc.readOnly, p.ModificationMetadata.ReadOnlyValue)
			assert.True(t, p.HubspotDefined)
		})
	}
}

func TestLeadStatusHasEightDefaultOptions(t *testing.T) {
	h := setup(t)
	p := h.getProperty("contacts", "hs_lead_status")
	assert.Equal(t, []string{"NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED",
		"ATTEMPTED_TO_CONTACT", "CONNECTED", "BAD_TIMING"}, p.optionValues())
}

func TestDealPipelinePropertiesListPipelineOptions(t *testing.T) {
	h := setup(t)
	assert.Equal(t, []string{"default"}, h.getProperty("deals", "pipeline").optionValues())
	stages := h.getProperty("deals", "dealstage").optionValues()
	assert.Contains(t, stages, "closedwon")
	assert.Len(t, stages, 7)
}

func TestListPropertiesReturnsAll(t *testing.T) {
	h := setup(t)
	resp := h.do("GET", "/crm/v3/properties/companies", nil)
	require.Equal(t, http.StatusOK, resp.status)
	var body struct {
		Results []Property `json:"results"`
	}
	resp.decode(t, &body)
	var names []string
	for _, p := range body.Results {
		names = append(names, p.Name)
	}
	assert.Subset(t, names, []string{"name", "domain", "phone", "city", "state", "website",
		"hs_object_id", "createdate", "hs_lastmodifieddate"})
}

func TestGetUnknownPropertyIs404(t *testing.T) {
	h := setup(t)
	resp := h.do("GET", "/crm/v3/properties/contacts/no_such_property", nil)
	assert.Equal(t, http.StatusNotFound, resp.status)
}

// newProperty is a valid custom property definition.
func newProperty(name string) map[string]any {
	return map[string]any{
		"name": name, "label": "Label " + name, "type": "string", "fieldType": "text",
		"groupName": "dealinformation",
	}
}

func TestCreatePropertyReturns201(t *testing.T) {
	h := setup(t)
	body := newProperty("square_order_id")
	body["hasUniqueValue"] = true
	resp := h.do("POST", "/crm/v3/properties/deals", body)
	require.Equal(t, http.StatusCreated, resp.status, "%s", resp.body)
	var p Property
	resp.decode(t, &p)
	assert.Equal(t, "square_order_id", p.Name)
	assert.True(t, p.HasUniqueValue)
	assert.False(t, p.HubspotDefined)
	assert.Equal(t, &p, h.getProperty("deals", "square_order_id"))
}

func TestCreatePropertyValidation(t *testing.T) {
	h := setup(t)
	with := func(changes map[string]any) map[string]any {
		body := newProperty("custom_field")
		for k, v := range changes {
			if v == nil {
				delete(body, k)
			} else {
				body[k] = v
			}
		}
		return body
	}
	options := []map[string]any{{"label": "A", "value": "a"}}
	cases := []struct {
		name string
		body map[string]any
		text string
	}{
		{"missing name", with(map[string]any{"name": nil}), "name is required"},
		{"missing label", with(map[string]any{"label": nil}), "label is required"},
		{"missing type", with(map[string]any{"type": nil}), "type is required"},
		{"missing fieldType", with(map[string]any{"fieldType": nil}), "fieldType is required"},
		{"missing groupName", with(map[string]any{"groupName": nil}), "groupName is required"},
		{"upper-case name", with(map[string]any{"name": "Custom"}), "invalid"},
		{"name starting with digit", with(map[string]any{"name": "1field"}), "invalid"},
		{"unknown type", with(map[string]any{"type": "money"}), "type \"money\""},
		{"string with select", with(map[string]any{"fieldType": "select"}), "not valid for type string"},
		{"number with text", with(map[string]any{"type": "number"}), "not valid for type number"},
		{"bool with checkbox", with(map[string]any{"type": "bool", "fieldType": "checkbox"}),
			"not valid for type bool"},
		{"enumeration without options", with(map[string]any{"type": "enumeration",
			"fieldType": "select"}), "at least one option"},
		{"duplicate option values", with(map[string]any{"type": "enumeration", "fieldType": "select",
			"options": append(options, options...)}), "duplicated"},
		{"option without label", with(map[string]any{"type": "enumeration", "fieldType": "select",
			"options": []map[string]any{{"value": "a"}}}), "label and a value"},
		{"unique enumeration", with(map[string]any{"type": "enumeration", "fieldType": "select",
			"options": options, "hasUniqueValue": true}), "hasUniqueValue"},
		{"unknown field", with(map[string]any{"colour": "red"}), "colour"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := h.do("POST", "/crm/v3/properties/contacts", tc.body)
			assert.Equal(t, http.StatusBadRequest, resp.status)
			body := resp.object(t)
			assert.Equal(t, "VALIDATION_ERROR", body["category"])
			assert.Contains(t, body["message"], tc.text)
		})
	}
}

func TestCreatePropertyValidPairs(t *testing.T) {
	h := setup(t)
	options := []map[string]any{{"label": "A", "value": "a"}}
	cases := []struct {
		typ, fieldType string
	}{
		{"string", "text"}, {"string", "textarea"}, {"string", "html"}, {"string", "phonenumber"},
		{"number", "number"}, {"date", "date"}, {"datetime", "date"},
		{"enumeration", "select"}, {"enumeration", "radio"}, {"enumeration", "checkbox"},
		{"bool", "booleancheckbox"},
	}
	for i, tc := range cases {
		t.Run(tc.typ+"/"+tc.fieldType, func(t *testing.T) {
			body := newProperty(fmt.Sprintf("pair_%d", i))
			body["type"], body["fieldType"] = tc.typ, tc.fieldType
			if tc.typ == "enumeration" {
				body["options"] = options
			}
			resp := h.do("POST", "/crm/v3/properties/contacts", body)
			assert.Equal(t, http.StatusCreated, resp.status, "%s", resp.body)
		})
	}
	assert.Equal(t, []string{"true", "false"}, h.getProperty("contacts", "pair_10").optionValues(),
		"a bool property gets true/false options")
}

func TestCreateDuplicatePropertyIs409(t *testing.T) {
	h := setup(t)
	require.Equal(t, http.StatusCreated, h.do("POST", "/crm/v3/properties/deals",
		newProperty("payment_method")).status)
	cases := []struct {
		name, property string
	}{
		{"custom", "payment_method"},
		{"standard", "dealname"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := h.do("POST", "/crm/v3/properties/deals", newProperty(tc.property))
			assert.Equal(t, http.StatusConflict, resp.status)
			body := resp.object(t)
			assert.Equal(t, "OBJECT_ALREADY_EXISTS", body["category"])
			assert.Equal(t, "Properties.PROPERTY_WITH_NAME_EXISTS", body["subCategory"])
			assert.Equal(t, fmt.Sprintf("A property named '%s' already exists.", tc.property),
				body["message"])
		})
	}
}

func TestUniquePropertiesCappedAtTen(t *testing.T) {
	h := setup(t)
	for i := range maxUniqueProperties {
		body := newProperty(fmt.Sprintf("unique_%d", i))
		body["hasUniqueValue"] = true
		require.Equal(t, http.StatusCreated, h.do("POST", "/crm/v3/properties/products", body).status)
	}
	body := newProperty("unique_extra")
	body["hasUniqueValue"] = true
	resp := h.do("POST", "/crm/v3/properties/products", body)
	assert.Equal(t, http.StatusBadRequest, resp.status)
	assert.Contains(t, resp.object(t)["message"], "maximum is 10")

	other := h.do("POST", "/crm/v3/properties/deals", body)
	assert.Equal(t, http.StatusCreated, other.status, "the cap is per object type")
}

func TestPatchPropertyHasUniqueValueIsImmutable(t *testing.T) {
	h := setup(t)
	require.Equal(t, http.StatusCreated, h.do("POST", "/crm/v3/properties/deals",
		newProperty("sps_quote_id")).status)
	resp := h.do("PATCH", "/crm/v3/properties/deals/sps_quote_id",
		map[string]any{"hasUniqueValue": true})
	assert.Equal(t, http.StatusBadRequest, resp.status)
	assert.Contains(t, resp.object(t)["message"], "hasUniqueValue")
	assert.False(t, h.getProperty("deals", "sps_quote_id").HasUniqueValue)
}

func TestPatchPropertyOptionsReplaceList(t *testing.T) {
	h := setup(t)
	newOptions := []map[string]any{
		{"label": "New", "value": "NEW"},
		{"label": "Square POS", "value": "SQUARE_POS"},
	}
	resp := h.do("PATCH", "/crm/v3/properties/contacts/hs_lead_status",
		map[string]any{"options": newOptions})
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	assert.Equal(t, []string{"NEW", "SQUARE_POS"}, h.getProperty("contacts", "hs_lead_status").optionValues())

	resp = h.do("PATCH", "/crm/v3/properties/contacts/hs_lead_status",
		map[string]any{"label": "Lead status"})
	require.Equal(t, http.StatusOK, resp.status)
	p := h.getProperty("contacts", "hs_lead_status")
	assert.Equal(t, "Lead status", p.Label)
	assert.Equal(t, []string{"NEW", "SQUARE_POS"}, p.optionValues(), "a PATCH without options keeps them")

	write := h.do("POST", "/crm/v3/objects/contacts",
		map[string]any{"properties": props{"hs_lead_status": "OPEN"}})
	assert.Equal(t, http.StatusBadRequest, write.status, "a removed option is rejected on write")
}

func TestPatchPropertyRejections(t *testing.T) {
	h := setup(t)
	cases := []struct {
		name, objectType, property string
		body                       map[string]any
		want                       int
	}{
		{"standard type change", "contacts", "email", map[string]any{"type": "number"}, 400},
		{"empty options on enumeration", "contacts", "hs_lead_status",
			map[string]any{"options": []any{}}, 400},
		{"pipeline options", "deals", "dealstage",
			map[string]any{"options": []map[string]any{{"label": "X", "value": "x"}}}, 400},
		{"unknown property", "contacts", "no_such", map[string]any{"label": "x"}, 404},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := h.do("PATCH", "/crm/v3/properties/"+tc.objectType+"/"+tc.property, tc.body)
			assert.Equal(t, tc.want, resp.status, "%s", resp.body)
		})
	}
}
