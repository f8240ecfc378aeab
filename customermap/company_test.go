package customermap

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/stonecity/sync/clients/sps"
)

var testSyncedAt = time.Date(2026, 12, 4, 6, 30, 15, 123456789, time.FixedZone("EST", -5*3600))

func fullCustomer() sps.Customer {
	return sps.Customer{
		ID:              40213,
		Code:            " RIV001 ",
		Name:            "Rivera Tile,   LLC",
		ContactName:     "Ana Rivera",
		Type:            "Contractor",
		Status:          "Active",
		PriceLevel:      "Level 2",
		PaymentTerms:    "Net 30",
		CreditLimit:     sps.MustDecimal("15000.00"),
		PrimarySalesRep: "Dana Ortiz",
		SalesRepName:    "Sam Lee",
		IsTaxExempt:     true,
		Email:           " Ana@RiveraTile.COM ",
	}
}

func TestCompanyPropertiesFull(t *testing.T) {
	got := CompanyProperties(fullCustomer(), testSyncedAt)

	assert.Equal(t, map[string]string{
		PropName:            "Rivera Tile, LLC",
		PropDomain:          "riveratile.com",
		PropSPSCustomerID:   "40213",
		PropSPSCustomerCode: "RIV001",
		PropSPSCustomerType: "Contractor",
		PropSPSPriceLevel:   "Level 2",
		PropSPSPaymentTerms: "Net 30",
		PropSPSCreditLimit:  "15000",
		PropSPSSalesRep:     "Dana Ortiz",
		PropSPSIsTaxExempt:  "true",
		PropSPSLastSynced:   "2026-12-04T11:30:15.123Z",
	}, got)
}

func TestCompanyPropertiesMinimal(t *testing.T) {
	got := CompanyProperties(sps.Customer{ID: 7, CreditLimit: sps.EmptyDecimal()}, time.Time{})

	assert.Equal(t, map[string]string{
		PropSPSCustomerID:  "7",
		PropSPSIsTaxExempt: "false",
	}, got)
}

