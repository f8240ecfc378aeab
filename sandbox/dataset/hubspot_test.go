package dataset

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/sandbox/hubspot"
)

func portalObjects(d *Dataset, objectType string) []hubspot.Object {
	var out []hubspot.Object
	for _, o := range d.HubSpot.Objects {
		if o.ObjectType == objectType {
			out = append(out, o)
		}
	}

	return out
}

func TestPortalRecords(t *testing.T) {
	d := fullDataset(t)
	allowed := map[string]map[string]bool{
		"contacts": {"email": true, "firstname": true, "lastname": true, "phone": true,
			"company": true, "hs_lead_status": true, "lifecyclestage": true},
		"companies": {"name": true, "domain": true, "phone": true, "city": true, "state": true},
	}
	numeric := regexp.MustCompile(`^[1-9][0-9]*$`)
	start := windowStart(Options{Now: testNow})

	cases := []struct {
		objectType string
		low, high  int
	}{
		{"contacts", 280, 320},
		{"companies", 110, 130},
	}
	for _, tc := range cases {
		t.Run(tc.objectType, func(t *testing.T) {
			records := portalObjects(d, tc.objectType)
			assert.GreaterOrEqual(t, len(records), tc.low)
			assert.LessOrEqual(t, len(records), tc.high)

			ids := map[string]bool{}
			for _, o := range records {
				assert.Regexp(t, numeric, o.ID)
				assert.False(t, ids[o.ID], "duplicate id %s", o.ID)
				ids[o.ID] = true
				assert.True(t, o.CreatedAt.Before(start), "%s %s created in the order window", tc.objectType, o.ID)
				assert.False(t, o.UpdatedAt.Before(o.CreatedAt), "%s %s updated before created", tc.objectType, o.ID)
				assert.True(t, o.UpdatedAt.Before(start), "%s %s updated in the order window", tc.objectType, o.ID)
				for prop, value := range o.Properties {
					assert.True(t, allowed[tc.objectType][prop], "%s %s has property %s", tc.objectType, o.ID, prop)
					assert.NotEmpty(t, value, "%s %s property %s", tc.objectType, o.ID, prop)
				}
			}
		})
	}
}

func TestContactLeadStatuses(t *testing.T) {
	counts := map[string]int{}
	for _, o := range portalObjects(fullDataset(t), "contacts") {
		counts[o.Properties["hs_lead_status"]]++
	}

	assert.Greater(t, counts["NEW"], 150, "contacts with status NEW")
	assert.Positive(t, counts[""], "contacts with blank status")
	for status := range counts {
		assert.Contains(t, []string{"", "NEW", "OPEN", "IN_PROGRESS", "CONNECTED"}, status)
	}
	other := counts["OPEN"] + counts["IN_PROGRESS"] + counts["CONNECTED"]
	assert.Positive(t, other, "contacts with another default status")
}

func TestContactCompanyAssociations(t *testing.T) {
	d := fullDataset(t)
	contacts, companies := map[string]hubspot.Object{}, map[string]hubspot.Object{}
	for _, o := range portalObjects(d, "contacts") {
		contacts[o.ID] = o
	}
	for _, o := range portalObjects(d, "companies") {
		companies[o.ID] = o
	}

	forward, backward := map[string]string{}, map[string]string{}
	for _, a := range d.HubSpot.Associations {
		switch a.TypeID {
		case 279:
			assert.Equal(t, "contacts", a.FromType)
			assert.Equal(t, "companies", a.ToType)
			forward[a.FromID+">"+a.ToID] = a.ToID
		case 280:
			assert.Equal(t, "companies", a.FromType)
			assert.Equal(t, "contacts", a.ToType)
			backward[a.ToID+">"+a.FromID] = a.FromID
		default:
			t.Errorf("unexpected association type %d from %s %s", a.TypeID, a.FromType, a.FromID)
		}
	}

	assert.GreaterOrEqual(t, len(forward), 30, "contact to company associations")
	assert.Equal(t, forward, backward, "every link exists in both directions")
	for pair, companyID := range forward {
		contactID, _, _ := strings.Cut(pair, ">")
		contact, ok := contacts[contactID]
		require.True(t, ok, "association from unknown contact %s", contactID)
		company, ok := companies[companyID]
		require.True(t, ok, "association to unknown company %s", companyID)

		assert.Equal(t, company.Properties["name"], contact.Properties["company"], "contact %s company name", contactID)
		assert.True(t, strings.HasSuffix(contact.Properties["email"], "@"+company.Properties["domain"]), "contact %s e-mail domain", contactID)
	}
}

// testFirmName lower-cases name, drops punctuation and a trailing legal
// suffix.
func testFirmName(name string) string {
	words := strings.Fields(regexp.MustCompile(`[^a-z0-9 ]+`).ReplaceAllString(strings.ToLower(name), " "))
	if n := len(words); n > 1 && regexp.MustCompile(`^(llc|inc|co|corp)$`).MatchString(words[n-1]) {
		words = words[:n-1]
	}

	return strings.Join(words, " ")
}

func TestCompaniesMatchBusinessBuyers(t *testing.T) {
	d := fullDataset(t)
	buyerDomains, buyerNames := map[string]bool{}, map[string]string{}
	for _, c := range d.Square.Customers {
		if c.CompanyName == nil {
			continue
		}
		_, domain, _ := strings.Cut(testEmailKey(str(c.EmailAddress)), "@")
		buyerDomains[domain] = true
		buyerNames[testFirmName(*c.CompanyName)] = *c.CompanyName
	}

	var byDomain, byNameOnly int
	var riveraLLC bool
	for _, o := range portalObjects(d, "companies") {
		if buyerDomains[o.Properties["domain"]] {
			byDomain++
		}
		written, ok := buyerNames[testFirmName(o.Properties["name"])]
		if ok && !buyerDomains[o.Properties["domain"]] && written != o.Properties["name"] {
			byNameOnly++
		}
		if o.Properties["name"] == "Rivera Tile, LLC" {
			riveraLLC = true
		}
	}

	assert.GreaterOrEqual(t, byDomain, 8, "companies matching a buyer's e-mail domain")
	assert.GreaterOrEqual(t, byNameOnly, 3, "companies matching a buyer only by normalised name")
	assert.True(t, riveraLLC, `company "Rivera Tile, LLC"`)
}

func TestPortalLoadsIntoSimulator(t *testing.T) {
	for _, tc := range sizeCases {
		t.Run(tc.name, func(t *testing.T) {
			d := datasetFor(t, tc.opts)
			sim := hubspot.New(hubspot.Options{Clock: func() time.Time { return tc.opts.Now }})

			require.NoError(t, sim.LoadPortal(d.HubSpot))
			assert.Len(t, sim.Objects("contacts"), len(portalObjects(d, "contacts")))
			assert.Len(t, sim.Objects("companies"), len(portalObjects(d, "companies")))
			assert.Len(t, sim.Associations("contacts", "companies"), len(d.HubSpot.Associations)/2)
		})
	}
}
