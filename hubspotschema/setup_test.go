package hubspotschema_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotschema"
	"github.com/stonecity/sync/ordermap"
	"github.com/stonecity/sync/sandbox/dataset"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
)

// defaultLeadStatuses are the hs_lead_status options of a new HubSpot
// portal, in their display order.
var defaultLeadStatuses = []string{
	"NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED",
	"ATTEMPTED_TO_CONTACT", "CONNECTED", "BAD_TIMING",
}

func TestSetupFreshPortalCreatesCustomProperties(t *testing.T) {
	h := setupPortal(t)
	req := hubspotschema.All(h.portal)

	_, err := hubspotschema.Setup(testContext(t), h.client, req)
	require.NoError(t, err)

	for _, want := range customProperties(req) {
		t.Run(want.Object+"."+want.Name, func(t *testing.T) {
			p := h.property(want.Object, want.Name)

			assert.Equal(t, want.Type, p.Type)
			assert.Equal(t, want.FieldType, p.FieldType)
			assert.Equal(t, want.Unique, p.HasUniqueValue)
			assert.Equal(t, want.Label, p.Label)
			assert.NotEmpty(t, p.GroupName)
		})
	}
}

func TestSetupFreshPortalOrderSyncDefinitions(t *testing.T) {
	h := setupPortal(t)

	_, err := hubspotschema.Setup(testContext(t), h.client, hubspotschema.All(h.portal))
	require.NoError(t, err)

	for _, want := range orderSyncCustomProperties {
		t.Run(want.object+"."+want.name, func(t *testing.T) {
			p := h.property(want.object, want.name)

			assert.Equal(t, want.typ, p.Type)
			assert.Equal(t, want.fieldType, p.FieldType)
			assert.Equal(t, want.unique, p.HasUniqueValue)
		})
	}
}

func TestSetupFreshPortalResult(t *testing.T) {
	h := setupPortal(t)
	req := hubspotschema.All(h.portal)

	result, err := hubspotschema.Setup(testContext(t), h.client, req)

	require.NoError(t, err)
	assert.ElementsMatch(t, propertyKeys(customProperties(req)), result.CreatedProperties)
	assert.Equal(t, []string{
		"contacts.hs_lead_status=QUOTE",
		"contacts.hs_lead_status=SALES_ORDER",
		"contacts.hs_lead_status=SQUARE_POS",
		"contacts.hs_lead_status=SPS_B2B",
	}, result.AddedOptions)
}

func TestSetupBoolPropertyHasYesNoOptions(t *testing.T) {
	h := setupPortal(t)

	_, err := hubspotschema.Setup(testContext(t), h.client, hubspotschema.All(h.portal))
	require.NoError(t, err)

	p := h.property("contacts", ordermap.PropVIPCustomer)
	assert.ElementsMatch(t, []string{"true", "false"}, optionValues(p.Options))
}

func TestSetupAddsLeadStatusesKeepingExisting(t *testing.T) {
	h := setupPortal(t)
	before := h.property("contacts", "hs_lead_status")
	require.Equal(t, defaultLeadStatuses, optionValues(before.Options), "simulator's default options")

	_, err := hubspotschema.Setup(testContext(t), h.client, hubspotschema.All(h.portal))
	require.NoError(t, err)

	after := h.property("contacts", "hs_lead_status")
	want := append(append([]string{}, defaultLeadStatuses...), "QUOTE", "SALES_ORDER", "SQUARE_POS", "SPS_B2B")
	assert.Equal(t, want, optionValues(after.Options))
	assert.Equal(t, before.Options, after.Options[:len(before.Options)], "existing options keep label and order")
	assert.Equal(t, "Square POS", after.Options[len(defaultLeadStatuses)+2].Label)
}

