package dataset

import (
	"strings"

	"github.com/stonecity/sync/clients/sps"
)

// caseKind is a way in which an active SPS trade account relates to a
// company that HubSpot holds before customer sync first runs.
type caseKind int

const (
	// caseNameUpper: HubSpot has the name in capitals and the firm's
	// domain, and the SPS name carries ", LLC". Name and domain both
	// match, and the name decides.
	caseNameUpper caseKind = iota
	// caseNameLower: HubSpot has the name in lower case. SPS adds " Inc."
	// and has a free-mail address.
	caseNameLower
	// caseNamePunctuation: HubSpot writes ", Inc." where SPS writes
	// " Inc", and HubSpot has no domain.
	caseNamePunctuation
	// caseNameSpacing: HubSpot has double spaces and " Corp." but no
	// domain. SPS has the bare name and a free-mail address.
	caseNameSpacing
	// caseDomainShort: HubSpot has a short form of the name and the
	// domain of the SPS address.
	caseDomainShort
	// caseDomainInitials: HubSpot has the firm's initials and the domain
	// of the SPS address.
	caseDomainInitials
	// caseDomainTradeName: HubSpot has a trade name and the domain of the
	// SPS address.
	caseDomainTradeName
	// caseAmbiguous: two HubSpot companies normalise to the SPS name, and
	// the SPS address is free mail.
	caseAmbiguous
	caseCount
)

// hubSpotCase is a firm that is both an active SPS account and, before
// any sync, a HubSpot company without sps_customer_id.
type hubSpotCase struct {
	kind     caseKind
	base     string        // firm name without a legal suffix
	domain   string        // the firm's web domain
	customer *sps.Customer // the SPS account
	// contact is the account's contact person, and contactEmail their
	// own address, "" when the account holds another kind of address.
	contact      person
	contactEmail string
}

// addHubSpotCases adds one active trade account for each caseKind.
func (b *spsCustomerBuilder) addHubSpotCases() {
	r := b.r
	for kind := range caseCount {
		base := b.names.firmName(r)
		domain := b.names.domain(r, base)

		var name string
		switch kind {
		case caseNameUpper, caseAmbiguous:
			name = base + ", LLC"
		case caseNameLower:
			name = base + " Inc."
		case caseNamePunctuation:
			name = base + " Inc"
		case caseNameSpacing:
			name = base
		default:
			name = base + pick(r, []string{"", " LLC", " Inc."})
		}

		d := b.newB2B(roleActiveB2B, spsActive, name, randomPerson(r))
		switch kind {
		case caseAmbiguous:
			d.role = roleAmbiguous
			b.setFreeMail(d, base)
		case caseNameLower, caseNameSpacing:
			b.setFreeMail(d, base)
		default:
			b.setFirmEmail(d, domain)
		}

		b.cases = append(b.cases, hubSpotCase{
			kind: kind, base: base, domain: domain, customer: d.c,
			contact: d.contact, contactEmail: d.contactEmail,
		})
	}
}

// hubSpotNames returns the names HubSpot holds for c, one per company,
// and whether each company has the firm's domain. The domain-only cases
// claim their names from b.names, so that no other firm shares them. The
// first free candidate wins, and a fresh firm name is the last resort.
func (c hubSpotCase) hubSpotNames(b *spsPortalBuilder) (names []string, withDomain []bool) {
	words := strings.Fields(c.base)
	switch c.kind {
	case caseNameUpper:
		return []string{strings.ToUpper(c.base)}, []bool{true}
	case caseNameLower:
		return []string{strings.ToLower(c.base)}, []bool{true}
	case caseNamePunctuation:
		return []string{c.base + ", Inc."}, []bool{false}
	case caseNameSpacing:
		return []string{strings.Join(words, "  ") + " Corp."}, []bool{false}
	case caseAmbiguous:
		return []string{c.base + " Inc", strings.ToUpper(c.base)}, []bool{true, false}
	}

	var candidates []string
	switch c.kind {
	case caseDomainShort:
		candidates = append(candidates, strings.Join(words[:max(1, len(words)-1)], " "))
	case caseDomainInitials:
		var initials strings.Builder
		for _, w := range words {
			if ch := w[0]; ch >= 'A' && ch <= 'Z' {
				initials.WriteByte(ch)
			}
		}
		candidates = append(candidates, initials.String()+" Inc", initials.String()+" Stone")
	default:
		candidates = append(candidates, words[0]+" "+pick(b.r, tradeNameEndings))
	}
	for _, name := range candidates {
		if b.names.claim(name) {
			return []string{name}, []bool{true}
		}
	}

	return []string{b.names.firmName(b.r)}, []bool{true}
}

// tradeNameEndings make the trade names under which a firm may be known
// in HubSpot, such as "Granite Slab Gallery".
var tradeNameEndings = []string{"Stone Center", "Slab Gallery", "Design Center", "Surfaces Group"}
