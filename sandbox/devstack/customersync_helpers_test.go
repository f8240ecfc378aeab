package devstack_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"

	spsclient "github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/customermap"
	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/sandbox/dataset"
	"github.com/stonecity/sync/sandbox/devstack"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	"github.com/stonecity/sync/workflows"
)

// customerTestOrders keeps the Square part of customer sync stacks small.
const customerTestOrders = 50

// startCustomerStack boots a dev stack with spsCustomers SPS customers
// (0 means the full dataset) and a small Square part, and returns it with
// its dataset.
func startCustomerStack(t *testing.T, spsCustomers int, opts devstack.Options) (*devstack.Stack, *dataset.Dataset) {
	t.Helper()
	opts.Seed, opts.Now, opts.Orders = testSeed, testNow, customerTestOrders
	opts.SPSCustomers, opts.SkipSpecExamples, opts.UIPort = spsCustomers, true, -1
	stack, err := devstack.Start(context.Background(), opts)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, stack.Stop()) })
	data := dataset.Generate(dataset.Options{
		Seed: testSeed, Now: testNow, Orders: customerTestOrders, SPSCustomers: spsCustomers,
	})
	return stack, data
}

// startCustomerSync starts a customer sync under a fresh workflow id.
func startCustomerSync(ctx context.Context, t *testing.T, stack *devstack.Stack,
	in workflows.CustomerSyncInput) client.WorkflowRun {
	t.Helper()
	run, err := stack.Client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                       "customer-sync/test-" + time.Now().UTC().Format(time.RFC3339Nano),
		TaskQueue:                workflows.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
	}, workflows.CustomerSyncWorkflowName, in)
	require.NoError(t, err)
	return run
}

// syncCustomers runs one customer sync to its end and returns its report.
func syncCustomers(t *testing.T, stack *devstack.Stack) report.SyncReport {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	run := startCustomerSync(ctx, t, stack, workflows.CustomerSyncInput{})
	return waitReport(t, ctx, run, workflows.CustomerSyncKind)
}

// activeCustomers returns the customers SPS lists under status Active,
// keyed by id.
func activeCustomers(stack *devstack.Stack) map[int64]spsclient.Customer {
	out := map[int64]spsclient.Customer{}
	for _, c := range stack.Sims.SPS.Customers() {
		if strings.EqualFold(c.Status, "Active") {
			out[c.ID] = c
		}
	}
	return out
}

// activeB2B returns the active customers customer sync classifies b2b.
func activeB2B(stack *devstack.Stack) map[int64]spsclient.Customer {
	out := map[int64]spsclient.Customer{}
	for id, c := range activeCustomers(stack) {
		if customermap.Classify(c).Class == customermap.ClassB2B {
			out[id] = c
		}
	}
	return out
}

// companiesBySPSID returns the companies that carry an sps_customer_id,
// grouped by it.
func companiesBySPSID(sim *hubsim.Simulator) map[string][]hubsim.Object {
	out := map[string][]hubsim.Object{}
	for _, c := range sim.Objects("companies") {
		if id := c.Properties[customermap.PropSPSCustomerID]; id != "" {
			out[id] = append(out[id], c)
		}
	}
	return out
}

// writeCalls sums the calls to HubSpot endpoints that change records.
func writeCalls(calls map[string]int) int {
	n := 0
	for key, count := range calls {
		method, path, _ := strings.Cut(key, " ")
		if method == http.MethodGet || strings.HasSuffix(path, "/batch/read") || strings.HasSuffix(path, "/search") {
			continue
		}
		n += count
	}
	return n
}

// sumCalls sums every endpoint's call count.
func sumCalls(calls map[string]int) int {
	n := 0
	for _, count := range calls {
		n += count
	}
	return n
}

// objectsByID indexes objects by their HubSpot id.
func objectsByID(objects []hubsim.Object) map[string]hubsim.Object {
	out := make(map[string]hubsim.Object, len(objects))
	for _, o := range objects {
		out[o.ID] = o
	}
	return out
}

// contactsOfCompanies maps each company id to its associated contact ids.
func contactsOfCompanies(sim *hubsim.Simulator) map[string][]string {
	out := map[string][]string{}
	for _, a := range sim.Associations("companies", "contacts") {
		out[a.FromID] = append(out[a.FromID], a.ToID)
	}
	return out
}
