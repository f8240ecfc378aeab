package dataset

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
	spssim "github.com/stonecity/sync/sandbox/sps"
)

// productSizeCases are the option sets the product tests run on.
var productSizeCases = []struct {
	name string
	opts Options
}{
	{"full", Options{Seed: 42, Now: testNow}},
	{"minimum", Options{Seed: 5, Now: testNow, Orders: 20, SPSCustomers: 200, SPSQuotes: 20, SPSProducts: 1,
		SPSInvalidProducts: 10}},
	{"mid-size", Options{Seed: 9, Now: testNow, Orders: 20, SPSCustomers: 200, SPSQuotes: 20, SPSProducts: 3000,
		SPSInvalidProducts: 10}},
}

func TestProductSizesFor(t *testing.T) {
	cases := []struct {
		name      string
		products  int
		invalid   int
		want      int
		wantPairs int
		wantSKU   int
		wantName  int
	}{
		{"default", 0, 0, DefaultSPSProducts, 40, 0, 0},
		{"negative", -5, -3, DefaultSPSProducts, 40, 0, 0},
		{"below minimum", 1, 10, MinSPSProducts, 10, 5, 5},
		{"above maximum", MaxSPSProducts + 1, 0, MaxSPSProducts, 339, 0, 0},
		{"custom", 3000, 7, 3000, 10, 3, 4},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := productSizesFor(tc.products, tc.invalid)

			assert.Equal(t, tc.want, s.products, "products")
			assert.Equal(t, tc.wantPairs, s.dupGroups, "duplicate pairs")
			assert.Equal(t, tc.wantSKU, s.emptySKU, "empty SKUs")
			assert.Equal(t, tc.wantName, s.emptyName, "empty names")
		})
	}
}

func TestGenerateSPSProductsSizes(t *testing.T) {
	for _, tc := range productSizeCases {
		t.Run(tc.name, func(t *testing.T) {
			d := spsDatasetFor(t, tc.opts)
			want := productSizesFor(tc.opts.SPSProducts, tc.opts.SPSInvalidProducts).products

			assert.Len(t, d.SPS.Products, want, "products")
			assert.Equal(t, want, d.Expect.SPSProducts.Products, "expected products")
		})
	}
}

func TestSPSProductsDeterminism(t *testing.T) {
	encode := func(opts Options) string {
		b, err := json.Marshal(Generate(opts).SPS.Products)
		require.NoError(t, err)
		return string(b)
	}
	base := Options{Seed: 21, Now: testNow, Orders: 20, SPSCustomers: 200, SPSQuotes: 20, SPSProducts: 600}
	first := encode(base)

	t.Run("same options", func(t *testing.T) {
		assert.Equal(t, first, encode(base))
	})
	t.Run("different seed", func(t *testing.T) {
		other := base
		other.Seed++
		assert.NotEqual(t, first, encode(other))
	})
	t.Run("other customer and quote counts", func(t *testing.T) {
		other := base
		other.SPSCustomers, other.SPSQuotes = 400, 60
		assert.Equal(t, first, encode(other))
	})
}

func TestSPSProductShape(t *testing.T) {
	for _, tc := range productSizeCases {
		t.Run(tc.name, func(t *testing.T) {
			products := spsDatasetFor(t, tc.opts).SPS.Products
			for i, p := range products {
				if i > 0 {
					require.Greater(t, p.ID, products[i-1].ID, "ids increase at index %d", i)
				}
				assert.Contains(t, []string{"Active", "Inactive"}, p.Status, "product %d status", p.ID)
				assert.True(t, utf8.ValidString(p.Name+p.Description+p.Supplier), "product %d text is UTF-8", p.ID)
				assert.False(t, p.ModifiedDate.Time().After(testNow), "product %d modified after now", p.ID)
				checkProductPrices(t, p)
			}
		})
	}
}

