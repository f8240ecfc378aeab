package activities

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/clients/s3mirror"
	"github.com/stonecity/sync/clients/sps"
	squareclient "github.com/stonecity/sync/clients/square"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotschema"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	"github.com/stonecity/sync/sandbox/objectstore"
	spssim "github.com/stonecity/sync/sandbox/sps"
	squaresim "github.com/stonecity/sync/sandbox/square"
)

// Buckets and static S3 credentials of the product tests. The object
// stores check no signature; the secret is distinctive so a leak is easy
// to find.
const (
	testMirrorBucket   = "test-mirror"
	testSnapshotBucket = "test-snapshots"
	testS3AccessKeyID  = "AKIAPRODUCTTEST00001"
	testS3Secret       = "product+SECRET/key=do-not-leak"
	squareUpsertPath   = "/v2/catalog/batch-upsert"
	// testSPSPassword and testSPSAuthorizedNumber are the SPS secrets.
	testSPSPassword         = "sps-Pa55word-do-not-leak"
	testSPSAuthorizedNumber = "SPS-AUTH-424242"
)

// testModified is the modifiedDate of the test products.
var testModified = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

// productHarness is the HubSpot, Square and SPS simulators and two object
// stores (mirror and snapshots) on loopback, with the product activities
// pointed at them.
type productHarness struct {
	t        testing.TB
	hub      *hubsim.Simulator
	square   *squaresim.Simulator
	sps      *spssim.Simulator
	mirror   *objectstore.Server
	snapshot *objectstore.Server
	acts     *ProductActivities
	// squareClient is a second Square client for out-of-band catalog
	// changes.
	squareClient *squareclient.Client
	// squareTraffic, mirrorTraffic, hubTraffic and spsTraffic log the
	// requests to each server, and their hooks can reply in place of the
	// server.
	squareTraffic *traffic
	mirrorTraffic *traffic
	hubTraffic    *traffic
	spsTraffic    *traffic
	logs          *lockedBuffer
	runs          int
	// allowMassRemoval is the AllowMassRemoval of every pull.
	allowMassRemoval bool
}

// trafficEntry is one logged request.
type trafficEntry struct {
	method, path string
	// idempotencyKey is the key of a Square batch-upsert request.
	idempotencyKey string
}

// traffic logs requests in front of a server. hook, when set, receives
// each request first and replies to it itself by returning true.
type traffic struct {
	mu      sync.Mutex
	entries []trafficEntry
	hook    func(w http.ResponseWriter, r *http.Request) bool
}

func (tr *traffic) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		entry := trafficEntry{method: r.Method, path: r.URL.Path}
		if r.URL.Path == squareUpsertPath {
			var req struct {
				Key string `json:"idempotency_key"`
			}
			_ = json.Unmarshal(body, &req)
			entry.idempotencyKey = req.Key
		}

		tr.mu.Lock()
		tr.entries = append(tr.entries, entry)
		hook := tr.hook
		tr.mu.Unlock()
		if hook != nil && hook(w, r) {
			return
		}
		next.ServeHTTP(w, r)
	})
}

// setHook replaces the hook.
func (tr *traffic) setHook(hook func(w http.ResponseWriter, r *http.Request) bool) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.hook = hook
}

// snapshot returns a copy of the logged requests.
func (tr *traffic) snapshot() []trafficEntry {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return append([]trafficEntry(nil), tr.entries...)
}

// writes counts the logged requests that write: every method but GET and
// HEAD, except Square's read-only POST endpoints.
func (tr *traffic) writes() int {
	n := 0
	for _, e := range tr.snapshot() {
		if e.method == http.MethodGet || e.method == http.MethodHead || strings.Contains(e.path, "/search") ||
			strings.HasSuffix(e.path, "/batch-retrieve") {
			continue
		}
		n++
	}
	return n
}

// upsertKeys returns the idempotency keys of the logged batch-upserts.
func (tr *traffic) upsertKeys() []string {
	var keys []string
	for _, e := range tr.snapshot() {
		if e.path == squareUpsertPath {
			keys = append(keys, e.idempotencyKey)
		}
	}
	return keys
}

