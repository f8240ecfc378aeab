package hubspot

import (
	"net/http"
	"strings"
)

// apiHandler serves one API endpoint under the Simulator's mutex. It
// returns either a reply or the error to send.
type apiHandler func(*apiCall) (reply, *apiError)

// routeSpec is one endpoint in its v3/v4 form; the date-based form is
// derived from it.
//
// NOTE: the association batch endpoints count against the ten-second
// bucket here, although HubSpot's spec exempts them from it and gives
// associations their own limits, so the simulator is stricter there.
type routeSpec struct {
	method  string
	path    string
	search  bool // counted against the search bucket, not the ten-second one
	assoc   bool // accepts singular object type names
	handler apiHandler
}

// datedVersions are the date-based API versions served under the same
// schemas as v3/v4.
var datedVersions = map[string]bool{"2025-09": true, "2026-03": true, "2026-09": true}

func (s *Simulator) routeTable() []routeSpec {
	const objects = "/crm/v3/objects/{type}"
	const assocObjects = "/crm/v4/objects/{type}/{id}/associations"
	const assocBatch = "/crm/v4/associations/{type}/{toType}/batch"
	return []routeSpec{
		{method: "GET", path: objects, handler: s.handleList},
		{method: "POST", path: objects, handler: s.handleCreate},
		{method: "GET", path: objects + "/{id}", handler: s.handleGet},
		{method: "PATCH", path: objects + "/{id}", handler: s.handleUpdate},
		{method: "DELETE", path: objects + "/{id}", handler: s.handleArchive},
		{method: "POST", path: objects + "/batch/read", handler: s.handleBatchRead},
		{method: "POST", path: objects + "/batch/create", handler: s.handleBatchCreate},
		{method: "POST", path: objects + "/batch/update", handler: s.handleBatchUpdate},
		{method: "POST", path: objects + "/batch/upsert", handler: s.handleBatchUpsert},
		{method: "POST", path: objects + "/batch/archive", handler: s.handleBatchArchive},
		{method: "POST", path: objects + "/search", search: true, handler: s.handleSearch},

		{method: "GET", path: "/crm/v3/properties/{type}", handler: s.handleListProperties},
		{method: "POST", path: "/crm/v3/properties/{type}", handler: s.handleCreateProperty},
		{method: "GET", path: "/crm/v3/properties/{type}/{name}", handler: s.handleGetProperty},
		{method: "PATCH", path: "/crm/v3/properties/{type}/{name}", handler: s.handleUpdateProperty},

		{method: "GET", path: "/crm/v3/pipelines/{type}", handler: s.handleListPipelines},
		{method: "GET", path: "/crm/v3/pipelines/{type}/{pipelineId}", handler: s.handleGetPipeline},

		{method: "PUT", path: assocObjects + "/default/{toType}/{toId}", assoc: true,
			handler: s.handleAssociateDefault},
		{method: "PUT", path: assocObjects + "/{toType}/{toId}", assoc: true,
			handler: s.handleAssociateLabeled},
		{method: "DELETE", path: assocObjects + "/{toType}/{toId}", assoc: true,
			handler: s.handleDisassociate},
		{method: "GET", path: assocObjects + "/{toType}", assoc: true,
			handler: s.handleListAssociations},
		{method: "POST", path: assocBatch + "/associate/default", assoc: true,
			handler: s.handleBatchAssociateDefault},
		{method: "POST", path: assocBatch + "/read", assoc: true,
			handler: s.handleBatchReadAssociations},
		{method: "POST", path: assocBatch + "/archive", assoc: true,
			handler: s.handleBatchArchiveAssociations},
	}
}

// datedPrefixes maps each v3/v4 prefix to its date-based form.
var datedPrefixes = [][2]string{
	{"/crm/v3/objects/", "/crm/objects/{version}/"},
	{"/crm/v4/objects/", "/crm/objects/{version}/"},
	{"/crm/v3/properties/", "/crm/properties/{version}/"},
	{"/crm/v3/pipelines/", "/crm/pipelines/{version}/"},
	{"/crm/v4/associations/", "/crm/associations/{version}/"},
}

func datedPath(path string) string {
	for _, p := range datedPrefixes {
		if rest, ok := strings.CutPrefix(path, p[0]); ok {
			return p[1] + rest
		}
	}
	return path
}

func (s *Simulator) registerRoutes() {
	for _, rt := range s.routeTable() {
		handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.serveAPI(w, r, rt)
		})
		s.mux.Handle(rt.method+" "+rt.path, handler)
		s.mux.Handle(rt.method+" "+datedPath(rt.path), handler)
	}
}

// ServeHTTP serves the HubSpot API and, under /_admin/, the unauthenticated
// admin API described in the package documentation.
func (s *Simulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/_admin/") {
		s.serveAdmin(w, r)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+s.token || s.token == "" {
		writeAPIError(w, errAuthentication())
		return
	}
	if _, pattern := s.mux.Handler(r); pattern == "" {
		e := newAPIError(http.StatusNotFound, categoryNotFound,
			"No endpoint matches "+r.Method+" "+r.URL.Path)
		writeAPIError(w, e)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// callKey names the endpoint in Calls: the v3/v4 path with object types
// resolved.
func callKey(rt routeSpec, r *http.Request) string {
	path := rt.path
	for _, name := range []string{"type", "toType"} {
		segment := r.PathValue(name)
		if t, ok := lookupObjectType(segment, rt.assoc); ok {
			segment = t.name
		}
		path = strings.Replace(path, "{"+name+"}", segment, 1)
	}
	return rt.method + " " + path
}
