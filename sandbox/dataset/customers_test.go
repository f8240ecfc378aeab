package dataset

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCustomerCount(t *testing.T) {
	n := len(fullDataset(t).Square.Customers)

	assert.GreaterOrEqual(t, n, 500)
	assert.LessOrEqual(t, n, 700)
}

func TestCustomerJSONRoundTrip(t *testing.T) {
	for _, c := range fullDataset(t).Square.Customers {
		first, err := json.Marshal(c)
		require.NoError(t, err)

		var decoded square.Customer
		require.NoError(t, json.Unmarshal(first, &decoded), "customer %s", str(c.ID))
		second, err := json.Marshal(&decoded)
		require.NoError(t, err)
		assert.Equal(t, string(first), string(second), "customer %s", str(c.ID))

		parseSquareTime(t, str(c.ID)+" created_at", c.CreatedAt)
		parseSquareTime(t, str(c.ID)+" updated_at", c.UpdatedAt)
	}
}

// countCustomers returns how many customers satisfy match.
func countCustomers(d *Dataset, match func(c *square.Customer) bool) int {
	n := 0
	for _, c := range d.Square.Customers {
		if match(c) {
			n++
		}
	}

	return n
}

func TestCustomerNameCases(t *testing.T) {
	d := fullDataset(t)
	names := func(c *square.Customer) string { return str(c.GivenName) + " " + str(c.FamilyName) }
	oddCase := regexp.MustCompile(`^\p{Ll}\p{Lu}{2,}`)

	cases := []struct {
		name  string
		match func(c *square.Customer) bool
	}{
		{"non-ASCII letters", func(c *square.Customer) bool {
			return strings.IndexFunc(names(c), func(r rune) bool { return r > unicode.MaxASCII }) >= 0
		}},
		{"Han characters", func(c *square.Customer) bool {
			return strings.IndexFunc(names(c), func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
		}},
		{"Cyrillic", func(c *square.Customer) bool {
			return strings.IndexFunc(names(c), func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) >= 0
		}},
		{"José Núñez", func(c *square.Customer) bool { return names(c) == "José Núñez" }},
		{"inverted case like mARIA", func(c *square.Customer) bool { return oddCase.MatchString(str(c.GivenName)) }},
		{"all caps family name", func(c *square.Customer) bool {
			f := str(c.FamilyName)
			return len(f) > 2 && f == strings.ToUpper(f) && f != strings.ToLower(f)
		}},
		{"apostrophe", func(c *square.Customer) bool { return strings.Contains(names(c), "'") }},
		{"name of about 200 characters", func(c *square.Customer) bool {
			return utf8.RuneCountInString(str(c.GivenName)) >= 190 || utf8.RuneCountInString(str(c.FamilyName)) >= 190
		}},
		{"no name at all", func(c *square.Customer) bool { return c.GivenName == nil && c.FamilyName == nil }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Positive(t, countCustomers(d, tc.match))
		})
	}
}

func TestCustomerContactDetails(t *testing.T) {
	d := fullDataset(t)
	email := func(c *square.Customer) string { return str(c.EmailAddress) }
	phone := func(c *square.Customer) string { return str(c.PhoneNumber) }

	cases := []struct {
		name  string
		least int
		match func(c *square.Customer) bool
	}{
		{"e-mail with upper case", 10, func(c *square.Customer) bool { return email(c) != strings.ToLower(email(c)) }},
		{"e-mail with surrounding spaces", 5, func(c *square.Customer) bool { return email(c) != strings.TrimSpace(email(c)) }},
		{"plus addressing", 5, func(c *square.Customer) bool { return strings.Contains(email(c), "+") }},
		{"no e-mail, phone only", 30, func(c *square.Customer) bool { return c.EmailAddress == nil && c.PhoneNumber != nil }},
		{"e-mail only", 30, func(c *square.Customer) bool { return c.EmailAddress != nil && c.PhoneNumber == nil }},
		{"neither e-mail nor phone", 1, func(c *square.Customer) bool { return c.EmailAddress == nil && c.PhoneNumber == nil }},
		{"phone (206) 555-0134 style", 20, matchPhone(phone, `^\(\d{3}\) \d{3}-\d{4}$`)},
		{"phone with dots", 5, matchPhone(phone, `^\d{3}\.\d{3}\.\d{4}$`)},
		{"phone +1 with spaces", 5, matchPhone(phone, `^\+1 \d{3} \d{3} \d{4}$`)},
		{"phone 1- with dashes", 5, matchPhone(phone, `^1-\d{3}-\d{3}-\d{4}$`)},
		{"phone digits only", 5, matchPhone(phone, `^\d{10}$`)},
		{"phone with extension", 3, matchPhone(phone, `(x|ext\.?|#) ?\d+$`)},
		{"phone international", 3, matchPhone(phone, `^\+44 `)},
		{"phone too short to parse", 2, func(c *square.Customer) bool {
			return c.PhoneNumber != nil && len(strings.Map(keepDigits, phone(c))) < 10
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.GreaterOrEqual(t, countCustomers(d, tc.match), tc.least)
		})
	}
}

func matchPhone(phone func(*square.Customer) string, pattern string) func(*square.Customer) bool {
	re := regexp.MustCompile(pattern)
	return func(c *square.Customer) bool { return re.MatchString(phone(c)) }
}

func keepDigits(r rune) rune {
	if r >= '0' && r <= '9' {
		return r
	}
	return -1
}

func TestBusinessBuyers(t *testing.T) {
	d := fullDataset(t)
	freeMail := map[string]bool{"gmail.com": true, "yahoo.com": true, "outlook.com": true,
		"hotmail.com": true, "icloud.com": true, "aol.com": true}

	var business, companyDomain, freeMailBuyers int
	buyersByDomain := map[string]map[string]bool{}
	for _, c := range d.Square.Customers {
		if c.CompanyName == nil {
			continue
		}
		business++

		_, domain, _ := strings.Cut(testEmailKey(str(c.EmailAddress)), "@")
		if freeMail[domain] {
			freeMailBuyers++
			continue
		}
		companyDomain++
		if buyersByDomain[domain] == nil {
			buyersByDomain[domain] = map[string]bool{}
		}
		buyersByDomain[domain][testEmailKey(str(c.EmailAddress))] = true
	}

	shared := 0
	for _, people := range buyersByDomain {
		if len(people) >= 2 {
			shared++
		}
	}

	assert.GreaterOrEqual(t, business, 40, "business buyers")
	assert.GreaterOrEqual(t, companyDomain, 15, "buyers with a company e-mail domain")
	assert.GreaterOrEqual(t, freeMailBuyers, 10, "business buyers with free-mail addresses")
	assert.GreaterOrEqual(t, shared, 1, "companies with two buyers")
	assert.NotEmpty(t, buyersByDomain["rivera-tile.com"], "buyers at rivera-tile.com")
	assert.Positive(t, countCustomers(d, func(c *square.Customer) bool { return str(c.CompanyName) == "rivera tile" }))
}
