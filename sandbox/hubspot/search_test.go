package hubspot

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type searchResult struct {
	Total   int            `json:"total"`
	Results []objectResult `json:"results"`
	Paging  *struct {
		Next struct {
			After string `json:"after"`
		} `json:"next"`
	} `json:"paging"`
}

func (h *harness) search(objectType string, body any) (response, searchResult) {
	h.t.Helper()
	resp := h.do("POST", "/crm/v3/objects/"+objectType+"/search", body)
	var result searchResult
	if resp.status == http.StatusOK {
		resp.decode(h.t, &result)
	}
	return resp, result
}

func ids(results []objectResult) []string {
	out := make([]string, len(results))
	for i, r := range results {
		out[i] = r.ID
	}
	return out
}

func filter(property, operator string, value any) map[string]any {
	f := map[string]any{"propertyName": property, "operator": operator}
	switch v := value.(type) {
	case nil:
	case []string:
		f["values"] = v
	default:
		f["value"] = v
	}
	return f
}

func groups(filterGroups ...[]map[string]any) map[string]any {
	out := make([]map[string]any, len(filterGroups))
	for i, g := range filterGroups {
		out[i] = map[string]any{"filters": g}
	}
	return map[string]any{"filterGroups": out, "limit": 100}
}

func TestSearchOperators(t *testing.T) {
	h := setup(t)
	ann := h.create("contacts", props{"email": "ann@stone.com", "firstname": "Ann",
		"hs_lead_status": "NEW", "phone": "206-555-1212", "lastname": "Granite Works"})
	bob := h.create("contacts", props{"email": "bob@gmail.com", "firstname": "Bob",
		"hs_lead_status": "OPEN"})
	cy := h.create("contacts", props{"firstname": "Cy"})
	big := h.create("deals", props{"dealname": "Big", "pipeline": "default", "dealstage": "closedwon",
		"amount": "5000", "closedate": "2026-06-01T00:00:00Z"})
	small := h.create("deals", props{"dealname": "Small", "pipeline": "default",
		"dealstage": "closedlost", "amount": "99.5", "closedate": "2026-01-15T12:00:00Z"})

	cases := []struct {
		name       string
		objectType string
		filters    []map[string]any
		want       []string
	}{
		{"EQ string ignores case", "contacts", []map[string]any{filter("firstname", "EQ", "ANN")}, []string{ann}},
		{"EQ enumeration exact", "contacts", []map[string]any{filter("hs_lead_status", "EQ", "NEW")}, []string{ann}},
		{"EQ enumeration other case", "contacts", []map[string]any{filter("hs_lead_status", "EQ", "new")}, nil},
		{"NEQ includes unset", "contacts", []map[string]any{filter("hs_lead_status", "NEQ", "NEW")}, []string{bob, cy}},
		{"IN lower-case", "contacts", []map[string]any{filter("firstname", "IN", []string{"ann", "cy"})}, []string{ann, cy}},
		{"IN enumeration", "contacts", []map[string]any{filter("hs_lead_status", "IN", []string{"OPEN"})}, []string{bob}},
		{"NOT_IN", "contacts", []map[string]any{filter("firstname", "NOT_IN", []string{"ann"})}, []string{bob, cy}},
		{"HAS_PROPERTY", "contacts", []map[string]any{filter("email", "HAS_PROPERTY", nil)}, []string{ann, bob}},
		{"NOT_HAS_PROPERTY", "contacts", []map[string]any{filter("email", "NOT_HAS_PROPERTY", nil)}, []string{cy}},
		{"CONTAINS_TOKEN word", "contacts", []map[string]any{filter("lastname", "CONTAINS_TOKEN", "granite")}, []string{ann}},
		{"CONTAINS_TOKEN wildcard", "contacts", []map[string]any{filter("email", "CONTAINS_TOKEN", "*@gmail.com")}, []string{bob}},
		{"NOT_CONTAINS_TOKEN", "contacts", []map[string]any{filter("email", "NOT_CONTAINS_TOKEN", "*@gmail.com")}, []string{ann, cy}},
		{"calculated phone", "contacts", []map[string]any{filter("hs_searchable_calculated_phone_number", "EQ", "2065551212")}, []string{ann}},
		{"AND within a group", "contacts", []map[string]any{filter("email", "HAS_PROPERTY", nil), filter("firstname", "EQ", "bob")}, []string{bob}},
		{"GT number", "deals", []map[string]any{filter("amount", "GT", "100")}, []string{big}},
		{"LT number", "deals", []map[string]any{filter("amount", "LT", 100)}, []string{small}},
		{"GTE number equal", "deals", []map[string]any{filter("amount", "GTE", "5000")}, []string{big}},
		{"LTE number", "deals", []map[string]any{filter("amount", "LTE", "99.5")}, []string{small}},
		{"EQ number by value", "deals", []map[string]any{filter("amount", "EQ", "5000.00")}, []string{big}},
		{"BETWEEN datetime ms", "deals", []map[string]any{{"propertyName": "closedate", "operator": "BETWEEN",
			"value": "1767225600000", "highValue": "1772323200000"}}, []string{small}},
		{"GTE datetime iso", "deals", []map[string]any{filter("closedate", "GTE", "2026-05-01T00:00:00Z")}, []string{big}},
		{"calculated flag", "deals", []map[string]any{filter("hs_is_closed_won", "EQ", "true")}, []string{big}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, result := h.search(tc.objectType, groups(tc.filters))
			require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
			assert.ElementsMatch(t, tc.want, ids(result.Results))
			assert.Equal(t, len(tc.want), result.Total)
		})
	}
}

