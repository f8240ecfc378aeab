package quotebuild

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

func records() Records {
	return Records{
		DealID:    "9001",
		Deal:      map[string]string{"dealname": " Kitchen   remodel "},
		CompanyID: "501",
		Company: map[string]string{"name": "Rivera  Tile", "phone": "(512) 555-0134", "address": "12 Main St",
			"city": "Austin", "state": "TX", "zip": "78701", "country": "United States"},
		ContactID: "601",
		Contact: map[string]string{"firstname": "Ana", "lastname": "Rivera", "email": " Ana@RiveraTile.com ",
			"phone": "512-555-0199"},
	}
}

func TestNewCustomer(t *testing.T) {
	got, err := NewCustomer(records(), CustomerOptions{SalesRep: "Dana Ortiz"})

	require.NoError(t, err)
	assert.Equal(t, "Rivera Tile", got.Name)
	assert.Equal(t, "Ana Rivera", got.ContactName)
	assert.Equal(t, "ana@riveratile.com", got.Email)
	assert.Equal(t, "(512) 555-0134", got.Phone)
	assert.Equal(t, DefaultCustomerType, got.Type)
	assert.Equal(t, "Active", got.Status)
	assert.Equal(t, "Dana Ortiz", got.PrimarySalesRep)
	assert.Equal(t, "Dana Ortiz", got.SalesRepName)
	assert.Equal(t, &sps.Address{Line1: "12 Main St", City: "Austin", State: "TX", PostalCode: "78701",
		Country: "United States"}, got.BillingAddress)
}

func TestNewCustomerFallbacks(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Records)
		opts  CustomerOptions
		check func(*testing.T, sps.NewCustomer)
	}{
		{
			name:  "contact phone when the company has none",
			edit:  func(r *Records) { delete(r.Company, "phone") },
			check: func(t *testing.T, c sps.NewCustomer) { assert.Equal(t, "512-555-0199", c.Phone) },
		},
		{
			name:  "no address",
			edit:  func(r *Records) { r.Company = map[string]string{"name": "Rivera Tile"} },
			check: func(t *testing.T, c sps.NewCustomer) { assert.Nil(t, c.BillingAddress) },
		},
		{
			name:  "invalid e-mail left out",
			edit:  func(r *Records) { r.Contact["email"] = "ana at rivera" },
			check: func(t *testing.T, c sps.NewCustomer) { assert.Empty(t, c.Email) },
		},
		{
			name:  "no contact",
			edit:  func(r *Records) { r.ContactID, r.Contact = "", nil },
			check: func(t *testing.T, c sps.NewCustomer) { assert.Empty(t, c.ContactName) },
		},
		{
			name:  "type told",
			opts:  CustomerOptions{Type: "Trade"},
			check: func(t *testing.T, c sps.NewCustomer) { assert.Equal(t, "Trade", c.Type) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := records()
			if tt.edit != nil {
				tt.edit(&r)
			}
			got, err := NewCustomer(r, tt.opts)
			require.NoError(t, err)
			tt.check(t, got)
		})
	}
}

func TestNewCustomerErrors(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Records)
		want string
	}{
		{name: "no company", edit: func(r *Records) { r.CompanyID, r.Company = "", nil },
			want: "HubSpot deal 9001: has no associated company"},
		{name: "empty name", edit: func(r *Records) { r.Company["name"] = "  " },
			want: "HubSpot company 501 of deal 9001: name: is empty"},
		{name: "name missing", edit: func(r *Records) { delete(r.Company, "name") },
			want: "HubSpot company 501 of deal 9001: name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := records()
			tt.edit(&r)

			_, err := NewCustomer(r, CustomerOptions{})

			var recErr *RecordError
			require.ErrorAs(t, err, &recErr)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestNewQuote(t *testing.T) {
	s, err := Validate(validSubmission(), today)
	require.NoError(t, err)

	got, err := NewQuote(records(), "7001", s)

	require.NoError(t, err)
	assert.Equal(t, int64(7001), got.CustomerID)
	assert.Equal(t, "Kitchen remodel", got.JobName)
	assert.Equal(t, "Dana Ortiz", got.SalesRep)
	assert.Equal(t, "2027-01-15", got.ExpiryDate)
	assert.Equal(t, "hubspot-deal-9001", got.ExternalReference)
	assert.Equal(t, []sps.NewQuoteLine{
		{SKU: "CAL-GOLD-3CM", Quantity: "12.5", UnitPrice: "89", Description: "honed"},
		{SKU: "QTZ-WHITE-2CM", Quantity: "3"},
	}, got.Lines)
}

func TestNewQuoteBadCustomerID(t *testing.T) {
	for _, id := range []string{"", "0", "-4", "abc"} {
		t.Run(id, func(t *testing.T) {
			_, err := NewQuote(records(), id, Submission{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "deal 9001")
		})
	}
}

func TestRecordsStamps(t *testing.T) {
	r := records()
	r.Deal[PropSPSQuoteID] = "8001"
	r.Deal[PropSPSQuoteNumber] = "Q-1234"
	r.Deal[PropSPSCustomerID] = "7001"
	r.Company[PropSPSCustomerID] = "7001"

	quoteID, number, customerID := r.QuoteStamp()

	assert.Equal(t, "8001", quoteID)
	assert.Equal(t, "Q-1234", number)
	assert.Equal(t, "7001", customerID)
	assert.Equal(t, "7001", r.CompanyCustomerID())
	assert.Empty(t, Records{}.CompanyCustomerID())
}
