package dataset

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// identityRegistry records every e-mail key and phone key handed out, so
// that two records share a key only where the generator links them on
// purpose.
type identityRegistry struct {
	phoneBook
	emails map[string]bool // trimmed, lower-cased addresses
}

func newIdentityRegistry() *identityRegistry {
	return &identityRegistry{
		phoneBook: phoneBook{used: make(map[string]bool)},
		emails:    make(map[string]bool),
	}
}

// plusTags are the sub-addresses people add after a "+".
var plusTags = []string{"stone", "orders", "home", "reno", "kitchen", "2025"}

// freshEmail returns a lower-case address at domain for p that no other
// record uses. The local part takes one of several common shapes and
// sometimes a plus tag.
func (reg *identityRegistry) freshEmail(r *rand.Rand, p person, domain string) string {
	local := localPart(r, p.handle)
	if chance(r, 0.05) {
		local += "+" + pick(r, plusTags)
	}

	return reg.claimEmail(local, domain)
}

// claimEmail returns local@domain, or local followed by the first number
// that makes the address unused, and marks it used.
func (reg *identityRegistry) claimEmail(local, domain string) string {
	for n := 0; ; n++ {
		candidate := local
		if n > 0 {
			candidate = insertNumber(local, n+1)
		}

		addr := strings.ToLower(candidate + "@" + domain)
		if !reg.emails[addr] {
			reg.emails[addr] = true
			return addr
		}
	}
}

// insertNumber appends n to the local part before any plus tag.
func insertNumber(local string, n int) string {
	base, tag, tagged := strings.Cut(local, "+")
	base += strconv.Itoa(n)
	if tagged {
		return base + "+" + tag
	}

	return base
}

// localPart shapes an e-mail local part from a handle "given.family".
func localPart(r *rand.Rand, handle string) string {
	given, family, ok := strings.Cut(handle, ".")
	if !ok || given == "" || family == "" {
		return handle
	}

	switch r.IntN(10) {
	case 0, 1:
		return given + family
	case 2:
		return given[:1] + family
	case 3:
		return given + "_" + family
	case 4:
		return family + "." + given
	case 5:
		return given + strconv.Itoa(between(r, 60, 99))
	default:
		return handle
	}
}

// messKind is a variant spelling of an address with the same key.
type messKind int

const (
	messTitleCase   messKind = iota // Maria.Lopez@Gmail.com
	messUpper                       // MARIA.LOPEZ@GMAIL.COM
	messSpaces                      // "  maria.lopez@gmail.com "
	messTitleSpaces                 // " Maria.Lopez@gmail.com"
	messCount
)

// messEmail returns addr written differently but with the same key
// (trimmed and lower-cased). The result always differs from addr.
func messEmail(addr string, kind messKind) string {
	var out string
	switch kind {
	case messUpper:
		out = strings.ToUpper(addr)
	case messSpaces:
		out = "  " + addr + " "
	case messTitleSpaces:
		out = " " + titleParts(addr)
	default:
		out = titleParts(addr)
	}
	if out == addr {
		return " " + addr
	}

	return out
}

// titleParts capitalises the first letter after each ".", "@" and the
// start of addr.
func titleParts(addr string) string {
	b := []byte(addr)
	upperNext := true
	for i, c := range b {
		if upperNext && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		upperNext = c == '.' || c == '@'
	}

	return string(b)
}

// maybeMess returns addr unchanged most of the time and otherwise one of
// the ways people write addresses in a POS: odd case, stray spaces.
func maybeMess(r *rand.Rand, addr string) string {
	if chance(r, 0.12) {
		return messEmail(addr, messKind(r.IntN(int(messCount))))
	}

	return addr
}
