package dataset

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLooseFirmKey(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"comma and suffix", "Rivera Tile, LLC", "riveratile"},
		{"dotted suffix twice", "L.L.C. Stone L.L.C.", "llcstone"},
		{"the and ampersand", "The Stone & Co.", "stone"},
		{"apostrophe", "O'Malley & Sons Inc.", "omalleysons"},
		{"hyphen", "Walk-in Customer", "walkincustomer"},
		{"and before suffix", "Smith and Co", "smith"},
		{"suffixes with and between", "Stone Co and Inc", "stone"},
		{"accents", "Café Élan Tile", "caféélantile"},
		{"blank", "  ", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, looseFirmKey(tc.in))
		})
	}
}

// TestLooseFirmKeyFollowsCompanyKey checks that the loose key is the
// company key without spaces and without the words "and" and "the", on
// names the namer hands out.
func TestLooseFirmKeyFollowsCompanyKey(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	names := newSPSNamer()
	for range 2000 {
		base := names.firmName(r)
		for _, name := range []string{base, base + pick(r, spsLegalSuffixes), strings.ToUpper(base)} {
			var want strings.Builder
			for _, w := range strings.Fields(companyKey(name)) {
				if w != "and" && w != "the" {
					want.WriteString(w)
				}
			}
			assert.Equal(t, want.String(), looseFirmKey(name), "name %q", name)
		}
	}
}

func TestSPSNamerNamesDistinct(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	names := newSPSNamer()
	names.claim("Granite Ridge Fabrication")
	seen := map[string]string{"granite ridge fabrication": "Granite Ridge Fabrication"}
	for range 3000 {
		name := names.firmName(r)
		key := companyKey(name)
		assert.Empty(t, seen[key], "%q and %q normalise alike", seen[key], name)
		seen[key] = name
	}
}

func TestSPSNamerDomainsDistinct(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	names := newSPSNamer()
	seen := map[string]bool{}
	for range 3000 {
		domain := names.domain(r, names.firmName(r))
		assert.False(t, seen[domain], "domain %s handed out twice", domain)
		assert.Regexp(t, `^[a-z0-9-]+\.(com|net|us|biz)$`, domain)
		seen[domain] = true
	}
}