func TestCompanyPropertiesDomain(t *testing.T) {
	tests := []struct {
		name    string
		email   string
		want    string
		wantSet bool
	}{
		{name: "company domain", email: " Ana@RiveraTile.COM ", want: "riveratile.com", wantSet: true},
		{name: "subdomain kept", email: "ana@mail.riveratile.com", want: "mail.riveratile.com", wantSet: true},
		{name: "free mail", email: "ana.rivera@gmail.com"},
		{name: "free mail country domain", email: "ana@yahoo.co.uk"},
		{name: "invalid email", email: "ana at riveratile"},
		{name: "empty email", email: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			customer := fullCustomer()
			customer.Email = tt.email

			got, ok := CompanyProperties(customer, testSyncedAt)[PropDomain]
			assert.Equal(t, tt.wantSet, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCompanyPropertiesCreditLimit(t *testing.T) {
	tests := []struct {
		name    string
		limit   sps.Decimal
		want    string
		wantSet bool
	}{
		{name: "empty string", limit: sps.EmptyDecimal()},
		{name: "unset", limit: sps.Decimal{}},
		{name: "nan", limit: sps.MustDecimal("NaN")},
		{name: "infinity", limit: sps.MustDecimal("+Inf")},
		{name: "zero", limit: sps.MustDecimal("0"), want: "0", wantSet: true},
		{name: "trailing zeros", limit: sps.MustDecimal("15000.00"), want: "15000", wantSet: true},
		{name: "fraction", limit: sps.MustDecimal("2500.50"), want: "2500.5", wantSet: true},
		{name: "plus sign", limit: sps.MustDecimal("+0100"), want: "100", wantSet: true},
		{name: "leading dot", limit: sps.MustDecimal(".25"), want: "0.25", wantSet: true},
		{name: "negative", limit: sps.MustDecimal("-50.0"), want: "-50", wantSet: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			customer := fullCustomer()
			customer.CreditLimit = tt.limit

			got, ok := CompanyProperties(customer, testSyncedAt)[PropSPSCreditLimit]
			assert.Equal(t, tt.wantSet, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCompanyPropertiesFields(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(c *sps.Customer)
		property string
		want     string
		wantSet  bool
	}{
		{
			name:     "sales rep falls back",
			edit:     func(c *sps.Customer) { c.PrimarySalesRep = "  " },
			property: PropSPSSalesRep,
			want:     "Sam Lee",
			wantSet:  true,
		},
		{
			name:     "no sales rep omitted",
			edit:     func(c *sps.Customer) { c.PrimarySalesRep, c.SalesRepName = "", "" },
			property: PropSPSSalesRep,
		},
		{
			name:     "blank code omitted",
			edit:     func(c *sps.Customer) { c.Code = " \t" },
			property: PropSPSCustomerCode,
		},
		{
			name:     "blank type omitted",
			edit:     func(c *sps.Customer) { c.Type = "" },
			property: PropSPSCustomerType,
		},
		{
			name:     "blank price level omitted",
			edit:     func(c *sps.Customer) { c.PriceLevel = "" },
			property: PropSPSPriceLevel,
		},
		{
			name:     "blank payment terms omitted",
			edit:     func(c *sps.Customer) { c.PaymentTerms = "" },
			property: PropSPSPaymentTerms,
		},
		{
			name:     "blank name omitted",
			edit:     func(c *sps.Customer) { c.Name = "   " },
			property: PropName,
		},
		{
			name:     "name invalid utf8 removed",
			edit:     func(c *sps.Customer) { c.Name = "Rivera\xff Tile" },
			property: PropName,
			want:     "Rivera Tile",
			wantSet:  true,
		},
		{
			name:     "not tax exempt",
			edit:     func(c *sps.Customer) { c.IsTaxExempt = false },
			property: PropSPSIsTaxExempt,
			want:     "false",
			wantSet:  true,
		},
		{
			name:     "zero id",
			edit:     func(c *sps.Customer) { c.ID = 0 },
			property: PropSPSCustomerID,
			want:     "0",
			wantSet:  true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			customer := fullCustomer()
			tt.edit(&customer)

			got, ok := CompanyProperties(customer, testSyncedAt)[tt.property]
			assert.Equal(t, tt.wantSet, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCompanyPropertiesLastSyncedUTC(t *testing.T) {
	syncedAt := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

	got := CompanyProperties(fullCustomer(), syncedAt)

	assert.Equal(t, "2026-01-02T03:04:05.000Z", got[PropSPSLastSynced])
}

func TestContactProperties(t *testing.T) {
	tests := []struct {
		name     string
		customer sps.Customer
		want     map[string]string
	}{
		{
			name:     "full customer",
			customer: fullCustomer(),
			want: map[string]string{
				PropSPSCustomerID:   "40213",
				PropSPSCustomerType: "Contractor",
				PropSPSPriceLevel:   "Level 2",
				PropSPSSalesRep:     "Dana Ortiz",
			},
		},
		{
			name:     "sales rep name fallback",
			customer: sps.Customer{ID: 9, SalesRepName: " Sam  Lee "},
			want: map[string]string{
				PropSPSCustomerID: "9",
				PropSPSSalesRep:   "Sam Lee",
			},
		},
		{
			name:     "blank fields omitted",
			customer: sps.Customer{ID: 9, Type: " ", PriceLevel: "\t"},
			want:     map[string]string{PropSPSCustomerID: "9"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, ContactProperties(tt.customer))
		})
	}
}

func TestRepKey(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{name: "plain", input: "Dana Ortiz", want: "dana ortiz"},
		{name: "spaces collapsed", input: "  Dana \t ORTIZ  ", want: "dana ortiz"},
		{name: "unicode lower case", input: "ÉLODIE Núñez", want: "élodie núñez"},
		{name: "empty", input: "", want: ""},
		{name: "spaces only", input: "   ", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, RepKey(tt.input))
		})
	}
}

func TestNameKey(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{name: "legal suffix", input: "Rivera Tile, LLC", want: "rivera tile"},
		{name: "upper case dotted", input: "RIVERA TILE INC.", want: "rivera tile"},
		{name: "suffix only", input: "LLC", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, NameKey(tt.input))
		})
	}
}
