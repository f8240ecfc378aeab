package hubspot

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBatchAssociateDefaultSplits(t *testing.T) {
	rec := fixed(http.StatusOK, nil, `{"status":"COMPLETE","results":[]}`)
	client := setup(t, rec, nil)
	pairs := make([]AssociationPair, 250)
	for i := range pairs {
		pairs[i] = AssociationPair{FromID: strconv.Itoa(i), ToID: "9" + strconv.Itoa(i)}
	}

	err := client.BatchAssociateDefault(context.Background(), "contacts", "companies", pairs)
	require.NoError(t, err)

	requests := rec.Requests()
	require.Len(t, requests, 3)
	sizes := []int{len(inputs(t, requests[0])), len(inputs(t, requests[1])), len(inputs(t, requests[2]))}
	assert.Equal(t, []int{100, 100, 50}, sizes)
	assert.Equal(t, "/crm/v4/associations/contacts/companies/batch/associate/default", requests[0].Path)
	assert.Equal(t, map[string]any{"from": map[string]any{"id": "100"}, "to": map[string]any{"id": "9100"}},
		inputs(t, requests[1])[0])
}

func TestBatchAssociateDefaultReportsFailures(t *testing.T) {
	body := `{"status":"COMPLETE","results":[],"numErrors":2,"errors":[` +
		`{"status":"error","category":"VALIDATION_ERROR","message":"Object 77 of type contact not found"},` +
		`{"status":"error","category":"VALIDATION_ERROR","message":"Object 78 of type contact not found"}]}`
	client := setup(t, fixed(http.StatusMultiStatus, nil, body), nil)

	err := client.BatchAssociateDefault(context.Background(), "deals", "contacts",
		[]AssociationPair{{FromID: "1", ToID: "77"}, {FromID: "1", ToID: "78"}, {FromID: "1", ToID: "79"}})

	var got *Error
	require.ErrorAs(t, err, &got)
	assert.Equal(t, KindValidation, got.Kind)
	assert.Equal(t, "2 of 3 association inputs failed, first: Object 77 of type contact not found", got.Message)
}

// associationServer serves v4 batch reads: record n has n%3 associations
// to ids "n-0", "n-1", ..., one per page, and records with none are
// reported as OBJECT_NOT_FOUND.
func associationServer(t *testing.T) *recorder {
	return &recorder{respond: func(r recordedRequest, _ int) (int, http.Header, string) {
		var results, failures []string
		for _, in := range inputs(t, r) {
			id := in["id"].(string)
			n, _ := strconv.Atoi(id)
			count := n % 3
			if count == 0 {
				failures = append(failures, fmt.Sprintf(`{"status":"error","category":"OBJECT_NOT_FOUND",`+
					`"message":"No company is associated with contact %s.","context":{"fromObjectId":["%s"]}}`, id, id))
				continue
			}
			page := 0
			if after, ok := in["after"].(string); ok {
				page, _ = strconv.Atoi(after)
			}
			paging := ""
			if page+1 < count {
				paging = fmt.Sprintf(`,"paging":{"next":{"after":"%d"}}`, page+1)
			}
			results = append(results, fmt.Sprintf(`{"from":{"id":"%s"},"to":[{"toObjectId":"%s-%d",`+
				`"associationTypes":[{"category":"HUBSPOT_DEFINED","typeId":279}]}]%s}`, id, id, page, paging))
		}
		return http.StatusMultiStatus, nil, `{"status":"COMPLETE","results":[` + strings.Join(results, ",") +
			`],"errors":[` + strings.Join(failures, ",") + `]}`
	}}
}

func TestBatchReadAssociations(t *testing.T) {
	rec := associationServer(t)
	client := setup(t, rec, nil)
	ids := make([]string, 1500)
	for i := range ids {
		ids[i] = strconv.Itoa(i)
	}

	got, err := client.BatchReadAssociations(context.Background(), "contacts", "companies", ids)
	require.NoError(t, err)

	assert.Len(t, got, 1000, "records with associations")
	assert.Equal(t, []string{"1-0"}, got["1"])
	assert.Equal(t, []string{"2-0", "2-1"}, got["2"], "second page read")
	assert.NotContains(t, got, "3")

	requests := rec.Requests()
	assert.Equal(t, "/crm/v4/associations/contacts/companies/batch/read", requests[0].Path)
	sizes := make([]int, len(requests))
	for i, r := range requests {
		sizes[i] = len(inputs(t, r))
	}
	assert.Equal(t, []int{1000, 500 + 333, 167}, sizes, "inputs per call, second pages queued behind first")
}

func TestBatchReadAssociationsFailure(t *testing.T) {
	body := `{"status":"COMPLETE","results":[],"errors":[{"status":"error","category":"VALIDATION_ERROR",` +
		`"message":"Unable to infer object type from: widgets"}]}`
	client := setup(t, fixed(http.StatusMultiStatus, nil, body), nil)

	_, err := client.BatchReadAssociations(context.Background(), "contacts", "widgets", []string{"1"})

	var got *Error
	require.ErrorAs(t, err, &got)
	assert.Equal(t, KindValidation, got.Kind)
	assert.Equal(t, "Unable to infer object type from: widgets", got.Message)
}

func TestAssociationsPrefix(t *testing.T) {
	tests := []struct {
		name string
		path string
		want string
	}{
		{name: "default v4", path: "", want: "/crm/v4/associations"},
		{name: "v4 with trailing slash", path: "/crm/v4/", want: "/crm/v4/associations"},
		{name: "date based", path: "/crm/associations/2026-09", want: "/crm/associations/2026-09"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, err := New(Config{BaseURL: "http://127.0.0.1:1", Token: testToken, AssociationsPath: tt.path})
			require.NoError(t, err)
			assert.Equal(t, tt.want, client.associationsPath)
		})
	}
}
