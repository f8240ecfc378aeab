package square

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi/datamodel"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// servedPaths are the spec paths the simulator implements. The validator
// is built from the spec with only these paths: compiling every schema
// of all ~270 Square paths takes minutes, these few take seconds.
var servedPaths = map[string]bool{
	"/v2/orders/search":           true,
	"/v2/customers/{customer_id}": true,
	"/v2/customers/bulk-retrieve": true,
	"/v2/locations":               true,
	"/v2/catalog/batch-retrieve":  true,
	"/v2/catalog/batch-upsert":    true,
	"/v2/catalog/batch-delete":    true,
	"/v2/catalog/search":          true,
}

var (
	specOnce      sync.Once
	specChecker   *responseChecker
	specLoadErr   error
	specSkipCause string
)

// loadSpecChecker builds the response checker once per test binary.
// It skips the test only when the SDK module, and so the spec, is not
// on this machine.
func loadSpecChecker(t *testing.T) *responseChecker {
	t.Helper()
	specOnce.Do(func() {
		path, err := SpecPath()
		if err != nil {
			specSkipCause = err.Error()
			return
		}
		specChecker, specLoadErr = newResponseChecker(path)
	})
	if specSkipCause != "" {
		t.Skipf("Square OpenAPI spec unavailable, so responses cannot be validated: %s", specSkipCause)
	}
	require.NoError(t, specLoadErr, "build the OpenAPI validator from Square's spec")
	return specChecker
}

// responseChecker validates simulator responses against Square's spec.
type responseChecker struct {
	mu        sync.Mutex // the validator is not documented as concurrency-safe
	validator validator.Validator
}

func newResponseChecker(path string) (*responseChecker, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	paths, _ := doc["paths"].(map[string]any)
	for p := range paths {
		if !servedPaths[p] {
			delete(paths, p)
		}
	}
	components, _ := doc["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	// The v1.5.0 spec references one schema it never defines
	// (CatalogModifierToggleOverrideType) and, inside examples, schemas on
	// a remote host. Each such reference becomes an empty schema, which
	// accepts any value, so nothing is fetched and the rest still checks.
	dropDanglingRefs(doc, schemas)
	pruned, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}

	cfg := datamodel.NewDocumentConfiguration()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	document, err := libopenapi.NewDocumentWithConfiguration(pruned, cfg)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	v, errs := validator.NewValidator(document)
	if len(errs) > 0 {
		return nil, fmt.Errorf("build validator from %s: %v", path, errs)
	}
	return &responseChecker{validator: v}, nil
}

func dropDanglingRefs(node any, schemas map[string]any) {
	switch v := node.(type) {
	case map[string]any:
		for key, child := range v {
			if m, ok := child.(map[string]any); ok {
				if ref, isRef := m["$ref"].(string); isRef {
					name, local := strings.CutPrefix(ref, "#/components/schemas/")
					if _, defined := schemas[name]; !local || !defined {
						v[key] = map[string]any{}
						continue
					}
				}
			}
			dropDanglingRefs(child, schemas)
		}
	case []any:
		for _, child := range v {
			dropDanglingRefs(child, schemas)
		}
	}
}

// check returns every way the response breaks the spec or Square's
// conventions. The spec declares only a 200 response for these
// operations, but Square sends the same response type with 4xx and 5xx,
// holding only `errors`. So an error body is validated against the 200
// schema and must contain at least one error.
func (c *responseChecker) check(r *http.Request, status int, header http.Header, body []byte) []string {
	var problems []string
	if !isSpecOperation(r) {
		problems = append(problems, checkEnvelope(status, body)...)
		return problems
	}
	if header.Get("Square-Version") == "" {
		problems = append(problems, "response lacks the Square-Version header")
	}
	if nulls := findNulls(body); len(nulls) > 0 {
		problems = append(problems, fmt.Sprintf("response has null fields: %v", nulls))
	}
	if status >= 300 {
		problems = append(problems, checkEnvelope(status, body)...)
	}

	resp := &http.Response{
		StatusCode: http.StatusOK,
		Header:     header.Clone(),
		Body:       io.NopCloser(bytes.NewReader(body)),
		Request:    r,
	}
	c.mu.Lock()
	ok, errs := c.validator.ValidateHttpResponse(r, resp)
	c.mu.Unlock()
	if !ok {
		for _, e := range errs {
			problems = append(problems, fmt.Sprintf("spec: %s (%s)", e.Message, e.Reason))
			for _, se := range e.SchemaValidationErrors {
				problems = append(problems, fmt.Sprintf("spec: %s at %s", se.Reason, se.FieldPath))
			}
		}
	}
	return problems
}

