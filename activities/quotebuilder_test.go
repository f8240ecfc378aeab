package activities

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/hubspotschema"
	"github.com/stonecity/sync/quotebuild"
	"github.com/stonecity/sync/sandbox/dataset"
	hubsim "github.com/stonecity/sync/sandbox/hubspot"
	spssim "github.com/stonecity/sync/sandbox/sps"
)

// quoteBuilderHarness is a HubSpot and an SPS simulator on loopback, with
// the HubSpot schema applied, two SPS products, and the quote builder
// activities pointed at both.
type quoteBuilderHarness struct {
	t    *testing.T
	hub  *hubsim.Simulator
	sps  *spssim.Simulator
	acts *QuoteBuilderActivities
	env  *testsuite.TestActivityEnvironment
}

func newQuoteBuilderHarness(t *testing.T) *quoteBuilderHarness {
	t.Helper()
	h := &quoteBuilderHarness{t: t, hub: hubsim.New(hubsim.Options{Token: testHubSpotToken}),
		sps: spssim.New(spssim.Options{})}
	hubServer := httptest.NewServer(h.hub)
	t.Cleanup(hubServer.Close)
	spsServer := httptest.NewServer(h.sps)
	t.Cleanup(spsServer.Close)

	portal := config.DefaultHubSpotPortal()
	require.NoError(t, h.hub.LoadPortal(hubsim.Portal{
		Pipelines: dataset.PortalPipelines(portal),
		Objects: []hubsim.Object{
			{ObjectType: "deals", ID: "9001", Properties: map[string]string{"dealname": "Kitchen remodel",
				"pipeline": "default", "dealstage": "qualifiedtobuy"}},
			{ObjectType: "companies", ID: "501", Properties: map[string]string{"name": "Rivera Tile",
				"phone": "512-555-0134", "city": "Austin"}},
			{ObjectType: "contacts", ID: "601", Properties: map[string]string{"firstname": "Ana",
				"lastname": "Rivera", "email": "ana@riveratile.com"}},
			{ObjectType: "deals", ID: "9002", Properties: map[string]string{"dealname": "Lonely deal",
				"pipeline": "default", "dealstage": "qualifiedtobuy"}},
		},
		Associations: []hubsim.Association{
			{FromType: "deals", FromID: "9001", ToType: "companies", ToID: "501", TypeID: 341},
			{FromType: "deals", FromID: "9001", ToType: "contacts", ToID: "601", TypeID: 3},
		},
	}))
	require.NoError(t, h.sps.LoadProducts([]sps.Product{
		{ID: 1, SKU: "CAL-GOLD-3CM", Name: "Calacatta Gold 3cm", Status: "Active",
			PriceContractor: sps.MustDecimal("89.5")},
		{ID: 2, SKU: "QTZ-WHITE-2CM", Name: "Quartz White 2cm", Status: "Active",
			PriceContractor: sps.MustDecimal("40")},
	}))

	hub, err := hubspot.New(hubspot.Config{BaseURL: hubServer.URL, Token: testHubSpotToken})
	require.NoError(t, err)
	_, err = hubspotschema.Setup(context.Background(), hub, hubspotschema.All(portal))
	require.NoError(t, err)
	spsClient, err := sps.New(sps.Config{BaseURL: spsServer.URL, Username: "sync", Password: "secret",
		AuthorizedNumber: "42"})
	require.NoError(t, err)

	h.acts = &QuoteBuilderActivities{HubSpot: hub, SPS: spsClient}
	h.env = quietActivityEnv(io.Discard)
	h.env.RegisterActivity(h.acts)
	return h
}

// exec runs one activity and decodes its result into out (nil to skip).
func (h *quoteBuilderHarness) exec(out any, activity any, input any) error {
	h.t.Helper()
	value, err := h.env.ExecuteActivity(activity, input)
	if err != nil || out == nil {
		return err
	}
	require.NoError(h.t, value.Get(out))
	return nil
}

