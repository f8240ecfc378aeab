package hubspotschema_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotschema"
	"github.com/stonecity/sync/ordermap"
)

// customProperty is the definition a custom property must have.
type customProperty struct {
	object, name, typ, fieldType string
	unique                       bool
}

// orderSyncCustomProperties are the custom properties order sync writes.
var orderSyncCustomProperties = []customProperty{
	{"deals", ordermap.PropSquareOrderID, "string", "text", true},
	{"deals", ordermap.PropSquareClosedAt, "datetime", "date", false},
	{"deals", ordermap.PropPaymentMethod, "string", "text", false},
	{"contacts", ordermap.PropSquareCustomerID, "string", "text", true},
	{"contacts", ordermap.PropPhoneE164, "string", "text", true},
	{"contacts", ordermap.PropLastPurchaseDate, "date", "date", false},
	{"contacts", ordermap.PropVIPCustomer, "bool", "booleancheckbox", false},
	{"companies", ordermap.PropCompanyKey, "string", "text", true},
	{"line_items", ordermap.PropLineItemUID, "string", "text", true},
	{"line_items", ordermap.PropCatalogObjectID, "string", "text", false},
}

func findProperty(req hubspotschema.Requirements, object, name string) (hubspotschema.Property, bool) {
	for _, p := range req.Properties {
		if p.Object == object && p.Name == name {
			return p, true
		}
	}
	return hubspotschema.Property{}, false
}

func TestForKindOrderSyncCustomProperties(t *testing.T) {
	req := hubspotschema.ForKind(hubspotschema.KindOrderSync, config.DefaultHubSpotPortal())

	for _, want := range orderSyncCustomProperties {
		t.Run(want.object+"."+want.name, func(t *testing.T) {
			p, ok := findProperty(req, want.object, want.name)
			require.True(t, ok, "missing from the requirements")

			assert.Equal(t, want.typ, p.Type)
			assert.Equal(t, want.fieldType, p.FieldType)
			assert.Equal(t, want.unique, p.Unique)
			assert.NotEmpty(t, p.Label)
		})
	}
}

func TestForKindOrderSyncStandardProperties(t *testing.T) {
	req := hubspotschema.ForKind(hubspotschema.KindOrderSync, config.DefaultHubSpotPortal())
	standard := []struct{ object, name string }{
		{"deals", ordermap.PropDealName}, {"deals", ordermap.PropAmount},
		{"deals", ordermap.PropPipeline}, {"deals", ordermap.PropDealStage},
		{"deals", ordermap.PropCloseDate},
		{"contacts", ordermap.PropEmail}, {"contacts", ordermap.PropFirstName},
		{"contacts", ordermap.PropLastName}, {"contacts", ordermap.PropPhone},
		{"contacts", ordermap.PropCompany}, {"contacts", ordermap.PropLeadStatus},
		{"companies", "name"}, {"companies", "domain"},
		{"line_items", ordermap.PropLineItemName}, {"line_items", ordermap.PropQuantity},
		{"line_items", ordermap.PropPrice},
	}

	for _, want := range standard {
		t.Run(want.object+"."+want.name, func(t *testing.T) {
			p, ok := findProperty(req, want.object, want.name)
			require.True(t, ok, "missing from the requirements")

			assert.Empty(t, p.Type, "a standard property is only checked for existence")
		})
	}
}

func TestForKindOrderSyncNeedsSquarePOSOnly(t *testing.T) {
	req := hubspotschema.ForKind(hubspotschema.KindOrderSync, config.DefaultHubSpotPortal())

	p, ok := findProperty(req, "contacts", "hs_lead_status")

	require.True(t, ok)
	assert.Equal(t, []string{ordermap.LeadStatusSquarePOS}, p.Options)
}

func TestForKindPipelineFromPortal(t *testing.T) {
	portal := config.DefaultHubSpotPortal()
	portal.SquarePipelineID = "p-1"
	portal.SquareClosedWonStageID = "s-1"

	req := hubspotschema.ForKind(hubspotschema.KindOrderSync, portal)

	require.Len(t, req.Pipelines, 1)
	assert.Equal(t, "p-1", req.Pipelines[0].ID)
	assert.Equal(t, "Square POS", req.Pipelines[0].Label)
	assert.Equal(t, []string{"s-1"}, req.Pipelines[0].StageIDs)
}

func TestForKindUnknownKindIsEmpty(t *testing.T) {
	req := hubspotschema.ForKind("no-such-sync", config.DefaultHubSpotPortal())

	assert.Empty(t, req.Properties)
	assert.Empty(t, req.Pipelines)
}

func TestAllHasFullLeadStatusList(t *testing.T) {
	req := hubspotschema.All(config.DefaultHubSpotPortal())

	p, ok := findProperty(req, "contacts", "hs_lead_status")

	require.True(t, ok)
	assert.Equal(t, []string{"NEW", "QUOTE", "SALES_ORDER", "UNQUALIFIED", "SQUARE_POS", "SPS_B2B"}, p.Options)
}

func TestAllLeavesForKindUnchanged(t *testing.T) {
	portal := config.DefaultHubSpotPortal()

	hubspotschema.All(portal)
	req := hubspotschema.ForKind(hubspotschema.KindOrderSync, portal)

	p, ok := findProperty(req, "contacts", "hs_lead_status")
	require.True(t, ok)
	assert.Equal(t, []string{ordermap.LeadStatusSquarePOS}, p.Options)
}

func TestAllCoversEveryKind(t *testing.T) {
	portal := config.DefaultHubSpotPortal()
	all := hubspotschema.All(portal)

	for _, kind := range []string{hubspotschema.KindOrderSync, hubspotschema.KindCustomerSync,
		hubspotschema.KindQuoteSync} {
		t.Run(kind, func(t *testing.T) {
			req := hubspotschema.ForKind(kind, portal)
			require.NotEmpty(t, req.Properties)

			for _, p := range req.Properties {
				got, ok := findProperty(all, p.Object, p.Name)
				if assert.True(t, ok, "%s.%s", p.Object, p.Name) {
					assert.Subset(t, got.Options, p.Options, "%s.%s", p.Object, p.Name)
				}
				if ok && p.Type != "" {
					assert.Equal(t, p.Type, got.Type, "%s.%s", p.Object, p.Name)
					assert.Equal(t, p.Unique, got.Unique, "%s.%s", p.Object, p.Name)
				}
			}
			assert.Subset(t, all.Pipelines, req.Pipelines)
		})
	}
}

func TestRequirementsHaveNoDuplicates(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range hubspotschema.All(config.DefaultHubSpotPortal()).Properties {
		key := p.Object + "." + p.Name
		assert.False(t, seen[key], "%s is listed twice", key)
		seen[key] = true
	}
}
