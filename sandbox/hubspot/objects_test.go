package hubspot

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGetObject(t *testing.T) {
	h := setup(t)
	id := h.create("contacts", props{"email": "jane@example.com", "firstname": "Jane",
		"phone": "555-0100"})
	company := h.create("companies", props{"name": "Acme", "domain": "acme.com"})

	cases := []struct {
		name    string
		path    string
		want    int
		present []string
		absent  []string
	}{
		{"default properties", "/crm/v3/objects/contacts/" + id, 200,
			[]string{"email", "firstname", "createdate", "lastmodifieddate", "hs_object_id"},
			[]string{"phone"}},
		{"requested properties", "/crm/v3/objects/contacts/" + id + "?properties=phone", 200,
			[]string{"phone", "hs_object_id", "createdate", "lastmodifieddate"},
			[]string{"email", "firstname"}},
		{"repeated properties parameter", "/crm/v3/objects/contacts/" + id + "?properties=phone&properties=email",
			200, []string{"phone", "email"}, []string{"firstname"}},
		{"by email", "/crm/v3/objects/contacts/JANE@example.com?idProperty=email", 200,
			[]string{"email"}, nil},
		{"unknown id", "/crm/v3/objects/contacts/999", 404, nil, nil},
		{"unknown email", "/crm/v3/objects/contacts/x@example.com?idProperty=email", 404, nil, nil},
		{"non-unique idProperty", "/crm/v3/objects/companies/acme.com?idProperty=domain", 400, nil, nil},
		{"company defaults", "/crm/v3/objects/companies/" + company, 200,
			[]string{"name", "domain", "hs_lastmodifieddate"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := h.do("GET", tc.path, nil)
			require.Equal(t, tc.want, resp.status, "%s", resp.body)
			body := resp.object(t)
			if tc.want != 200 {
				assert.Equal(t, "error", body["status"])
				return
			}
			properties := body["properties"].(map[string]any)
			for _, name := range tc.present {
				assert.Contains(t, properties, name)
			}
			for _, name := range tc.absent {
				assert.NotContains(t, properties, name)
			}
			assert.Equal(t, false, body["archived"])
		})
	}
	notFound := h.do("GET", "/crm/v3/objects/contacts/999", nil).object(t)
	assert.Equal(t, "OBJECT_NOT_FOUND", notFound["category"])
	assert.Equal(t, "resource not found", notFound["message"])
}

func TestListObjectsPaging(t *testing.T) {
	h := setup(t)
	var created []string
	for i := range 5 {
		created = append(created, h.create("products", props{"name": fmt.Sprintf("P%d", i)}))
	}
	h.do("DELETE", "/crm/v3/objects/products/"+created[1], nil)

	type page struct {
		Results []objectResult `json:"results"`
		Paging  *struct {
			Next struct {
				After string `json:"after"`
			} `json:"next"`
		} `json:"paging"`
	}
	var seen []string
	after := ""
	for range 5 {
		resp := h.do("GET", "/crm/v3/objects/products?limit=2&after="+after, nil)
		require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
		var p page
		resp.decode(t, &p)
		seen = append(seen, ids(p.Results)...)
		if p.Paging == nil {
			break
		}
		after = p.Paging.Next.After
	}
	assert.Equal(t, []string{created[0], created[2], created[3], created[4]}, seen)

	cases := []struct {
		name, query string
	}{
		{"limit above 100", "limit=101"},
		{"limit zero", "limit=0"},
		{"after not a number", "after=abc"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, http.StatusBadRequest, h.do("GET", "/crm/v3/objects/products?"+tc.query, nil).status)
		})
	}
	archived := h.do("GET", "/crm/v3/objects/products?archived=true", nil)
	var p page
	archived.decode(t, &p)
	assert.Equal(t, []string{created[1]}, ids(p.Results))
}

func TestUpdateWithoutChangeKeepsTimestamp(t *testing.T) {
	h := setup(t)
	id := h.create("companies", props{"name": "Acme"})
	h.clock.Advance(time.Minute)
	resp := h.do("PATCH", "/crm/v3/objects/companies/"+id, map[string]any{"properties": props{"name": "Acme"}})
	require.Equal(t, http.StatusOK, resp.status)
	assert.Equal(t, "2026-12-01T10:00:00.000Z", resp.object(t)["updatedAt"])

	changed := h.do("PATCH", "/crm/v3/objects/companies/"+id, map[string]any{"properties": props{"city": "Troy"}})
	assert.Equal(t, "2026-12-01T10:01:00.000Z", changed.object(t)["updatedAt"])
}

func TestPatchByIDProperty(t *testing.T) {
	h := setup(t)
	id := h.create("contacts", props{"email": "jo@example.com"})
	resp := h.do("PATCH", "/crm/v3/objects/contacts/JO@example.com?idProperty=email",
		map[string]any{"properties": props{"firstname": "Jo"}})
	require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
	assert.Equal(t, id, resp.object(t)["id"])
	missing := h.do("PATCH", "/crm/v3/objects/contacts/999", map[string]any{"properties": props{}})
	assert.Equal(t, http.StatusNotFound, missing.status)
}
