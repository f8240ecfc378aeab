package devstack_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"

	"github.com/stonecity/sync/activities"
	"github.com/stonecity/sync/productmap"
	"github.com/stonecity/sync/report"
	"github.com/stonecity/sync/sandbox/dataset"
	"github.com/stonecity/sync/sandbox/devstack"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	"github.com/stonecity/sync/workflows"
)

// startProductStack boots a dev stack with few orders, customers and
// quotes and the given number of SPS products (0: the full catalogue), and
// returns it with its dataset.
func startProductStack(t *testing.T, products int) (*devstack.Stack, *dataset.Dataset) {
	t.Helper()
	opts := devstack.Options{
		Seed: testSeed, Now: testNow, Orders: customerTestOrders, SkipSpecExamples: true, UIPort: -1,
		SPSCustomers: 100, SPSQuotes: 10, SPSProducts: products,
	}
	stack, err := devstack.Start(context.Background(), opts)
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, stack.Stop()) })
	data := dataset.Generate(dataset.Options{
		Seed: testSeed, Now: testNow, Orders: customerTestOrders,
		SPSCustomers: 100, SPSQuotes: 10, SPSProducts: products,
	})
	return stack, data
}

// startProductSync starts a product sync under a fresh workflow id, so
// two runs in one test never attach to each other.
func startProductSync(ctx context.Context, t *testing.T, stack *devstack.Stack) client.WorkflowRun {
	t.Helper()
	run, err := stack.Client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID:                       "product-sync/test-" + time.Now().UTC().Format(time.RFC3339Nano),
		TaskQueue:                workflows.TaskQueue,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
	}, workflows.ProductSyncWorkflowName, workflows.ProductSyncInput{})
	require.NoError(t, err)
	return run
}

func syncProducts(t *testing.T, stack *devstack.Stack) report.SyncReport {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	return waitReport(t, ctx, startProductSync(ctx, t, stack), workflows.ProductSyncKind)
}

// hubSpotProducts returns the live HubSpot products by sps_id and fails on
// two products with one sps_id.
func hubSpotProducts(t *testing.T, sim *hubsim.Simulator) map[string]hubsim.Object {
	t.Helper()
	out := map[string]hubsim.Object{}
	for _, p := range sim.Objects("products") {
		id := p.Properties[productmap.PropSPSID]
		require.NotContains(t, out, id, "two HubSpot products with sps_id %s", id)
		out[id] = p
	}
	return out
}

// activeKeys returns the SKU keys of the dataset's active products that
// have a SKU and a name, and checks their number against the dataset's
// expectation.
func activeKeys(t *testing.T, data *dataset.Dataset) map[string]bool {
	t.Helper()
	keys := map[string]bool{}
	for _, p := range data.SPS.Products {
		key := productmap.Key(p.SKU)
		if strings.EqualFold(p.Status, "Active") && key != "" && strings.TrimSpace(p.Name) != "" {
			keys[key] = true
		}
	}
	require.Len(t, keys, data.Expect.SPSProducts.ActiveKeys, "active keys of the dataset")
	return keys
}

// squareItemsByKey returns, for each of keys that a live Square item has
// as a variation SKU, the item's id, and fails on two items with one key.
// The dataset's point-of-sale items may already carry some keys, which
// product sync adopts instead of duplicating.
func squareItemsByKey(t *testing.T, stack *devstack.Stack, keys map[string]bool) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, object := range stack.Sims.Square.CatalogItems() {
		item := object.GetItem()
		for _, v := range item.GetItemData().GetVariations() {
			sku := v.GetItemVariation().GetItemVariationData().GetSku()
			if sku == nil || !keys[productmap.Key(*sku)] {
				continue
			}
			key := productmap.Key(*sku)
			if owner, seen := out[key]; seen && owner != item.GetID() {
				require.Failf(t, "duplicate Square item", "items %s and %s share SKU key %s",
					owner, item.GetID(), key)
			}
			out[key] = item.GetID()
		}
	}
	return out
}

// mirrorObjects returns the mirror bucket's objects.
func mirrorObjects(t *testing.T, stack *devstack.Stack) map[string][]byte {
	t.Helper()
	objects, err := stack.Sims.ObjectStore.Objects(devstack.DevMirrorBucket)
	require.NoError(t, err)
	return objects
}

// sinkByName returns the SinkReport of one sink.
func sinkByName(t *testing.T, rep report.SyncReport, sink string) report.SinkReport {
	t.Helper()
	for _, s := range rep.Sinks {
		if s.Sink == sink {
			return s
		}
	}
	require.Failf(t, "sink missing from the report", "sink %s", sink)
	return report.SinkReport{}
}

