package hubspotschema_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotschema"
)

// productSyncCustomProperties are the custom product properties product
// sync writes.
var productSyncCustomProperties = []customProperty{
	{"products", "sps_id", "string", "text", true},
	{"products", "sps_category", "string", "text", false},
	{"products", "sps_subcategory", "string", "text", false},
	{"products", "sps_type", "string", "text", false},
	{"products", "sps_color", "string", "text", false},
	{"products", "sps_finish", "string", "text", false},
	{"products", "sps_thickness", "string", "text", false},
	{"products", "sps_dimensions", "string", "text", false},
	{"products", "sps_supplier", "string", "text", false},
	{"products", "sps_brand", "string", "text", false},
	{"products", "sps_origin", "string", "text", false},
	{"products", "sps_content_hash", "string", "text", false},
	{"products", "price_wholesale", "number", "number", false},
	{"products", "price_contractor", "number", "number", false},
}

func TestForKindProductSyncCustomProperties(t *testing.T) {
	req := hubspotschema.ForKind(hubspotschema.KindProductSync, config.DefaultHubSpotPortal())

	for _, want := range productSyncCustomProperties {
		t.Run(want.name, func(t *testing.T) {
			p, ok := findProperty(req, want.object, want.name)
			require.True(t, ok, "missing from the requirements")

			assert.Equal(t, want.typ, p.Type)
			assert.Equal(t, want.fieldType, p.FieldType)
			assert.Equal(t, want.unique, p.Unique)
			assert.NotEmpty(t, p.Label)
		})
	}
}

func TestForKindProductSyncStandardProperties(t *testing.T) {
	req := hubspotschema.ForKind(hubspotschema.KindProductSync, config.DefaultHubSpotPortal())

	for _, name := range []string{"name", "hs_sku", "description"} {
		t.Run(name, func(t *testing.T) {
			p, ok := findProperty(req, "products", name)
			require.True(t, ok, "missing from the requirements")

			assert.Empty(t, p.Type, "a standard property is only checked for existence")
		})
	}
}

func TestForKindProductSyncOnlyProducts(t *testing.T) {
	req := hubspotschema.ForKind(hubspotschema.KindProductSync, config.DefaultHubSpotPortal())

	assert.Empty(t, req.Pipelines)
	for _, p := range req.Properties {
		assert.Equal(t, "products", p.Object, p.Name)
	}
}

func TestAllIncludesProductSync(t *testing.T) {
	portal := config.DefaultHubSpotPortal()
	all := hubspotschema.All(portal)

	for _, p := range hubspotschema.ForKind(hubspotschema.KindProductSync, portal).Properties {
		got, ok := findProperty(all, p.Object, p.Name)
		if assert.True(t, ok, "%s.%s", p.Object, p.Name) {
			assert.Equal(t, p, got)
		}
	}
}

func TestSetupThenCheckProductSync(t *testing.T) {
	h := setupPortal(t)
	req := hubspotschema.ForKind(hubspotschema.KindProductSync, h.portal)
	before := hubspotschema.Check(testContext(t), h.client, req)
	require.Error(t, before, "a fresh portal lacks the product properties")
	assert.Contains(t, before.Error(), "products property sps_id is missing")

	_, err := hubspotschema.Setup(testContext(t), h.client, hubspotschema.All(h.portal))
	require.NoError(t, err)

	require.NoError(t, hubspotschema.Check(testContext(t), h.client, req))
	spsID := h.property("products", "sps_id")
	assert.True(t, spsID.HasUniqueValue, "sps_id is unique")
	assert.Equal(t, "number", h.property("products", "price_wholesale").Type)
}
