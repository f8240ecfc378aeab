package hubspotschema_test

import (
	"context"
	"errors"
	"net/http/httptest"
	"strings"
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

func TestCheckFreshPortalNamesEveryMissingProperty(t *testing.T) {
	h := setupPortal(t)

	err := hubspotschema.Check(testContext(t), h.client, hubspotschema.All(h.portal))

	var schemaErr *hubspotschema.Error
	require.ErrorAs(t, err, &schemaErr)
	for _, want := range orderSyncCustomProperties {
		assert.Contains(t, err.Error(), want.object+" property "+want.name+" is missing")
	}
	for _, p := range schemaErr.Problems {
		assert.True(t, p.Fixable, p.Message)
	}
	assert.True(t, strings.HasSuffix(err.Error(),
		"Run `go run ./starter hubspot setup` to create what is missing"), err.Error())
}

func TestCheckMakesNoWrites(t *testing.T) {
	h := setupPortal(t)

	err := hubspotschema.Check(testContext(t), h.client, hubspotschema.All(h.portal))

	require.Error(t, err)
	assert.Empty(t, h.writeCalls())
}

func TestCheckAfterSetupPasses(t *testing.T) {
	h := setupPortal(t)
	_, err := hubspotschema.Setup(testContext(t), h.client, hubspotschema.All(h.portal))
	require.NoError(t, err)

	assert.NoError(t, hubspotschema.Check(testContext(t), h.client, hubspotschema.All(h.portal)))
	assert.NoError(t, hubspotschema.Check(testContext(t), h.client,
		hubspotschema.ForKind(hubspotschema.KindOrderSync, h.portal)))
}

func TestCheckNamesMissingOptionAndSetupCommand(t *testing.T) {
	h := setupPortal(t)
	req := hubspotschema.All(h.portal)
	_, err := hubspotschema.Setup(testContext(t), h.client, req)
	require.NoError(t, err)
	removeLeadStatus(t, h, "QUOTE")
	removeLeadStatus(t, h, "SPS_B2B")

	err = hubspotschema.Check(testContext(t), h.client, req)

	var schemaErr *hubspotschema.Error
	require.ErrorAs(t, err, &schemaErr)
	assert.Equal(t, []hubspotschema.Problem{
		{Object: "contacts", Name: "hs_lead_status", Fixable: true,
			Message: "contacts property hs_lead_status has no option QUOTE"},
		{Object: "contacts", Name: "hs_lead_status", Fixable: true,
			Message: "contacts property hs_lead_status has no option SPS_B2B"},
	}, schemaErr.Problems)
	assert.Contains(t, err.Error(), "go run ./starter hubspot setup")
}

func TestCheckOrderSyncIgnoresOtherSyncsOptions(t *testing.T) {
	h := setupPortal(t)
	req := hubspotschema.ForKind(hubspotschema.KindOrderSync, h.portal)
	_, err := hubspotschema.Setup(testContext(t), h.client, req)
	require.NoError(t, err)

	err = hubspotschema.Check(testContext(t), h.client, req)

	assert.NoError(t, err, "order sync's preflight needs only SQUARE_POS")
}

func TestCheckOrderSyncNeedsSquarePOSOption(t *testing.T) {
	h := setupPortal(t)
	req := hubspotschema.ForKind(hubspotschema.KindOrderSync, h.portal)
	_, err := hubspotschema.Setup(testContext(t), h.client, req)
	require.NoError(t, err)
	removeLeadStatus(t, h, ordermap.LeadStatusSquarePOS)

	err = hubspotschema.Check(testContext(t), h.client, req)

	require.Error(t, err)
	assert.Equal(t, "HubSpot schema is not ready: contacts property hs_lead_status has no option SQUARE_POS. "+
		"Run `go run ./starter hubspot setup` to create what is missing", err.Error())
}

// removeLeadStatus deletes one hs_lead_status option, as a portal admin
// could.
func removeLeadStatus(t *testing.T, h *harness, value string) {
	t.Helper()
	var remaining []hubspot.Option
	for _, o := range h.property("contacts", "hs_lead_status").Options {
		if o.Value != value {
			remaining = append(remaining, o)
		}
	}
	_, err := h.client.UpdateProperty(testContext(t), "contacts", "hs_lead_status",
		hubspot.PropertyUpdate{Options: remaining})
	require.NoError(t, err)
}

func TestInspectReportsUnfixableProblems(t *testing.T) {
	// quotes is Stone City's Quotes pipeline, complete in every case.
	quotes := dataset.PortalPipelines(config.DefaultHubSpotPortal())[1]
	squarePipeline := func(stageID string) []hubsim.Pipeline {
		return []hubsim.Pipeline{{ID: "889312001", Label: "Square POS", Stages: []hubsim.Stage{
			{ID: stageID, Label: "Closed won", Probability: 1, IsClosed: true},
		}}, quotes}
	}
	tests := []struct {
		name      string
		pipelines []hubsim.Pipeline
		prepare   func(h *harness)
		want      hubspotschema.Problem
	}{
		{
			name:      "wrong type",
			pipelines: squarePipeline("1338115383"),
			prepare: func(h *harness) {
				h.createProperty("contacts", hubspot.Property{Name: ordermap.PropVIPCustomer, Type: "string", FieldType: "text"})
			},
			want: hubspotschema.Problem{Object: "contacts", Name: ordermap.PropVIPCustomer, Message: "contacts property " +
				"vip_customer is string/text, expected bool/booleancheckbox; change it in HubSpot's property settings"},
		},
		{
			name:      "wrong field type",
			pipelines: squarePipeline("1338115383"),
			prepare: func(h *harness) {
				h.createProperty("deals", hubspot.Property{Name: ordermap.PropPaymentMethod, Type: "string", FieldType: "textarea"})
			},
			want: hubspotschema.Problem{Object: "deals", Name: ordermap.PropPaymentMethod, Message: "deals property " +
				"payment_method is string/textarea, expected string/text; change it in HubSpot's property settings"},
		},
		{
			name:      "date instead of datetime",
			pipelines: squarePipeline("1338115383"),
			prepare: func(h *harness) {
				h.createProperty("deals", hubspot.Property{Name: ordermap.PropSquareClosedAt, Type: "date", FieldType: "date"})
			},
			want: hubspotschema.Problem{Object: "deals", Name: ordermap.PropSquareClosedAt, Message: "deals property " +
				"square_closed_at is date/date, expected datetime/date; change it in HubSpot's property settings"},
		},
		{
			name:      "not unique",
			pipelines: squarePipeline("1338115383"),
			prepare: func(h *harness) {
				h.createProperty("line_items", hubspot.Property{Name: ordermap.PropLineItemUID, Type: "string", FieldType: "text"})
			},
			want: hubspotschema.Problem{Object: "line_items", Name: ordermap.PropLineItemUID, Message: "line_items " +
				"property square_line_item_uid must have unique values, and HubSpot cannot add that to an existing " +
				"property; archive it and run setup again"},
		},
		{
			name:      "missing stage",
			pipelines: squarePipeline("other-stage"),
			want: hubspotschema.Problem{Object: "deals", Name: "1338115383", Message: "deal pipeline 889312001 " +
				"(Square POS) has no stage 1338115383; create it in HubSpot or fix the stage id in the configuration"},
		},
		{
			name:      "missing pipeline",
			pipelines: []hubsim.Pipeline{quotes},
			want: hubspotschema.Problem{Object: "deals", Name: "889312001", Message: "deal pipeline 889312001 " +
				"(Square POS) does not exist; create it in HubSpot or set the pipeline id in the configuration"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t, tc.pipelines)
			if tc.prepare != nil {
				tc.prepare(h)
			}
			req := hubspotschema.All(h.portal)
			_, err := hubspotschema.Setup(testContext(t), h.client, req)
			require.Error(t, err, "Setup cannot fix this")

			problems, err := hubspotschema.Inspect(testContext(t), h.client, req)

			require.NoError(t, err)
			assert.Equal(t, []hubspotschema.Problem{tc.want}, problems)
		})
	}
}

