package dataset

import (
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/sandbox/hubspot"
)

// HubSpot's HUBSPOT_DEFINED association type ids used by the dataset.
const (
	contactToCompany = 279
	companyToContact = 280
)

// Lead status and lifecycle values of form contacts: HubSpot default
// options only, so the portal loads before setup adds custom options.
var (
	leadStatuses       = []string{"NEW", "OPEN", "IN_PROGRESS", "CONNECTED", ""}
	leadStatusWeights  = []int{70, 5, 5, 5, 15}
	lifecycleStages    = []string{"lead", "subscriber", "marketingqualifiedlead"}
	lifecycleWeights   = []int{75, 15, 10}
	companyContactRate = 0.25
)

// portalBuilder builds the HubSpot portal from one random stream.
type portalBuilder struct {
	r          *rand.Rand
	g          *generator
	contactIDs numericIDs
	companyIDs numericIDs
	portal     hubspot.Portal
	// withDomain lists the companies that have a domain, for contacts
	// who fill in a form with their work address.
	withDomain []hubspot.Object
	companies  int
}

// buildPortal returns the portal as it is before any sync. Some web-form
// contacts are Square customers, and some companies without SPS ids are
// the firms of Square business buyers, matchable by domain or only by
// name. Associations and Stone City's pipelines complete it.
func (g *generator) buildPortal(cs customerSet) hubspot.Portal {
	r := g.stream(streamHubSpot)
	pb := &portalBuilder{
		r:          r,
		g:          g,
		contactIDs: numericIDs{next: between64(r, 900, 1800)},
		companyIDs: numericIDs{next: between64(r, 5_100_000_000, 5_900_000_000)},
	}
	pb.portal.Pipelines = PortalPipelines(config.DefaultHubSpotPortal())

	pb.addCompanies(cs.firms)
	pb.addContacts(cs.formLinks)
	pb.stampTimes()

	return pb.portal
}

// addCompanies adds one company for firm 0 (Rivera Tile, matched by
// domain, named "Rivera Tile, LLC"), firm 1 (matched by name only) and
// about half of the other buyer firms, then unrelated companies up to
// the portal's size.
func (pb *portalBuilder) addCompanies(firms []*firm) {
	namer := newFirmNamer()
	for _, f := range firms {
		namer.claim(f.name)
	}

	for i, f := range firms {
		switch {
		case i == 0:
			pb.addCompany(f.name+", LLC", f.domain, f.city)
		case i == 1 || (i > 1 && chance(pb.r, 0.5)):
			name := hubSpotFirmName(pb.r, f.name)
			if f.freeMail {
				pb.addCompany(name, pb.optionalDomain(f.domain), f.city)
			} else {
				pb.addCompany(name, f.domain, f.city)
			}
		}
	}

	for pb.companies < pb.g.sizes.companies {
		name := namer.composed(pb.r)
		pb.addCompany(name, pb.optionalDomain(firmDomain(pb.r, name)), pb.r.IntN(len(cities)))
	}
}

// hubSpotFirmName writes a firm name as it was typed into HubSpot: with a
// legal suffix, in capitals or as is.
func hubSpotFirmName(r *rand.Rand, name string) string {
	switch r.IntN(4) {
	case 0:
		return strings.ToUpper(name)
	case 1:
		return name
	default:
		return name + pick(r, legalSuffixes)
	}
}

func (pb *portalBuilder) optionalDomain(domain string) string {
	if chance(pb.r, 0.5) {
		return domain
	}

	return ""
}

func (pb *portalBuilder) addCompany(name, domain string, city int) {
	props := map[string]string{
		"name":  name,
		"city":  cities[city].name,
		"state": cities[city].state,
	}
	if domain != "" {
		props["domain"] = domain
	}
	if chance(pb.r, 0.8) {
		props["phone"] = pb.g.people.freshUS(pb.r).format(randomStyle(pb.r))
	}

	company := pb.object("companies", &pb.companyIDs, props)
	pb.companies++
	if domain != "" {
		pb.withDomain = append(pb.withDomain, company)
	}
}

