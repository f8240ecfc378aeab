package workflows

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/report"
)

func newCustomerSyncEnv(t *testing.T) *testsuite.TestWorkflowEnvironment {
	t.Helper()
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestWorkflowEnvironment()
	env.RegisterWorkflowWithOptions(CustomerSync, workflow.RegisterOptions{Name: CustomerSyncWorkflowName})
	env.RegisterWorkflowWithOptions(CustomerSyncRep, workflow.RegisterOptions{Name: CustomerSyncRepWorkflowName})
	env.RegisterActivity(&activities.CustomerActivities{})
	env.RegisterActivity(&activities.SchemaActivities{})
	env.OnActivity("Preflight", mock.Anything, activities.PreflightInput{SyncKind: CustomerSyncKind}).Return(activities.PreflightResult{}, nil)
	return env
}

func b2b(id int64, rep string) activities.CustomerRecord {
	return activities.CustomerRecord{ID: id, Class: "b2b", RepKey: rep, Company: map[string]string{"name": "Firm"}}
}

// writesEverything answers SyncCustomerBatch with one creation per
// customer without a company and one update per customer with one.
func writesEverything(env *testsuite.TestWorkflowEnvironment, written *[]int64) {
	env.OnActivity("SyncCustomerBatch", mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.CustomerWriteInput) (activities.CustomerWriteResult, error) {
			var res activities.CustomerWriteResult
			for i, c := range in.Customers {
				*written = append(*written, c.ID)
				if in.CompanyIDs[i] == "" {
					res.Created++
				} else {
					res.Updated++
				}
			}
			return res, nil
		})
}

func TestCustomerSyncMergesRepsByCustomerID(t *testing.T) {
	env := newCustomerSyncEnv(t)
	env.OnActivity("DiscoverSalesReps", mock.Anything).Return(activities.DiscoverRepsResult{
		TotalActive: 5,
		Reps: []activities.RepGroup{
			{Key: "dana ortiz", Names: []string{"Dana Ortiz", "dana ortiz"}},
			{Key: "li wei", Names: []string{"Li Wei"}},
		},
	}, nil)
	pages := map[string][]activities.CustomerRecord{
		"Dana Ortiz": {b2b(1, "dana ortiz"), b2b(2, "dana ortiz")},
		// The filter ignores case: the same customers again.
		"dana ortiz": {b2b(1, "dana ortiz"), b2b(2, "dana ortiz")},
		"Li Wei":     {b2b(3, "li wei"), {ID: 4, Class: "retail", Reason: "no company name"}},
		"":           {b2b(5, ""), {ID: 6, Class: "skip", Reason: `placeholder record "Cash Sale"`}},
	}
	env.OnActivity("FetchCustomerPage", mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.CustomerPageInput) (activities.CustomerPageResult, error) {
			return activities.CustomerPageResult{Records: pages[in.SalesRepName]}, nil
		})
	env.OnActivity("MatchCustomers", mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.MatchInput) (activities.MatchResult, error) {
			res := activities.MatchResult{}
			for _, c := range in.Customers {
				res.Matches = append(res.Matches, activities.CompanyMatch{ID: c.ID})
			}
			return res, nil
		})
	var written []int64
	writesEverything(env, &written)

	env.ExecuteWorkflow(CustomerSyncWorkflowName, CustomerSyncInput{})

	require.NoError(t, env.GetWorkflowError())
	var rep report.SyncReport
	require.NoError(t, env.GetWorkflowResult(&rep))
	assert.Equal(t, []int64{1, 2, 3, 5}, written, "each b2b customer written once, in id order")
	assert.Equal(t, 4, rep.Created)
	assert.Equal(t, 2, rep.Skipped, "one retail, one placeholder")
	assert.Equal(t, report.StatusSucceeded, rep.Status)
}

func TestCustomerSyncSweepCoversUndiscoveredReps(t *testing.T) {
	env := newCustomerSyncEnv(t)
	env.OnActivity("DiscoverSalesReps", mock.Anything).Return(activities.DiscoverRepsResult{
		Reps: []activities.RepGroup{{Key: "li wei", Names: []string{"Li Wei"}}},
	}, nil)
	var sweep activities.CustomerPageInput
	env.OnActivity("FetchCustomerPage", mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.CustomerPageInput) (activities.CustomerPageResult, error) {
			if in.Sweep {
				sweep = in
				return activities.CustomerPageResult{Records: []activities.CustomerRecord{b2b(9, "")}}, nil
			}
			return activities.CustomerPageResult{Records: []activities.CustomerRecord{b2b(8, "li wei")}}, nil
		})
	env.OnActivity("MatchCustomers", mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.MatchInput) (activities.MatchResult, error) {
			res := activities.MatchResult{}
			for _, c := range in.Customers {
				res.Matches = append(res.Matches, activities.CompanyMatch{ID: c.ID})
			}
			return res, nil
		})
	var written []int64
	writesEverything(env, &written)

	env.ExecuteWorkflow(CustomerSyncWorkflowName, CustomerSyncInput{})

	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []string{"Li Wei"}, sweep.CoveredNames, "the sweep skips exactly the queried spellings")
	assert.Equal(t, []int64{8, 9}, written)
}

