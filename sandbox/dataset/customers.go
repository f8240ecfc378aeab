package dataset

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"

	square "github.com/square/square-go-sdk"
)

// customerSet is the Square customer directory plus what the HubSpot
// portal needs to know about it.
type customerSet struct {
	// records is the directory in priority order: customers that must
	// place an order for the dataset to exercise their case come first.
	records []*square.Customer
	// formLinks are people the HubSpot portal already has as form
	// contacts, each linked to one Square customer by one shared key.
	formLinks []formLink
	// firms are the companies of the business buyers.
	firms []*firm
}

// formLink describes the HubSpot form contact of a Square customer.
type formLink struct {
	person person
	email  string // the contact's e-mail; empty when it has none
	phone  string // the contact's phone; empty when it has none
}

// customerBuilder accumulates customer records from one random stream.
type customerBuilder struct {
	r       *rand.Rand
	ids     *idMaker
	reg     *identityRegistry
	namer   *firmNamer
	set     customerSet
	special int // next entry of specialPeople to use
}

// buildCustomers returns the customer directory: duplicate profiles of
// one person, customers that HubSpot form contacts match, customers with
// no usable key, business buyers, the special names, and ordinary buyers.
func (g *generator) buildCustomers() customerSet {
	b := &customerBuilder{
		r:     g.stream(streamCustomers),
		ids:   g.ids,
		reg:   g.people,
		namer: newFirmNamer(),
	}
	sz := g.sizes

	b.addDuplicatePairs(sz.dupPairs)
	b.addFormMatched(sz.formMatched)
	b.addKeyless(sz.keyless)
	b.addSpecials(min(len(specialPeople), sz.customers/8))
	b.addBusinessBuyers(sz.business, sz.sharedFirms)
	for len(b.set.records) < sz.customers {
		b.addRegular()
	}

	return b.set
}

// newCustomer appends a customer record with the given identity; empty
// strings leave the field out.
func (b *customerBuilder) newCustomer(p person, email, phone, company string) *square.Customer {
	c := &square.Customer{
		ID:             square.String(b.ids.customerID(b.r)),
		GivenName:      optional(p.given),
		FamilyName:     optional(p.family),
		CompanyName:    optional(company),
		EmailAddress:   optional(email),
		PhoneNumber:    optional(phone),
		CreationSource: b.creationSource().Ptr(),
		Preferences:    &square.CustomerPreferences{EmailUnsubscribed: square.Bool(chance(b.r, 0.1))},
		Version:        square.Int64(between64(b.r, 0, 6)),
	}
	if chance(b.r, 0.35) {
		c.Address = b.address(p)
	}
	b.set.records = append(b.set.records, c)

	return c
}

func (b *customerBuilder) creationSource() square.CustomerCreationSource {
	switch n := b.r.IntN(20); {
	case n < 14:
		return square.CustomerCreationSourceDirectory
	case n < 17:
		return square.CustomerCreationSourceInstantProfile
	case n < 19:
		return square.CustomerCreationSourceThirdParty
	default:
		return square.CustomerCreationSourceImport
	}
}

func (b *customerBuilder) address(p person) *square.Address {
	city := pick(b.r, cities)
	street := strconv.Itoa(between(b.r, 100, 24999)) + " " + pick(b.r, streets)

	return &square.Address{
		AddressLine1:                 square.String(street),
		Locality:                     square.String(city.name),
		AdministrativeDistrictLevel1: square.String(city.state),
		PostalCode:                   square.String(city.zip),
		Country:                      square.CountryUs.Ptr(),
		FirstName:                    optional(p.given),
		LastName:                     optional(p.family),
	}
}

// addDuplicatePairs adds people with two Square profiles that share
// exactly one key: alternately the same e-mail in different case or
// spacing, and the same phone in a different format.
func (b *customerBuilder) addDuplicatePairs(pairs int) {
	for i := range pairs {
		p := b.randomPerson()
		if i%2 == 0 {
			email := b.reg.freshEmail(b.r, p, pick(b.r, freeMailDomains))
			b.newCustomer(p, email, b.optionalPhone(0.7), "")
			b.newCustomer(b.misspell(p), messEmail(email, messKind(b.r.IntN(int(messCount)))),
				b.optionalPhone(0.5), "")
			continue
		}

		phone := b.reg.freshUS(b.r)
		style := randomStyle(b.r)
		b.newCustomer(p, b.optionalEmail(p, 0.6), phone.format(style), "")
		b.newCustomer(p, b.optionalEmail(p, 0.5), phone.format(otherStyle(b.r, style)), "")
	}
}