// addContacts adds a contact for every form link and unrelated contacts
// up to the portal's size, in random order. A quarter of the unrelated
// contacts signed up with a work address and are associated with their
// company.
func (pb *portalBuilder) addContacts(links []formLink) {
	specs := make([]contactSpec, 0, pb.g.sizes.formContacts)
	for _, l := range links {
		specs = append(specs, contactSpec{person: l.person, email: l.email, phone: l.phone})
	}

	reg := pb.g.people
	for len(specs) < pb.g.sizes.formContacts {
		spec := contactSpec{person: randomPerson(pb.r)}
		if chance(pb.r, 0.5) {
			spec.phone = reg.messyPhone(pb.r)
		}

		domain := pick(pb.r, freeMailDomains)
		if len(pb.withDomain) > 0 && chance(pb.r, companyContactRate) {
			company := pick(pb.r, pb.withDomain)
			spec.company = &company
			domain = company.Properties["domain"]
		}
		spec.email = reg.freshEmail(pb.r, spec.person, domain)
		specs = append(specs, spec)
	}

	pb.r.Shuffle(len(specs), func(i, j int) { specs[i], specs[j] = specs[j], specs[i] })
	for _, spec := range specs {
		pb.addContact(spec)
	}
}

// contactSpec is a form contact before it gets an id.
type contactSpec struct {
	person  person
	email   string
	phone   string
	company *hubspot.Object
}

// addContact adds a form contact with standard properties only, and
// associates it with company in both directions when company is set.
func (pb *portalBuilder) addContact(spec contactSpec) {
	props := map[string]string{
		"lifecyclestage": lifecycleStages[weighted(pb.r, lifecycleWeights)],
	}
	setIf(props, "firstname", spec.person.given)
	setIf(props, "lastname", spec.person.family)
	setIf(props, "email", spec.email)
	setIf(props, "phone", spec.phone)
	setIf(props, "hs_lead_status", leadStatuses[weighted(pb.r, leadStatusWeights)])
	company := spec.company
	if company != nil {
		props["company"] = company.Properties["name"]
	}

	contact := pb.object("contacts", &pb.contactIDs, props)
	if company == nil {
		return
	}

	pb.portal.Associations = append(pb.portal.Associations,
		hubspot.Association{FromType: "contacts", FromID: contact.ID,
			ToType: "companies", ToID: company.ID, TypeID: contactToCompany},
		hubspot.Association{FromType: "companies", FromID: company.ID,
			ToType: "contacts", ToID: contact.ID, TypeID: companyToContact},
	)
}

// object appends a record and returns it; stampTimes sets its times.
func (pb *portalBuilder) object(objectType string, ids *numericIDs, props map[string]string) hubspot.Object {
	o := hubspot.Object{ObjectType: objectType, ID: ids.take(pb.r), Properties: props}
	pb.portal.Objects = append(pb.portal.Objects, o)

	return o
}

// stampTimes gives every record a creation time between three years and
// two days before the order window. Creation times increase with the
// record id within each object type, as HubSpot assigns ids. The
// last-modified time follows creation and is at least a day before the
// window.
func (pb *portalBuilder) stampTimes() {
	for _, objectType := range []string{"companies", "contacts"} {
		var records []*hubspot.Object
		for i := range pb.portal.Objects {
			if pb.portal.Objects[i].ObjectType == objectType {
				records = append(records, &pb.portal.Objects[i])
			}
		}

		created := make([]time.Time, len(records))
		for i := range created {
			created[i] = pb.g.start.Add(-randomDuration(pb.r, 48*time.Hour, 3*365*24*time.Hour))
		}
		slices.SortFunc(created, time.Time.Compare)

		for i, o := range records {
			o.CreatedAt = created[i].UTC().Truncate(time.Millisecond)
			room := pb.g.start.Add(-24 * time.Hour).Sub(o.CreatedAt)
			o.UpdatedAt = o.CreatedAt.Add(randomDuration(pb.r, 0, room))
		}
	}
}

func setIf(props map[string]string, key, value string) {
	if value != "" {
		props[key] = value
	}
}
