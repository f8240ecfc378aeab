package dataset

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/sps"
)

func TestSPSCustomerCounts(t *testing.T) {
	customers := fullDataset(t).SPS.Customers
	require.Len(t, customers, DefaultSPSCustomers)

	var active, activeB2B, activeRetail int
	for i, c := range customers {
		if i > 0 {
			require.Greater(t, c.ID, customers[i-1].ID, "customer ids increase at index %d", i)
		}
		if c.Status == "Active" {
			active++
		}
		if testActiveB2B(c) {
			activeB2B++
		}
		if c.Status == "Active" && c.Type == "Retail" && c.Name == c.ContactName {
			activeRetail++
		}
	}

	assert.GreaterOrEqual(t, activeB2B, 1500, "active B2B customers")
	assert.LessOrEqual(t, activeB2B, 1700, "active B2B customers")
	assert.GreaterOrEqual(t, activeRetail, 2000, "active retail customers")
	assert.Less(t, active, len(customers)/4, "active customers are a minority")
}

func TestSPSSalesReps(t *testing.T) {
	data := fullDataset(t).SPS
	written, primary := map[string]bool{}, map[string]bool{}
	var noRepName int
	for _, c := range data.Customers {
		if c.SalesRepName != "" {
			written[c.SalesRepName] = true
		}
		primary[c.PrimarySalesRep] = true
		if testActiveB2B(c) && c.SalesRepName == "" {
			noRepName++
			assert.NotEmpty(t, c.PrimarySalesRep, "customer %d has a primary sales rep", c.ID)
		}
	}

	assert.True(t, slices.IsSorted(data.SalesReps), "sales reps sorted")
	assert.ElementsMatch(t, keysOf(written), data.SalesReps, "sales reps are the distinct salesRepName values")
	assert.Len(t, primary, 12, "distinct primary sales reps")
	assert.NotContains(t, primary, "", "every customer has a primary sales rep")
	assert.GreaterOrEqual(t, noRepName, 20, "active B2B customers without salesRepName")
	for _, variant := range []string{"dana ortiz", "Dana  Ortiz"} {
		assert.Contains(t, data.SalesReps, variant, "rep name variant %q", variant)
	}
}

func TestSPSRepVariantsOnActiveB2B(t *testing.T) {
	variants := map[string]int{}
	for _, c := range fullDataset(t).SPS.Customers {
		if !testActiveB2B(c) || c.SalesRepName == c.PrimarySalesRep || c.SalesRepName == "" {
			continue
		}
		variants[c.SalesRepName]++
		folded := strings.Join(strings.Fields(strings.ToLower(c.SalesRepName)), " ")
		assert.Equal(t, strings.ToLower(c.PrimarySalesRep), folded,
			"customer %d: salesRepName %q differs from its rep only in case or spacing", c.ID, c.SalesRepName)
	}

	assert.GreaterOrEqual(t, len(variants), 3, "rep name variants on active B2B customers")
}

func TestSPSPlaceholders(t *testing.T) {
	seen := map[string]bool{}
	var b2bTyped int
	for _, c := range fullDataset(t).SPS.Customers {
		if !testPlaceholder(c.Name) {
			continue
		}
		seen[c.Name+"/"+c.Status] = true
		if c.Status == "Active" && testB2BTypes[c.Type] {
			b2bTyped++
		}
	}

	for _, name := range []string{"Walk-in Customer", "Cash Sale", "CASH SALE", "Walk In",
		"Counter Sale", "Misc Customer", "Do Not Use", "Test Customer"} {
		assert.True(t, seen[name+"/Active"], "active placeholder %q", name)
		assert.True(t, seen[name+"/Inactive"], "inactive placeholder %q", name)
	}
	assert.Positive(t, b2bTyped, "active placeholders with a B2B type")
}

// customerCase is a messy case of SPS customer data and the least number
// of full-size records that must show it.
type customerCase struct {
	name  string
	least int
	match func(c sps.Customer) bool
}

var phoneExtension = regexp.MustCompile(`(?i)(x|ext\.?|#)\s*\d+$`)

