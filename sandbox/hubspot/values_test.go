package hubspot

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNormalizeValue(t *testing.T) {
	number := &Property{Name: "amount", Type: typeNumber, FieldType: "number"}
	boolean := &Property{Name: "vip", Type: typeBool, FieldType: "booleancheckbox"}
	date := &Property{Name: "birthday", Type: typeDate, FieldType: "date"}
	datetime := &Property{Name: "closedate", Type: typeDatetime, FieldType: "date"}
	text := &Property{Name: "city", Type: typeString, FieldType: "text"}
	single := &Property{Name: "tier", Type: typeEnumeration, FieldType: "select",
		Options: []PropertyOption{{Value: "GOLD"}, {Value: "SILVER"}}}
	multi := &Property{Name: "tags", Type: typeEnumeration, FieldType: "checkbox",
		Options: []PropertyOption{{Value: "a"}, {Value: "b"}}}

	cases := []struct {
		name  string
		prop  *Property
		value string
		mode  writeMode
		want  string
		code  string // expected problem code; "" means accepted
	}{
		{"integer", number, "42", modeCreate, "42", ""},
		{"negative decimal", number, "-1234.50", modeCreate, "-1234.50", ""},
		{"comma", number, "1,000", modeCreate, "", "INVALID_INTEGER"},
		{"space", number, "1 000", modeCreate, "", "INVALID_INTEGER"},
		{"leading dot", number, ".5", modeCreate, "", "INVALID_INTEGER"},
		{"trailing dot", number, "5.", modeCreate, "", "INVALID_INTEGER"},
		{"exponent", number, "1e3", modeCreate, "", "INVALID_INTEGER"},
		{"currency sign", number, "$5", modeCreate, "", "INVALID_INTEGER"},
		{"empty number on create", number, "", modeCreate, "", "INVALID_INTEGER"},
		{"empty number on update clears", number, "", modeUpdate, "", ""},
		{"bool true", boolean, "true", modeCreate, "true", ""},
		{"bool capitalised", boolean, "True", modeCreate, "", "INVALID_BOOLEAN"},
		{"bool yes", boolean, "yes", modeCreate, "", "INVALID_BOOLEAN"},
		{"empty bool on create", boolean, "", modeCreate, "", "INVALID_BOOLEAN"},
		{"date iso", date, "2026-03-04", modeCreate, "2026-03-04", ""},
		{"date midnight ms", date, "1772582400000", modeCreate, "2026-03-04", ""},
		{"date not midnight", date, "1772582400001", modeCreate, "", "INVALID_DATE"},
		{"date with time", date, "2026-03-04T10:00:00Z", modeCreate, "", "INVALID_DATE"},
		{"date garbage", date, "March 4", modeCreate, "", "INVALID_DATE"},
		{"empty date on create", date, "", modeCreate, "", "INVALID_DATE"},
		{"datetime ms", datetime, "1772618400123", modeCreate, "2026-03-04T10:00:00.123Z", ""},
		{"datetime iso zulu", datetime, "2026-03-04T10:00:00Z", modeCreate, "2026-03-04T10:00:00.000Z", ""},
		{"datetime offset", datetime, "2026-03-04T12:00:00+02:00", modeCreate, "2026-03-04T10:00:00.000Z", ""},
		{"datetime fraction", datetime, "2026-03-04T10:00:00.5Z", modeCreate, "2026-03-04T10:00:00.500Z", ""},
		{"datetime date only", datetime, "2026-03-04", modeCreate, "2026-03-04T00:00:00.000Z", ""},
		{"datetime garbage", datetime, "yesterday", modeCreate, "", "INVALID_DATETIME"},
		{"empty datetime on create", datetime, "", modeCreate, "", "INVALID_DATETIME"},
		{"option", single, "GOLD", modeCreate, "GOLD", ""},
		{"option wrong case", single, "gold", modeCreate, "", "INVALID_OPTION"},
		{"option unknown", single, "BRONZE", modeCreate, "", "INVALID_OPTION"},
		{"empty option on create", single, "", modeCreate, "", "INVALID_OPTION"},
		{"empty option on update clears", single, "", modeUpdate, "", ""},
		{"multi values", multi, "a;b", modeCreate, "a;b", ""},
		{"multi with unknown", multi, "a;c", modeCreate, "", "INVALID_OPTION"},
		{"string empty on create", text, "", modeCreate, "", ""},
		{"string kept as written", text, "  Grand Rapids ", modeCreate, "  Grand Rapids ", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, found, ok := normalizeValue(tc.prop, tc.value, tc.mode)
			if tc.code == "" {
				require.True(t, ok, "rejected: %+v", found)
				assert.Equal(t, tc.want, got)
				return
			}
			require.False(t, ok, "accepted as %q", got)
			assert.Equal(t, tc.code, found.Error)
			assert.Equal(t, tc.prop.Name, found.Name)
		})
	}
}

