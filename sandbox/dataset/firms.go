package dataset

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// firm is a company whose staff buy at the store under a company name.
type firm struct {
	name     string // canonical name, e.g. "Rivera Tile"
	domain   string // web and e-mail domain, e.g. "rivera-tile.com"
	freeMail bool   // staff write from free-mail addresses, not the domain
	city     int    // index into cities
}

// buyerFirmNames are the trade customers of the store. The first entries
// are fixed so that every dataset has the same well-known cases.
var buyerFirmNames = []string{
	"Rivera Tile", "Cascade Countertops", "Northwest Stoneworks", "Puget Sound Remodeling",
	"Summit Kitchen & Bath", "Evergreen Home Builders", "Olympic Granite Design",
	"Rainier Custom Homes", "Harbor View Interiors", "Blue Heron Landscaping",
	"Timberline Construction", "Salish Sea Masonry", "Cedar & Stone Design",
	"Lakeside Cabinetry", "Columbia Fabrication", "Emerald City Kitchens",
	"Sound Tile & Stone", "Redmond Renovations", "Tacoma Hardscapes",
	"Skagit Valley Pavers", "Whidbey Home Services", "Kitsap Custom Counters",
	"Snohomish Stone", "Pacific Crest Contracting", "Mountain View Masonry",
	"Pinnacle Interiors", "Ballard Bath Works", "Fremont Design Studio",
	"Greenlake Gardens", "Magnolia Millwork", "Alki Outdoor Living",
	"Capitol Hill Builders", "Duwamish Concrete & Stone", "Issaquah Hearth & Home",
	"Juanita Bay Construction", "Kent Valley Landscapes", "Lynnwood Tile Setters",
	"Mercer Island Remodel", "Queen Anne Kitchens", "Sammamish Stone Design",
	"Tukwila Builders Supply", "Union Bay Cabinet Co", "Wallingford Renovation",
	"Yakima Stone Supply", "Bainbridge Craftsman", "Chelan Outdoor Design",
	"Everett Tile Works", "Federal Way Fireplaces", "Gig Harbor Homes",
	"Hood Canal Hardscape", "Ravenna Remodeling", "Shoreline Stone & Tile",
	"Tumwater Countertops", "Vashon Island Builders", "Woodinville Kitchen Design",
	"Anacortes Marine Interiors", "Burien Bath & Tile", "Covington Custom Stone",
}

// firmPlaces and firmTrades compose further company names when a large
// dataset needs more firms, and the unrelated companies in HubSpot.
var (
	firmPlaces = []string{
		"Aberdeen", "Arlington", "Auburn", "Bellingham", "Bremerton", "Camano",
		"Centralia", "Edmonds", "Ellensburg", "Enumclaw", "Ferndale", "Hoquiam",
		"Lacey", "Leavenworth", "Longview", "Marysville", "Monroe", "Mukilteo",
		"Orting", "Port Angeles", "Port Townsend", "Poulsbo", "Puyallup", "Sequim",
		"Silverdale", "Snoqualmie", "Spokane", "Stanwood", "Sumner", "Wenatchee",
		"Cascadia", "Pioneer", "Keystone", "Heritage", "Lighthouse", "Northstar",
	}
	firmTrades = []string{
		"Remodeling", "Construction", "Design Build", "Kitchens", "Interiors",
		"Landscaping", "Masonry", "Tile", "Countertops", "Homes", "Cabinetry",
		"Property Management", "Architects", "Hardscapes", "Fireplace & Patio",
		"Restoration", "Contracting", "Plumbing", "Realty", "Flooring",
	}
	legalSuffixes = []string{" LLC", ", LLC", " Inc.", ", Inc", " Co.", " Corp."}
)

// firmNamer hands out company names that are distinct after
// normalisation (case, punctuation, spacing and legal suffix removed).
type firmNamer struct {
	used map[string]bool // normalised names
	scan int             // position of composed's scan for free names
}

func newFirmNamer() *firmNamer {
	return &firmNamer{used: make(map[string]bool)}
}

// claim marks name as used and reports whether it was free.
func (n *firmNamer) claim(name string) bool {
	key := normaliseFirmName(name)
	if n.used[key] {
		return false
	}
	n.used[key] = true

	return true
}

// composed returns a new "{place} {trade}" name, drawn at random while
// free combinations are easy to find, then the next free one in list
// order, then numbered ones such as "Auburn Tile 2".
func (n *firmNamer) composed(r *rand.Rand) string {
	for range 32 {
		name := pick(r, firmPlaces) + " " + pick(r, firmTrades)
		if n.claim(name) {
			return name
		}
	}

	// Names are never released, so the scan resumes where it stopped.
	combinations := len(firmPlaces) * len(firmTrades)
	for ; ; n.scan++ {
		i := n.scan % combinations
		name := firmPlaces[i/len(firmTrades)] + " " + firmTrades[i%len(firmTrades)]
		if suffix := n.scan/combinations + 1; suffix > 1 {
			name += " " + strconv.Itoa(suffix)
		}
		if n.claim(name) {
			return name
		}
	}
}

// normaliseFirmName returns the lower-case alphanumeric words of name
// without a trailing legal suffix, so that "Rivera Tile, LLC" and
// "rivera tile" compare equal.
func normaliseFirmName(name string) string {
	words := strings.FieldsFunc(strings.ToLower(name), func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c > 127)
	})
	for len(words) > 1 {
		switch words[len(words)-1] {
		case "llc", "inc", "co", "corp", "company", "ltd":
			words = words[:len(words)-1]
			continue
		}
		break
	}

	return strings.Join(words, " ")
}

// firmDomain derives a web domain from a company name, in one of the
// shapes small businesses register.
func firmDomain(r *rand.Rand, name string) string {
	words := strings.Fields(strings.ToLower(strings.ReplaceAll(name, "&", "and")))
	switch r.IntN(4) {
	case 0, 1:
		return strings.Join(words, "-") + ".com"
	case 2:
		return strings.Join(words, "") + ".com"
	default:
		return strings.Join(words, "") + ".net"
	}
}

// writeFirmName returns the company name as a cashier or a web form
// might record it: as is, lower-cased, upper-cased or with a legal suffix.
func writeFirmName(r *rand.Rand, name string) string {
	switch n := r.IntN(20); {
	case n < 11:
		return name
	case n < 14:
		return strings.ToLower(name)
	case n < 15:
		return strings.ToUpper(name)
	default:
		return name + pick(r, legalSuffixes)
	}
}
