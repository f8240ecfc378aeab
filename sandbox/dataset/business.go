package dataset

import "strings"

// addBusinessBuyers adds n customers who buy for a company. The first
// shared firms have two buyers each (two different people of the same
// company); the rest have one. Firms alternate between a company e-mail
// domain and free-mail addresses, and some single-buyer free-mail firms
// use a company-named free-mail box.
func (b *customerBuilder) addBusinessBuyers(n, shared int) {
	for i := 0; n > 0; i++ {
		f := b.newFirm(i)
		b.set.firms = append(b.set.firms, f)

		buyers := 1
		if i < shared && n >= 2 {
			buyers = 2
		}
		for k := range buyers {
			company := writeFirmName(b.r, f.name)
			if i == 0 && k == 0 {
				// HubSpot holds this firm as "Rivera Tile, LLC": only a
				// normalised name comparison links the two.
				company = "rivera tile"
			}
			b.addBusinessBuyer(f, company, buyers == 1 && i%5 == 3)
			n--
		}
	}
}

// newFirm returns the i-th buyer firm. Firm 0 is Rivera Tile with its own
// domain and firm 1 Cascade Countertops with free-mail buyers, so those
// cases exist in every dataset.
func (b *customerBuilder) newFirm(i int) *firm {
	var name string
	if i < len(buyerFirmNames) && b.namer.claim(buyerFirmNames[i]) {
		name = buyerFirmNames[i]
	} else {
		name = b.namer.composed(b.r)
	}

	f := &firm{name: name, city: b.r.IntN(len(cities)), freeMail: i%5 == 1 || i%5 == 3}
	if i == 0 {
		f.domain = "rivera-tile.com"
	} else {
		f.domain = firmDomain(b.r, name)
	}

	return f
}

// addBusinessBuyer adds one buyer of f. A companyMailbox buyer writes
// from a free-mail box named after the firm, e.g. riveratile@gmail.com.
func (b *customerBuilder) addBusinessBuyer(f *firm, company string, companyMailbox bool) {
	p := b.randomPerson()

	var email string
	switch {
	case companyMailbox:
		slug := strings.ReplaceAll(normaliseFirmName(f.name), " ", "")
		email = b.reg.claimEmail(slug, pick(b.r, freeMailDomains))
	case f.freeMail:
		email = b.reg.freshEmail(b.r, p, pick(b.r, freeMailDomains))
	default:
		given, family, _ := strings.Cut(p.handle, ".")
		local := pick(b.r, []string{given, p.handle, given[:1] + family})
		email = b.reg.claimEmail(local, f.domain)
	}

	b.newCustomer(p, maybeMess(b.r, email), b.optionalPhone(0.9), company)
}