func TestSearchFilterGroupsAreORed(t *testing.T) {
	h := setup(t)
	a := h.create("companies", props{"name": "Alpha", "city": "Troy"})
	b := h.create("companies", props{"name": "Beta", "city": "Flint"})
	h.create("companies", props{"name": "Gamma", "city": "Lansing"})
	_, result := h.search("companies", groups(
		[]map[string]any{filter("city", "EQ", "troy")},
		[]map[string]any{filter("name", "EQ", "beta")},
	))
	assert.Equal(t, []string{a, b}, ids(result.Results))
}

func TestSearchAssociationsFilter(t *testing.T) {
	h := setup(t)
	company := h.create("companies", props{"name": "Acme"})
	linked := h.create("contacts", props{"firstname": "Linked"})
	h.create("contacts", props{"firstname": "Alone"})
	require.Equal(t, http.StatusOK, h.do("PUT", fmt.Sprintf(
		"/crm/v4/objects/contacts/%s/associations/default/companies/%s", linked, company), nil).status)
	_, result := h.search("contacts", groups([]map[string]any{
		filter("associations.company", "EQ", company),
	}))
	assert.Equal(t, []string{linked}, ids(result.Results))
}

func TestSearchLimits(t *testing.T) {
	h := setup(t)
	many := func(n int) []map[string]any {
		out := make([]map[string]any, n)
		for i := range out {
			out[i] = filter("firstname", "HAS_PROPERTY", nil)
		}
		return out
	}
	repeat := func(n int, group []map[string]any) map[string]any {
		list := make([][]map[string]any, n)
		for i := range list {
			list[i] = group
		}
		return groups(list...)
	}
	cases := []struct {
		name string
		body map[string]any
		want int
		text string
	}{
		{"five groups", repeat(5, many(3)), 200, ""},
		{"six groups", repeat(6, many(1)), 400, "filterGroups"},
		{"six filters in a group", repeat(1, many(6)), 200, ""},
		{"seven filters in a group", repeat(1, many(7)), 400, "maximum is 6"},
		{"eighteen in all", repeat(3, many(6)), 200, ""},
		{"nineteen in all", groups(many(6), many(6), many(6), many(1)), 400, "maximum is 18"},
		{"limit 200", map[string]any{"limit": 200}, 200, ""},
		{"limit 201", map[string]any{"limit": 201}, 400, "limit"},
		{"after not an integer", map[string]any{"after": "abc"}, 400, "integer"},
		{"after as integer string", map[string]any{"after": "20"}, 200, ""},
		{"paging past 10000", map[string]any{"after": "9950", "limit": 100}, 400, "10000"},
		{"query of 3000 chars", map[string]any{"query": strings.Repeat("a", 3000)}, 200, ""},
		{"query of 3001 chars", map[string]any{"query": strings.Repeat("a", 3001)}, 400, "3000"},
		{"two sorts", map[string]any{"sorts": []string{"createdate", "-firstname"}}, 400, "one sort"},
		{"unknown sort property", map[string]any{"sorts": []string{"nosuch"}}, 400, "nosuch"},
		{"bad sort direction", map[string]any{"sorts": []map[string]string{
			{"propertyName": "createdate", "direction": "UP"}}}, 400, "direction"},
		{"unknown filter property", groups([]map[string]any{filter("nosuch", "EQ", "x")}), 400, "nosuch"},
		{"unknown operator", groups([]map[string]any{filter("email", "LIKE", "x")}), 400, "LIKE"},
		{"EQ without value", groups([]map[string]any{filter("email", "EQ", nil)}), 400, "needs a value"},
		{"BETWEEN without highValue", groups([]map[string]any{filter("createdate", "BETWEEN", "1")}), 400, "highValue"},
		{"IN upper-case string", groups([]map[string]any{filter("firstname", "IN", []string{"Ann"})}), 400, "lower-case"},
		{"IN upper-case enumeration", groups([]map[string]any{filter("hs_lead_status", "IN", []string{"NEW"})}), 200, ""},
		{"empty body object", map[string]any{}, 200, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, _ := h.search("contacts", tc.body)
			require.Equal(t, tc.want, resp.status, "%s", resp.body)
			if tc.want == 400 {
				body := resp.object(t)
				assert.Equal(t, "VALIDATION_ERROR", body["category"])
				assert.Contains(t, body["message"], tc.text)
			}
		})
	}
}

