package dataset

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The functions in this file recount identities independently of the
// generator: keys are the trimmed lower-cased e-mail and the digits of
// the phone (extension removed, "1" prefixed to ten digits), and buyers
// are matched one sale at a time the way order sync does.

var testExtension = regexp.MustCompile(`(?i)\s*(x|ext\.?|#)\s*\d+\s*$`)

func testEmailKey(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

func testPhoneKey(phone string) string {
	digits := strings.Map(keepDigits, testExtension.ReplaceAllString(phone, ""))
	switch {
	case len(digits) < 10:
		return ""
	case strings.HasPrefix(strings.TrimSpace(phone), "+"):
		return digits
	case len(digits) == 10:
		return "1" + digits
	case len(digits) == 11 && digits[0] == '1':
		return digits
	default:
		return ""
	}
}

func TestRecountPhoneKey(t *testing.T) {
	cases := []struct {
		name, phone, key string
	}{
		{"parens", "(206) 555-0134", "12065550134"},
		{"plus one", "+1 206 555 0134", "12065550134"},
		{"one dashes", "1-206-555-0134", "12065550134"},
		{"extension", "206.555.0134 ext. 305", "12065550134"},
		{"hash extension", "(503) 555-3672 #22", "15035553672"},
		{"international", "+44 20 7946 0958", "442079460958"},
		{"too short", "555-01", ""},
		{"no digits", "n/a", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.key, testPhoneKey(tc.phone))
		})
	}
}

// simulateOrderSync walks the sale orders in closed_at order and matches
// each existing buyer to a contact by e-mail key, then phone key, or else
// creates one. A buyer with no key gets one contact per customer id.
func simulateOrderSync(d *Dataset) Expectations {
	var exp Expectations
	byEmail, byPhone := map[string]string{}, map[string]string{}
	index := func(contact, email, phone string) {
		if k := testEmailKey(email); k != "" {
			byEmail[k] = contact
		}
		if k := testPhoneKey(phone); k != "" {
			byPhone[k] = contact
		}
	}
	for _, o := range d.HubSpot.Objects {
		if o.ObjectType == "contacts" {
			index("form:"+o.ID, o.Properties["email"], o.Properties["phone"])
		}
	}

	customers := map[string][2]string{}
	for _, c := range d.Square.Customers {
		customers[str(c.ID)] = [2]string{str(c.EmailAddress), str(c.PhoneNumber)}
	}

	touched, keyless := map[string]bool{}, map[string]string{}
	for _, o := range d.Square.Orders {
		if len(o.Returns) > 0 {
			exp.ReturnOrders++
			continue
		}
		exp.SaleOrders++
		if *o.TotalMoney.Amount >= 500000 {
			exp.VIPOrders++
		}
		if o.CustomerID == nil {
			exp.OrdersWithoutCustomer++
			continue
		}
		keys, ok := customers[*o.CustomerID]
		if !ok {
			continue
		}

		email, phone := testEmailKey(keys[0]), testPhoneKey(keys[1])
		contact := ""
		switch {
		case email != "" && byEmail[email] != "":
			contact = byEmail[email]
		case phone != "" && byPhone[phone] != "":
			contact = byPhone[phone]
		case email == "" && phone == "":
			if keyless[*o.CustomerID] == "" {
				keyless[*o.CustomerID] = fmt.Sprintf("new:%d", len(touched))
			}
			contact = keyless[*o.CustomerID]
		default:
			contact = fmt.Sprintf("new:%d", len(touched))
			index(contact, keys[0], keys[1])
		}

		if !touched[contact] {
			touched[contact] = true
			if strings.HasPrefix(contact, "form:") {
				exp.MatchedFormContacts++
			} else {
				exp.NewContacts++
			}
		}
	}
	exp.DistinctBuyers = len(touched)

	return exp
}