func (h *quoteBuilderHarness) load(dealID string) quotebuild.Records {
	h.t.Helper()
	var res LoadQuoteDealResult
	require.NoError(h.t, h.exec(&res, h.acts.LoadQuoteDeal, LoadQuoteDealInput{DealID: dealID}))
	return res.Records
}

func testBuilderSubmission(t *testing.T) quotebuild.Submission {
	t.Helper()
	s, err := quotebuild.Validate(quotebuild.Submission{
		DealID: "9001", SalesRep: "Dana Ortiz", ExpiresOn: time.Now().UTC().AddDate(0, 1, 0).Format("2006-01-02"),
		Lines: []quotebuild.Line{{SKU: "CAL-GOLD-3CM", Quantity: "2"}, {SKU: "QTZ-WHITE-2CM", Quantity: "1.5",
			UnitPrice: "38"}},
	}, time.Now().UTC())
	require.NoError(t, err)
	return s
}

// appError returns the application error behind an activity failure.
func appError(t *testing.T, err error) *temporal.ApplicationError {
	t.Helper()
	var appErr *temporal.ApplicationError
	require.True(t, errors.As(err, &appErr), "error %v is not an application error", err)
	return appErr
}

func TestLoadQuoteDeal(t *testing.T) {
	h := newQuoteBuilderHarness(t)

	got := h.load("9001")

	assert.Equal(t, "9001", got.DealID)
	assert.Equal(t, "Kitchen remodel", got.Deal["dealname"])
	assert.Equal(t, "501", got.CompanyID)
	assert.Equal(t, "Rivera Tile", got.Company["name"])
	assert.Equal(t, "601", got.ContactID)
	assert.Equal(t, "ana@riveratile.com", got.Contact["email"])
}

func TestLoadQuoteDealWithoutAssociations(t *testing.T) {
	h := newQuoteBuilderHarness(t)

	got := h.load("9002")

	assert.Empty(t, got.CompanyID)
	assert.Nil(t, got.Company)
	assert.Empty(t, got.ContactID)
}

func TestLoadQuoteDealNotFound(t *testing.T) {
	h := newQuoteBuilderHarness(t)

	err := h.exec(nil, h.acts.LoadQuoteDeal, LoadQuoteDealInput{DealID: "404404"})

	appErr := appError(t, err)
	assert.Equal(t, ErrorTypeNotFound, appErr.Type())
	assert.True(t, appErr.NonRetryable())
	assert.Contains(t, appErr.Message(), "HubSpot deal 404404 not found")
}

func TestQuoteBuilderActivitiesCreateAndStamp(t *testing.T) {
	h := newQuoteBuilderHarness(t)
	records := h.load("9001")

	var customer CreateSPSCustomerResult
	require.NoError(t, h.exec(&customer, h.acts.CreateSPSCustomer,
		CreateSPSCustomerInput{Records: records, SalesRep: "Dana Ortiz"}))
	var replay CreateSPSCustomerResult
	require.NoError(t, h.exec(&replay, h.acts.CreateSPSCustomer,
		CreateSPSCustomerInput{Records: records, SalesRep: "Dana Ortiz"}))
	require.NoError(t, h.exec(nil, h.acts.StampQuoteCompany,
		StampQuoteCompanyInput{CompanyID: "501", CustomerID: customer.CustomerID}))

	in := CreateSPSQuoteInput{Records: records, CustomerID: customer.CustomerID, Submission: testBuilderSubmission(t)}
	var quote, quoteReplay CreateSPSQuoteResult
	require.NoError(t, h.exec(&quote, h.acts.CreateSPSQuote, in))
	require.NoError(t, h.exec(&quoteReplay, h.acts.CreateSPSQuote, in))
	require.NoError(t, h.exec(nil, h.acts.StampQuoteDeal, StampQuoteDealInput{DealID: "9001",
		QuoteID: quote.QuoteID, QuoteNumber: quote.QuoteNumber, CustomerID: customer.CustomerID}))

	assert.Equal(t, customer.CustomerID, replay.CustomerID)
	assert.Equal(t, quote, quoteReplay)
	assert.NotEmpty(t, quote.QuoteNumber)
	assert.Equal(t, "236.00", quote.Total) // 2 × 89.50 + 1.5 × 38
	require.Len(t, h.sps.Customers(), 1)
	assert.Equal(t, "Rivera Tile", h.sps.Customers()[0].Name)
	assert.Equal(t, "Contractor", h.sps.Customers()[0].Type)
	require.Len(t, h.sps.Quotes(), 1)
	assert.Equal(t, "hubspot-deal-9001", h.sps.Quotes()[0].ExternalReference)
	assert.Equal(t, "Kitchen remodel", h.sps.Quotes()[0].JobName)
	stamped := h.load("9001")
	assert.Equal(t, customer.CustomerID, stamped.CompanyCustomerID())
	quoteID, number, customerID := stamped.QuoteStamp()
	assert.Equal(t, quote.QuoteID, quoteID)
	assert.Equal(t, quote.QuoteNumber, number)
	assert.Equal(t, customer.CustomerID, customerID)
}