func TestNormalizeEmail(t *testing.T) {
	cases := []struct {
		name, value, want string
		ok                bool
	}{
		{"lower-cased", "Jane.Doe@Example.COM", "jane.doe@example.com", true},
		{"trimmed", "  jane@example.com ", "jane@example.com", true},
		{"plus tag", "jane+stone@example.com", "jane+stone@example.com", true},
		{"no at sign", "jane.example.com", "", false},
		{"no dot in domain", "jane@localhost", "", false},
		{"display name", "Jane <jane@example.com>", "", false},
		{"two addresses", "a@example.com, b@example.com", "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, found, ok := normalizeEmail(tc.value)
			assert.Equal(t, tc.ok, ok, "%+v", found)
			assert.Equal(t, tc.want, got)
			if !tc.ok {
				assert.Equal(t, "INVALID_EMAIL", found.Error)
			}
		})
	}
}

func TestSearchablePhone(t *testing.T) {
	cases := []struct {
		name, phone, want string
	}{
		{"formatted US", "+1 (206) 555-1212", "2065551212"},
		{"national US", "(206) 555-1212", "2065551212"},
		{"dotted", "206.555.1212", "2065551212"},
		{"UK international", "+44 20 7946 0958", "2079460958"},
		{"unparseable keeps digits", "ext. 12", "12"},
		{"empty", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, searchablePhone(tc.phone))
		})
	}
}

func TestMultiplyDecimals(t *testing.T) {
	cases := []struct {
		name, a, b, want string
	}{
		{"integers", "3", "25", "75"},
		{"cents", "2", "19.99", "39.98"},
		{"fractional quantity", "1.5", "10.10", "15.15"},
		{"trailing zeros trimmed", "2", "10.50", "21"},
		{"negative", "-1", "5.25", "-5.25"},
		{"missing quantity", "", "5", ""},
		{"invalid price", "2", "abc", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, multiplyDecimals(tc.a, tc.b))
		})
	}
}

// problemsOf decodes the property problems embedded in a validation
// error's message.
func problemsOf(t *testing.T, body map[string]any) []propertyProblem {
	t.Helper()
	message, _ := body["message"].(string)
	const prefix = "Property values were not valid: "
	require.Contains(t, message, prefix)
	var problems []propertyProblem
	require.NoError(t, json.Unmarshal([]byte(message[len(prefix):]), &problems))
	return problems
}

func TestWriteValidationRejectsInput(t *testing.T) {
	h := setup(t)
	cases := []struct {
		name       string
		objectType string
		properties props
		code       string
		property   string
	}{
		{"unknown property", "contacts", props{"favourite_stone": "granite"},
			"PROPERTY_DOESNT_EXIST", "favourite_stone"},
		{"record id", "contacts", props{"hs_object_id": "5"}, "READ_ONLY_VALUE", "hs_object_id"},
		{"createdate", "companies", props{"createdate": "2026-01-01"}, "READ_ONLY_VALUE", "createdate"},
		{"marketable status", "contacts", props{"hs_marketable_status": "false"},
			"READ_ONLY_VALUE", "hs_marketable_status"},
		{"calculated phone", "contacts", props{"hs_searchable_calculated_phone_number": "1"},
			"READ_ONLY_VALUE", "hs_searchable_calculated_phone_number"},
		{"line item amount", "line_items", props{"amount": "10"}, "READ_ONLY_VALUE", "amount"},
		{"lead status option", "contacts", props{"hs_lead_status": "SQUARE_POS"},
			"INVALID_OPTION", "hs_lead_status"},
		{"number with comma", "products", props{"price": "1,299.00"}, "INVALID_INTEGER", "price"},
		{"empty number on create", "products", props{"price": ""}, "INVALID_INTEGER", "price"},
		{"empty enumeration on create", "contacts", props{"hs_lead_status": ""},
			"INVALID_OPTION", "hs_lead_status"},
		{"garbage closedate", "deals",
			props{"dealname": "x", "pipeline": "default", "dealstage": "closedwon", "closedate": "soon"},
			"INVALID_DATETIME", "closedate"},
		{"invalid email", "contacts", props{"email": "not-an-email"}, "INVALID_EMAIL", "email"},
		{"negative line item price", "line_items", props{"name": "Refund", "quantity": "1", "price": "-5"},
			"INVALID_NEGATIVE_PRICE", "price"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := h.do("POST", "/crm/v3/objects/"+tc.objectType+"/batch/create", inputs(tc.properties))
			require.Equal(t, http.StatusBadRequest, resp.status, "%s", resp.body)
			body := resp.object(t)
			assert.Equal(t, "VALIDATION_ERROR", body["category"])
			problems := problemsOf(t, body)
			require.Len(t, problems, 1)
			assert.Equal(t, tc.code, problems[0].Error)
			assert.Equal(t, tc.property, problems[0].Name)
			assert.False(t, problems[0].IsValid)
			detail := body["errors"].([]any)[0].(map[string]any)
			assert.Equal(t, tc.code, detail["code"])
		})
	}
	for _, objectType := range []string{"contacts", "companies", "deals", "line_items", "products"} {
		assert.Empty(t, h.sim.Objects(objectType), "%s written despite errors", objectType)
	}
}