func TestCustomerSyncGivesPreexistingCompanyToLowestID(t *testing.T) {
	env := newCustomerSyncEnv(t)
	env.OnActivity("DiscoverSalesReps", mock.Anything).Return(activities.DiscoverRepsResult{}, nil)
	env.OnActivity("FetchCustomerPage", mock.Anything, mock.Anything).Return(activities.CustomerPageResult{
		Records: []activities.CustomerRecord{b2b(10, ""), b2b(11, ""), b2b(12, ""), b2b(13, "")},
	}, nil)
	env.OnActivity("MatchCustomers", mock.Anything, mock.Anything).Return(activities.MatchResult{
		Matches: []activities.CompanyMatch{
			{ID: 10, CompanyID: "500", By: "domain"},
			{ID: 11, CompanyID: "500", By: "domain"}, // same firm domain: gets a new company
			{ID: 12, CompanyID: "600", By: "sps_customer_id"},
			{ID: 13, Ambiguous: []string{"700", "701"}},
		},
	}, nil)
	var got activities.CustomerWriteInput
	env.OnActivity("SyncCustomerBatch", mock.Anything, mock.Anything).Return(
		func(_ context.Context, in activities.CustomerWriteInput) (activities.CustomerWriteResult, error) {
			got = in
			return activities.CustomerWriteResult{Created: 2, Updated: 2}, nil
		})

	env.ExecuteWorkflow(CustomerSyncWorkflowName, CustomerSyncInput{})

	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, []string{"500", "", "600", ""}, got.CompanyIDs)
	var rep report.SyncReport
	require.NoError(t, env.GetWorkflowResult(&rep))
	require.Len(t, rep.Reviews, 1)
	assert.Equal(t, "13", rep.Reviews[0].SourceID)
	assert.Contains(t, rep.Reviews[0].Reason, "700")
}

func TestCustomerSyncRunsChildrenWithBoundedConcurrency(t *testing.T) {
	env := newCustomerSyncEnv(t)
	var reps []activities.RepGroup
	for _, key := range []string{"a", "b", "c", "d", "e", "f"} {
		reps = append(reps, activities.RepGroup{Key: key, Names: []string{key}})
	}
	env.OnActivity("DiscoverSalesReps", mock.Anything).Return(activities.DiscoverRepsResult{Reps: reps}, nil)

	running, peak := 0, 0
	env.OnWorkflow(CustomerSyncRepWorkflowName, mock.Anything, mock.Anything).Return(
		func(ctx workflow.Context, in CustomerSyncRepInput) (CustomerSyncRepResult, error) {
			running++
			peak = max(peak, running)
			if err := workflow.Sleep(ctx, time.Minute); err != nil {
				return CustomerSyncRepResult{}, err
			}
			running--
			return CustomerSyncRepResult{Pages: 1}, nil
		})

	env.ExecuteWorkflow(CustomerSyncWorkflowName, CustomerSyncInput{RepConcurrency: 2})

	require.NoError(t, env.GetWorkflowError())
	assert.Equal(t, 2, peak, "at most RepConcurrency children at once")
}

func TestCustomerSyncRejectsUnknownMode(t *testing.T) {
	env := newCustomerSyncEnv(t)

	env.ExecuteWorkflow(CustomerSyncWorkflowName, CustomerSyncInput{Mode: "all"})

	err := env.GetWorkflowError()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `mode "all" is not supported`)
}

func TestCustomerSyncCountsUnreadableCustomersAsFailures(t *testing.T) {
	env := newCustomerSyncEnv(t)
	env.OnActivity("DiscoverSalesReps", mock.Anything).Return(activities.DiscoverRepsResult{}, nil)
	unreadable := func(id int64, sourceID, content string) activities.CustomerRecord {
		return activities.CustomerRecord{ID: id, Class: activities.ClassUnreadable, SourceID: sourceID,
			Content: content, Reason: `unreadable record: field "creditLimit": invalid decimal "N/A"`}
	}
	env.OnActivity("FetchCustomerPage", mock.Anything, mock.Anything).Return(activities.CustomerPageResult{
		Records: []activities.CustomerRecord{b2b(20, ""), unreadable(21, "21", ""),
			unreadable(0, "page 1, record 3", "c3"), unreadable(0, "page 1, record 4", "c4"),
			unreadable(0, "page 2, record 1", "c3")},
	}, nil)
	env.OnActivity("MatchCustomers", mock.Anything, mock.Anything).Return(
		activities.MatchResult{Matches: []activities.CompanyMatch{{ID: 20}}}, nil)
	var written []int64
	writesEverything(env, &written)

	env.ExecuteWorkflow(CustomerSyncWorkflowName, CustomerSyncInput{})

	require.NoError(t, env.GetWorkflowError())
	var rep report.SyncReport
	require.NoError(t, env.GetWorkflowResult(&rep))
	assert.Equal(t, []int64{20}, written, "the readable customer is still written")
	assert.Equal(t, 1, rep.Created)
	assert.Equal(t, 3, rep.Failed, "records without a readable id count once per content")
	assert.Equal(t, report.StatusFailedRecords, rep.Status)
	var sources []string
	for _, f := range rep.Failures {
		sources = append(sources, f.SourceID)
	}
	assert.ElementsMatch(t, []string{"21", "page 1, record 3", "page 1, record 4"}, sources)
}
