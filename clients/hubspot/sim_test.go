package hubspot

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	sim "github.com/stonecity/sync/sandbox/hubspot"
)

// simHarness is a HubSpot simulator on a loopback server with a client
// for it. The simulator and the client's pacer share one fake clock.
type simHarness struct {
	sim    *sim.Simulator
	url    string
	clock  *fakeClock
	client *Client
}

// setupSim starts a simulator and a client whose rate limits no test
// reaches unless opts or pacerCfg lowers them.
func setupSim(t *testing.T, opts sim.Options, pacerCfg PacerConfig) *simHarness {
	t.Helper()
	clock := newFakeClock()
	opts.Token = testToken
	opts.Clock = clock.Now
	if opts.TenSecondlyMax == 0 {
		opts.TenSecondlyMax = 1_000_000
	}
	if opts.SearchPerSecond == 0 {
		opts.SearchPerSecond = 1_000_000
	}
	if opts.DailyMax == 0 {
		opts.DailyMax = 10_000_000
	}
	simulator := sim.New(opts)
	server := httptest.NewServer(simulator)
	t.Cleanup(server.Close)

	if pacerCfg.TenSecondlyBudget == 0 {
		pacerCfg.TenSecondlyBudget = 1_000_000
	}
	if pacerCfg.SearchPerSecond == 0 {
		pacerCfg.SearchPerSecond = 1_000_000
	}
	pacerCfg.Clock = clock
	client, err := New(Config{BaseURL: server.URL, Token: testToken, Pacer: NewPacer(pacerCfg)})
	require.NoError(t, err)
	return &simHarness{sim: simulator, url: server.URL, clock: clock, client: client}
}

// createUniqueProperty adds a unique string property to objectType.
func (h *simHarness) createUniqueProperty(t *testing.T, objectType, name string) {
	t.Helper()
	_, err := h.client.CreateProperty(context.Background(), objectType, Property{Name: name, Label: name,
		Type: "string", FieldType: "text", GroupName: "dealinformation", HasUniqueValue: true})
	require.NoError(t, err)
}

func squareDeal(orderID, amount string) map[string]string {
	return map[string]string{"dealname": "Square Order " + orderID, "amount": amount,
		"pipeline": "default", "dealstage": "closedwon", "square_order_id": orderID}
}

func TestSimBatchCreateAndRead(t *testing.T) {
	h := setupSim(t, sim.Options{}, PacerConfig{})
	ctx := context.Background()
	h.createUniqueProperty(t, "deals", "square_order_id")

	first, err := h.client.BatchCreate(ctx, "deals", []CreateInput{{Properties: squareDeal("ORD-1", "100.50")}})
	require.NoError(t, err)
	require.Len(t, first.Objects, 1)
	existingID := first.Objects[0].ID

	result, err := h.client.BatchCreate(ctx, "deals", []CreateInput{
		{Properties: squareDeal("ORD-2", "12.00")},
		{Properties: squareDeal("ORD-3", "1,250.00")},
		{Properties: squareDeal("ORD-1", "100.50"), TraceID: "ORD-1"},
	})
	require.NoError(t, err)

	require.Len(t, result.Objects, 1, "created")
	assert.Equal(t, "ORD-2", result.Objects[0].Properties["square_order_id"])
	require.Len(t, result.Errors, 2, "rejected")
	invalid, conflict := result.Errors[0], result.Errors[1]
	assert.Equal(t, "input-1", invalid.TraceID)
	assert.Equal(t, 1, invalid.Index)
	assert.Equal(t, "VALIDATION_ERROR", invalid.Category)
	assert.Equal(t, "amount", invalid.Property)
	assert.Equal(t, "ORD-1", conflict.TraceID)
	assert.Equal(t, 2, conflict.Index)
	assert.Equal(t, http.StatusConflict, conflict.Status)
	assert.Equal(t, existingID, conflict.ExistingID)
	assert.Equal(t, "square_order_id", conflict.Property)

	read, err := h.client.BatchRead(ctx, "deals", "square_order_id", []string{"ORD-1", "ORD-2", "ORD-3"},
		[]string{"dealname", "amount"})
	require.NoError(t, err)
	assert.Len(t, read.Found, 2)
	assert.Equal(t, []string{"ORD-3"}, read.NotFound)
	assert.Len(t, h.sim.Objects("deals"), 2, "deals in the simulator")
}