func TestSearchPagingAndSorting(t *testing.T) {
	h := setup(t)
	var created []string
	for i := range 25 {
		created = append(created, h.create("products", props{
			"name": fmt.Sprintf("Slab %02d", i), "price": fmt.Sprint(100 - i),
		}))
		h.clock.Advance(time.Second)
	}

	_, first := h.search("products", map[string]any{})
	assert.Equal(t, 25, first.Total)
	assert.Equal(t, created[:10], ids(first.Results), "default limit 10 by id")
	require.NotNil(t, first.Paging)
	assert.Equal(t, "10", first.Paging.Next.After)

	_, last := h.search("products", map[string]any{"after": "20", "limit": 10})
	assert.Equal(t, created[20:], ids(last.Results))
	assert.Nil(t, last.Paging, "no paging on the last page")

	_, desc := h.search("products", map[string]any{"sorts": []string{"-createdate"}, "limit": 3})
	assert.Equal(t, []string{created[24], created[23], created[22]}, ids(desc.Results))

	_, byPrice := h.search("products", map[string]any{"limit": 2,
		"sorts": []map[string]string{{"propertyName": "price", "direction": "ASCENDING"}}})
	assert.Equal(t, []string{created[24], created[23]}, ids(byPrice.Results), "numbers sort by value")

	_, byIDDesc := h.search("products", map[string]any{"limit": 2,
		"sorts": []map[string]string{{"propertyName": "hs_object_id", "direction": "DESCENDING"}}})
	assert.Equal(t, []string{created[24], created[23]}, ids(byIDDesc.Results), "record ids sort descending")
	_, byIDAsc := h.search("products", map[string]any{"limit": 2, "after": "9",
		"sorts": []string{"hs_object_id"}})
	assert.Equal(t, []string{created[9], created[10]}, ids(byIDAsc.Results), "record ids sort ascending")
}

