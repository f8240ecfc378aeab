package devtemporal

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
)

func TestSearchAttributesRegistered(t *testing.T) {
	t.Parallel()
	srv := sharedServer(t)
	c := dial(t, srv)

	listed, err := c.OperatorService().ListSearchAttributes(testContext(t),
		&operatorservice.ListSearchAttributesRequest{Namespace: srv.Namespace()})
	require.NoError(t, err)

	for name, want := range testSearchAttributes {
		assert.Equal(t, want, listed.GetCustomAttributes()[name], name)
	}
}

func TestVisibilityQueryBySearchAttribute(t *testing.T) {
	t.Parallel()
	srv := sharedServer(t)
	c := dial(t, srv)
	runWorker(t, c, "visibility")
	ctx := testContext(t)
	syncKind := temporal.NewSearchAttributeKeyKeyword("SyncKind")
	failed := temporal.NewSearchAttributeKeyInt64("FailedRecords")

	run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:        "visibility-order-sync",
		TaskQueue: "visibility",
		TypedSearchAttributes: temporal.NewSearchAttributes(
			syncKind.ValueSet("order-sync"), failed.ValueSet(3)),
	}, greetWorkflow, "visibility")
	require.NoError(t, err)
	require.NoError(t, run.Get(ctx, nil))

	cases := []struct {
		name  string
		query string
		want  []string
	}{
		{name: "matching keyword", query: `SyncKind = "order-sync"`, want: []string{"visibility-order-sync"}},
		{name: "matching int", query: `FailedRecords >= 3`, want: []string{"visibility-order-sync"}},
		{name: "other keyword", query: `SyncKind = "customer-sync"`, want: nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			// Visibility records are written asynchronously after the
			// workflow closes.
			require.Eventually(t, func() bool {
				got = listWorkflowIDs(t, c, srv.Namespace(), tc.query)
				return len(got) == len(tc.want)
			}, testTimeout, pollInterval)

			assert.Equal(t, tc.want, got)
		})
	}
}

func listWorkflowIDs(t *testing.T, c client.Client, namespace, query string) []string {
	t.Helper()
	resp, err := c.ListWorkflow(testContext(t), &workflowservice.ListWorkflowExecutionsRequest{
		Namespace: namespace,
		Query:     query,
	})
	require.NoError(t, err)

	var ids []string
	for _, execution := range resp.GetExecutions() {
		if execution.GetStatus() == enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED {
			ids = append(ids, execution.GetExecution().GetWorkflowId())
		}
	}

	return ids
}

func TestStartRejectsTooManySearchAttributes(t *testing.T) {
	t.Parallel()
	attrs := map[string]enumspb.IndexedValueType{}
	for _, name := range []string{"A", "B", "C", "D"} {
		attrs[name] = enumspb.INDEXED_VALUE_TYPE_INT
	}

	srv, err := Start(testContext(t), Options{UIPort: NoUI, SearchAttributes: attrs})
	if srv != nil {
		require.NoError(t, srv.Stop())
	}

	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot have more than 3 search attributes of type Int")
}
