package customermap

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

// FuzzClassify checks that Classify never panics, always returns a known
// class with a reason, and returns the same result twice.
func FuzzClassify(f *testing.F) {
	f.Add("Rivera Tile, LLC", "Ana Rivera", "Contractor")
	f.Add("Walk-in Customer", "", "")
	f.Add("", "", "")
	f.Add("Ana Rivera", "ANA RIVERA", "Retail")
	f.Add("N/A", "Unknown", "Trade")
	f.Add("Smith Tile (DO NOT USE)", "Joe Smith", "Wholesale")
	f.Add("\xff\xfe", "Mr.", "retail trade")
	f.Add("LLC", "-", "Designers")

	f.Fuzz(func(t *testing.T, name, contactName, customerType string) {
		customer := sps.Customer{ID: 1, Name: name, ContactName: contactName, Type: customerType}

		got := Classify(customer)

		require.Contains(t, []Class{ClassB2B, ClassRetail, ClassSkip}, got.Class)
		require.NotEmpty(t, got.Reason)
		require.Equal(t, got, Classify(customer))
	})
}

// FuzzCompanyProperties checks that CompanyProperties never writes an
// empty value, always writes the id, writes a credit limit HubSpot accepts
// as a number, and that properties compared with themselves never change.
func FuzzCompanyProperties(f *testing.F) {
	f.Add(int64(40213), "RIV001", "Rivera Tile, LLC", "Contractor", "Level 2", "Net 30", "15000.00",
		"Dana Ortiz", "Sam Lee", "ana@riveratile.com", true)
	f.Add(int64(0), "", "", "", "", "", "", "", "", "", false)
	f.Add(int64(-1), " ", "\t", "\xff", " ", "\n", "NaN", " ", " ", "ana@gmail.com", false)
	f.Add(int64(9223372036854775807), "x", "y", "z", "w", "v", "-0.00", "", "Rep", "a@b", true)
	f.Add(int64(7), "c", "n", "t", "p", "q", "+.5", "r", "s", "ANA@WWW.EXAMPLE.COM.", false)

	syncedAt := time.Date(2026, 12, 4, 11, 30, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, id int64, code, name, customerType, priceLevel, terms, creditLimit,
		primaryRep, repName, email string, taxExempt bool,
	) {
		limit, err := sps.ParseDecimal(creditLimit)
		if err != nil {
			limit = sps.EmptyDecimal()
		}
		customer := sps.Customer{
			ID: id, Code: code, Name: name, Type: customerType, PriceLevel: priceLevel,
			PaymentTerms: terms, CreditLimit: limit, PrimarySalesRep: primaryRep,
			SalesRepName: repName, Email: email, IsTaxExempt: taxExempt,
		}

		company := CompanyProperties(customer, syncedAt)
		contact := ContactProperties(customer)

		require.Equal(t, strconv.FormatInt(id, 10), company[PropSPSCustomerID])
		require.Equal(t, strconv.FormatInt(id, 10), contact[PropSPSCustomerID])
		for property, value := range company {
			require.NotEmpty(t, value, "company property %s", property)
		}
		for property, value := range contact {
			require.NotEmpty(t, value, "contact property %s", property)
		}
		if value, ok := company[PropSPSCreditLimit]; ok {
			require.Regexp(t, `^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$`, value)
		}
		require.Empty(t, ChangedProperties(company, company))
	})
}
