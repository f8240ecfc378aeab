package dataset

import (
	"math/rand/v2"
	"strings"
)

// addRetailTwins adds n active retail customers who are also the contact
// of an active trade account with their own address: same name, same
// e-mail.
func (b *spsCustomerBuilder) addRetailTwins(n int) {
	var candidates []*customerDraft
	for _, d := range b.drafts {
		if d.role == roleActiveB2B && d.contactEmail != "" && d.c.ContactName != "" {
			candidates = append(candidates, d)
		}
	}

	for i := 0; i < n && i < len(candidates); i++ {
		owner := candidates[b.r.IntN(len(candidates))]
		twin := b.addRetail(spsActive, owner.contact)
		twin.c.Email = owner.contactEmail
	}
}

// addRetail appends an individual buyer: type Retail and the person's
// name as both name and contact name.
func (b *spsCustomerBuilder) addRetail(status string, p person) *customerDraft {
	r := b.r
	role := roleActiveRetail
	if status != spsActive {
		role = roleInactive
	}

	d := b.newDraft(role, status)
	c := d.c
	c.Name = fullName(p)
	c.ContactName = c.Name
	c.Type = spsRetail
	c.PriceLevel = "Retail"
	if chance(r, 0.1) {
		c.PriceLevel = ""
	}
	c.PaymentTerms = pick(r, []string{"Due on receipt", "Due on receipt", "COD"})
	c.CreditLimit = retailCreditLimit(r)
	c.IsTaxExempt = chance(r, 0.01)
	c.Phone = b.phone(0.75, 0.02)
	if chance(r, 0.7) {
		c.Email = maybeMess(r, b.g.people.freshEmail(r, p, pick(r, spsFreeMailDomains)))
	}
	if chance(r, 0.15) {
		c.SalesRepName = ""
		c.SalesRepID = emptyOrNull(r, 0.5)
	}
	d.contact = p

	return d
}

// addSameName appends a customer with a trade type whose company name
// is only the contact's own name, so it counts as retail.
func (b *spsCustomerBuilder) addSameName(status string) {
	p := randomPerson(b.r)
	d := b.newB2B(roleSameName, status, fullName(p), p)
	if status != spsActive {
		d.role = roleInactive
	}
	d.c.ContactName = d.c.Name
	b.setFreeMail(d, d.c.Name)
}

// addPlaceholders adds each placeholder name twice, once active and once
// inactive. Some carry a trade type and no contact name, so only the
// name distinguishes them from a firm.
func (b *spsCustomerBuilder) addPlaceholders() {
	r := b.r
	for _, name := range spsPlaceholderNames {
		for _, status := range []string{spsActive, spsInactive} {
			d := b.newDraft(rolePlaceholder, status)
			c := d.c
			c.Name = name
			c.Type = []string{spsRetail, spsRetail, "Contractor", "Trade", "Wholesale"}[r.IntN(5)]
			c.PriceLevel = "Retail"
			c.PaymentTerms = "Due on receipt"
			c.CreditLimit = retailCreditLimit(r)
			c.BillingAddress = nil
			switch r.IntN(4) {
			case 0:
				c.ContactName = pick(r, []string{"Counter", "Store", "Cashier"})
			case 1:
				c.Email = "noemail@example.com"
			case 2:
				c.Phone = "000-000-0000"
			}
		}
	}
}

// fullName returns "given family", or the one that is set.
func fullName(p person) string {
	return strings.TrimSpace(p.given + " " + p.family)
}

// priceLevelFor returns a price level that suits a B2B type, and "" on a
// few records.
func priceLevelFor(r *rand.Rand, customerType string) string {
	if chance(r, 0.03) {
		return ""
	}
	switch customerType {
	case "Contractor":
		return pick(r, []string{"Contractor", "Contractor", "Tier 1", "Tier 2", "Tier 3"})
	case "Trade":
		return pick(r, []string{"Tier 1", "Tier 2", "Tier 2", "Tier 3", "Contractor"})
	case "Fabricator":
		return pick(r, []string{"Wholesale", "Wholesale", "Tier 1", "Tier 1", "Tier 2"})
	case "Designer":
		return pick(r, []string{"Tier 2", "Tier 3", "Tier 3", "Retail"})
	default:
		return pick(r, []string{"Wholesale", "Wholesale", "Wholesale", "Tier 1"})
	}
}

// taxExemptRate is the share of accounts of a type that hold a resale
// certificate.
func taxExemptRate(customerType string) float64 {
	switch customerType {
	case "Wholesale":
		return 0.8
	case "Fabricator":
		return 0.4
	default:
		return 0.1
	}
}
