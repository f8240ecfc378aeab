package dataset

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"

	"github.com/stonecity/sync/sandbox/hubspot"
)

// Words of SPS firm names. They differ from the Square firms' words, and
// none is a legal suffix, "and" or "the", so that only the suffixes added
// on purpose change a name's normalised form.
var (
	spsFirmAdjectives = []string{
		"Granite", "Blue", "Silver", "Iron", "Cedar", "North", "West", "Golden",
		"Red", "Summit", "River", "Coastal", "Alpine", "Canyon", "Prairie", "Royal",
		"Urban", "Black", "White", "Grey", "Copper", "Slate", "Pine", "Harbor",
		"Eagle", "Falcon", "Bear", "Elk", "Fox", "Raven",
	}
	spsFirmNouns = []string{
		"Ridge", "Quarry", "Peak", "Creek", "Valley", "Rock", "Ledge", "Bluff",
		"Point", "Mesa", "Grove", "Forge", "Crest", "Bay", "Hollow", "Field",
		"Mill", "Bridge", "Falls", "Spring", "Lake", "Pass", "Trail", "Canyon",
		"Hill", "Brook", "Shore", "Glen", "Butte", "Harbor",
	}
	spsFirmTrades = []string{
		"Fabrication", "Stone Works", "Surfaces", "Countertops", "Tile & Stone",
		"Granite", "Marble", "Builders", "Construction", "Design", "Interiors",
		"Kitchen & Bath", "Masonry", "Hardscapes", "Remodeling", "Cabinets",
		"Stone Supply", "Contractors", "Homes", "Restoration", "Architecture",
		"Studio", "Installations", "Tile", "Stoneworks", "Flooring",
		"Outdoor Living", "Custom Homes", "Fireplaces", "Stone Imports",
	}
	spsFirmSurnames = []string{
		"Alvarez", "Bennett", "Callahan", "Dawson", "Eriksen", "Fischer", "Gallagher",
		"Hoffman", "Iverson", "Jensen", "Kowalczyk", "Larsen", "Morrison", "Nakamura",
		"Olsen", "Petrov", "Quinn", "Rasmussen", "Sorensen", "Thornton", "Ulrich",
		"Vasquez", "Whitaker", "Yamamoto", "Zimmerman", "Brennan", "Castro", "Dunn",
		"Ferraro", "Hale",
	}
	// spsLegalSuffixes are written after a firm's base name. Each is a
	// legal-form word that name normalisation drops.
	spsLegalSuffixes = []string{
		" LLC", ", LLC", " Inc.", ", Inc.", " Inc", " Co.", " Corp.", " Corporation", " Ltd.",
	}
	spsDomainEndings = []string{".com", ".com", ".com", ".net", ".us", ".biz"}
)

// spsNamer hands out firm names and web domains that no other record of
// the dataset uses: distinct from each other, from the Square firms and
// from the HubSpot companies, under any usual name normalisation.
type spsNamer struct {
	names   map[string]bool // looseFirmKey of every name in use
	domains map[string]bool // lower-case domains in use
	serial  int             // number for names once random ones run short
}

func newSPSNamer() *spsNamer {
	return &spsNamer{names: make(map[string]bool), domains: make(map[string]bool)}
}

// reserveSquare marks as used the company names and e-mail domains of the
// Square customers and the names and domains of the HubSpot companies, so
// that no SPS customer matches a record of the Square part by accident.
func (n *spsNamer) reserveSquare(cs customerSet, portal hubspot.Portal) {
	for _, c := range cs.records {
		n.claim(deref(c.CompanyName))
		n.claimDomain(emailDomain(deref(c.EmailAddress)))
	}
	for _, f := range cs.firms {
		n.claim(f.name)
		n.claimDomain(f.domain)
	}
	for _, o := range portal.Objects {
		if o.ObjectType == "companies" {
			n.claim(o.Properties["name"])
			n.claimDomain(o.Properties["domain"])
		}
	}
}

// claim marks name as used and reports whether it was free. Empty names
// are never free.
func (n *spsNamer) claim(name string) bool {
	key := looseFirmKey(name)
	if key == "" || n.names[key] {
		return false
	}
	n.names[key] = true

	return true
}

// claimDomain marks domain as used and reports whether it was free.
func (n *spsNamer) claimDomain(domain string) bool {
	domain = strings.ToLower(strings.TrimSpace(domain))
	if domain == "" || n.domains[domain] {
		return false
	}
	n.domains[domain] = true

	return true
}

// firmName returns a new base firm name without a legal suffix, such as
// "Granite Ridge Fabrication" or "Larsen & Quinn Tile". When random names
// keep colliding it numbers them: "Granite Ridge Fabrication 2".
func (n *spsNamer) firmName(r *rand.Rand) string {
	for range 32 {
		if name := composeSPSFirm(r); n.claim(name) {
			return name
		}
	}
	for {
		n.serial++
		if name := composeSPSFirm(r) + " " + strconv.Itoa(n.serial+1); n.claim(name) {
			return name
		}
	}
}