// isSpecOperation reports whether the request hits an operation the
// simulator serves, so the spec has a response schema for it.
func isSpecOperation(r *http.Request) bool {
	switch r.URL.Path {
	case "/v2/orders/search", "/v2/customers/bulk-retrieve", "/v2/catalog/batch-retrieve",
		"/v2/catalog/batch-upsert", "/v2/catalog/batch-delete", "/v2/catalog/search":
		return r.Method == http.MethodPost
	case "/v2/locations":
		return r.Method == http.MethodGet
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/v2/customers/")
	return ok && rest != "" && !strings.Contains(rest, "/") && r.Method == http.MethodGet
}

// checkEnvelope checks that a failure carries Square's error envelope.
func checkEnvelope(status int, body []byte) []string {
	if status < 300 {
		return nil
	}
	var env errorEnvelope
	if err := json.Unmarshal(body, &env); err != nil {
		return []string{fmt.Sprintf("HTTP %d body is not Square's error envelope: %v", status, err)}
	}
	if len(env.Errors) == 0 {
		return []string{fmt.Sprintf("HTTP %d body has no errors", status)}
	}
	var problems []string
	for i, e := range env.Errors {
		if e == nil || e.Category == "" || e.Code == "" {
			problems = append(problems, fmt.Sprintf("HTTP %d errors[%d] lacks category or code", status, i))
		}
	}
	return problems
}

// findNulls lists the JSON paths whose value is null.
func findNulls(body []byte) []string {
	var doc any
	if json.Unmarshal(body, &doc) != nil {
		return nil
	}
	var out []string
	var walk func(node any, path string)
	walk = func(node any, path string) {
		switch v := node.(type) {
		case nil:
			out = append(out, path)
		case map[string]any:
			for key, child := range v {
				walk(child, path+"."+key)
			}
		case []any:
			for i, child := range v {
				walk(child, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	walk(doc, "$")
	return out
}

// newServer serves sim through httptest and checks every response against
// Square's spec. Violations fail the test when it ends.
func newServer(t *testing.T, sim *Simulator) *httptest.Server {
	t.Helper()
	checker := loadSpecChecker(t)

	var mu sync.Mutex
	var problems []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		sim.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		found := checker.check(r, rec.Code, rec.Header(), body)
		if len(found) > 0 {
			mu.Lock()
			for _, p := range found {
				problems = append(problems, fmt.Sprintf("%s %s -> %d: %s", r.Method, r.URL.Path, rec.Code, p))
			}
			mu.Unlock()
		}
		for key, values := range rec.Header() {
			w.Header()[key] = values
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
	}))
	t.Cleanup(func() {
		srv.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("response breaks Square's contract: %s", p)
		}
	})
	return srv
}

func TestResponseCheckerFlagsViolations(t *testing.T) {
	checker := loadSpecChecker(t)
	tests := []struct {
		name   string
		method string
		path   string
		status int
		body   string
		want   string
	}{
		{"money amount as string", http.MethodPost, "/v2/orders/search", 200,
			`{"orders":[{"id":"o1","location_id":"L1","total_money":{"amount":"12.50","currency":"USD"}}]}`,
			"spec:"},
		{"unknown error category", http.MethodGet, "/v2/customers/C1", 200,
			`{"customer":{"id":"C1"},"errors":[{"category":"NOPE","code":"NOT_FOUND"}]}`, "spec:"},
		{"catalog id mapping as number", http.MethodPost, "/v2/catalog/batch-upsert", 200,
			`{"id_mappings":[{"client_object_id":5,"object_id":"X"}]}`, "spec:"},
		{"deleted ids as string", http.MethodPost, "/v2/catalog/batch-delete", 200,
			`{"deleted_object_ids":"X"}`, "spec:"},
		{"null field", http.MethodGet, "/v2/locations", 200, `{"locations":[{"id":"L1","name":null}]}`,
			"null fields"},
		{"error without envelope", http.MethodGet, "/v2/customers/C1", 404, `{}`, "has no errors"},
		{"error without code", http.MethodGet, "/v2/customers/C1", 404,
			`{"errors":[{"category":"INVALID_REQUEST_ERROR"}]}`, "lacks category or code"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, tc.path, nil)
			header := http.Header{"Content-Type": {"application/json"}, "Square-Version": {"2025-05-21"}}

			problems := checker.check(r, tc.status, header, []byte(tc.body))

			require.NotEmpty(t, problems)
			assert.Contains(t, strings.Join(problems, "\n"), tc.want)
		})
	}
}

func TestResponseCheckerAcceptsValidBody(t *testing.T) {
	checker := loadSpecChecker(t)
	r := httptest.NewRequest(http.MethodGet, "/v2/customers/C1", nil)
	header := http.Header{"Content-Type": {"application/json"}, "Square-Version": {"2025-05-21"}}

	problems := checker.check(r, 200, header, []byte(`{"customer":{"id":"C1","given_name":"Ann"}}`))

	assert.Empty(t, problems)
}