func newProductHarness(t testing.TB) *productHarness {
	t.Helper()
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	h := &productHarness{
		t:             t,
		hub:           hubsim.New(hubsim.Options{Token: testHubSpotToken}),
		square:        squaresim.New(squaresim.Options{Token: testSquareToken}),
		sps:           spssim.New(spssim.Options{}),
		mirror:        objectstore.New(objectstore.Options{Buckets: []string{testMirrorBucket}}),
		snapshot:      objectstore.New(objectstore.Options{Buckets: []string{testSnapshotBucket}}),
		squareTraffic: &traffic{},
		mirrorTraffic: &traffic{},
		hubTraffic:    &traffic{},
		spsTraffic:    &traffic{},
		logs:          &lockedBuffer{},
	}
	hubURL := serve(t, h.hubTraffic.wrap(h.hub))
	squareURL := serve(t, h.squareTraffic.wrap(h.square))
	spsURL := serve(t, h.spsTraffic.wrap(h.sps))
	mirrorURL := serve(t, h.mirrorTraffic.wrap(h.mirror.Handler()))
	snapshotURL := serve(t, h.snapshot.Handler())

	hub, err := hubspot.New(hubspot.Config{BaseURL: hubURL, Token: testHubSpotToken})
	require.NoError(t, err)
	_, err = hubspotschema.Setup(context.Background(), hub,
		hubspotschema.ForKind(hubspotschema.KindProductSync, config.DefaultHubSpotPortal()))
	require.NoError(t, err)
	sq, err := squareclient.New(squareclient.Config{BaseURL: squareURL, Token: testSquareToken})
	require.NoError(t, err)
	h.squareClient, err = squareclient.New(squareclient.Config{BaseURL: squareURL, Token: testSquareToken})
	require.NoError(t, err)
	spsClient, err := sps.New(sps.Config{BaseURL: spsURL, Username: "sync", Password: testSPSPassword,
		AuthorizedNumber: testSPSAuthorizedNumber})
	require.NoError(t, err)

	h.acts = &ProductActivities{HubSpot: hub, Square: sq, SPS: spsClient,
		Mirror: newTestBucket(t, mirrorURL, testMirrorBucket), Snapshots: newTestBucket(t, snapshotURL, testSnapshotBucket)}
	return h
}

// serve starts handler on a loopback test server and returns its URL.
func serve(t testing.TB, handler http.Handler) string {
	t.Helper()
	server := httptest.NewServer(handler)
	t.Cleanup(server.Close)
	return server.URL
}

// newTestBucket returns a client for bucket on the object store at url,
// with static credentials, so the SDK never looks for others.
func newTestBucket(t testing.TB, url, bucket string) *s3mirror.Bucket {
	t.Helper()
	b, err := s3mirror.New(context.Background(), s3mirror.Config{Bucket: bucket, Endpoint: url, PathStyle: true,
		AccessKeyID: testS3AccessKeyID, SecretAccessKey: testS3Secret})
	require.NoError(t, err)
	return b
}

// activityRun is the outcome of one activity attempt.
type activityRun struct {
	err error
	// heartbeat is the last heartbeat the attempt recorded, nil if none.
	heartbeat converter.EncodedValues
}

// execute runs one attempt of the activity fn with in, resuming from
// resume when it is not nil, and decodes the result into out.
func (h *productHarness) execute(fn, in any, resume converter.EncodedValues, out any) activityRun {
	h.t.Helper()
	env := quietActivityEnv(h.logs)
	env.RegisterActivity(h.acts)
	if resume != nil {
		var details sinkProgress
		require.NoError(h.t, resume.Get(&details))
		env.SetHeartbeatDetails(details)
	}

	var mu sync.Mutex
	var last converter.EncodedValues
	env.SetOnActivityHeartbeatListener(func(_ *activity.Info, details converter.EncodedValues) {
		mu.Lock()
		defer mu.Unlock()
		last = details
	})

	value, err := env.ExecuteActivity(fn, in)
	if err == nil && out != nil {
		require.NoError(h.t, value.Get(out))
	}
	mu.Lock()
	defer mu.Unlock()
	return activityRun{err: err, heartbeat: last}
}

// pull runs PullProducts into a new snapshot and requires success.
func (h *productHarness) pull() PullProductsResult {
	h.t.Helper()
	h.runs++
	var res PullProductsResult
	run := h.execute(h.acts.PullProducts,
		PullProductsInput{SnapshotPrefix: fmt.Sprintf("product-sync/test/run-%d", h.runs),
			AllowMassRemoval: h.allowMassRemoval}, nil, &res)
	require.NoError(h.t, run.err)
	return res
}

// sink runs one sink activity on the snapshot and returns its result and
// error.
func (h *productHarness) sink(fn any, ref SnapshotRef) (SinkResult, error) {
	h.t.Helper()
	var res SinkResult
	run := h.execute(fn, SinkInput{Snapshot: ref, SyncKind: "product-sync"}, nil, &res)
	return res, run.err
}