func TestSetupKeepsOptionAddedByHand(t *testing.T) {
	h := setupPortal(t)
	current := h.property("contacts", "hs_lead_status")
	options := append(current.Options, hubspot.Option{Label: "Walk-in", Value: "WALK_IN", DisplayOrder: 99})
	_, err := h.client.UpdateProperty(testContext(t), "contacts", "hs_lead_status",
		hubspot.PropertyUpdate{Options: options})
	require.NoError(t, err)

	_, err = hubspotschema.Setup(testContext(t), h.client, hubspotschema.All(h.portal))
	require.NoError(t, err)

	values := optionValues(h.property("contacts", "hs_lead_status").Options)
	assert.Contains(t, values, "WALK_IN")
	assert.Contains(t, values, "OPEN")
	assert.Contains(t, values, "IN_PROGRESS")
	assert.Contains(t, values, "SPS_B2B")
}

func TestSetupSecondRunWritesNothing(t *testing.T) {
	h := setupPortal(t)
	req := hubspotschema.All(h.portal)
	_, err := hubspotschema.Setup(testContext(t), h.client, req)
	require.NoError(t, err)
	writesBefore := h.writeCalls()
	callsBefore := h.sim.Calls()

	result, err := hubspotschema.Setup(testContext(t), h.client, req)

	require.NoError(t, err)
	assert.Empty(t, result.CreatedProperties)
	assert.Empty(t, result.AddedOptions)
	assert.Equal(t, writesBefore, h.writeCalls(), "second Setup made a write call")
	for endpoint := range h.callsSince(callsBefore) {
		assert.Regexp(t, `^GET `, endpoint)
	}
}

func TestSetupOrderSyncThenAllAddsRemainingOptions(t *testing.T) {
	h := setupPortal(t)
	orderSync := hubspotschema.ForKind(hubspotschema.KindOrderSync, h.portal)
	_, err := hubspotschema.Setup(testContext(t), h.client, orderSync)
	require.NoError(t, err)

	all := hubspotschema.All(h.portal)
	result, err := hubspotschema.Setup(testContext(t), h.client, all)

	require.NoError(t, err)
	var remaining []string
	for _, key := range propertyKeys(customProperties(all)) {
		if !slices.Contains(propertyKeys(customProperties(orderSync)), key) {
			remaining = append(remaining, key)
		}
	}
	assert.ElementsMatch(t, remaining, result.CreatedProperties)
	assert.Equal(t, []string{
		"contacts.hs_lead_status=QUOTE",
		"contacts.hs_lead_status=SALES_ORDER",
		"contacts.hs_lead_status=SPS_B2B",
	}, result.AddedOptions)
}

func TestSetupLeavesWrongTypeAndReportsIt(t *testing.T) {
	h := setupPortal(t)
	h.createProperty("deals", hubspot.Property{
		Name: ordermap.PropSquareOrderID, Type: "number", FieldType: "number", HasUniqueValue: true,
	})

	result, err := hubspotschema.Setup(testContext(t), h.client, hubspotschema.All(h.portal))

	require.Error(t, err)
	var schemaErr *hubspotschema.Error
	require.ErrorAs(t, err, &schemaErr)
	require.Len(t, schemaErr.Problems, 1)
	assert.False(t, schemaErr.Problems[0].Fixable)
	assert.Equal(t, ordermap.PropSquareOrderID, schemaErr.Problems[0].Name)
	assert.Contains(t, err.Error(), "setup could not fix everything")
	assert.Contains(t, err.Error(), "deals property square_order_id is number/number, expected string/text")
	assert.NotContains(t, result.CreatedProperties, "deals."+ordermap.PropSquareOrderID)
	assert.Contains(t, result.CreatedProperties, "deals."+ordermap.PropPaymentMethod, "other properties are still created")
	assert.Equal(t, "number", h.property("deals", ordermap.PropSquareOrderID).Type, "Setup never retypes a property")
}