func TestSimBatchUpdateInvalidOption(t *testing.T) {
	h := setupSim(t, sim.Options{}, PacerConfig{})
	ctx := context.Background()
	created, err := h.client.BatchCreate(ctx, "contacts", []CreateInput{
		{Properties: map[string]string{"email": "ana@example.com", "hs_lead_status": "NEW"}},
		{Properties: map[string]string{"email": "bo@example.com"}},
	})
	require.NoError(t, err)
	require.Len(t, created.Objects, 2)

	result, err := h.client.BatchUpdate(ctx, "contacts", []UpdateInput{
		{ID: created.Objects[0].ID, Properties: map[string]string{"hs_lead_status": ""}},
		{ID: created.Objects[1].ID, Properties: map[string]string{"hs_lead_status": "SPS_B2B"}},
	})
	require.NoError(t, err)

	require.Len(t, result.Objects, 1, "updated")
	assert.NotContains(t, result.Objects[0].Properties, "hs_lead_status", "cleared value")
	require.Len(t, result.Errors, 1, "rejected")
	assert.Equal(t, "hs_lead_status", result.Errors[0].Property)
	assert.Equal(t, "INVALID_OPTION", result.Errors[0].Code)
	assert.Equal(t, 1, result.Errors[0].Index)
}

func TestSimContactEmailConflict(t *testing.T) {
	h := setupSim(t, sim.Options{}, PacerConfig{})
	ctx := context.Background()
	created, err := h.client.BatchCreate(ctx, "contacts",
		[]CreateInput{{Properties: map[string]string{"email": "ana@example.com"}}})
	require.NoError(t, err)

	result, err := h.client.BatchCreate(ctx, "contacts", []CreateInput{
		{Properties: map[string]string{"email": "ANA@example.com"}}})
	require.NoError(t, err)

	require.Len(t, result.Errors, 1)
	assert.Equal(t, "CONFLICT", result.Errors[0].Category)
	assert.Equal(t, created.Objects[0].ID, result.Errors[0].ExistingID)
}

func TestSimBatchUpsert(t *testing.T) {
	h := setupSim(t, sim.Options{}, PacerConfig{})
	ctx := context.Background()
	h.createUniqueProperty(t, "products", "sps_id")

	first, err := h.client.BatchUpsert(ctx, "products", []UpsertInput{
		{ID: "P-1", IDProperty: "sps_id", Properties: map[string]string{"name": "Carrara slab", "price": "99.00"}}})
	require.NoError(t, err)
	require.Len(t, first.Objects, 1)
	assert.True(t, first.Objects[0].New)

	second, err := h.client.BatchUpsert(ctx, "products", []UpsertInput{
		{ID: "P-1", IDProperty: "sps_id", Properties: map[string]string{"price": "89.00"}},
		{ID: "P-2", IDProperty: "sps_id", Properties: map[string]string{"name": "Basalt tile"}}})
	require.NoError(t, err)

	require.Len(t, second.Objects, 2)
	byID := map[string]UpsertedObject{}
	for _, o := range second.Objects {
		byID[o.Properties["sps_id"]] = o
	}
	assert.False(t, byID["P-1"].New, "existing product")
	assert.Equal(t, first.Objects[0].ID, byID["P-1"].ID)
	assert.True(t, byID["P-2"].New, "new product")
}

func TestSimSearchAllPastCap(t *testing.T) {
	const total = 10_250
	h := setupSim(t, sim.Options{}, PacerConfig{})
	portal := sim.Portal{}
	for i := 1; i <= total; i++ {
		portal.Objects = append(portal.Objects, sim.Object{ObjectType: "contacts", ID: strconv.Itoa(i),
			Properties: map[string]string{"email": "c" + strconv.Itoa(i) + "@example.com"}})
	}
	require.NoError(t, h.sim.LoadPortal(portal))

	seen := map[string]bool{}
	err := h.client.SearchAll(context.Background(), "contacts", SearchRequest{
		FilterGroups: []FilterGroup{{Filters: []Filter{{PropertyName: "email", Operator: "HAS_PROPERTY"}}}},
		Properties:   []string{"email"},
	}, func(o Object) error {
		assert.False(t, seen[o.ID], "record %s delivered twice", o.ID)
		seen[o.ID] = true
		return nil
	})
	require.NoError(t, err)

	assert.Len(t, seen, total)
	assert.Equal(t, 52, h.sim.Calls()["POST /crm/v3/objects/contacts/search"], "search calls")
}