// round is one product sync: the pull and each sink's outcome.
type round struct {
	pull                 PullProductsResult
	hubspot, square      SinkResult
	mirror               SinkResult
	hubErr, sqErr, s3Err error
}

// syncAll pulls and runs every sink, stores the record as the workflow
// does (replacing it only when every sink succeeded), then deletes the
// snapshot.
func (h *productHarness) syncAll() round {
	h.t.Helper()
	r := round{pull: h.pull()}
	r.hubspot, r.hubErr = h.sink(h.acts.SyncHubSpotProducts, r.pull.Snapshot)
	r.square, r.sqErr = h.sink(h.acts.SyncSquareCatalog, r.pull.Snapshot)
	r.mirror, r.s3Err = h.sink(h.acts.SyncProductMirror, r.pull.Snapshot)
	replace := r.hubErr == nil && r.sqErr == nil && r.s3Err == nil
	h.saveRecord(r.pull.Snapshot, replace)
	require.NoError(h.t, h.execute(h.acts.DeleteSnapshot, r.pull.Snapshot, nil, nil).err)
	return r
}

// saveRecord runs SaveSyncedProducts on the snapshot and requires success.
func (h *productHarness) saveRecord(ref SnapshotRef, replace bool) SaveSyncedResult {
	h.t.Helper()
	var res SaveSyncedResult
	run := h.execute(h.acts.SaveSyncedProducts, SaveSyncedInput{Snapshot: ref, Replace: replace}, nil, &res)
	require.NoError(h.t, run.err)
	return res
}

// hubSpotWrites counts the HubSpot product write calls so far.
func (h *productHarness) hubSpotWrites() int {
	n := 0
	for endpoint, calls := range h.hub.Calls() {
		if strings.Contains(endpoint, "/products/batch/upsert") || strings.Contains(endpoint, "/products/batch/archive") {
			n += calls
		}
	}
	return n
}

// hubSpotProducts maps sps_id to the live HubSpot products that have it.
func (h *productHarness) hubSpotProducts() map[string][]hubsim.Object {
	out := map[string][]hubsim.Object{}
	for _, p := range h.hub.Objects("products") {
		out[p.Properties["sps_id"]] = append(out[p.Properties["sps_id"]], p)
	}
	return out
}

// mirrorObjects returns every object of the mirror bucket.
func (h *productHarness) mirrorObjects() map[string][]byte {
	h.t.Helper()
	objects, err := h.mirror.Objects(testMirrorBucket)
	require.NoError(h.t, err)
	return objects
}

// testSPSProduct returns an active SPS product with prices in dollars,
// such as "84.37"; an empty price is left unset.
func testSPSProduct(id int64, sku, name, wholesale, contractor string) sps.Product {
	p := sps.Product{
		ID: id, SKU: sku, Name: name, Category: "Slabs", Subcategory: "Granite", Type: "Slab",
		Color: "Black", Finish: "Polished", Thickness: "3cm", Dimensions: "126 x 63 in",
		Supplier: "Quarry Co", Brand: "Stone City", Origin: "Brazil",
		ImageURL: fmt.Sprintf("https://images.example/%d.jpg", id),
		Status:   "Active", ModifiedDate: sps.NewTime(testModified),
		PriceWholesale: sps.EmptyDecimal(), PriceContractor: sps.EmptyDecimal(),
	}
	if wholesale != "" {
		p.PriceWholesale = sps.MustDecimal(wholesale)
	}
	if contractor != "" {
		p.PriceContractor = sps.MustDecimal(contractor)
	}
	return p
}

// testCatalog returns n active products with distinct SKUs and prices
// with cents, numbered from id 1001.
func testCatalog(n int) []sps.Product {
	products := make([]sps.Product, n)
	for i := range n {
		id := int64(1001 + i)
		wholesale := fmt.Sprintf("%d.%02d", 40+i, 11+i%80)
		contractor := fmt.Sprintf("%d.%02d", 60+i, 13+i%80)
		products[i] = testSPSProduct(id, fmt.Sprintf("GRN-%04d-3CM", i), fmt.Sprintf("Granite %d", i),
			wholesale, contractor)
	}
	return products
}

// loadProducts replaces the SPS simulator's products.
func (h *productHarness) loadProducts(products []sps.Product) {
	h.t.Helper()
	require.NoError(h.t, h.sps.LoadProducts(products))
}