func TestInspectWrongTypeAndNotUniqueBothReported(t *testing.T) {
	h := setupPortal(t)
	h.createProperty("companies", hubspot.Property{Name: ordermap.PropCompanyKey, Type: "string", FieldType: "textarea"})

	problems, err := hubspotschema.Inspect(testContext(t), h.client, hubspotschema.Requirements{
		Properties: []hubspotschema.Property{{Object: "companies", Name: ordermap.PropCompanyKey,
			Label: "Square company key", Type: "string", FieldType: "text", Unique: true}},
	})

	require.NoError(t, err)
	require.Len(t, problems, 2)
	assert.Contains(t, problems[0].Message, "is string/textarea, expected string/text")
	assert.Contains(t, problems[1].Message, "must have unique values")
}

func TestInspectMissingStandardPropertyNotFixable(t *testing.T) {
	h := setupPortal(t)

	problems, err := hubspotschema.Inspect(testContext(t), h.client, hubspotschema.Requirements{
		Properties: []hubspotschema.Property{{Object: "deals", Name: "hs_no_such_property"}},
	})

	require.NoError(t, err)
	assert.Equal(t, []hubspotschema.Problem{{Object: "deals", Name: "hs_no_such_property",
		Message: "deals property hs_no_such_property is missing"}}, problems)
}