func TestProductSyncFullCatalogThenNoOp(t *testing.T) {
	stack, data := startProductStack(t, 0)
	setupSchema(t, stack)
	startWorker(t, stack)
	expect := data.Expect.SPSProducts
	keys := activeKeys(t, data)

	first := syncProducts(t, stack)

	require.NotEqual(t, report.StatusFailed, first.Status, failureReasons(first))
	assertOnlyInvalidRecordsFailed(t, first, expect.InvalidProducts)
	for _, sink := range workflows.ProductSinks {
		s := sinkByName(t, first, sink)
		assert.Equal(t, report.StatusSucceeded, s.Status, "%s: %s", sink, s.Error)
		if sink == workflows.ProductSinkSquare {
			// The point-of-sale items that already carry a SKU get its
			// price instead of a second item.
			assert.Equal(t, expect.ActiveKeys, s.Created+s.Updated, "square writes one item per active SKU")
			assert.NotZero(t, s.Updated, "square adopts the point-of-sale items")
			continue
		}
		assert.Equal(t, expect.ActiveKeys, s.Created, "%s creates one object per active SKU", sink)
	}
	assert.Equal(t, expect.ActiveKeys, len(hubSpotProducts(t, stack.Sims.HubSpot)), "one HubSpot product per active SKU")
	assert.Equal(t, expect.ActiveKeys, len(squareItemsByKey(t, stack, keys)), "one Square item per active SKU")
	mirror := mirrorObjects(t, stack)
	assert.Equal(t, expect.ActiveKeys+1, len(mirror), "one document per active SKU plus the index")
	assert.Contains(t, mirror, productmap.MirrorIndexKey)
	assertNoPrices(t, mirror, data)
	assertSnapshotDeleted(t, stack)

	hubSpotCalls, squareCalls := stack.Sims.HubSpot.Calls(), stack.Sims.Square.Calls()
	second := syncProducts(t, stack)

	require.NotEqual(t, report.StatusFailed, second.Status, failureReasons(second))
	assertOnlyInvalidRecordsFailed(t, second, expect.InvalidProducts)
	assert.Zero(t, second.Created)
	assert.Zero(t, second.Updated)
	for _, sink := range workflows.ProductSinks {
		s := sinkByName(t, second, sink)
		assert.Equal(t, report.SinkReport{Sink: sink, Status: report.StatusSucceeded, Unchanged: expect.ActiveKeys},
			s, "a rerun writes nothing to %s", sink)
	}
	assert.Empty(t, writeCallsSince(stack.Sims.HubSpot.Calls(), hubSpotCalls, "/batch/read"), "HubSpot writes")
	assert.Empty(t, writeCallsSince(stack.Sims.Square.Calls(), squareCalls, "/catalog/search"), "Square writes")
	assert.True(t, maps.EqualFunc(mirror, mirrorObjects(t, stack), bytes.Equal), "the mirror is unchanged")
}

// assertOnlyInvalidRecordsFailed checks that the failed records are
// exactly the dataset's invalid products.
func assertOnlyInvalidRecordsFailed(t *testing.T, rep report.SyncReport, invalid []int64) {
	t.Helper()
	assert.Equal(t, len(invalid), rep.Failed, failureReasons(rep))
	want := map[string]bool{}
	for _, id := range invalid {
		want[spsIDString(id)] = true
	}
	for _, f := range rep.Failures {
		assert.True(t, want[f.SourceID], "unexpected failure %s: %s", f.SourceID, f.Reason)
	}
}

// writeCallsSince returns the calls per endpoint since before, leaving
// out GET calls and POST calls whose path ends with a read suffix (batch
// read, catalog search).
func writeCallsSince(now, before map[string]int, readSuffix string) map[string]int {
	out := map[string]int{}
	for endpoint, n := range now {
		if n == before[endpoint] || strings.HasPrefix(endpoint, "GET ") || strings.HasSuffix(endpoint, readSuffix) {
			continue
		}
		out[endpoint] = n - before[endpoint]
	}
	return out
}

// priceFieldName matches a JSON object key that names a price or cost.
var priceFieldName = regexp.MustCompile(`(?i)"[^"]*(price|cost|wholesale|contractor|msrp)[^"]*"\s*:`)

// decimalNumber matches a number with a fractional part, with or without
// thousands separators, such as "84.37" in "$84.37/sf" or "1,204.16".
var decimalNumber = regexp.MustCompile(`[0-9][0-9,]*\.[0-9]+`)

