package dataset

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/sandbox/hubspot"
)

func TestSPSPortalCompanies(t *testing.T) {
	d := fullDataset(t)
	base, added := d.HubSpot.Objects[:420], d.HubSpot.Objects[420:]
	companies := portalObjectsOf(added, "companies")
	allowed := map[string]bool{"name": true, "domain": true, "phone": true, "city": true, "state": true}

	require.Len(t, companies, 10, "SPS companies")
	highest := highestTestID(t, portalObjectsOf(base, "companies"))
	for _, o := range companies {
		assert.Greater(t, parseTestID(t, o.ID), highest, "company %s id above the Square part's", o.ID)
		for prop := range o.Properties {
			assert.True(t, allowed[prop], "company %s has property %s", o.ID, prop)
		}
	}

	var freeMail int
	for _, o := range companies {
		if testFreeMail[o.Properties["domain"]] {
			freeMail++
		}
	}
	assert.Equal(t, 1, freeMail, "companies with a free-mail domain")
}

func TestSPSPortalContacts(t *testing.T) {
	d := fullDataset(t)
	base, added := d.HubSpot.Objects[:420], d.HubSpot.Objects[420:]
	contacts := portalObjectsOf(added, "contacts")
	allowed := map[string]bool{"email": true, "firstname": true, "lastname": true, "phone": true,
		"hs_lead_status": true, "company": true}
	statuses := map[string]bool{"": true, "NEW": true, "OPEN": true, "IN_PROGRESS": true, "CONNECTED": true}

	require.GreaterOrEqual(t, len(contacts), 6, "SPS contacts")
	require.LessOrEqual(t, len(contacts), 20, "SPS contacts")
	highest := highestTestID(t, portalObjectsOf(base, "contacts"))
	seen := map[string]bool{}
	for _, o := range contacts {
		assert.Greater(t, parseTestID(t, o.ID), highest, "contact %s id above the Square part's", o.ID)
		assert.True(t, statuses[o.Properties["hs_lead_status"]], "contact %s lead status %q", o.ID, o.Properties["hs_lead_status"])
		for prop := range o.Properties {
			assert.True(t, allowed[prop], "contact %s has property %s", o.ID, prop)
		}
		seen[o.Properties["hs_lead_status"]] = true
	}
	assert.True(t, seen["NEW"], "a contact with lead status NEW")
	assert.GreaterOrEqual(t, len(seen), 2, "lead statuses among SPS contacts")
}

func TestSPSPortalContactLinks(t *testing.T) {
	d := fullDataset(t)
	added := d.HubSpot.Objects[420:]
	companies := map[string]bool{}
	for _, o := range portalObjectsOf(added, "companies") {
		companies[o.ID] = true
	}

	perCompany := map[string]int{}
	for _, a := range d.HubSpot.Associations[104:] {
		if a.TypeID == 279 {
			require.True(t, companies[a.ToID], "contact %s linked to SPS company %s", a.FromID, a.ToID)
			perCompany[a.ToID]++
		}
	}

	assert.GreaterOrEqual(t, len(perCompany), 4, "SPS companies with contacts")
	for company, n := range perCompany {
		assert.LessOrEqual(t, n, 3, "contacts of company %s", company)
	}
	assert.Equal(t, len(portalObjectsOf(added, "contacts")), sumOf(perCompany), "every SPS contact is linked")
}

func TestSPSPortalHasNoSPSProperties(t *testing.T) {
	for _, o := range fullDataset(t).HubSpot.Objects {
		for prop := range o.Properties {
			assert.False(t, strings.HasPrefix(prop, "sps_"), "%s %s has %s before setup", o.ObjectType, o.ID, prop)
		}
	}
}

func highestTestID(t *testing.T, objects []hubspot.Object) int64 {
	t.Helper()
	var highest int64
	for _, o := range objects {
		highest = max(highest, parseTestID(t, o.ID))
	}

	return highest
}

func parseTestID(t *testing.T, id string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(id, 10, 64)
	require.NoError(t, err, "record id %q", id)

	return n
}

func sumOf(counts map[string]int) int {
	total := 0
	for _, n := range counts {
		total += n
	}

	return total
}
