package hubspotschema_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotschema"
	"github.com/stonecity/sync/quotebuild"
)

// quoteBuilderCustomProperties are the custom properties the quote
// builder and the QuoteStatus workflow read and stamp.
var quoteBuilderCustomProperties = []customProperty{
	{"deals", quotebuild.PropSPSQuoteID, "string", "text", true},
	{"deals", quotebuild.PropSPSQuoteNumber, "string", "text", false},
	{"deals", quotebuild.PropSPSCustomerID, "string", "text", false},
	{"deals", quotebuild.PropSPSStatusChangedAt, "datetime", "date", false},
	{"companies", quotebuild.PropSPSCustomerID, "string", "text", true},
}

func TestQuoteBuilderRequirements(t *testing.T) {
	sources := map[string]hubspotschema.Requirements{
		"ForKind": hubspotschema.ForKind(hubspotschema.KindQuoteBuilder, config.DefaultHubSpotPortal()),
		"All":     hubspotschema.All(config.DefaultHubSpotPortal()),
	}
	for source, req := range sources {
		for _, want := range quoteBuilderCustomProperties {
			t.Run(source+"/"+want.object+"."+want.name, func(t *testing.T) {
				p, ok := findProperty(req, want.object, want.name)
				require.True(t, ok, "missing from the requirements")

				assert.Equal(t, want.typ, p.Type)
				assert.Equal(t, want.fieldType, p.FieldType)
				assert.Equal(t, want.unique, p.Unique)
				assert.NotEmpty(t, p.Label)
			})
		}
	}
}

func TestQuoteBuilderStandardProperties(t *testing.T) {
	req := hubspotschema.ForKind(hubspotschema.KindQuoteBuilder, config.DefaultHubSpotPortal())

	for _, want := range []struct{ object, name string }{
		{"deals", "dealname"}, {"companies", "name"}, {"contacts", "email"},
	} {
		t.Run(want.object+"."+want.name, func(t *testing.T) {
			p, ok := findProperty(req, want.object, want.name)
			require.True(t, ok)
			assert.Empty(t, p.Type, "a standard property is only checked for existence")
		})
	}
	assert.Equal(t, "quote-builder", hubspotschema.KindQuoteBuilder)
}