func TestInvalidOptionMessageMatchesHubSpot(t *testing.T) {
	h := setup(t)
	resp := h.do("POST", "/crm/v3/objects/contacts",
		map[string]any{"properties": props{"hs_lead_status": "SQUARE_POS"}})
	require.Equal(t, http.StatusBadRequest, resp.status)
	assert.Equal(t, `Property values were not valid: [{"isValid":false,"message":"SQUARE_POS was not `+
		`one of the allowed options: [NEW, OPEN, IN_PROGRESS, OPEN_DEAL, UNQUALIFIED, `+
		`ATTEMPTED_TO_CONTACT, CONNECTED, BAD_TIMING]","error":"INVALID_OPTION","name":"hs_lead_status",`+
		`"localizedErrorMessage":"SQUARE_POS was not one of the allowed options: [NEW, OPEN, IN_PROGRESS, `+
		`OPEN_DEAL, UNQUALIFIED, ATTEMPTED_TO_CONTACT, CONNECTED, BAD_TIMING]"}]`,
		resp.object(t)["message"])
}

func TestOneBadValueRejectsWholeUpdate(t *testing.T) {
	h := setup(t)
	id := h.create("contacts", props{"firstname": "Ann", "hs_lead_status": "NEW"})
	resp := h.do("PATCH", "/crm/v3/objects/contacts/"+id, map[string]any{
		"properties": props{"firstname": "Anna", "hs_lead_status": "bogus", "nosuch": "x"},
	})
	require.Equal(t, http.StatusBadRequest, resp.status)
	problems := problemsOf(t, resp.object(t))
	assert.Len(t, problems, 2, "every problem of the input is listed")
	got := h.getProps("contacts", id, "firstname", "hs_lead_status")
	assert.Equal(t, "Ann", got["firstname"])
	assert.Equal(t, "NEW", got["hs_lead_status"])
}

func TestEmptyStringClearsOnUpdate(t *testing.T) {
	h := setup(t)
	id := h.create("deals", props{"dealname": "D", "pipeline": "default", "dealstage": "closedwon",
		"amount": "100", "closedate": "2026-01-02T03:04:05Z"})
	resp := h.do("PATCH", "/crm/v3/objects/deals/"+id,
		map[string]any{"properties": props{"amount": "", "closedate": ""}})
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	got := h.getProps("deals", id, "amount", "closedate", "dealname")
	assert.NotContains(t, got, "amount")
	assert.NotContains(t, got, "closedate")
	assert.Equal(t, "D", got["dealname"])
}

func TestValuesReturnedAsStrings(t *testing.T) {
	h := setup(t)
	resp := h.do("POST", "/crm/v3/objects/deals", map[string]any{"properties": map[string]any{
		"dealname": "Numbers", "pipeline": "default", "dealstage": "closedwon",
		"amount": 1250.5, "closedate": 1772618400123,
	}})
	require.Equal(t, http.StatusCreated, resp.status, "%s", resp.body)
	var obj struct {
		Properties map[string]any `json:"properties"`
	}
	resp.decode(t, &obj)
	for name, value := range obj.Properties {
		assert.IsType(t, "", value, "property %s", name)
	}
	assert.Equal(t, "1250.5", obj.Properties["amount"])
	assert.Equal(t, "2026-03-04T10:00:00.123Z", obj.Properties["closedate"])
	assert.Equal(t, "false", obj.Properties["hs_is_closed_lost"])
	assert.Equal(t, "true", obj.Properties["hs_is_closed_won"])
}

func TestCalculatedProperties(t *testing.T) {
	h := setup(t)
	contact := h.create("contacts", props{"phone": "+1 (206) 555-1212", "email": "Mixed@Case.COM"})
	got := h.getProps("contacts", contact, "email", "hs_searchable_calculated_phone_number")
	assert.Equal(t, "2065551212", got["hs_searchable_calculated_phone_number"])
	assert.Equal(t, "mixed@case.com", got["email"])

	h.do("PATCH", "/crm/v3/objects/contacts/"+contact,
		map[string]any{"properties": props{"phone": "616-555-0100"}})
	got = h.getProps("contacts", contact, "hs_searchable_calculated_phone_number")
	assert.Equal(t, "6165550100", got["hs_searchable_calculated_phone_number"], "recomputed on update")

	item := h.create("line_items", props{"name": "Slab", "quantity": "3", "price": "249.99"})
	assert.Equal(t, "749.97", h.getProps("line_items", item, "amount")["amount"])
}

