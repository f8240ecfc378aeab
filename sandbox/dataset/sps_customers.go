package dataset

import (
	"math/rand/v2"
	"strings"
	"time"

	"github.com/stonecity/sync/clients/sps"
)

// SPS customer statuses and the types that mark a trade account.
const (
	spsActive   = "Active"
	spsInactive = "Inactive"
	spsRetail   = "Retail"
)

var (
	b2bTypes       = []string{"Contractor", "Trade", "Fabricator", "Designer", "Wholesale"}
	b2bTypeWeights = []int{40, 20, 15, 15, 10}
)

// spsPlaceholderNames are the stand-in customers that cashiers and staff
// ring sales up under. Customer sync must skip them whatever their type.
var spsPlaceholderNames = []string{
	"Walk-in Customer", "Cash Sale", "CASH SALE", "Walk In", "Counter Sale",
	"Misc Customer", "Do Not Use", "Test Customer",
}

// spsFreeMailDomains are the consumer mailbox providers of SPS customers.
// gmail.com is listed three times to weight it.
var spsFreeMailDomains = []string{
	"gmail.com", "gmail.com", "gmail.com", "yahoo.com", "hotmail.com", "outlook.com",
	"comcast.net", "aol.com", "icloud.com", "msn.com",
}

// customerRole is the case that a generated SPS customer represents.
type customerRole int

const (
	roleActiveB2B    customerRole = iota // active trade account
	roleAmbiguous                        // active trade account whose name fits two HubSpot companies
	roleSameName                         // active, B2B type, but the name is the contact's name
	rolePlaceholder                      // "Cash Sale" and the like, active or inactive
	roleActiveRetail                     // active individual buyer
	roleInactive                         // any inactive customer
)

// customerDraft is an SPS customer before it gets its id.
type customerDraft struct {
	c      *sps.Customer
	role   customerRole
	rank   float64        // creation order: a lower rank gets a lower id
	parent *customerDraft // the head-office record of a branch, or nil
	// contact and contactEmail are the person behind a B2B record and
	// their own address, which a retail twin shares. contactEmail is
	// empty when the record holds a role or firm address.
	contact      person
	contactEmail string
}

// spsCustomerSet is the SPS customer directory plus what the HubSpot part
// and the quotes need to know about it.
type spsCustomerSet struct {
	// records is the directory sorted by id.
	records []sps.Customer
	// roles holds the role of each record, by index into records.
	roles []customerRole
	// cases are the firms that HubSpot already holds as companies.
	cases []hubSpotCase
}

// draftSlot holds a draft and its customer in one allocation.
type draftSlot struct {
	draft    customerDraft
	customer sps.Customer
}

// spsCustomerBuilder accumulates SPS customers from one random stream.
type spsCustomerBuilder struct {
	r      *rand.Rand
	g      *generator
	names  *spsNamer
	drafts []*customerDraft
	cases  []hubSpotCase
	// slots is allocated once with room for the expected number of
	// customers and never grows, so pointers into it stay valid.
	slots []draftSlot
}

// buildSPSCustomers returns the SPS customer directory: active trade
// accounts with every special case, retail buyers, placeholders and,
// for the rest, inactive records.
func (g *generator) buildSPSCustomers(names *spsNamer) spsCustomerSet {
	sz := g.spsSizes
	b := &spsCustomerBuilder{
		r: g.stream(streamSPSCustomers), g: g, names: names,
		drafts: make([]*customerDraft, 0, sz.customers),
		slots:  make([]draftSlot, 0, sz.customers),
	}

	b.addHubSpotCases()
	b.addBranchPairs(sz.branchPairs)
	activeB2B := len(b.drafts)
	for i := range sz.activeB2B - activeB2B {
		d := b.addPlainB2B(spsActive)
		switch {
		case i < sz.noRepName:
			d.c.SalesRepName = ""
		case i < sz.noRepName+len(repNameVariants):
			v := repNameVariants[i-sz.noRepName]
			assignRep(b.r, d.c, salesReps[v.rep], 0)
			d.c.SalesRepName = v.written
		case i == sz.noRepName+len(repNameVariants):
			// One HubSpot company has this domain, so only the
			// free-mail rule keeps this account off it.
			b.setFreeMailAt(d, d.c.Name, freeMailTrapDomain)
		}
	}

	b.addRetailTwins(sz.retailTwins)
	for range sz.activeRetail - sz.retailTwins {
		b.addRetail(spsActive, randomPerson(b.r))
	}
	for range sz.sameName {
		b.addSameName(spsActive)
	}
	b.addPlaceholders()
	for range sz.inactiveB2B {
		if chance(b.r, 0.01) {
			b.addSameName(spsInactive)
		} else {
			b.addPlainB2B(spsInactive)
		}
	}
	for len(b.drafts) < sz.customers {
		b.addRetail(spsInactive, randomPerson(b.r))
	}

	return b.finish()
}

