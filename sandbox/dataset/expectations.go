package dataset

import (
	"strings"

	square "github.com/square/square-go-sdk"

	"github.com/stonecity/sync/sandbox/hubspot"
)

// computeExpectations counts what order sync must produce from sq and
// portal. Buyers (existing customers of sale orders) and form contacts
// are joined into identities wherever they share an e-mail key or a phone
// key. The generator links at most two records per identity, so order
// sync's "by e-mail first, then by phone" matching reaches the same
// identities.
func computeExpectations(sq Square, portal hubspot.Portal) Expectations {
	var exp Expectations

	customers := make(map[string]*square.Customer, len(sq.Customers))
	for _, c := range sq.Customers {
		customers[*c.ID] = c
	}

	ids := newIdentities()
	for _, o := range sq.Orders {
		if len(o.Returns) > 0 {
			exp.ReturnOrders++
			continue
		}

		exp.SaleOrders++
		if o.TotalMoney != nil && o.TotalMoney.Amount != nil && *o.TotalMoney.Amount >= VIPThreshold {
			exp.VIPOrders++
		}
		if o.CustomerID == nil {
			exp.OrdersWithoutCustomer++
			continue
		}
		if c, ok := customers[*o.CustomerID]; ok {
			ids.add("customer:"+*c.ID, true, deref(c.EmailAddress), deref(c.PhoneNumber))
		}
	}

	for _, obj := range portal.Objects {
		if obj.ObjectType == "contacts" {
			ids.add("contact:"+obj.ID, false, obj.Properties["email"], obj.Properties["phone"])
		}
	}

	exp.DistinctBuyers, exp.NewContacts, exp.MatchedFormContacts = ids.count()

	return exp
}

// identities is a union-find over records joined by shared keys.
type identities struct {
	parent map[string]string
	buyer  map[string]bool // record is a buyer, not a form contact
	byKey  map[string]string
	order  []string // records in insertion order, for deterministic counts
}

func newIdentities() *identities {
	return &identities{
		parent: make(map[string]string),
		buyer:  make(map[string]bool),
		byKey:  make(map[string]string),
	}
}

// add records a buyer or a form contact with its raw e-mail and phone;
// adding the same record twice has no effect.
func (s *identities) add(record string, buyer bool, email, phone string) {
	if _, seen := s.parent[record]; seen {
		return
	}
	s.parent[record] = record
	s.buyer[record] = buyer
	s.order = append(s.order, record)

	for _, key := range []string{emailKey(email), phoneKey(phone)} {
		if key == "" {
			continue
		}
		if other, ok := s.byKey[key]; ok {
			s.union(record, other)
		} else {
			s.byKey[key] = record
		}
	}
}

func (s *identities) find(record string) string {
	for s.parent[record] != record {
		s.parent[record] = s.parent[s.parent[record]]
		record = s.parent[record]
	}

	return record
}

func (s *identities) union(a, b string) {
	s.parent[s.find(a)] = s.find(b)
}

// count returns the number of identities with a buyer, those among them
// without a form contact, and the form contacts in identities with a
// buyer.
func (s *identities) count() (buyers, newContacts, matchedForms int) {
	hasBuyer := make(map[string]bool)
	hasForm := make(map[string]bool)
	for _, r := range s.order {
		root := s.find(r)
		if s.buyer[r] {
			hasBuyer[root] = true
		} else {
			hasForm[root] = true
		}
	}

	counted := make(map[string]bool)
	for _, r := range s.order {
		root := s.find(r)
		if !s.buyer[r] && hasBuyer[root] {
			matchedForms++
		}
		if !hasBuyer[root] || counted[root] {
			continue
		}
		counted[root] = true
		buyers++
		if !hasForm[root] {
			newContacts++
		}
	}

	return buyers, newContacts, matchedForms
}

// emailKey returns the trimmed, lower-cased address, or "" for none.
func emailKey(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// phoneKey returns the E.164 form of phone with the US as the default
// region, or "" when it cannot be parsed. It drops an extension ("x12",
// "ext. 12", "#22"). Ten digits get "+1", eleven digits starting with 1
// get "+", and a leading "+" keeps its country code. Fewer than ten digits
// never make a key.
func phoneKey(phone string) string {
	phone = strings.TrimSpace(phone)
	if i := strings.IndexAny(strings.ToLower(phone), "x#"); i >= 0 {
		phone = phone[:i]
	}

	var digits strings.Builder
	for _, c := range phone {
		if c >= '0' && c <= '9' {
			digits.WriteRune(c)
		}
	}
	d := digits.String()

	switch {
	case len(d) < 10:
		return ""
	case strings.HasPrefix(phone, "+"):
		return "+" + d
	case len(d) == 10:
		return "+1" + d
	case len(d) == 11 && d[0] == '1':
		return "+" + d
	default:
		return ""
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}

	return *s
}
