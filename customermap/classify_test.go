package customermap

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/stonecity/sync/clients/sps"
)

func TestClassifyPlaceholderNames(t *testing.T) {
	names := []string{
		"Walk-in Customer", "Walk-In", "walk in", "WALKIN", "Walk in customer", "Walk-ins",
		"walk-in customer #2", "Walk-In Customer - Main Street", " *Walk-in* ",
		"Cash Sale", "CASH SALE", "cash-sale", "Cash Sales", "Cash Sale #14", "Cash Sale (card)",
		"Cash Customer", "Cash",
		"Counter Sale", "counter sales", "Counter Customer",
		"Misc Customer", "Misc. Customer", "MISC", "Miscellaneous", "Miscellaneous Customer",
		"Do Not Use", "DO NOT USE", "do-not-use", "Don't Use", "Rivera Tile (DO NOT USE)",
		"Smith Tile - do not use - duplicate",
		"Test Customer", "TEST", "test account", "Test Customer 3",
		"Unknown", "UNKNOWN CUSTOMER", "N/A", "n/a", "NA", "N.A.", "None", "TBD",
		"Guest", "Customer", "One-Time Customer",
		"ＷＡＬＫ－ＩＮ ＣＵＳＴＯＭＥＲ",
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			got := Classify(sps.Customer{ID: 1, Name: name, ContactName: "Ana Rivera", Type: "Contractor"})
			assert.Equal(t, ClassSkip, got.Class)
			assert.Contains(t, got.Reason, "placeholder record")
		})
	}
}

func TestClassifyPlaceholderContactNames(t *testing.T) {
	names := []string{
		"Walk-in Customer", "CASH SALE", "counter sale", "Misc. Customer", "Do Not Use", "Test Customer",
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			got := Classify(sps.Customer{ID: 1, Name: "Rivera Tile LLC", ContactName: name})
			assert.Equal(t, ClassSkip, got.Class)
			assert.Contains(t, got.Reason, "placeholder contact name")
		})
	}
}