// checkProductPrices checks that the set prices of p are plain decimals
// with a cents part other than .00 and that contractor is above
// wholesale.
func checkProductPrices(t *testing.T, p sps.Product) {
	t.Helper()
	wholesale, hasWholesale := centsOf(p.PriceWholesale)
	contractor, hasContractor := centsOf(p.PriceContractor)
	for _, d := range []sps.Decimal{p.PriceWholesale, p.PriceContractor} {
		if d.IsSet() {
			assert.Regexp(t, `^\d+\.\d{1,4}$`, d.String(), "product %d price format", p.ID)
		}
	}
	if hasWholesale {
		assert.NotZero(t, wholesale%100, "product %d wholesale has cents", p.ID)
	}
	if hasContractor {
		assert.NotZero(t, contractor%100, "product %d contractor has cents", p.ID)
	}
	if hasWholesale && hasContractor && !strings.HasPrefix(p.Description, "Duplicate item") {
		assert.Greater(t, contractor, wholesale, "product %d contractor above wholesale", p.ID)
	}
}

// productCase is a messy case of SPS product data and the least number of
// full-size records that must show it.
type productCase struct {
	name  string
	least int
	match func(p sps.Product) bool
}

var (
	cjk        = regexp.MustCompile(`\p{Han}`)
	fourPlaces = regexp.MustCompile(`^\d+\.\d{4}$`)
	onePlace   = regexp.MustCompile(`^\d+\.\d$`)
	moneyText  = regexp.MustCompile(`\$\d|USD \d|\d USD`)
)

var productCases = []productCase{
	{"inactive", 700, func(p sps.Product) bool { return p.Status == "Inactive" }},
	{"accented name", 100, func(p sps.Product) bool { return strings.ContainsAny(p.Name, "éèüñíãÓó") }},
	{"book-matched name", 10, func(p sps.Product) bool { return strings.Contains(p.Name, "— Book-matched") }},
	{"CJK supplier", 50, func(p sps.Product) bool { return cjk.MatchString(p.Supplier) }},
	{"non-ASCII SKU", 50, func(p sps.Product) bool { return !isASCII(p.SKU) }},
	{"SKU with spaces", 500, func(p sps.Product) bool { return strings.Contains(strings.TrimSpace(p.SKU), " ") }},
	{"lower-case SKU", 100, func(p sps.Product) bool { return p.SKU != "" && p.SKU == strings.ToLower(p.SKU) }},
	{"SKU with outer space", 100, func(p sps.Product) bool { return p.SKU != "" && p.SKU != strings.TrimSpace(p.SKU) }},
	{"upper-case name", 100, func(p sps.Product) bool { return p.Name != "" && p.Name == strings.ToUpper(p.Name) }},
	{"description over 4,000", 100, func(p sps.Product) bool { return utf8.RuneCountInString(p.Description) > 4000 }},
	{"description over 4,096", 50, func(p sps.Product) bool { return utf8.RuneCountInString(p.Description) > 4096 }},
	{"description with a price", 300, func(p sps.Product) bool { return moneyText.MatchString(p.Description) }},
	{"empty description", 200, func(p sps.Product) bool { return p.Description == "" }},
	{"empty wholesale price", 200, func(p sps.Product) bool { return encodes(p.PriceWholesale, `""`) }},
	{"null contractor price", 50, func(p sps.Product) bool { return encodes(p.PriceContractor, `null`) }},
	{"price with one decimal", 50, func(p sps.Product) bool { return onePlace.MatchString(p.PriceWholesale.String()) }},
	{"price with four decimals", 200, func(p sps.Product) bool { return fourPlaces.MatchString(p.PriceContractor.String()) }},
	{"empty image URL", 1000, func(p sps.Product) bool { return p.ImageURL == "" }},
	{"empty colour", 100, func(p sps.Product) bool { return p.Color == "" && p.Category == "Slabs" }},
	{"empty thickness", 500, func(p sps.Product) bool { return p.Thickness == "" }},
	{"empty dimensions", 500, func(p sps.Product) bool { return p.Dimensions == "" }},
	{"date-only modifiedDate", 500, func(p sps.Product) bool { return len(p.ModifiedDate.String()) == 10 }},
	{"empty modifiedDate", 50, func(p sps.Product) bool { return encodes(p.ModifiedDate, `""`) }},
}