// addFormMatched adds customers whom a HubSpot form contact matches:
// alternately by an e-mail that differs only in case or spacing, and by
// a phone written in another format (the customer then has no e-mail or
// a different one).
func (b *customerBuilder) addFormMatched(n int) {
	for i := range n {
		p := b.randomPerson()
		if i%2 == 0 {
			email := b.reg.freshEmail(b.r, p, pick(b.r, freeMailDomains))
			b.newCustomer(b.misspell(p), messEmail(email, messKind(b.r.IntN(int(messCount)))),
				b.optionalPhone(0.6), "")
			b.set.formLinks = append(b.set.formLinks, formLink{
				person: p, email: email, phone: b.optionalPhone(0.4),
			})
			continue
		}

		phone := b.reg.freshUS(b.r)
		style := randomStyle(b.r)
		b.newCustomer(p, b.optionalEmail(p, 0.5), phone.format(style), "")
		b.set.formLinks = append(b.set.formLinks, formLink{
			person: p,
			email:  b.optionalEmail(p, 0.9),
			phone:  phone.format(otherStyle(b.r, style)),
		})
	}
}

// addKeyless adds customers known by name only: no e-mail, and either no
// phone or one too short to parse.
func (b *customerBuilder) addKeyless(n int) {
	for range n {
		phone := ""
		if chance(b.r, 0.5) {
			phone = pick(b.r, invalidPhones)
		}
		b.newCustomer(b.randomPerson(), "", phone, "")
	}
}

// addSpecials adds the first n specialPeople as ordinary buyers.
func (b *customerBuilder) addSpecials(n int) {
	for ; b.special < n; b.special++ {
		p := specialPeople[b.special]
		b.newCustomer(p, maybeMess(b.r, b.reg.freshEmail(b.r, p, pick(b.r, freeMailDomains))),
			b.optionalPhone(0.7), "")
	}
}

// addRegular adds an ordinary buyer. Most have both keys and some lack
// one. A few have no name (instant profiles made from a card payment),
// and a few have a phone that cannot be parsed next to a usable e-mail.
func (b *customerBuilder) addRegular() {
	p := b.randomPerson()
	switch n := b.r.IntN(100); {
	case n < 2:
		b.newCustomer(person{}, "", b.reg.messyPhone(b.r), "")
	case n < 4:
		b.newCustomer(p, b.messyEmail(p), pick(b.r, invalidPhones), "")
	case n < 14:
		b.newCustomer(p, "", b.reg.messyPhone(b.r), "")
	case n < 34:
		b.newCustomer(p, b.messyEmail(p), "", "")
	default:
		b.newCustomer(p, b.messyEmail(p), b.reg.messyPhone(b.r), "")
	}
}

func (b *customerBuilder) messyEmail(p person) string {
	return maybeMess(b.r, b.reg.freshEmail(b.r, p, pick(b.r, freeMailDomains)))
}

// optionalEmail returns a fresh free-mail address with probability p.
func (b *customerBuilder) optionalEmail(who person, p float64) string {
	if !chance(b.r, p) {
		return ""
	}

	return b.reg.freshEmail(b.r, who, pick(b.r, freeMailDomains))
}

// optionalPhone returns a fresh phone number with probability p.
func (b *customerBuilder) optionalPhone(p float64) string {
	if !chance(b.r, p) {
		return ""
	}

	return b.reg.messyPhone(b.r)
}

func (b *customerBuilder) randomPerson() person { return randomPerson(b.r) }

func (b *customerBuilder) misspell(p person) person { return misspell(b.r, p) }

// randomPerson returns a person drawn from the name lists; one in twenty
// has the name in odd case.
func randomPerson(r *rand.Rand) person {
	given, family := pick(r, givenNames), pick(r, familyNames)
	p := person{given: given.text, family: family.text, handle: given.ascii + "." + family.ascii}
	if chance(r, 0.05) {
		return misspell(r, p)
	}

	return p
}

// misspell returns p with its name in odd case, as a cashier might type
// it: "mARIA", "O'NEIL", "kevin".
func misspell(r *rand.Rand, p person) person {
	switch r.IntN(3) {
	case 0:
		p.given = invertCase(p.given)
	case 1:
		p.family = strings.ToUpper(p.family)
	default:
		p.given = strings.ToLower(p.given)
		p.family = strings.ToLower(p.family)
	}

	return p
}

// invertCase swaps upper and lower case letters: "Maria" → "mARIA".
func invertCase(s string) string {
	return strings.Map(func(c rune) rune {
		if unicode.IsUpper(c) {
			return unicode.ToLower(c)
		}
		return unicode.ToUpper(c)
	}, s)
}

func optional(s string) *string {
	if s == "" {
		return nil
	}

	return square.String(s)
}
