// Package normalize turns the messy contact data of a point-of-sale system
// (odd case, stray spaces, phones in many formats, company names with legal
// suffixes) into stable forms used as HubSpot property values and as match
// keys. Every function is pure and safe on any input, invalid UTF-8 included.
package normalize

import (
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Email returns the address trimmed and lower-cased, with one trailing dot
// removed from the domain ("Ann@Example.COM." gives "ann@example.com").
// The address must be one "@" between a non-empty local part and a domain
// of two or more non-empty dot-separated labels. It must also parse as a
// bare RFC 5322 address with net/mail, which rules out local parts such
// as "ann..lee", "a,b" or "<ann" that HubSpot rejects. Otherwise, and for
// empty input, invalid UTF-8, inner whitespace or control characters,
// Email returns "" and ok false. Email is idempotent.
func Email(raw string) (string, bool) {
	// The validity check comes first because ToLower replaces invalid bytes
	// with U+FFFD, which would hide them.
	if !utf8.ValidString(raw) {
		return "", false
	}

	email := strings.ToLower(strings.TrimSpace(raw))
	if email == "" {
		return "", false
	}
	if strings.IndexFunc(email, isSpaceOrControl) >= 0 {
		return "", false
	}

	local, domain, found := strings.Cut(email, "@")
	if !found || local == "" || strings.Contains(domain, "@") {
		return "", false
	}

	domain = strings.TrimSuffix(domain, ".")
	if !validDomain(domain) {
		return "", false
	}

	email = local + "@" + domain
	if !bareAddress(email) {
		return "", false
	}
	return email, true
}

// bareAddress reports whether net/mail reads email as exactly one address
// with no display name, unchanged.
func bareAddress(email string) bool {
	addr, err := mail.ParseAddress(email)
	return err == nil && addr.Name == "" && addr.Address == email
}

// validDomain reports whether domain has at least two labels and no empty
// label, which rules out "example", ".com", "example..com" and "".
func validDomain(domain string) bool {
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, label := range labels {
		if label == "" {
			return false
		}
	}
	return true
}

func isSpaceOrControl(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r)
}

// EmailDomain returns the lower-case domain of an e-mail address, without a
// trailing dot, after normalising the address with Email. ok is false when
// Email rejects the address.
func EmailDomain(email string) (string, bool) {
	normalized, ok := Email(email)
	if !ok {
		return "", false
	}

	_, domain, _ := strings.Cut(normalized, "@")
	return domain, true
}

// CompanyDomain returns the domain of an e-mail address when it can
// identify the sender's company, which rules out free-mail providers
// (see IsFreeMail). ok is false for an invalid address or a free-mail domain.
func CompanyDomain(email string) (string, bool) {
	domain, ok := EmailDomain(email)
	if !ok || IsFreeMail(domain) {
		return "", false
	}
	return domain, true
}