func TestSetupLeavesNonUniqueAndReportsIt(t *testing.T) {
	h := setupPortal(t)
	h.createProperty("contacts", hubspot.Property{Name: ordermap.PropPhoneE164, Type: "string", FieldType: "text"})

	_, err := hubspotschema.Setup(testContext(t), h.client, hubspotschema.All(h.portal))

	require.Error(t, err)
	var schemaErr *hubspotschema.Error
	require.ErrorAs(t, err, &schemaErr)
	require.Len(t, schemaErr.Problems, 1)
	assert.False(t, schemaErr.Problems[0].Fixable)
	assert.Contains(t, err.Error(), "contacts property phone_e164 must have unique values")
	assert.NotContains(t, err.Error(), hubspotschema.SetupCommand, "setup cannot fix it, so it is not suggested")
}

func TestSetupReportsMissingPipeline(t *testing.T) {
	h := setup(t, nil)

	result, err := hubspotschema.Setup(testContext(t), h.client, hubspotschema.All(h.portal))

	require.Error(t, err)
	assert.Len(t, result.CreatedProperties, len(customProperties(hubspotschema.All(h.portal))),
		"properties are created anyway")
	assert.Contains(t, err.Error(), "deal pipeline 889312001 (Square POS) does not exist")
}

func TestSetupMissingStandardPropertyStops(t *testing.T) {
	h := setupPortal(t)
	req := hubspotschema.Requirements{Properties: []hubspotschema.Property{
		{Object: "deals", Name: "hs_no_such_property"},
		{Object: "deals", Name: "custom_after", Label: "After", Type: "string", FieldType: "text"},
	}}

	_, err := hubspotschema.Setup(testContext(t), h.client, req)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "standard deals property hs_no_such_property is missing")
	assert.Empty(t, h.writeCalls())
}

func TestSetupCreateRejectedNamesProperty(t *testing.T) {
	h := setupPortal(t)
	req := hubspotschema.Requirements{Properties: []hubspotschema.Property{
		{Object: "deals", Name: "bad_pair", Label: "Bad", Type: "bool", FieldType: "text"},
	}}

	_, err := hubspotschema.Setup(testContext(t), h.client, req)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "create HubSpot deals property bad_pair")
	var hubErr *hubspot.Error
	require.ErrorAs(t, err, &hubErr)
	assert.Equal(t, hubspot.KindValidation, hubErr.Kind)
}

func TestSetupReadErrorNamesObject(t *testing.T) {
	h := setupPortal(t)
	srv := httptest.NewServer(h.sim)
	t.Cleanup(srv.Close)
	wrongToken := newClient(t, srv.URL, "pat-wrong-token")

	_, err := hubspotschema.Setup(testContext(t), wrongToken, hubspotschema.All(h.portal))

	require.Error(t, err)
	assert.Contains(t, err.Error(), "read HubSpot companies properties")
	assert.NotContains(t, err.Error(), "pat-wrong-token")
	var hubErr *hubspot.Error
	require.ErrorAs(t, err, &hubErr)
	assert.Equal(t, hubspot.KindAuth, hubErr.Kind)
	assert.False(t, errors.As(err, new(*hubspotschema.Error)), "a read failure is not a schema problem")
}

// rivalCreate makes another client create the same property just before
// the first create of a deals property reaches the simulator, as a
// second `starter hubspot setup` running at the same time would.
func rivalCreate(_ *hubsim.Simulator, next http.Handler) http.Handler {
	var once sync.Once
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Path == "/crm/v3/properties/deals" {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			once.Do(func() {
				rival := httptest.NewRequest(http.MethodPost, r.URL.Path, bytes.NewReader(body))
				rival.Header = r.Header.Clone()
				next.ServeHTTP(httptest.NewRecorder(), rival)
			})
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}

func TestSetupToleratesConcurrentCreate(t *testing.T) {
	h := setupWithHandler(t, dataset.PortalPipelines(config.DefaultHubSpotPortal()), rivalCreate)

	result, err := hubspotschema.Setup(testContext(t), h.client, hubspotschema.All(h.portal))

	require.NoError(t, err)
	assert.Len(t, result.CreatedProperties, len(customProperties(hubspotschema.All(h.portal)))-1,
		"the property the rival created is not reported as created")
	assert.True(t, h.property("deals", ordermap.PropSquareOrderID).HasUniqueValue)
}