var customerCases = []customerCase{
	{"company name equals contact name", 10, func(c sps.Customer) bool {
		return c.Status == "Active" && testB2BTypes[c.Type] && c.Name != "" && c.Name == c.ContactName
	}},
	{"free-mail B2B", 100, func(c sps.Customer) bool {
		return testActiveB2B(c) && testFreeMail[testDomain(c.Email)]
	}},
	{"B2B without e-mail", 20, func(c sps.Customer) bool { return testActiveB2B(c) && c.Email == "" }},
	{"invalid e-mail", 5, func(c sps.Customer) bool { return c.Email != "" && !strings.Contains(c.Email, "@") }},
	{"e-mail with odd case or spaces", 100, func(c sps.Customer) bool {
		return c.Email != testEmailKey(c.Email)
	}},
	{"empty creditLimit", 100, func(c sps.Customer) bool { return encodes(c.CreditLimit, `""`) }},
	{"null creditLimit", 100, func(c sps.Customer) bool { return encodes(c.CreditLimit, `null`) }},
	{"creditLimit with cents", 100, func(c sps.Customer) bool { return strings.HasSuffix(c.CreditLimit.String(), ".00") }},
	{"empty salesRepId", 100, func(c sps.Customer) bool { return encodes(c.SalesRepID, `""`) }},
	{"empty parentCustomerId", 100, func(c sps.Customer) bool { return encodes(c.ParentCustomerID, `""`) }},
	{"empty modifiedDate", 100, func(c sps.Customer) bool { return encodes(c.ModifiedDate, `""`) }},
	{"date-only modifiedDate", 100, func(c sps.Customer) bool { return len(c.ModifiedDate.String()) == 10 }},
	{"modifiedDate without zone", 100, func(c sps.Customer) bool { return len(c.ModifiedDate.String()) == 19 }},
	{"tax exempt", 100, func(c sps.Customer) bool { return c.IsTaxExempt }},
	{"billing address", 1000, func(c sps.Customer) bool { return c.BillingAddress != nil }},
	{"shipping address", 100, func(c sps.Customer) bool { return c.ShippingAddress != nil }},
	{"address without country", 100, func(c sps.Customer) bool {
		return c.BillingAddress != nil && c.BillingAddress.Country == ""
	}},
	{"phone with extension", 20, func(c sps.Customer) bool { return phoneExtension.MatchString(c.Phone) }},
	{"international phone", 20, func(c sps.Customer) bool { return strings.HasPrefix(c.Phone, "+44") }},
	{"unparseable phone", 20, func(c sps.Customer) bool { return c.Phone != "" && testPhoneKey(c.Phone) == "" }},
	{"no code", 100, func(c sps.Customer) bool { return c.Code == "" }},
}

func TestSPSCustomerMess(t *testing.T) {
	customers := fullDataset(t).SPS.Customers
	for _, tc := range customerCases {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			for _, c := range customers {
				if tc.match(c) {
					n++
				}
			}
			assert.GreaterOrEqual(t, n, tc.least)
		})
	}
}

func TestSPSCustomerFieldValues(t *testing.T) {
	allowed := map[string][]string{
		"status":       {"Active", "Inactive"},
		"type":         {"Contractor", "Trade", "Wholesale", "Fabricator", "Designer", "Retail"},
		"priceLevel":   {"Wholesale", "Contractor", "Retail", "Tier 1", "Tier 2", "Tier 3", ""},
		"paymentTerms": {"Net 30", "Net 15", "COD", "Due on receipt"},
	}
	seen := map[string]map[string]bool{}
	for field := range allowed {
		seen[field] = map[string]bool{}
	}
	for _, c := range fullDataset(t).SPS.Customers {
		seen["status"][c.Status] = true
		seen["type"][c.Type] = true
		seen["priceLevel"][c.PriceLevel] = true
		seen["paymentTerms"][c.PaymentTerms] = true
	}

	for field, values := range allowed {
		t.Run(field, func(t *testing.T) {
			assert.ElementsMatch(t, values, keysOf(seen[field]))
		})
	}
}