func TestExpectationsMatchRecount(t *testing.T) {
	for _, tc := range sizeCases {
		t.Run(tc.name, func(t *testing.T) {
			d := datasetFor(t, tc.opts)
			want := simulateOrderSync(d)

			assert.Equal(t, want.SaleOrders, d.Expect.SaleOrders, "sale orders")
			assert.Equal(t, want.ReturnOrders, d.Expect.ReturnOrders, "return orders")
			assert.Equal(t, want.OrdersWithoutCustomer, d.Expect.OrdersWithoutCustomer, "orders without customer")
			assert.Equal(t, want.VIPOrders, d.Expect.VIPOrders, "VIP orders")
			assert.Equal(t, want.DistinctBuyers, d.Expect.DistinctBuyers, "distinct buyers")
			assert.Equal(t, want.NewContacts, d.Expect.NewContacts, "new contacts")
			assert.Equal(t, want.MatchedFormContacts, d.Expect.MatchedFormContacts, "matched form contacts")
		})
	}
}

// identityRecord is a Square customer or a HubSpot form contact.
type identityRecord struct {
	id, email, phone string
	form             bool
}

func identityRecords(d *Dataset) []identityRecord {
	var records []identityRecord
	for _, c := range d.Square.Customers {
		records = append(records, identityRecord{id: str(c.ID), email: str(c.EmailAddress), phone: str(c.PhoneNumber)})
	}
	for _, o := range d.HubSpot.Objects {
		if o.ObjectType == "contacts" {
			records = append(records, identityRecord{id: o.ID, email: o.Properties["email"], phone: o.Properties["phone"], form: true})
		}
	}

	return records
}

func TestSharedKeysLinkAtMostTwoRecords(t *testing.T) {
	for _, tc := range sizeCases {
		t.Run(tc.name, func(t *testing.T) {
			holders := map[string][]identityRecord{}
			for _, r := range identityRecords(datasetFor(t, tc.opts)) {
				if k := testEmailKey(r.email); k != "" {
					holders["e:"+k] = append(holders["e:"+k], r)
				}
				if k := testPhoneKey(r.phone); k != "" {
					holders["p:"+k] = append(holders["p:"+k], r)
				}
			}

			partners := map[string]map[string]bool{}
			for key, rs := range holders {
				assert.LessOrEqual(t, len(rs), 2, "key %s is shared by %d records", key, len(rs))
				for _, a := range rs {
					for _, b := range rs {
						if a.id != b.id {
							if partners[a.id] == nil {
								partners[a.id] = map[string]bool{}
							}
							partners[a.id][b.id] = true
						}
					}
				}
			}
			for id, linked := range partners {
				assert.Len(t, linked, 1, "record %s is linked to %d others, a chain", id, len(linked))
			}
		})
	}
}

func TestDuplicateIdentityKinds(t *testing.T) {
	holders := map[string][]identityRecord{}
	for _, r := range identityRecords(fullDataset(t)) {
		if k := testEmailKey(r.email); k != "" {
			holders["email"+"\x00"+k] = append(holders["email"+"\x00"+k], r)
		}
		if k := testPhoneKey(r.phone); k != "" {
			holders["phone"+"\x00"+k] = append(holders["phone"+"\x00"+k], r)
		}
	}

	kinds := map[string]int{}
	for key, rs := range holders {
		if len(rs) != 2 {
			continue
		}
		by, _, _ := strings.Cut(key, "\x00")
		pair := "customer+customer"
		if rs[0].form || rs[1].form {
			pair = "customer+form"
		}
		raw := [2]string{rs[0].email, rs[1].email}
		if by == "phone" {
			raw = [2]string{rs[0].phone, rs[1].phone}
		}
		if raw[0] != raw[1] {
			kinds[pair+" by "+by]++
		}
	}

	for _, kind := range []string{"customer+customer by email", "customer+customer by phone",
		"customer+form by email", "customer+form by phone"} {
		assert.GreaterOrEqual(t, kinds[kind], 3, "pairs of %s written differently", kind)
	}
}