// composeSPSFirm draws a firm name from the word lists. At the default
// size the weights ask each pattern for at most about half of the names
// it can form, so random draws seldom repeat a name.
func composeSPSFirm(r *rand.Rand) string {
	switch n := r.IntN(100); {
	case n < 62:
		return pick(r, spsFirmAdjectives) + " " + pick(r, spsFirmNouns) + " " + pick(r, spsFirmTrades)
	case n < 66:
		return pick(r, spsFirmSurnames) + " " + pick(r, spsFirmTrades)
	case n < 88:
		return pick(r, spsFirmSurnames) + " & " + pick(r, spsFirmSurnames) + " " + pick(r, spsFirmTrades)
	case n < 94:
		return pick(r, spsFirmSurnames) + pick(r, []string{" Brothers ", " & Sons "}) + pick(r, spsFirmTrades)
	default:
		return pick(r, spsFirmAdjectives) + " " + pick(r, spsFirmNouns) + pick(r, []string{" Group", " Partners"})
	}
}

// domain returns a new web domain for the firm named base, derived from
// its words: "graniteridgefabrication.com", "granite-ridge.net" or
// "grfabrication.us".
func (n *spsNamer) domain(r *rand.Rand, base string) string {
	words := strings.Fields(strings.Map(func(c rune) rune {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			return c
		default:
			return ' '
		}
	}, strings.ToLower(strings.ReplaceAll(base, "&", " and "))))
	if len(words) == 0 {
		words = []string{"stone"}
	}

	for attempt := 0; ; attempt++ {
		label := domainLabel(words, r.IntN(4))
		if attempt >= 8 {
			label += strconv.Itoa(attempt)
		}
		if d := label + pick(r, spsDomainEndings); n.claimDomain(d) {
			return d
		}
	}
}

// domainLabel joins a firm's lower-case words into a domain label in one
// of four shapes: all words, words with hyphens, initials and the last
// word, or all words but the last.
func domainLabel(words []string, shape int) string {
	last := len(words) - 1
	switch shape {
	case 0:
		return strings.Join(words, "")
	case 1:
		return strings.Join(words, "-")
	case 2:
		var initials strings.Builder
		for _, w := range words[:last] {
			initials.WriteByte(w[0])
		}
		return initials.String() + words[last]
	default:
		return strings.Join(words[:max(1, last)], "")
	}
}

// looseFirmKey returns the coarsest comparison key of a firm name: its
// letters and digits only, lower-cased, without the words "the" and "and"
// and without trailing legal suffixes. Names with different loose keys
// differ under every usual normalisation, whichever punctuation,
// spacing and suffix rules it applies.
func looseFirmKey(name string) string {
	lower := strings.ToLower(name)
	var words []string
	start := -1
	for i, c := range lower {
		keep := c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
			c > unicode.MaxASCII && (unicode.IsLetter(c) || unicode.IsDigit(c))
		joining := c == '.' || c == '\'' || c == '\u2019'
		switch {
		case keep && start < 0:
			start = i
		case !keep && !joining && start >= 0:
			words = append(words, lower[start:i])
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, lower[start:])
	}

	for len(words) > 0 && legalFormWords[stripJoining(words[len(words)-1])] {
		words = words[:len(words)-1]
		if len(words) > 0 && words[len(words)-1] == "and" {
			words = words[:len(words)-1]
		}
	}

	var b strings.Builder
	b.Grow(len(lower))
	for _, w := range words {
		if w = stripJoining(w); w != "and" && w != "the" {
			b.WriteString(w)
		}
	}

	return b.String()
}

// stripJoining deletes the dots and apostrophes that companyKey deletes
// without breaking the word.
func stripJoining(word string) string {
	if !strings.ContainsAny(word, ".'\u2019") {
		return word
	}

	return strings.NewReplacer(".", "", "'", "", "\u2019", "").Replace(word)
}

// legalFormWords are the company-form words that companyKey drops from the
// end of a name.
var legalFormWords = map[string]bool{
	"llc": true, "inc": true, "incorporated": true, "corp": true, "corporation": true,
	"co": true, "company": true, "ltd": true, "limited": true, "lp": true, "llp": true,
	"pllc": true, "plc": true, "gmbh": true,
}

// companyKey returns the key under which customer sync compares company
// names. It lower-cases the name, reads "&" as "and" and deletes dots and
// apostrophes. Any other character that is not a letter or digit breaks
// words. It drops a leading "the" and trailing legal-form words, each
// with an "and" right before it. "Rivera Tile, LLC" and "RIVERA TILE"
// both give "rivera tile".
func companyKey(name string) string {
	var cleaned strings.Builder
	cleaned.Grow(len(name) + 8)
	for _, c := range name {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			cleaned.WriteRune(c)
		case c >= 'A' && c <= 'Z':
			cleaned.WriteRune(c + 'a' - 'A')
		case c == '&':
			cleaned.WriteString(" and ")
		case c == '.' || c == '\'' || c == '\u2019':
		case c > unicode.MaxASCII && (unicode.IsLetter(c) || unicode.IsDigit(c)):
			cleaned.WriteRune(unicode.ToLower(c))
		default:
			cleaned.WriteByte(' ')
		}
	}

	words := strings.Fields(cleaned.String())
	for len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	for len(words) > 0 && legalFormWords[words[len(words)-1]] {
		words = words[:len(words)-1]
		if len(words) > 0 && words[len(words)-1] == "and" {
			words = words[:len(words)-1]
		}
	}

	return strings.Join(words, " ")
}

// emailDomain returns the part of email after its last "@", trimmed and
// lower-cased, or "" when there is no "@".
func emailDomain(email string) string {
	at := strings.LastIndexByte(email, '@')
	if at < 0 {
		return ""
	}

	return strings.ToLower(strings.TrimSpace(email[at+1:]))
}