func TestSPSSharedBillingEmails(t *testing.T) {
	customers := fullDataset(t).SPS.Customers
	byID := map[int64]sps.Customer{}
	for _, c := range customers {
		byID[c.ID] = c
	}

	branches := 0
	for _, c := range customers {
		parentID, ok := c.ParentCustomerID.Int64()
		if !ok {
			continue
		}
		parent, found := byID[parentID]
		require.True(t, found, "customer %d names parent %d", c.ID, parentID)

		branches++
		assert.Less(t, parentID, c.ID, "customer %d: head office id is lower", c.ID)
		assert.True(t, testActiveB2B(c), "branch %d is active B2B", c.ID)
		assert.True(t, testActiveB2B(parent), "head office %d is active B2B", parentID)
		assert.Equal(t, testEmailKey(parent.Email), testEmailKey(c.Email), "customer %d shares its head office's e-mail", c.ID)
		assert.True(t, strings.HasPrefix(testEmailKey(c.Email), "accounting@"), "customer %d billing address", c.ID)
		assert.NotEqual(t, testCompanyName(parent.Name), testCompanyName(c.Name), "customer %d has its own name", c.ID)
	}
	assert.GreaterOrEqual(t, branches, 5, "branches sharing a billing e-mail")
}

func TestSPSRetailTwins(t *testing.T) {
	b2bEmails := map[string]string{}
	for _, c := range fullDataset(t).SPS.Customers {
		if testActiveB2B(c) && c.ContactName != "" {
			b2bEmails[testEmailKey(c.Email)] = c.ContactName
		}
	}

	twins := 0
	for _, c := range fullDataset(t).SPS.Customers {
		contact, ok := b2bEmails[testEmailKey(c.Email)]
		if c.Status == "Active" && c.Type == "Retail" && c.Email != "" && ok {
			twins++
			assert.Equal(t, contact, c.Name, "retail customer %d is the B2B contact", c.ID)
		}
	}
	assert.GreaterOrEqual(t, twins, 5, "retail customers who are also a B2B contact")
}

func TestSPSPhoneFormats(t *testing.T) {
	shapes := map[string]bool{}
	for _, c := range fullDataset(t).SPS.Customers {
		shapes[regexp.MustCompile(`\d`).ReplaceAllString(c.Phone, "9")] = true
	}

	assert.GreaterOrEqual(t, len(shapes), 12, "distinct phone shapes")
}

// TestSPSIdentitiesDisjointFromSquare checks that no SPS customer or SPS
// HubSpot contact shares an e-mail or phone key with a Square customer or
// a web-form contact.
func TestSPSIdentitiesDisjointFromSquare(t *testing.T) {
	d := fullDataset(t)
	square := map[string]string{}
	for _, c := range d.Square.Customers {
		addKeys(square, "square customer "+str(c.ID), str(c.EmailAddress), str(c.PhoneNumber))
	}
	for _, o := range portalObjectsOf(d.HubSpot.Objects[:420], "contacts") {
		addKeys(square, "form contact "+o.ID, o.Properties["email"], o.Properties["phone"])
	}

	for _, c := range d.SPS.Customers {
		for _, key := range []string{"e:" + testEmailKey(c.Email), "p:" + testPhoneKey(c.Phone)} {
			if len(key) > 2 {
				assert.Empty(t, square[key], "SPS customer %d shares %s", c.ID, key)
			}
		}
	}
	for _, o := range portalObjectsOf(d.HubSpot.Objects[420:], "contacts") {
		for _, key := range []string{"e:" + testEmailKey(o.Properties["email"]), "p:" + testPhoneKey(o.Properties["phone"])} {
			if len(key) > 2 {
				assert.Empty(t, square[key], "SPS contact %s shares %s", o.ID, key)
			}
		}
	}
}

func addKeys(keys map[string]string, record, email, phone string) {
	if k := testEmailKey(email); k != "" {
		keys["e:"+k] = record
	}
	if k := testPhoneKey(phone); k != "" {
		keys["p:"+k] = record
	}
}

func TestSPSJSONRoundTrip(t *testing.T) {
	first, err := json.Marshal(fullDataset(t).SPS)
	require.NoError(t, err)

	for _, empty := range []string{`"creditLimit":""`, `"salesRepId":""`, `"modifiedDate":""`,
		`"total":""`, `"expiryDate":""`, `"opportunityID":""`, `"itemId":""`} {
		assert.Contains(t, string(first), empty)
	}

	var decoded SPS
	require.NoError(t, json.Unmarshal(first, &decoded))
	second, err := json.Marshal(decoded)
	require.NoError(t, err)
	assert.Equal(t, string(first), string(second), "SPS part re-encodes byte for byte")
}

// encodes reports whether v encodes as want.
func encodes(v json.Marshaler, want string) bool {
	b, err := v.MarshalJSON()
	return err == nil && string(b) == want
}

func keysOf(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}

	return keys
}
