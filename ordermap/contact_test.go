package ordermap

import (
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
)

func TestContactProperties(t *testing.T) {
	tests := []struct {
		name     string
		customer *square.Customer
		want     map[string]string
	}{
		{
			name: "complete customer",
			customer: &square.Customer{
				ID:           square.String("CUST-1"),
				GivenName:    square.String("Ana"),
				FamilyName:   square.String("Rivera"),
				CompanyName:  square.String("Rivera Tile, LLC"),
				EmailAddress: square.String("Ana@RiveraTile.com"),
				PhoneNumber:  square.String("(206) 555-0134"),
			},
			want: map[string]string{
				"firstname":          "Ana",
				"lastname":           "Rivera",
				"company":            "Rivera Tile, LLC",
				"email":              "ana@riveratile.com",
				"phone":              "+12065550134",
				"phone_e164":         "+12065550134",
				"square_customer_id": "CUST-1",
			},
		},
		{
			name: "messy names and email",
			customer: &square.Customer{
				ID:           square.String("CUST-2"),
				GivenName:    square.String("  josé  maría "),
				FamilyName:   square.String("NÚÑEZ"),
				EmailAddress: square.String("  Jose.Nunez+Tile@Gmail.COM "),
			},
			want: map[string]string{
				"firstname":          "josé maría",
				"lastname":           "NÚÑEZ",
				"email":              "jose.nunez+tile@gmail.com",
				"square_customer_id": "CUST-2",
			},
		},
		{
			name: "unparseable phone kept trimmed without e164",
			customer: &square.Customer{
				ID:          square.String("CUST-3"),
				PhoneNumber: square.String("  555-01 "),
			},
			want: map[string]string{
				"phone":              "555-01",
				"square_customer_id": "CUST-3",
			},
		},
		{
			name: "phone with extension",
			customer: &square.Customer{
				ID:          square.String("CUST-4"),
				PhoneNumber: square.String("206-555-0134 x12"),
			},
			want: map[string]string{
				"phone":              "+12065550134",
				"phone_e164":         "+12065550134",
				"square_customer_id": "CUST-4",
			},
		},
		{
			name: "invalid email omitted",
			customer: &square.Customer{
				ID:           square.String("CUST-5"),
				GivenName:    square.String("Bo"),
				EmailAddress: square.String("bo at example dot com"),
			},
			want: map[string]string{
				"firstname":          "Bo",
				"square_customer_id": "CUST-5",
			},
		},
		{
			name: "empty values omitted",
			customer: &square.Customer{
				ID:           square.String("CUST-6"),
				GivenName:    square.String(""),
				FamilyName:   square.String("   "),
				CompanyName:  square.String(""),
				EmailAddress: square.String(""),
				PhoneNumber:  square.String("  "),
			},
			want: map[string]string{"square_customer_id": "CUST-6"},
		},
		{
			name:     "no fields",
			customer: &square.Customer{},
			want:     map[string]string{},
		},
		{
			name:     "nil customer",
			customer: nil,
			want:     map[string]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ContactProperties(tt.customer)
			assert.Equal(t, tt.want, got)
			assert.NotContains(t, got, "hs_marketable_status")
			assert.NotContains(t, got, PropLeadStatus)
		})
	}
}