func TestSearchQueryAndProperties(t *testing.T) {
	h := setup(t)
	ann := h.create("contacts", props{"email": "ann@quarry.com", "firstname": "Ann", "lastname": "Lee",
		"phone": "(616) 555-0199"})
	h.create("contacts", props{"email": "bo@example.com", "firstname": "Bo"})

	_, byName := h.search("contacts", map[string]any{"query": "QUARRY"})
	assert.Equal(t, []string{ann}, ids(byName.Results))
	_, byPhone := h.search("contacts", map[string]any{"query": "6165550199"})
	assert.Equal(t, []string{ann}, ids(byPhone.Results))

	_, defaults := h.search("contacts", map[string]any{"query": "ann"})
	require.Len(t, defaults.Results, 1)
	assert.Equal(t, "Ann", defaults.Results[0].Properties["firstname"])
	assert.NotContains(t, defaults.Results[0].Properties, "phone", "phone is not a default property")

	_, chosen := h.search("contacts", map[string]any{"query": "ann", "properties": []string{"phone"}})
	require.Len(t, chosen.Results, 1)
	assert.Equal(t, "(616) 555-0199", chosen.Results[0].Properties["phone"])
	assert.NotContains(t, chosen.Results[0].Properties, "firstname")
	assert.Equal(t, ann, chosen.Results[0].Properties["hs_object_id"])
}

func TestSearchIndexLag(t *testing.T) {
	h := setup(t)
	h.sim.SetFaults(Faults{SearchLagMs: 30_000})
	id := h.create("contacts", props{"email": "lag@example.com", "firstname": "Before"})
	byEmail := groups([]map[string]any{filter("email", "EQ", "lag@example.com")})

	_, fresh := h.search("contacts", byEmail)
	assert.Zero(t, fresh.Total, "a new record is not searchable yet")

	h.clock.Advance(30 * time.Second)
	_, indexed := h.search("contacts", byEmail)
	assert.Equal(t, []string{id}, ids(indexed.Results))

	require.Equal(t, http.StatusOK, h.do("PATCH", "/crm/v3/objects/contacts/"+id,
		map[string]any{"properties": props{"firstname": "After"}}).status)
	h.clock.Advance(29 * time.Second)
	byOld := groups([]map[string]any{filter("firstname", "EQ", "before")})
	byNew := groups([]map[string]any{filter("firstname", "EQ", "after")})
	_, old := h.search("contacts", byOld)
	assert.Equal(t, []string{id}, ids(old.Results), "found by its old value during the lag")
	require.Len(t, old.Results, 1)
	assert.Equal(t, "Before", old.Results[0].Properties["firstname"], "search returns the indexed state")
	_, notYet := h.search("contacts", byNew)
	assert.Zero(t, notYet.Total)

	h.clock.Advance(time.Second)
	_, gone := h.search("contacts", byOld)
	assert.Zero(t, gone.Total)
	_, now := h.search("contacts", byNew)
	assert.Equal(t, []string{id}, ids(now.Results))

	require.Equal(t, http.StatusNoContent, h.do("DELETE", "/crm/v3/objects/contacts/"+id, nil).status)
	_, archived := h.search("contacts", byNew)
	assert.Zero(t, archived.Total, "archived records never appear, lag or not")
}

func TestSearchWithoutLagSeesWritesAtOnce(t *testing.T) {
	h := setup(t)
	id := h.create("companies", props{"name": "Instant"})
	_, result := h.search("companies", map[string]any{"query": "instant"})
	assert.Equal(t, []string{id}, ids(result.Results))
}

func TestSearchSendsNoRateLimitHeaders(t *testing.T) {
	h := setup(t)
	search, _ := h.search("contacts", map[string]any{})
	assert.Empty(t, search.header.Get("X-HubSpot-RateLimit-Remaining"))
	assert.Empty(t, search.header.Get("X-HubSpot-RateLimit-Daily"))
	list := h.do("GET", "/crm/v3/objects/contacts", nil)
	assert.NotEmpty(t, list.header.Get("X-HubSpot-RateLimit-Remaining"))
}
