package customermap

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stonecity/sync/clients/sps"
)

var testCompanies = []IndexedCompany{
	{ID: "101", Name: "Rivera Tile LLC", Domain: "riveratile.com"},
	{ID: "102", Name: "Granite Works", Domain: "www.GraniteWorks.com"},
	{ID: "103", Name: "Stone Shop", Domain: "stoneshop.com"},
	{ID: "104", Name: "The Stone Shop & Co.", Domain: ""},
	{ID: "105", Name: "Slate Supply", Domain: "sharedgroup.com"},
	{ID: "99", Name: "Quarry Partners", Domain: "sharedgroup.com"},
	{ID: "107", Name: "Marble Masters", Domain: "https://www.marblemasters.com/contact"},
	{ID: "108", Name: "Gmail Stone", Domain: "gmail.com"},
	{ID: "", Name: "Nameless Id Tile", Domain: "namelessid.com"},
	{ID: "101", Name: "Rivera Tile LLC", Domain: "riveratile.com"},
}

func TestCompanyIndexMatch(t *testing.T) {
	tests := []struct {
		name     string
		customer sps.Customer
		want     MatchResult
	}{
		{
			name:     "name exact",
			customer: sps.Customer{Name: "Rivera Tile LLC"},
			want:     MatchResult{CompanyID: "101", By: MatchByName},
		},
		{
			name:     "name normalised",
			customer: sps.Customer{Name: "RIVERA TILE, INC."},
			want:     MatchResult{CompanyID: "101", By: MatchByName},
		},
		{
			name:     "name listed twice counts once",
			customer: sps.Customer{Name: "rivera tile"},
			want:     MatchResult{CompanyID: "101", By: MatchByName},
		},
		{
			name:     "name before domain",
			customer: sps.Customer{Name: "Granite Works", Email: "ana@riveratile.com"},
			want:     MatchResult{CompanyID: "102", By: MatchByName},
		},
		{
			name:     "name ambiguous",
			customer: sps.Customer{Name: "Stone Shop Inc", Email: "ana@stoneshop.com"},
			want:     MatchResult{Ambiguous: []string{"103", "104"}, AmbiguousBy: MatchByName},
		},
		{
			name:     "domain when name unknown",
			customer: sps.Customer{Name: "RT Holdings", Email: "ana@riveratile.com"},
			want:     MatchResult{CompanyID: "101", By: MatchByDomain},
		},
		{
			name:     "domain case insensitive and www stripped",
			customer: sps.Customer{Name: "GW Holdings", Email: "Ops@GRANITEWORKS.com"},
			want:     MatchResult{CompanyID: "102", By: MatchByDomain},
		},
		{
			name:     "domain from url",
			customer: sps.Customer{Name: "MM Group", Email: "sales@marblemasters.com"},
			want:     MatchResult{CompanyID: "107", By: MatchByDomain},
		},
		{
			name:     "domain tie",
			customer: sps.Customer{Name: "Shared Group", Email: "billing@sharedgroup.com"},
			want:     MatchResult{Ambiguous: []string{"99", "105"}, AmbiguousBy: MatchByDomain},
		},
		{
			name:     "free mail never matches domain",
			customer: sps.Customer{Name: "Someone Else", Email: "ana@gmail.com"},
			want:     MatchResult{},
		},
		{
			name:     "invalid email",
			customer: sps.Customer{Name: "Someone Else", Email: "riveratile.com"},
			want:     MatchResult{},
		},
		{
			name:     "company without id not indexed",
			customer: sps.Customer{Name: "Nameless Id Tile", Email: "a@namelessid.com"},
			want:     MatchResult{},
		},
		{
			name:     "suffix only name skips name tier",
			customer: sps.Customer{Name: "LLC", Email: "ana@stoneshop.com"},
			want:     MatchResult{CompanyID: "103", By: MatchByDomain},
		},
		{
			name:     "empty customer",
			customer: sps.Customer{},
			want:     MatchResult{},
		},
	}
	index := NewCompanyIndex(testCompanies)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, index.Match(tt.customer))
		})
	}
}

func TestCompanyIndexAmbiguousIsCopy(t *testing.T) {
	index := NewCompanyIndex(testCompanies)
	first := index.Match(sps.Customer{Name: "Stone Shop"})
	first.Ambiguous[0] = "changed"

	second := index.Match(sps.Customer{Name: "Stone Shop"})

	assert.Equal(t, []string{"103", "104"}, second.Ambiguous)
}

func TestCompanyIndexClaim(t *testing.T) {
	index := NewCompanyIndex(testCompanies)

	assert.True(t, index.Claim("101"))
	assert.False(t, index.Claim("101"))
	assert.True(t, index.Claim("102"))
	assert.False(t, index.Claim(""))
}

func TestCompanyIndexSecondCustomerOfFirm(t *testing.T) {
	// Two SPS customers of one firm share its billing domain. The first, in
	// ascending SPS id order, takes the company; the second must get a new one.
	index := NewCompanyIndex(testCompanies)
	customers := []sps.Customer{
		{ID: 500, Name: "RT Kitchens", Email: "billing@riveratile.com"},
		{ID: 501, Name: "RT Baths", Email: "billing@riveratile.com"},
	}

	first := index.Match(customers[0])
	second := index.Match(customers[1])

	assert.Equal(t, "101", first.CompanyID)
	assert.Equal(t, "101", second.CompanyID)
	assert.True(t, index.Claim(first.CompanyID))
	assert.False(t, index.Claim(second.CompanyID))
}

func TestDomainKey(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  string
	}{
		{name: "bare", input: "riveratile.com", want: "riveratile.com"},
		{name: "www and case", input: " WWW.RiveraTile.COM ", want: "riveratile.com"},
		{name: "url with path", input: "https://www.riveratile.com/about?x=1", want: "riveratile.com"},
		{name: "port", input: "riveratile.com:8080", want: "riveratile.com"},
		{name: "trailing dot", input: "riveratile.com.", want: "riveratile.com"},
		{name: "email typed as domain", input: "info@riveratile.com", want: "riveratile.com"},
		{name: "empty", input: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, domainKey(tt.input))
		})
	}
}
