package activities

import (
	"context"
	"fmt"
	"sort"
	"strings"

	square "github.com/square/square-go-sdk"

	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/normalize"
	"github.com/stonecity/sync/ordermap"
)

// buyer is one person behind the page's orders. Square customers with the
// same normalised e-mail (or, without e-mail, the same phone) are one
// buyer, so they become one HubSpot contact.
type buyer struct {
	// identity is "email:<e-mail>", "phone:<E.164>" or
	// "customer:<Square customer id>" for buyers with neither key.
	identity    string
	customerIDs []string
	emailKey    string
	phoneKey    string
	props       map[string]string

	companyKey    string
	companyName   string
	companyDomain string

	orderIDs     []string
	purchaseDate string
	vip          bool
}

// loadBuyers fetches the Square customers of pending orders and groups
// them into buyers. An order whose customer no longer exists in Square
// (merged or deleted profiles) still gets its deal, without a contact.
func (p *orderPage) loadBuyers(ctx context.Context) error {
	var ids []string
	seen := map[string]bool{}
	for _, d := range p.deals {
		if d.CustomerID != "" && p.pending(d.OrderID) && !seen[d.CustomerID] {
			seen[d.CustomerID] = true
			ids = append(ids, d.CustomerID)
		}
	}
	if len(ids) == 0 {
		return nil
	}

	customers, missing, err := p.a.Square.BulkRetrieveCustomers(ctx, ids)
	if err != nil {
		return fmt.Errorf("fetch Square customers: %w", err)
	}
	if len(missing) > 0 {
		activity.GetLogger(ctx).Info("Square customers not found; their orders sync without a contact",
			"count", len(missing))
	}

	byIdentity := map[string]*buyer{}
	for _, d := range p.deals {
		c := customers[d.CustomerID]
		if c == nil || !p.pending(d.OrderID) {
			continue
		}
		email, _ := normalize.Email(deref(c.EmailAddress))
		phone, _ := normalize.Phone(deref(c.PhoneNumber))
		identity := buyerIdentity(email, phone, d.CustomerID)

		b := byIdentity[identity]
		if b == nil {
			b = &buyer{
				identity: identity,
				emailKey: email,
				phoneKey: phone,
				props:    ordermap.ContactProperties(c),
			}
			b.setCompany(c)
			byIdentity[identity] = b
		}
		b.addCustomer(d.CustomerID)
		b.orderIDs = append(b.orderIDs, d.OrderID)
		if d.PurchaseDate > b.purchaseDate {
			b.purchaseDate = d.PurchaseDate
		}
		b.vip = b.vip || d.VIP
		p.buyerOf[d.OrderID] = b
	}

	for _, identity := range sortedKeys(byIdentity) {
		p.buyers = append(p.buyers, byIdentity[identity])
	}
	return nil
}

func buyerIdentity(email, phone, customerID string) string {
	switch {
	case email != "":
		return "email:" + email
	case phone != "":
		return "phone:" + phone
	default:
		return "customer:" + customerID
	}
}

func (b *buyer) addCustomer(id string) {
	for _, existing := range b.customerIDs {
		if existing == id {
			return
		}
	}
	b.customerIDs = append(b.customerIDs, id)
	sort.Strings(b.customerIDs)
}

// setCompany sets the buyer's company: keyed by the e-mail domain unless
// it is a free-mail domain, else by the normalised company name. A company
// needs both a company name and an e-mail.
func (b *buyer) setCompany(c *square.Customer) {
	key, ok := ordermap.CompanyKey(c)
	if !ok {
		return
	}
	b.companyKey = key
	if c.CompanyName != nil {
		b.companyName = normalize.PersonName(*c.CompanyName)
	}
	if domain, isDomain := strings.CutPrefix(key, "domain:"); isDomain {
		b.companyDomain = domain
	}
}

// failBuyer fails every pending order of a buyer.
func (p *orderPage) failBuyer(b *buyer, reason string) {
	for _, orderID := range b.orderIDs {
		p.fail(orderID, reason)
	}
}

// activeBuyers returns the buyers that still have a pending order.
func (p *orderPage) activeBuyers() []*buyer {
	var out []*buyer
	for _, b := range p.buyers {
		for _, orderID := range b.orderIDs {
			if p.pending(orderID) {
				out = append(out, b)
				break
			}
		}
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
