package customermap

import (
	"strings"

	"github.com/stonecity/sync/normalize"
)

// NameKey returns the key under which company names match,
// normalize.CompanyName of name: "Rivera Tile, LLC" and "RIVERA TILE INC."
// both give "rivera tile". It returns "" when nothing but punctuation and
// legal suffixes remains.
func NameKey(name string) string {
	return normalize.CompanyName(name)
}

// RepKey returns the key under which sales rep names match: trimmed, runs
// of whitespace collapsed to one space, lower-cased, so "  Dana  ORTIZ "
// gives "dana ortiz". It returns "" for an empty or all-space name.
func RepKey(salesRepName string) string {
	return strings.ToLower(normalize.PersonName(salesRepName))
}

// domainKey returns a HubSpot company domain in the form customer e-mail
// domains are compared in: lower-case, without scheme, "www.", port, path
// or trailing dot, so "https://WWW.RiveraTile.com/about" gives
// "riveratile.com". An e-mail address typed into the domain field gives
// its domain. It returns "" when nothing remains.
func domainKey(domain string) string {
	domain = strings.ToLower(strings.TrimSpace(domain))
	if _, rest, found := strings.Cut(domain, "://"); found {
		domain = rest
	}
	if end := strings.IndexAny(domain, "/?#"); end >= 0 {
		domain = domain[:end]
	}
	if at := strings.LastIndexByte(domain, '@'); at >= 0 {
		domain = domain[at+1:]
	}
	if colon := strings.IndexByte(domain, ':'); colon >= 0 {
		domain = domain[:colon]
	}
	domain = strings.TrimSuffix(domain, ".")
	return strings.TrimPrefix(domain, "www.")
}