func TestSimAssociations(t *testing.T) {
	h := setupSim(t, sim.Options{}, PacerConfig{})
	ctx := context.Background()
	contacts, err := h.client.BatchCreate(ctx, "contacts", []CreateInput{
		{Properties: map[string]string{"email": "ana@example.com"}},
		{Properties: map[string]string{"email": "bo@example.com"}},
	})
	require.NoError(t, err)
	companies, err := h.client.BatchCreate(ctx, "companies", []CreateInput{
		{Properties: map[string]string{"name": "Stone Works", "domain": "stoneworks.example"},
			Associations: []Association{{ToID: contacts.Objects[0].ID, TypeID: CompanyToContact}}},
	})
	require.NoError(t, err)
	companyID := companies.Objects[0].ID
	anaID, boID := contacts.Objects[0].ID, contacts.Objects[1].ID
	if contacts.Objects[0].Properties["email"] != "ana@example.com" {
		anaID, boID = boID, anaID
	}

	err = h.client.BatchAssociateDefault(ctx, "contacts", "companies",
		[]AssociationPair{{FromID: boID, ToID: companyID}})
	require.NoError(t, err)

	got, err := h.client.BatchReadAssociations(ctx, "companies", "contacts", []string{companyID})
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{anaID, boID}, got[companyID])

	none, err := h.client.BatchReadAssociations(ctx, "contacts", "deals", []string{anaID})
	require.NoError(t, err)
	assert.Empty(t, none, "contact without deals")
}

func TestSimPropertiesAndPipelines(t *testing.T) {
	h := setupSim(t, sim.Options{}, PacerConfig{})
	ctx := context.Background()

	lead, err := h.client.GetProperty(ctx, "contacts", "hs_lead_status")
	require.NoError(t, err)
	require.NotEmpty(t, lead.Options)
	options := append(lead.Options, Option{Label: "SPS B2B", Value: "SPS_B2B", DisplayOrder: len(lead.Options)})

	updated, err := h.client.UpdateProperty(ctx, "contacts", "hs_lead_status", PropertyUpdate{Options: options})
	require.NoError(t, err)
	assert.Len(t, updated.Options, len(options))

	_, err = h.client.GetProperty(ctx, "contacts", "no_such_property")
	var notFound *Error
	require.ErrorAs(t, err, &notFound)
	assert.Equal(t, KindNotFound, notFound.Kind)

	h.createUniqueProperty(t, "deals", "square_order_id")
	_, err = h.client.CreateProperty(ctx, "deals", Property{Name: "square_order_id", Label: "x", Type: "string",
		FieldType: "text", GroupName: "dealinformation"})
	var conflict *Error
	require.ErrorAs(t, err, &conflict)
	assert.Equal(t, KindConflict, conflict.Kind)

	all, err := h.client.ListProperties(ctx, "deals")
	require.NoError(t, err)
	assert.True(t, hasProperty(all, "square_order_id"), "created property listed")

	pipelines, err := h.client.ListPipelines(ctx, "deals")
	require.NoError(t, err)
	require.NotEmpty(t, pipelines)
	assert.Equal(t, "default", pipelines[0].ID)
	assert.NotEmpty(t, pipelines[0].Stages[0].Metadata["probability"])
}

func hasProperty(properties []Property, name string) bool {
	for _, p := range properties {
		if p.Name == name {
			return true
		}
	}
	return false
}

func TestSimFaults(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		wantKind  Kind
		wantAfter time.Duration
	}{
		{name: "423 locked", status: 423, wantKind: KindTransient, wantAfter: 2 * time.Second},
		{name: "477 migration", status: 477, wantKind: KindTransient, wantAfter: time.Second},
		{name: "503", status: 503, wantKind: KindTransient},
		{name: "injected 429", status: 429, wantKind: KindRateLimit, wantAfter: 10 * time.Second},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := setupSim(t, sim.Options{}, PacerConfig{})
			h.sim.SetFaults(sim.Faults{FailNext: 1, ErrorStatuses: []int{tt.status}})

			_, err := h.client.ListPipelines(context.Background(), "deals")

			var got *Error
			require.ErrorAs(t, err, &got)
			assert.Equal(t, tt.wantKind, got.Kind)
			assert.Equal(t, tt.status, got.Status)
			assert.Equal(t, tt.wantAfter, got.RetryAfter)
			assert.True(t, got.Retryable())
		})
	}
}

