package hubspot

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthRejectsBadCredentials(t *testing.T) {
	h := setup(t)
	cases := []struct {
		name          string
		authorization string
	}{
		{"missing header", ""},
		{"wrong token", "Bearer not-the-token"},
		{"wrong scheme", "Basic " + testToken},
		{"token without scheme", testToken},
		{"empty bearer", "Bearer "},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := h.send("GET", "/crm/v3/objects/contacts", nil, tc.authorization)
			assert.Equal(t, http.StatusUnauthorized, resp.status)
			body := resp.object(t)
			assert.Equal(t, "error", body["status"])
			assert.Equal(t, "INVALID_AUTHENTICATION", body["category"])
			assert.Contains(t, body["message"], "Authentication credentials not found")
			assert.NotEmpty(t, body["correlationId"])
		})
	}
	assert.Empty(t, h.sim.Calls(), "rejected calls are not counted")
}

func TestAuthAcceptsToken(t *testing.T) {
	h := setup(t)
	resp := h.do("GET", "/crm/v3/objects/contacts", nil)
	assert.Equal(t, http.StatusOK, resp.status)
}

func TestAuthEmptyTokenRejectsEverything(t *testing.T) {
	h := setup(t, func(o *Options) { o.Token = "" })
	resp := h.send("GET", "/crm/v3/objects/contacts", nil, "Bearer ")
	assert.Equal(t, http.StatusUnauthorized, resp.status)
}

func TestAdminNeedsNoToken(t *testing.T) {
	h := setup(t)
	resp := h.send("GET", "/_admin/calls", nil, "")
	assert.Equal(t, http.StatusOK, resp.status)
}

func TestRoutesServeAllPathForms(t *testing.T) {
	h := setup(t)
	id := h.create("contacts", props{"email": "a@example.com"})
	cases := []struct {
		name string
		path string
	}{
		{"v3 plural", "/crm/v3/objects/contacts/" + id},
		{"v3 type id", "/crm/v3/objects/0-1/" + id},
		{"dated plural", "/crm/objects/2026-09/contacts/" + id},
		{"dated type id", "/crm/objects/2026-09/0-1/" + id},
		{"older dated version", "/crm/objects/2026-03/contacts/" + id},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := h.do("GET", tc.path, nil)
			require.Equal(t, http.StatusOK, resp.status, "%s", resp.body)
			assert.Equal(t, id, resp.object(t)["id"])
		})
	}
}

func TestRoutesObjectTypeIDs(t *testing.T) {
	h := setup(t)
	for typeID, name := range map[string]string{
		"0-1": "contacts", "0-2": "companies", "0-3": "deals", "0-8": "line_items", "0-7": "products",
	} {
		t.Run(typeID, func(t *testing.T) {
			resp := h.do("GET", "/crm/v3/properties/"+typeID+"/hs_object_id", nil)
			assert.Equal(t, http.StatusOK, resp.status, "%s is %s", typeID, name)
		})
	}
}

func TestRoutesDatedPrefixes(t *testing.T) {
	h := setup(t)
	contact := h.create("contacts", props{"email": "a@example.com"})
	company := h.create("companies", props{"name": "Acme"})
	cases := []struct {
		name   string
		method string
		path   string
		body   any
		want   int
	}{
		{"properties", "GET", "/crm/properties/2026-09/contacts", nil, 200},
		{"pipelines", "GET", "/crm/pipelines/2026-09/deals/default", nil, 200},
		{"search", "POST", "/crm/objects/2026-09/contacts/search", map[string]any{}, 200},
		{"batch read", "POST", "/crm/objects/2026-09/contacts/batch/read",
			map[string]any{"inputs": []map[string]string{{"id": contact}}}, 200},
		{"associate default", "PUT", fmt.Sprintf(
			"/crm/objects/2026-09/contact/%s/associations/default/company/%s", contact, company), nil, 200},
		{"association batch read", "POST", "/crm/associations/2026-09/contacts/companies/batch/read",
			map[string]any{"inputs": []map[string]string{{"id": contact}}}, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := h.do(tc.method, tc.path, tc.body)
			assert.Equal(t, tc.want, resp.status, "%s", resp.body)
		})
	}
}