// newDraft appends a customer with the fields every kind of record gets:
// status, parent id, rep, modified date and, on most, a billing address.
// Inactive records get a low rank, so they tend to have the older, lower
// ids.
func (b *spsCustomerBuilder) newDraft(role customerRole, status string) *customerDraft {
	r := b.r
	d := b.allocDraft()
	c := d.c
	c.Status = status
	c.ParentCustomerID = emptyOrNull(r, 0.2)
	c.ModifiedDate = b.modifiedDate(status == spsActive)
	assignRep(r, c, randomRep(r), 0.05)
	if chance(r, 0.7) {
		c.BillingAddress = spsAddress(r)
	}

	d.role = role
	d.rank = r.Float64()
	if status == spsActive {
		d.rank = 0.3 + 0.7*d.rank
	}
	b.drafts = append(b.drafts, d)

	return d
}

// allocDraft returns an empty draft with its customer, from slots while
// it has room.
func (b *spsCustomerBuilder) allocDraft() *customerDraft {
	if len(b.slots) == cap(b.slots) {
		return &customerDraft{c: &sps.Customer{}}
	}

	b.slots = b.slots[:len(b.slots)+1]
	slot := &b.slots[len(b.slots)-1]
	slot.draft.c = &slot.customer

	return &slot.draft
}

// newB2B appends a trade account named name with contact p and the
// trade terms of a random B2B type. The caller sets its e-mail address.
func (b *spsCustomerBuilder) newB2B(role customerRole, status, name string, p person) *customerDraft {
	r := b.r
	d := b.newDraft(role, status)
	c := d.c
	c.Name = name
	c.ContactName = fullName(p)
	if chance(r, 0.03) {
		c.ContactName = ""
	}
	c.Type = b2bTypes[weighted(r, b2bTypeWeights)]
	c.PriceLevel = priceLevelFor(r, c.Type)
	c.PaymentTerms = []string{"Net 30", "Net 30", "Net 30", "Net 30", "Net 30",
		"Net 15", "Net 15", "COD", "COD", "Due on receipt"}[r.IntN(10)]
	c.CreditLimit = b2bCreditLimit(r)
	c.IsTaxExempt = chance(r, taxExemptRate(c.Type))
	c.Phone = b.phone(0.9, 0.03)
	if chance(r, 0.3) {
		c.ShippingAddress = spsAddress(r)
	}
	d.contact = p

	return d
}

// addPlainB2B appends a trade account with a fresh firm name, written
// with a legal suffix or in capitals now and then, and the usual mix of
// company, free-mail, missing and invalid e-mail addresses.
func (b *spsCustomerBuilder) addPlainB2B(status string) *customerDraft {
	r := b.r
	base := b.names.firmName(r)
	name := base
	switch n := r.IntN(100); {
	case n < 35:
		name += pick(r, spsLegalSuffixes)
	case n < 40:
		name = strings.ToUpper(name)
	}

	d := b.newB2B(roleActiveB2B, status, name, randomPerson(r))
	if status != spsActive {
		d.role = roleInactive
	}

	switch n := r.IntN(100); {
	case n < 68:
		b.setFirmEmail(d, b.names.domain(r, base))
	case n < 93:
		b.setFreeMail(d, base)
	case n < 94:
		d.c.Email = pick(r, []string{"N/A", "none", "no email"})
	}

	return d
}

