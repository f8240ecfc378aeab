package ordermap

import (
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
)

func TestCompanyKey(t *testing.T) {
	tests := []struct {
		name     string
		customer *square.Customer
		want     string
		wantOK   bool
	}{
		{
			name:     "company domain",
			customer: &square.Customer{CompanyName: square.String("Rivera Tile, LLC"), EmailAddress: square.String("Ana@RiveraTile.com")},
			want:     "domain:riveratile.com",
			wantOK:   true,
		},
		{
			name:     "free mail uses name",
			customer: &square.Customer{CompanyName: square.String("Rivera Tile, LLC"), EmailAddress: square.String("ana.rivera@gmail.com")},
			want:     "name:rivera tile",
			wantOK:   true,
		},
		{
			name:     "free mail uses normalised name",
			customer: &square.Customer{CompanyName: square.String("The Stone Shop & Co."), EmailAddress: square.String("shop@yahoo.co.uk")},
			want:     "name:stone shop",
			wantOK:   true,
		},
		{
			name:     "no company name",
			customer: &square.Customer{EmailAddress: square.String("ana@riveratile.com")},
			want:     "",
			wantOK:   false,
		},
		{
			name:     "company name only suffix",
			customer: &square.Customer{CompanyName: square.String("LLC"), EmailAddress: square.String("ana@riveratile.com")},
			want:     "",
			wantOK:   false,
		},
		{
			name:     "no email",
			customer: &square.Customer{CompanyName: square.String("Rivera Tile")},
			want:     "",
			wantOK:   false,
		},
		{
			name:     "invalid email",
			customer: &square.Customer{CompanyName: square.String("Rivera Tile"), EmailAddress: square.String("ana@localhost")},
			want:     "",
			wantOK:   false,
		},
		{
			name:     "nil customer",
			customer: nil,
			want:     "",
			wantOK:   false,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := CompanyKey(tt.customer)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.wantOK, ok)
		})
	}
}