func TestRoutesRejectUnknownTypeAndVersion(t *testing.T) {
	h := setup(t)
	cases := []struct {
		name string
		path string
		want int
	}{
		{"unknown type", "/crm/v3/objects/contactz", http.StatusBadRequest},
		{"singular outside associations", "/crm/v3/objects/contact", http.StatusBadRequest},
		{"unknown version", "/crm/objects/2019-01/contacts", http.StatusNotFound},
		{"unknown endpoint", "/crm/v3/nothing/here", http.StatusNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := h.do("GET", tc.path, nil)
			assert.Equal(t, tc.want, resp.status, "%s", resp.body)
			assert.Equal(t, "error", resp.object(t)["status"])
		})
	}
	resp := h.do("GET", "/crm/v3/objects/contactz", nil)
	assert.Equal(t, "Unable to infer object type from: contactz", resp.object(t)["message"])
}

func TestRoutesRejectBadBodies(t *testing.T) {
	h := setup(t)
	cases := []struct {
		name string
		body string
		want int
		text string
	}{
		{"malformed JSON", `{"inputs": [`, 400, "Invalid input JSON"},
		{"empty body", ``, 400, "empty"},
		{"unknown field", `{"inputs": [], "bogus": 1}`, 400, "bogus"},
		{"trailing data", `{"inputs": []} {}`, 400, "unexpected data"},
		{"object as property value", `{"inputs":[{"properties":{"email":{"a":1}}}]}`, 400, "email"},
		{"oversized", `{"inputs": [], "pad": "` + strings.Repeat("x", maxBodyBytes) + `"}`, 413, "exceeds"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := h.do("POST", "/crm/v3/objects/contacts/batch/create", tc.body)
			assert.Equal(t, tc.want, resp.status)
			assert.Contains(t, resp.object(t)["message"], tc.text)
		})
	}
	assert.Empty(t, h.sim.Objects("contacts"))
}

func TestCallsCountsPerEndpoint(t *testing.T) {
	h := setup(t)
	id := h.create("contacts", props{"email": "a@example.com"})
	h.do("GET", "/crm/v3/objects/contacts/"+id, nil)
	h.do("GET", "/crm/objects/2026-09/0-1/"+id, nil)
	h.do("POST", "/crm/objects/2026-09/deals/batch/read", map[string]any{"inputs": []any{}})
	h.do("GET", "/_admin/calls", nil)

	calls := h.sim.Calls()
	assert.Equal(t, 1, calls["POST /crm/v3/objects/contacts"])
	assert.Equal(t, 2, calls["GET /crm/v3/objects/contacts/{id}"])
	assert.Equal(t, 1, calls["POST /crm/v3/objects/deals/batch/read"])
	assert.Len(t, calls, 3, "admin calls are not counted: %v", calls)
}

func TestConcurrentCreatesGetDistinctIDs(t *testing.T) {
	h := setup(t)
	const workers = 8
	const perWorker = 10

	var wg sync.WaitGroup
	ids := make(chan string, workers*perWorker)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWorker {
				resp := h.do("POST", "/crm/v3/objects/contacts", map[string]any{
					"properties": props{"email": fmt.Sprintf("w%d-%d@example.com", w, i)},
				})
				var obj struct {
					ID string `json:"id"`
				}
				resp.decode(t, &obj)
				ids <- obj.ID
			}
		}()
	}
	wg.Wait()
	close(ids)

	seen := map[string]bool{}
	for id := range ids {
		assert.False(t, seen[id], "id %s issued twice", id)
		seen[id] = true
	}
	assert.Len(t, seen, workers*perWorker)
	assert.Len(t, h.sim.Objects("contacts"), workers*perWorker)
}