func TestQuoteBuilderActivityErrors(t *testing.T) {
	tests := []struct {
		name      string
		run       func(h *quoteBuilderHarness) error
		wantType  string
		retryable bool
		want      string
	}{
		{
			name: "unknown sku",
			run: func(h *quoteBuilderHarness) error {
				s := testBuilderSubmission(h.t)
				s.Lines[1].SKU = "NOPE-1"
				return h.exec(nil, h.acts.CreateSPSQuote,
					CreateSPSQuoteInput{Records: h.load("9001"), CustomerID: h.customer(), Submission: s})
			},
			wantType: ErrorTypeInvalid, want: "NOPE-1",
		},
		{
			name: "idempotency key reused with another body",
			run: func(h *quoteBuilderHarness) error {
				h.customer()
				return h.exec(nil, h.acts.CreateSPSCustomer,
					CreateSPSCustomerInput{Records: h.load("9001"), SalesRep: "Someone Else"})
			},
			wantType: ErrorTypeIdempotencyMismatch, want: "same idempotency key",
		},
		{
			name: "SPS unavailable",
			run: func(h *quoteBuilderHarness) error {
				h.sps.SetFaults(spssim.Faults{FailNext: 1, ErrorStatuses: []int{http.StatusServiceUnavailable}})
				return h.exec(nil, h.acts.CreateSPSCustomer,
					CreateSPSCustomerInput{Records: h.load("9001"), SalesRep: "Dana Ortiz"})
			},
			wantType: ErrorTypeTransient, retryable: true, want: "503",
		},
		{
			name: "deal without company",
			run: func(h *quoteBuilderHarness) error {
				return h.exec(nil, h.acts.CreateSPSCustomer,
					CreateSPSCustomerInput{Records: h.load("9002"), SalesRep: "Dana Ortiz"})
			},
			wantType: ErrorTypeInvalid, want: "HubSpot deal 9002: has no associated company",
		},
		{
			name: "quote id already on another deal",
			run: func(h *quoteBuilderHarness) error {
				require.NoError(h.t, h.exec(nil, h.acts.StampQuoteDeal,
					StampQuoteDealInput{DealID: "9002", QuoteID: "777"}))
				return h.exec(nil, h.acts.StampQuoteDeal, StampQuoteDealInput{DealID: "9001", QuoteID: "777"})
			},
			wantType: ErrorTypeConflict, want: "HubSpot deal 9001: stamp SPS quote 777",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newQuoteBuilderHarness(t)

			err := tt.run(h)

			appErr := appError(t, err)
			assert.Equal(t, tt.wantType, appErr.Type())
			assert.Equal(t, tt.retryable, !appErr.NonRetryable())
			assert.Contains(t, appErr.Message(), tt.want)
		})
	}
}

// customer creates the SPS customer of deal 9001 and returns its id.
func (h *quoteBuilderHarness) customer() string {
	h.t.Helper()
	var res CreateSPSCustomerResult
	require.NoError(h.t, h.exec(&res, h.acts.CreateSPSCustomer,
		CreateSPSCustomerInput{Records: h.load("9001"), SalesRep: "Dana Ortiz"}))
	return res.CustomerID
}
