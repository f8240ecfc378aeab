package dataset

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/sandbox/hubspot"
)

// squarePartExpectations holds the Expectations fields that existed
// before the SPS part, with the same JSON names in the same order, so
// that it encodes as Expectations did then.
type squarePartExpectations struct {
	SaleOrders            int `json:"saleOrders"`
	ReturnOrders          int `json:"returnOrders"`
	OrdersWithoutCustomer int `json:"ordersWithoutCustomer"`
	VIPOrders             int `json:"vipOrders"`
	DistinctBuyers        int `json:"distinctBuyers"`
	NewContacts           int `json:"newContacts"`
	MatchedFormContacts   int `json:"matchedFormContacts"`
}

// squarePartHash returns the SHA-256 of the JSON of the Square records,
// the first objects and associations of the HubSpot portal with its
// pipelines, and the Square-part expectations.
func squarePartHash(t *testing.T, d *Dataset, objects, associations int) string {
	t.Helper()
	require.GreaterOrEqual(t, len(d.HubSpot.Objects), objects, "portal objects")
	require.GreaterOrEqual(t, len(d.HubSpot.Associations), associations, "portal associations")

	portal := hubspot.Portal{
		Objects:      d.HubSpot.Objects[:objects],
		Associations: d.HubSpot.Associations[:associations],
		Pipelines:    d.HubSpot.Pipelines,
	}
	if associations == 0 {
		// The portal had no associations then, and its nil slice
		// encoded as null.
		portal.Associations = nil
	}
	e := d.Expect
	legacy := squarePartExpectations{e.SaleOrders, e.ReturnOrders, e.OrdersWithoutCustomer,
		e.VIPOrders, e.DistinctBuyers, e.NewContacts, e.MatchedFormContacts}

	h := sha256.New()
	for _, part := range []any{d.Square, portal, legacy} {
		b, err := json.Marshal(part)
		require.NoError(t, err)
		h.Write(b)
	}

	return hex.EncodeToString(h.Sum(nil))
}

// TestSquarePartUnchanged compares the Square and HubSpot output with
// hashes taken from the generator before it had an SPS part: JSON of
// Square, of the HubSpot portal and of Expectations, for the same
// options. The counts are the portal's objects and associations then.
func TestSquarePartUnchanged(t *testing.T) {
	cases := []struct {
		name         string
		opts         Options
		objects      int
		associations int
		hash         string
	}{
		{"full", Options{Seed: 42, Now: testNow}, 420, 104,
			"2b5aacc7abfc1db967de6aeeecc7fe5f37260be981701c8ee4a245cee22c4e64"},
		{"small", Options{Seed: 7, Now: testNow, Orders: 100, Days: 7}, 28, 0,
			"60fa761569d5298a9a3bf42249f0f8ebe63bcf92793e6c3c82deab4559936c9d"},
		{"zero options", Options{}, 420, 114,
			"f1eaa94a0a8dc0befd3da2c5f3fa01526d0f3c7f672bc3d00c17034ae4bbfad6"},
		{"small with other SPS sizes", Options{Seed: 7, Now: testNow, Orders: 100, Days: 7,
			SPSCustomers: 500, SPSQuotes: 40}, 28, 0,
			"60fa761569d5298a9a3bf42249f0f8ebe63bcf92793e6c3c82deab4559936c9d"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := datasetFor(t, tc.opts)

			assert.Equal(t, tc.hash, squarePartHash(t, d, tc.objects, tc.associations))
		})
	}
}

func TestSPSPortalRecordsAppended(t *testing.T) {
	d := fullDataset(t)
	added := d.HubSpot.Objects[420:]

	require.NotEmpty(t, added, "SPS records appended to the portal")
	for _, o := range added {
		_, isCompany := o.Properties["name"]
		_, isContact := o.Properties["email"]
		assert.True(t, isCompany || isContact, "%s %s is an SPS company or contact", o.ObjectType, o.ID)
	}
	assert.Len(t, d.HubSpot.Associations, 104+2*len(portalObjectsOf(added, "contacts")),
		"associations: the Square part's, then two per SPS contact")
}

func portalObjectsOf(objects []hubspot.Object, objectType string) []hubspot.Object {
	var out []hubspot.Object
	for _, o := range objects {
		if o.ObjectType == objectType {
			out = append(out, o)
		}
	}

	return out
}