func TestSimWrongToken(t *testing.T) {
	h := setupSim(t, sim.Options{}, PacerConfig{})
	client, err := New(Config{BaseURL: h.url, Token: "pat-na1-wrong-token-0000", Pacer: fastPacer()})
	require.NoError(t, err)

	_, err = client.ListProperties(context.Background(), "deals")

	var got *Error
	require.ErrorAs(t, err, &got)
	assert.Equal(t, KindAuth, got.Kind)
	assert.False(t, got.Retryable())
	assert.NotContains(t, got.Error(), "pat-na1-wrong-token-0000")
}

func TestSimRateLimits(t *testing.T) {
	t.Run("ten secondly 429 after another worker", func(t *testing.T) {
		h := setupSim(t, sim.Options{TenSecondlyMax: 3}, PacerConfig{})
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		otherPacer := NewPacer(PacerConfig{TenSecondlyBudget: 1_000_000, Headroom: -1})
		other, err := New(Config{BaseURL: h.url, Token: testToken, Pacer: otherPacer})
		require.NoError(t, err)
		for range 3 {
			_, err := other.ListPipelines(ctx, "deals")
			require.NoError(t, err)
		}

		_, err = h.client.ListPipelines(ctx, "deals")

		var got *Error
		require.ErrorAs(t, err, &got)
		assert.Equal(t, PolicyTenSecondlyRolling, got.PolicyName)
		assert.Equal(t, 10*time.Second, got.RetryAfter)
		assert.True(t, got.Retryable())
	})

	t.Run("search secondly 429", func(t *testing.T) {
		h := setupSim(t, sim.Options{SearchPerSecond: 1}, PacerConfig{})
		_, err := h.client.Search(context.Background(), "contacts", SearchRequest{})
		require.NoError(t, err)

		_, err = h.client.Search(context.Background(), "contacts", SearchRequest{})

		var got *Error
		require.ErrorAs(t, err, &got)
		assert.Equal(t, PolicySecondly, got.PolicyName)
		assert.Equal(t, time.Second, got.RetryAfter)
	})

	t.Run("pacer holds on low remaining header", func(t *testing.T) {
		h := setupSim(t, sim.Options{TenSecondlyMax: 12}, PacerConfig{Headroom: 10})
		for range 2 {
			_, err := h.client.ListPipelines(context.Background(), "deals")
			require.NoError(t, err)
		}

		done := make(chan error, 1)
		go func() {
			_, err := h.client.ListPipelines(context.Background(), "deals")
			done <- err
		}()
		require.Eventually(t, func() bool { return h.clock.Waiters() == 1 }, 5*time.Second, time.Millisecond)
		assert.Equal(t, 2, h.sim.Calls()["GET /crm/v3/pipelines/deals"], "calls before the hold ends")

		h.clock.Advance(10 * time.Second)
		select {
		case err := <-done:
			require.NoError(t, err)
		case <-time.After(5 * time.Second):
			t.Fatal("call did not run after the hold")
		}
		assert.Equal(t, 3, h.sim.Calls()["GET /crm/v3/pipelines/deals"])
	})
}

func TestSimDateBasedPaths(t *testing.T) {
	h := setupSim(t, sim.Options{}, PacerConfig{})
	client, err := New(Config{BaseURL: h.url, Token: testToken, Pacer: fastPacer(),
		ObjectsPath: "/crm/objects/2026-09", PropertiesPath: "/crm/properties/2026-09",
		PipelinesPath: "/crm/pipelines/2026-09", AssociationsPath: "/crm/associations/2026-09"})
	require.NoError(t, err)
	ctx := context.Background()

	deals, err := client.BatchCreate(ctx, "deals", []CreateInput{{Properties: map[string]string{
		"dealname": "Quote 1", "pipeline": "default", "dealstage": "appointmentscheduled"}}})
	require.NoError(t, err)
	contacts, err := client.BatchCreate(ctx, "contacts", []CreateInput{{Properties: map[string]string{
		"email": "ana@example.com"}}})
	require.NoError(t, err)
	require.NoError(t, client.BatchAssociateDefault(ctx, "deals", "contacts",
		[]AssociationPair{{FromID: deals.Objects[0].ID, ToID: contacts.Objects[0].ID}}))
	_, err = client.ListProperties(ctx, "deals")
	require.NoError(t, err)
	_, err = client.ListPipelines(ctx, "deals")
	require.NoError(t, err)

	assert.Len(t, h.sim.Associations("deals", "contacts"), 1)
}
