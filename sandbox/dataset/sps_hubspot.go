package dataset

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/stonecity/sync/sandbox/hubspot"
)

// freeMailTrapDomain is the domain of one HubSpot company that a rep
// filled in from a customer's free-mail address. Matching SPS customers
// by that domain would pile every gmail.com account onto that company.
const freeMailTrapDomain = "gmail.com"

// maxCaseContacts is the maximum number of contacts linked to the
// companies of the SPS cases, which get one to three each.
//
// NOTE: the portal tests of the Square part allow at most 10 more
// companies and 20 more contacts at the default size, which is why the
// SPS part of the portal stays this small.
const maxCaseContacts = 20

// spsPortalBuilder appends the companies and contacts of the SPS cases to
// a portal from one random stream.
type spsPortalBuilder struct {
	r          *rand.Rand
	g          *generator
	names      *spsNamer
	portal     *hubspot.Portal
	companyIDs numericIDs
	contactIDs numericIDs
	contacts   int
	first      int // index of the first appended object
}

// addSPSPortal appends to portal the companies without sps_customer_id
// that customer sync must match or report: those of each hubSpotCase and
// one company whose domain is free mail. Contacts are linked in both
// directions to the cases' companies that have a domain, up to
// maxCaseContacts in all. Ids continue above the highest id of each
// object type in portal, so they collide neither with the records before
// them nor with the ids the HubSpot simulator assigns, which start above
// the highest loaded one.
func (g *generator) addSPSPortal(portal *hubspot.Portal, cases []hubSpotCase, names *spsNamer) {
	pb := &spsPortalBuilder{
		r:          g.stream(streamSPSHubSpot),
		g:          g,
		names:      names,
		portal:     portal,
		companyIDs: numericIDs{next: highestID(*portal, "companies")},
		contactIDs: numericIDs{next: highestID(*portal, "contacts")},
		first:      len(portal.Objects),
	}

	for _, c := range cases {
		companyNames, withDomain := c.hubSpotNames(pb)
		for i, name := range companyNames {
			domain := ""
			if withDomain[i] {
				domain = c.domain
			}
			company := pb.addCompany(name, domain)
			if domain != "" {
				pb.addCaseContacts(company, c, i == 0)
			}
		}
	}
	pb.addCompany(names.firmName(pb.r)+pick(pb.r, spsLegalSuffixes), freeMailTrapDomain)
	pb.stampTimes()
}

// highestID returns the largest numeric id among portal records of
// objectType, or 0 when there are none.
func highestID(portal hubspot.Portal, objectType string) int64 {
	var highest int64
	for _, o := range portal.Objects {
		if o.ObjectType != objectType {
			continue
		}
		if id, err := strconv.ParseInt(o.ID, 10, 64); err == nil {
			highest = max(highest, id)
		}
	}

	return highest
}

// addCompany appends a company with standard properties only.
func (pb *spsPortalBuilder) addCompany(name, domain string) hubspot.Object {
	city := pick(pb.r, cities)
	props := map[string]string{"name": name, "city": city.name, "state": city.state}
	setIf(props, "domain", domain)
	if chance(pb.r, 0.7) {
		props["phone"] = pb.g.people.freshUS(pb.r).format(randomStyle(pb.r))
	}

	return pb.object("companies", &pb.companyIDs, props)
}

// addCaseContacts links one to three contacts with addresses at the
// company's domain to company. When withAccountContact is set and the
// SPS account's contact writes from that domain, the first contact is
// that person with the same address.
func (pb *spsPortalBuilder) addCaseContacts(company hubspot.Object, c hubSpotCase, withAccountContact bool) {
	domain := company.Properties["domain"]
	for i := range between(pb.r, 1, 3) {
		if pb.contacts == maxCaseContacts {
			return
		}

		p, email := randomPerson(pb.r), ""
		if i == 0 && withAccountContact && strings.HasSuffix(c.contactEmail, "@"+domain) {
			p, email = c.contact, c.contactEmail
		} else {
			email = pb.g.people.freshEmail(pb.r, p, domain)
		}
		pb.addContact(company, p, email)
	}
}

// addContact appends a contact of company with standard properties only:
// a lead status that is blank or one of HubSpot's default options, and no
// sps_* property, which does not exist before setup runs.
func (pb *spsPortalBuilder) addContact(company hubspot.Object, p person, email string) {
	props := map[string]string{"email": email, "company": company.Properties["name"]}
	setIf(props, "firstname", p.given)
	setIf(props, "lastname", p.family)
	if chance(pb.r, 0.6) {
		props["phone"] = pb.g.people.messyPhone(pb.r)
	}
	setIf(props, "hs_lead_status", leadStatuses[weighted(pb.r, leadStatusWeights)])

	contact := pb.object("contacts", &pb.contactIDs, props)
	pb.contacts++
	pb.portal.Associations = append(pb.portal.Associations,
		hubspot.Association{FromType: "contacts", FromID: contact.ID,
			ToType: "companies", ToID: company.ID, TypeID: contactToCompany},
		hubspot.Association{FromType: "companies", FromID: company.ID,
			ToType: "contacts", ToID: contact.ID, TypeID: companyToContact},
	)
}

func (pb *spsPortalBuilder) object(objectType string, ids *numericIDs, props map[string]string) hubspot.Object {
	o := hubspot.Object{ObjectType: objectType, ID: ids.take(pb.r), Properties: props}
	pb.portal.Objects = append(pb.portal.Objects, o)

	return o
}

// stampTimes gives the appended records creation times after every
// earlier record of their type, increasing with the id as HubSpot
// assigns ids, and at least a day before the order window. The
// last-modified time follows creation and stays before that bound too.
func (pb *spsPortalBuilder) stampTimes() {
	bound := pb.g.start.Add(-24 * time.Hour)
	for _, objectType := range []string{"companies", "contacts"} {
		latest := bound.Add(-3 * 365 * 24 * time.Hour)
		var added []*hubspot.Object
		for i := range pb.portal.Objects {
			o := &pb.portal.Objects[i]
			switch {
			case o.ObjectType != objectType:
			case i < pb.first:
				latest = maxTime(latest, o.CreatedAt)
			default:
				added = append(added, o)
			}
		}

		created := make([]time.Time, len(added))
		for i := range created {
			created[i] = latest.Add(randomDuration(pb.r, time.Second, bound.Sub(latest)/2))
		}
		slices.SortFunc(created, time.Time.Compare)

		for i, o := range added {
			o.CreatedAt = created[i].UTC().Truncate(time.Millisecond)
			o.UpdatedAt = o.CreatedAt.Add(randomDuration(pb.r, 0, bound.Sub(o.CreatedAt)))
		}
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}

	return b
}
