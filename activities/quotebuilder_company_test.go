package activities

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	hubsim "github.com/stonecity/sync/sandbox/hubspot"
)

// addCompanyDeals adds deal 9003 (company 501, contact 601, like deal
// 9001) and deal 9004 (company 501, another contact) to the harness.
func (h *quoteBuilderHarness) addCompanyDeals() {
	h.t.Helper()
	require.NoError(h.t, h.hub.LoadPortal(hubsim.Portal{
		Objects: []hubsim.Object{
			{ObjectType: "deals", ID: "9003", Properties: map[string]string{"dealname": "Patio",
				"pipeline": "default", "dealstage": "qualifiedtobuy"}},
			{ObjectType: "deals", ID: "9004", Properties: map[string]string{"dealname": "Fireplace",
				"pipeline": "default", "dealstage": "qualifiedtobuy"}},
			{ObjectType: "contacts", ID: "602", Properties: map[string]string{"firstname": "Luis",
				"lastname": "Rivera", "email": "luis@riveratile.com"}},
		},
		Associations: []hubsim.Association{
			{FromType: "deals", FromID: "9003", ToType: "companies", ToID: "501", TypeID: 341},
			{FromType: "deals", FromID: "9003", ToType: "contacts", ToID: "601", TypeID: 3},
			{FromType: "deals", FromID: "9004", ToType: "companies", ToID: "501", TypeID: 341},
			{FromType: "deals", FromID: "9004", ToType: "contacts", ToID: "602", TypeID: 3},
		},
	}))
}

func TestQuoteBuilderReadCompany(t *testing.T) {
	h := newQuoteBuilderHarness(t)
	require.NoError(t, h.exec(nil, h.acts.StampQuoteCompany,
		StampQuoteCompanyInput{CompanyID: "501", CustomerID: "4242"}))
	require.NoError(t, h.hub.LoadPortal(hubsim.Portal{Objects: []hubsim.Object{
		{ObjectType: "companies", ID: "502", Properties: map[string]string{"name": "Stone Without Id"}},
	}}))

	tests := []struct {
		name       string
		companyID  string
		wantName   string
		customerID string
	}{
		{name: "stamped company", companyID: "501", wantName: "Rivera Tile", customerID: "4242"},
		{name: "company without customer", companyID: "502", wantName: "Stone Without Id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res ReadQuoteCompanyResult

			require.NoError(t, h.exec(&res, h.acts.ReadQuoteCompany, ReadQuoteCompanyInput{CompanyID: tt.companyID}))

			assert.Equal(t, tt.companyID, res.CompanyID)
			assert.Equal(t, tt.wantName, res.Name)
			assert.Equal(t, tt.customerID, res.CustomerID)
			assert.NotEmpty(t, res.APICalls)
		})
	}
}

func TestQuoteBuilderReadCompanyErrors(t *testing.T) {
	tests := []struct {
		name      string
		companyID string
		wantType  string
		want      string
	}{
		{name: "company not found", companyID: "404404", wantType: ErrorTypeNotFound,
			want: "HubSpot company 404404 not found"},
		{name: "empty company id", companyID: "", wantType: ErrorTypeInvalid, want: "the company id is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newQuoteBuilderHarness(t)

			err := h.exec(nil, h.acts.ReadQuoteCompany, ReadQuoteCompanyInput{CompanyID: tt.companyID})

			appErr := appError(t, err)
			assert.Equal(t, tt.wantType, appErr.Type())
			assert.True(t, appErr.NonRetryable())
			assert.Contains(t, appErr.Message(), tt.want)
		})
	}
}

func TestQuoteBuilderCustomerStampedSinceLoad(t *testing.T) {
	h := newQuoteBuilderHarness(t)
	stale := h.load("9001")
	require.NoError(t, h.exec(nil, h.acts.StampQuoteCompany,
		StampQuoteCompanyInput{CompanyID: "501", CustomerID: "4242"}))

	var res CreateSPSCustomerResult
	require.NoError(t, h.exec(&res, h.acts.CreateSPSCustomer,
		CreateSPSCustomerInput{Records: stale, SalesRep: "Dana Ortiz"}))

	assert.Equal(t, "4242", res.CustomerID)
	assert.True(t, res.Existing)
	assert.Empty(t, h.sps.Customers(), "no SPS customer is created for a stamped company")
}

func TestQuoteBuilderCustomerKeyPerCompany(t *testing.T) {
	tests := []struct {
		name         string
		dealID       string
		salesRep     string
		wantMismatch bool
	}{
		{name: "same contact and rep replays", dealID: "9003", salesRep: "Dana Ortiz"},
		{name: "other sales rep mismatches", dealID: "9003", salesRep: "Someone Else", wantMismatch: true},
		{name: "other contact mismatches", dealID: "9004", salesRep: "Dana Ortiz", wantMismatch: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newQuoteBuilderHarness(t)
			h.addCompanyDeals()
			first := h.customer()

			var second CreateSPSCustomerResult
			err := h.exec(&second, h.acts.CreateSPSCustomer,
				CreateSPSCustomerInput{Records: h.load(tt.dealID), SalesRep: tt.salesRep})

			assert.Len(t, h.sps.Customers(), 1, "one SPS customer for company 501")
			if !tt.wantMismatch {
				require.NoError(t, err)
				assert.Equal(t, first, second.CustomerID)
				assert.False(t, second.Existing)
				return
			}
			appErr := appError(t, err)
			assert.Equal(t, ErrorTypeIdempotencyMismatch, appErr.Type())
			assert.True(t, appErr.NonRetryable())
			assert.Equal(t, temporal.ApplicationErrorCategoryBenign, appErr.Category(), "an expected path, not an alert")
			assert.Contains(t, appErr.Message(), "HubSpot company 501 of deal "+tt.dealID)
			assert.Contains(t, appErr.Message(), "Idempotency-Key quote-builder/company-501/customer")
		})
	}
}