func TestClassifyNotPlaceholders(t *testing.T) {
	names := []string{
		"Walker Stone", "Cashmere Granite", "Counterpoint Surfaces", "Testa Marble",
		"Cash & Carry Stone Supply", "Unknown Pleasures Tile", "Misc Metals and Stone",
		"Nathan Adams", "123",
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			got := Classify(sps.Customer{ID: 1, Name: name, ContactName: "Ana Rivera"})
			assert.Equal(t, ClassB2B, got.Class)
		})
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		name       string
		customer   sps.Customer
		wantClass  Class
		wantReason string
	}{
		{
			name:       "company distinct from contact",
			customer:   sps.Customer{Name: "Rivera Tile, LLC", ContactName: "Ana Rivera"},
			wantClass:  ClassB2B,
			wantReason: "company name distinct from contact name",
		},
		{
			name:       "company without contact",
			customer:   sps.Customer{Name: "Granite Works Inc"},
			wantClass:  ClassB2B,
			wantReason: "company name without contact name",
		},
		{
			name:       "contact n/a counts as no contact",
			customer:   sps.Customer{Name: "Granite Works Inc", ContactName: "N/A"},
			wantClass:  ClassB2B,
			wantReason: "company name without contact name",
		},
		{
			name:       "contact unknown counts as no contact",
			customer:   sps.Customer{Name: "Granite Works Inc", ContactName: "unknown"},
			wantClass:  ClassB2B,
			wantReason: "company name without contact name",
		},
		{
			name:       "name equals contact",
			customer:   sps.Customer{Name: "Ana Rivera", ContactName: "Ana Rivera"},
			wantClass:  ClassRetail,
			wantReason: "company name equals contact name",
		},
		{
			name:       "name equals contact other case",
			customer:   sps.Customer{Name: "ANA RIVERA", ContactName: "ana rivera"},
			wantClass:  ClassRetail,
			wantReason: "company name equals contact name",
		},
		{
			name:       "name equals contact punctuation and spacing",
			customer:   sps.Customer{Name: "  Ana-Rivera. ", ContactName: "Ana   Rivera"},
			wantClass:  ClassRetail,
			wantReason: "company name equals contact name",
		},
		{
			name:       "name equals contact last name first",
			customer:   sps.Customer{Name: "Rivera, Ana", ContactName: "Ana Rivera"},
			wantClass:  ClassRetail,
			wantReason: "company name equals contact name",
		},
		{
			name:       "name equals contact with title",
			customer:   sps.Customer{Name: "Dr. Ana Rivera", ContactName: "Ana Rivera"},
			wantClass:  ClassRetail,
			wantReason: "company name equals contact name",
		},
		{
			name:       "name equals contact apostrophe",
			customer:   sps.Customer{Name: "Sean O'Brien", ContactName: "sean obrien"},
			wantClass:  ClassRetail,
			wantReason: "company name equals contact name",
		},
		{
			name:       "name equals contact with legal suffix",
			customer:   sps.Customer{Name: "Ana Rivera LLC", ContactName: "Ana Rivera"},
			wantClass:  ClassRetail,
			wantReason: "company name equals contact name",
		},
		{
			name:       "name equals contact unicode",
			customer:   sps.Customer{Name: "JOSÉ NÚÑEZ", ContactName: "Jose\u0301 Nu\u0301n\u0303ez"},
			wantClass:  ClassRetail,
			wantReason: "company name equals contact name",
		},
		{
			name:       "empty name with contact",
			customer:   sps.Customer{ContactName: "Ana Rivera"},
			wantClass:  ClassRetail,
			wantReason: "no company name",
		},
		{
			name:       "suffix only name with contact",
			customer:   sps.Customer{Name: "LLC", ContactName: "Ana Rivera"},
			wantClass:  ClassRetail,
			wantReason: "no company name",
		},
		{
			name:       "empty name and contact",
			customer:   sps.Customer{Type: "Contractor"},
			wantClass:  ClassSkip,
			wantReason: "no name",
		},
		{
			name:       "punctuation only name",
			customer:   sps.Customer{Name: " --- ", ContactName: "  "},
			wantClass:  ClassSkip,
			wantReason: "no name",
		},
		{
			name:       "contractor with company",
			customer:   sps.Customer{Name: "Rivera Tile", ContactName: "Ana Rivera", Type: "Contractor"},
			wantClass:  ClassB2B,
			wantReason: "type Contractor with company name",
		},
		{
			name:       "contractor named after contact",
			customer:   sps.Customer{Name: "Ana Rivera", ContactName: "Ana Rivera", Type: "Contractor"},
			wantClass:  ClassRetail,
			wantReason: "type Contractor with name equal to contact name",
		},
		{
			name:       "trade without contact",
			customer:   sps.Customer{Name: "Ana Rivera", Type: "Trade"},
			wantClass:  ClassB2B,
			wantReason: "type Trade with company name",
		},
		{
			name:       "wholesale lower case",
			customer:   sps.Customer{Name: "Ana Rivera", ContactName: "Ana Rivera", Type: "wholesale"},
			wantClass:  ClassRetail,
			wantReason: "type wholesale with name equal to contact name",
		},
		{
			name:       "fabricator",
			customer:   sps.Customer{Name: "Ana Rivera", ContactName: "Ana Rivera", Type: "Fabricator"},
			wantClass:  ClassRetail,
			wantReason: "type Fabricator with name equal to contact name",
		},
		{
			name:       "interior designers plural",
			customer:   sps.Customer{Name: "Ana Rivera", ContactName: "Ana Rivera", Type: "Interior Designers"},
			wantClass:  ClassRetail,
			wantReason: "type Interior Designers with name equal to contact name",
		},
		{
			name:       "builder",
			customer:   sps.Customer{Name: "Ana Rivera", ContactName: "Ana Rivera", Type: "BUILDER"},
			wantClass:  ClassRetail,
			wantReason: "type BUILDER with name equal to contact name",
		},
		{
			name:       "architect",
			customer:   sps.Customer{Name: "Ana Rivera", ContactName: "Ana Rivera", Type: "Architect"},
			wantClass:  ClassRetail,
			wantReason: "type Architect with name equal to contact name",
		},
		{
			name:       "dealer",
			customer:   sps.Customer{Name: "Ana Rivera", ContactName: "Ana Rivera", Type: "Dealer"},
			wantClass:  ClassRetail,
			wantReason: "type Dealer with name equal to contact name",
		},
		{
			name:       "distributor",
			customer:   sps.Customer{Name: "Ana Rivera", ContactName: "Ana Rivera", Type: "Distributor"},
			wantClass:  ClassRetail,
			wantReason: "type Distributor with name equal to contact name",
		},
		{
			name:       "wholesale tier",
			customer:   sps.Customer{Name: "Ana Rivera", ContactName: "Ana Rivera", Type: "Wholesale - Tier 2"},
			wantClass:  ClassRetail,
			wantReason: "type Wholesale - Tier 2 with name equal to contact name",
		},
		{
			name:       "trade type without name",
			customer:   sps.Customer{ContactName: "Ana Rivera", Type: "Contractor"},
			wantClass:  ClassRetail,
			wantReason: "no company name",
		},
		{
			name:       "retail type with distinct company",
			customer:   sps.Customer{Name: "Rivera Tile", ContactName: "Ana Rivera", Type: "Retail"},
			wantClass:  ClassB2B,
			wantReason: "type Retail with company name distinct from contact name",
		},
		{
			name:       "retail type named after contact",
			customer:   sps.Customer{Name: "Ana Rivera", ContactName: "ANA RIVERA", Type: "Retail"},
			wantClass:  ClassRetail,
			wantReason: "company name equals contact name",
		},
		{
			name:       "retail type without contact",
			customer:   sps.Customer{Name: "Ana Rivera", Type: "retail customer"},
			wantClass:  ClassRetail,
			wantReason: "type retail customer without contact name",
		},
		{
			name:       "retail trade is not trade",
			customer:   sps.Customer{Name: "Ana Rivera", ContactName: "Ana Rivera", Type: "Retail Trade"},
			wantClass:  ClassRetail,
			wantReason: "company name equals contact name",
		},
		{
			name:       "unknown type with distinct company",
			customer:   sps.Customer{Name: "Rivera Tile", ContactName: "Ana Rivera", Type: "Homeowner"},
			wantClass:  ClassB2B,
			wantReason: "company name distinct from contact name",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Classify(tt.customer)
			assert.Equal(t, tt.wantClass, got.Class)
			assert.Equal(t, tt.wantReason, got.Reason)
		})
	}
}

func TestClassifyPlaceholderReasonQuotesName(t *testing.T) {
	got := Classify(sps.Customer{Name: "  Walk-in   Customer "})

	assert.Equal(t, ClassSkip, got.Class)
	assert.Equal(t, `placeholder record "Walk-in Customer"`, got.Reason)
}