// setFirmEmail gives d an address at domain: the contact's own or a role
// mailbox such as office@ or accounting@.
func (b *spsCustomerBuilder) setFirmEmail(d *customerDraft, domain string) {
	r := b.r
	if chance(r, 0.4) {
		role := pick(r, []string{"office", "info", "accounting", "estimating", "orders", "admin", "sales"})
		d.c.Email = maybeMess(r, b.g.people.claimEmail(role, domain))
		return
	}

	email := b.g.people.freshEmail(r, d.contact, domain)
	d.contactEmail = email
	d.c.Email = maybeMess(r, email)
}

// setFreeMail gives d a free-mail address: the contact's own, or a
// mailbox named after the firm such as graniteridgefab@gmail.com.
func (b *spsCustomerBuilder) setFreeMail(d *customerDraft, base string) {
	b.setFreeMailAt(d, base, pick(b.r, spsFreeMailDomains))
}

// setFreeMailAt is setFreeMail with the provider's domain given.
func (b *spsCustomerBuilder) setFreeMailAt(d *customerDraft, base, domain string) {
	r := b.r
	if chance(r, 0.3) {
		slug := looseFirmKey(base)
		slug = slug[:min(len(slug), 18)]
		d.c.Email = maybeMess(r, b.g.people.claimEmail(slug, domain))
		return
	}

	email := b.g.people.freshEmail(r, d.contact, domain)
	d.contactEmail = email
	d.c.Email = maybeMess(r, email)
}

// addBranchPairs adds n firms with two active accounts each, a head
// office and a branch, that share one billing address such as
// accounting@firm.com. The branch names its parent. No HubSpot company
// has the firm's domain, so customer sync creates one company for each.
func (b *spsCustomerBuilder) addBranchPairs(n int) {
	r := b.r
	for range n {
		base := b.names.firmName(r)
		domain := b.names.domain(r, base)
		billing := b.g.people.claimEmail("accounting", domain)

		head := b.newB2B(roleActiveB2B, spsActive, base+pick(r, spsLegalSuffixes), randomPerson(r))
		head.c.Email = billing

		branchName := base + " - " + pick(r, cities).name
		for !b.names.claim(branchName) {
			branchName += " Yard"
		}
		branch := b.newB2B(roleActiveB2B, spsActive, branchName, randomPerson(r))
		branch.c.Email = strings.ToUpper(billing[:1]) + billing[1:]
		branch.c.Type = head.c.Type
		branch.c.BillingAddress = head.c.BillingAddress
		branch.parent = head
	}
}

// modifiedDate returns when a customer record last changed: for active
// ones mostly within two years and a few in the last two days, for
// inactive ones one to eight years ago, and "" on a few records.
func (b *spsCustomerBuilder) modifiedDate(active bool) sps.Time {
	r := b.r
	if chance(r, 0.03) {
		return sps.EmptyTime()
	}

	const day = 24 * time.Hour
	var age time.Duration
	switch {
	case active && chance(r, 0.02):
		age = randomDuration(r, time.Minute, 2*day)
	case active:
		age = randomDuration(r, 2*day, 730*day)
	default:
		age = randomDuration(r, 365*day, 8*365*day)
	}

	return messyTime(r, b.g.now.Add(-age), b.g.store)
}

// phone returns a fresh number with probability p, one that cannot be
// parsed with probability invalid, and "" otherwise.
func (b *spsCustomerBuilder) phone(p, invalid float64) string {
	switch x := b.r.Float64(); {
	case x < p:
		return spsPhone(b.r, b.g.people)
	case x < p+invalid:
		return pick(b.r, invalidPhones)
	default:
		return ""
	}
}