// assertNoPrices scans every mirror object for price field names and for
// every product's prices, written as "84.37", "$84.37", "1,204.16" or
// "1204.16". Each whole number in an object is compared, so "184.37" does
// not match a price of 84.37.
func assertNoPrices(t *testing.T, objects map[string][]byte, data *dataset.Dataset) {
	t.Helper()
	prices := datasetPrices(data)
	require.NotEmpty(t, prices, "the dataset has prices to look for")
	for key, body := range objects {
		assert.False(t, priceFieldName.Match(body), "%s has a price field: %s", key, priceFieldName.Find(body))
		for _, number := range decimalNumber.FindAll(body, -1) {
			plain := strings.ReplaceAll(string(number), ",", "")
			assert.False(t, prices[plain], "%s contains the price %s", key, number)
		}
	}
}

// datasetPrices returns every wholesale and contractor price of the
// dataset's products, as "1204.16".
func datasetPrices(data *dataset.Dataset) map[string]bool {
	prices := map[string]bool{}
	for _, raw := range data.SPS.Products {
		p, err := productmap.FromSPS(raw)
		if err != nil {
			continue
		}
		for _, cents := range []*int64{p.WholesaleCents, p.ContractorCents} {
			if cents != nil {
				prices[fmt.Sprintf("%d.%02d", *cents/100, *cents%100)] = true
			}
		}
	}
	return prices
}

// assertSnapshotDeleted checks that no snapshot page is left in the
// private bucket, which keeps only the record of synced products.
func assertSnapshotDeleted(t *testing.T, stack *devstack.Stack) {
	t.Helper()
	objects, err := stack.Sims.ObjectStore.Objects(devstack.DevSnapshotBucket)
	require.NoError(t, err)
	assert.Contains(t, objects, activities.ProductSyncedRecordKey, "record of synced products")
	delete(objects, activities.ProductSyncedRecordKey)
	assert.Empty(t, objects, "snapshot pages left after the run")
}

func TestProductSyncWorkerRestartMidRun(t *testing.T) {
	stack, data := startProductStack(t, 3000)
	setupSchema(t, stack)
	expect := data.Expect.SPSProducts
	// Slow HubSpot down, so the worker stops while the sinks write.
	stack.Sims.HubSpot.SetFaults(hubsim.Faults{LatencyMs: 30})
	keys := activeKeys(t, data)
	first, err := stack.NewWorker(worker.Options{})
	require.NoError(t, err)
	require.NoError(t, first.Start())

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	run := startProductSync(ctx, t, stack)
	require.Eventually(t, func() bool { return len(stack.Sims.HubSpot.Objects("products")) > 0 },
		2*time.Minute, 20*time.Millisecond)
	first.Stop()
	require.Less(t, len(stack.Sims.HubSpot.Objects("products")), expect.ActiveKeys,
		"the worker must stop mid-run")

	startWorker(t, stack)
	rep := waitReport(t, ctx, run, workflows.ProductSyncKind)

	require.NotEqual(t, report.StatusFailed, rep.Status, failureReasons(rep))
	assertOnlyInvalidRecordsFailed(t, rep, expect.InvalidProducts)
	for _, s := range rep.Sinks {
		assert.Equal(t, report.StatusSucceeded, s.Status, "%s: %s", s.Sink, s.Error)
	}
	assert.Equal(t, expect.ActiveKeys, len(hubSpotProducts(t, stack.Sims.HubSpot)), "no missing or duplicate product")
	assert.Equal(t, expect.ActiveKeys, len(squareItemsByKey(t, stack, keys)), "no missing or duplicate item")
	assert.Equal(t, expect.ActiveKeys+1, len(mirrorObjects(t, stack)), "one document per active SKU plus the index")
	assertSnapshotDeleted(t, stack)
}

// TestProductSyncRecordHistory runs a small product sync and writes its
// history as protojson, for the replay test in workflows:
//
//	STONECITY_RECORD_HISTORY_DIR=$PWD/workflows/testdata/histories \
//	  go test ./sandbox/devstack/ -run TestProductSyncRecordHistory
func TestProductSyncRecordHistory(t *testing.T) {
	dir := os.Getenv(recordHistoryDirEnv)
	if dir == "" {
		dir = t.TempDir()
	}
	stack, _ := startProductStack(t, 200)
	setupSchema(t, stack)
	startWorker(t, stack)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	run := startProductSync(ctx, t, stack)
	rep := waitReport(t, ctx, run, workflows.ProductSyncKind)
	require.NotEqual(t, report.StatusFailed, rep.Status, failureReasons(rep))
	require.Len(t, rep.Sinks, len(workflows.ProductSinks))

	writeHistory(ctx, t, stack, run.GetID(), run.GetRunID(), filepath.Join(dir, "productsync-small.json"))
}