func TestDealRules(t *testing.T) {
	h := setup(t)
	cases := []struct {
		name       string
		properties props
		property   string
		code       string
	}{
		{"missing dealname", props{"pipeline": "default", "dealstage": "closedwon"},
			"dealname", "MISSING_REQUIRED_PROPERTY"},
		{"stage of another pipeline without pipeline", props{"dealname": "x", "dealstage": "1338115383"},
			"dealstage", "INVALID_OPTION"},
		{"missing stage", props{"dealname": "x", "pipeline": "default"},
			"dealstage", "MISSING_REQUIRED_PROPERTY"},
		{"unknown pipeline", props{"dealname": "x", "pipeline": "889312001", "dealstage": "closedwon"},
			"pipeline", "INVALID_OPTION"},
		{"stage of no pipeline", props{"dealname": "x", "pipeline": "default", "dealstage": "won"},
			"dealstage", "INVALID_OPTION"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := h.do("POST", "/crm/v3/objects/deals", map[string]any{"properties": tc.properties})
			require.Equal(t, http.StatusBadRequest, resp.status, "%s", resp.body)
			problems := problemsOf(t, resp.object(t))
			require.Len(t, problems, 1)
			assert.Equal(t, tc.property, problems[0].Name)
			assert.Equal(t, tc.code, problems[0].Error)
		})
	}

	id := h.create("deals", deal("Valid"))
	cleared := h.do("PATCH", "/crm/v3/objects/deals/"+id,
		map[string]any{"properties": props{"dealstage": ""}})
	assert.Equal(t, http.StatusBadRequest, cleared.status, "a stage cannot be cleared")
	moved := h.do("PATCH", "/crm/v3/objects/deals/"+id,
		map[string]any{"properties": props{"dealstage": "contractsent"}})
	assert.Equal(t, http.StatusOK, moved.status, "%s", moved.body)
	assert.Equal(t, "false", h.getProps("deals", id, "hs_is_closed")["hs_is_closed"])
}

func TestLifecycleStageMovesForwardOnly(t *testing.T) {
	h := setup(t)
	id := h.create("contacts", props{"lifecyclestage": "customer"})
	back := h.do("PATCH", "/crm/v3/objects/contacts/"+id,
		map[string]any{"properties": props{"lifecyclestage": "lead"}})
	assert.Equal(t, http.StatusBadRequest, back.status)

	clear := h.do("PATCH", "/crm/v3/objects/contacts/"+id,
		map[string]any{"properties": props{"lifecyclestage": ""}})
	require.Equal(t, http.StatusOK, clear.status)
	again := h.do("PATCH", "/crm/v3/objects/contacts/"+id,
		map[string]any{"properties": props{"lifecyclestage": "lead"}})
	assert.Equal(t, http.StatusOK, again.status, "after clearing, any stage is accepted")
}

func TestDealWithoutPipelineJoinsDefault(t *testing.T) {
	h := setup(t)
	id := h.create("deals", props{"dealname": "No pipeline", "dealstage": "appointmentscheduled"})
	got := h.getProps("deals", id, "pipeline", "dealstage", "hs_is_closed")
	assert.Equal(t, "default", got["pipeline"])
	assert.Equal(t, "appointmentscheduled", got["dealstage"])
	assert.Equal(t, "false", got["hs_is_closed"])

	moved := h.do("PATCH", "/crm/v3/objects/deals/"+id,
		map[string]any{"properties": props{"dealstage": "closedwon"}})
	require.Equal(t, http.StatusOK, moved.status, "%s", moved.body)
	assert.Equal(t, "true", h.getProps("deals", id, "hs_is_closed_won")["hs_is_closed_won"])
}

func TestLineItemPriceRules(t *testing.T) {
	h := setup(t)
	item := h.create("line_items", props{"name": "Free sample", "quantity": "1", "price": "0"})
	assert.Equal(t, "0", h.getProps("line_items", item, "amount")["amount"])

	update := h.do("PATCH", "/crm/v3/objects/line_items/"+item,
		map[string]any{"properties": props{"price": "-0.01"}})
	require.Equal(t, http.StatusBadRequest, update.status, "%s", update.body)
	problems := problemsOf(t, update.object(t))
	require.Len(t, problems, 1)
	assert.Equal(t, "price", problems[0].Name)
	assert.Equal(t, "INVALID_NEGATIVE_PRICE", problems[0].Error)
	assert.Equal(t, "0", h.getProps("line_items", item, "price")["price"], "the rejected update is not applied")
}