func TestCheckEmptyRequirementsMakesNoCalls(t *testing.T) {
	h := setupPortal(t)

	err := hubspotschema.Check(testContext(t), h.client, hubspotschema.ForKind("unknown", h.portal))

	require.NoError(t, err)
	assert.Empty(t, h.sim.Calls())
}

func TestCheckReadErrorIsNotSchemaError(t *testing.T) {
	h := setupPortal(t)
	srv := httptest.NewServer(h.sim)
	t.Cleanup(srv.Close)

	err := hubspotschema.Check(testContext(t), newClient(t, srv.URL, "pat-wrong-token"), hubspotschema.All(h.portal))

	require.Error(t, err)
	assert.False(t, errors.As(err, new(*hubspotschema.Error)))
	assert.Contains(t, err.Error(), "read HubSpot companies properties")
}

func TestCheckCanceledContext(t *testing.T) {
	h := setupPortal(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()

	err := hubspotschema.Check(ctx, h.client, hubspotschema.All(h.portal))

	require.Error(t, err)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestErrorMessage(t *testing.T) {
	missing := hubspotschema.Problem{Message: "deals property square_order_id is missing", Fixable: true}
	retyped := hubspotschema.Problem{Message: "contacts property vip_customer is string/text, expected bool/booleancheckbox"}
	tests := []struct {
		name     string
		problems []hubspotschema.Problem
		want     string
	}{
		{
			name:     "fixable",
			problems: []hubspotschema.Problem{missing},
			want: "HubSpot schema is not ready: deals property square_order_id is missing. " +
				"Run `go run ./starter hubspot setup` to create what is missing",
		},
		{
			name:     "not fixable",
			problems: []hubspotschema.Problem{retyped},
			want: "HubSpot schema is not ready: contacts property vip_customer is string/text, " +
				"expected bool/booleancheckbox",
		},
		{
			name:     "mixed",
			problems: []hubspotschema.Problem{retyped, missing},
			want: "HubSpot schema is not ready: contacts property vip_customer is string/text, " +
				"expected bool/booleancheckbox; deals property square_order_id is missing. " +
				"Run `go run ./starter hubspot setup` to create what is missing",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := &hubspotschema.Error{Problems: tc.problems}

			assert.Equal(t, tc.want, err.Error())
		})
	}
}