func TestSPSProductMessIsPresent(t *testing.T) {
	products := fullDataset(t).SPS.Products
	for _, tc := range productCases {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			for _, p := range products {
				if tc.match(p) {
					n++
				}
			}
			assert.GreaterOrEqual(t, n, tc.least)
		})
	}
}

func TestSPSProductCategories(t *testing.T) {
	seen := map[string]bool{}
	slabKinds := map[string]bool{}
	for _, p := range fullDataset(t).SPS.Products {
		seen[p.Category] = true
		if p.Category == "Slabs" {
			slabKinds[p.Subcategory] = true
		}
	}

	for _, category := range []string{"Slabs", "Tile", "Mosaics", "Pavers", "Ledger Panels", "Sinks",
		"Care Products", "Setting Materials"} {
		assert.True(t, seen[category], "category %s", category)
	}
	for _, kind := range []string{"Granite", "Quartz", "Marble", "Quartzite", "Porcelain"} {
		assert.True(t, slabKinds[kind], "slabs of %s", kind)
	}
}

func TestSPSProductsCoverQuoteSKUs(t *testing.T) {
	d := fullDataset(t)
	keys := map[string]bool{}
	for _, p := range d.SPS.Products {
		keys[testProductKey(p.SKU)] = true
	}

	for _, q := range d.SPS.Quotes {
		for _, line := range q.Lines {
			if line.SKU == "" || strings.HasPrefix(line.SKU, "FAB-") {
				continue
			}
			assert.True(t, keys[testProductKey(line.SKU)], "quote %d line SKU %s is a product", q.ID, line.SKU)
		}
	}
}

func TestSPSProductPriceMentionsQuoteOwnPrices(t *testing.T) {
	mentions := 0
	for _, p := range fullDataset(t).SPS.Products {
		if !moneyText.MatchString(p.Description) {
			continue
		}
		mentions++
		assert.True(t, quotesOwnPrice(p), "product %d description quotes its price: %q", p.ID, p.Description)
	}
	assert.Positive(t, mentions, "descriptions with prices")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] > unicode.MaxASCII {
			return false
		}
	}
	return true
}

// TestSPSProductsServedBySimulator loads the products into the SPS
// simulator and reads them back page by page through the SPS client, as
// product sync does, so every generated value decodes.
func TestSPSProductsServedBySimulator(t *testing.T) {
	d := spsDatasetFor(t, productSizeCases[2].opts)
	sim := spssim.New(spssim.Options{})
	require.NoError(t, sim.LoadProducts(d.SPS.Products))
	server := httptest.NewServer(sim)
	t.Cleanup(server.Close)
	client, err := sps.New(sps.Config{BaseURL: server.URL, Username: "u", Password: "p", AuthorizedNumber: "a"})
	require.NoError(t, err)

	cases := []struct {
		name   string
		status string
		want   int
	}{
		{"all", "", len(d.SPS.Products)},
		{"active", "Active", d.Expect.SPSProducts.ActiveProducts},
		{"inactive", "Inactive", d.Expect.SPSProducts.InactiveProducts},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var read []sps.Product
			for page := 1; ; page++ {
				got, err := client.QueryProducts(context.Background(), sps.ProductFilter{Status: tc.status}, page, sps.MaxPageSize)
				require.NoError(t, err, "page %d", page)
				read = append(read, got.Records...)
				if !got.HasMore() {
					break
				}
			}

			assert.Len(t, read, tc.want, "products read")
		})
	}
}
