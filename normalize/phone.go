package normalize

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// DefaultPhoneRegion is the CLDR region assumed for phone numbers written
// without a country code.
const DefaultPhoneRegion = "US"

// maxE164Digits is the maximum number of digits in an E.164 number,
// country code included (ITU-T Recommendation E.164).
const maxE164Digits = 15

// Phone returns raw in E.164 form ("+12065550134"), reading numbers without
// a country code as US numbers. Formatting, a leading national "1" and
// extensions ("x12", "ext. 12") are dropped. The number must have a
// possible length for its country, so fictional 555 numbers pass. US
// numbers need all 10 national digits, so a 7-digit local number such as
// "555-0134" returns ok false. Empty and unparseable input, numbers too
// short or too long for their country, and numbers of more than 15 digits
// also return ok false. The parser is github.com/nyaruka/phonenumbers, a
// port of Google's libphonenumber.
func Phone(raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", false
	}

	e164, ok := formatE164(raw)
	if !ok {
		return "", false
	}

	// For some regions the parser strips a national prefix that follows the
	// country code, so "+84 0000000000" loses a zero on every pass. Keep only
	// results that parse back to themselves, which makes Phone idempotent.
	again, ok := formatE164(e164)
	if !ok || again != e164 {
		return "", false
	}
	return e164, true
}

// formatE164 parses raw with the default region and formats it as E.164
// when the number has a possible length.
func formatE164(raw string) (string, bool) {
	number, err := phonenumbers.Parse(raw, DefaultPhoneRegion)
	if err != nil {
		return "", false
	}

	// IsPossibleNumber also accepts IS_POSSIBLE_LOCAL_ONLY, which lets a
	// US number without its area code through, so check the reason instead.
	if phonenumbers.IsPossibleNumberWithReason(number) != phonenumbers.IS_POSSIBLE {
		return "", false
	}

	// The parser accepts some domestic-only numbers, such as Japanese
	// toll-free ones, that exceed E.164's limit of 15 digits.
	e164 := phonenumbers.Format(number, phonenumbers.E164)
	if len(e164)-1 > maxE164Digits {
		return "", false
	}
	return e164, true
}

// NationalNumber returns the national significant number of an E.164
// phone number, without country code or national prefix ("+12065550134"
// gives "2065550134", "+442079460958" gives "2079460958"). HubSpot stores
// this form in hs_searchable_calculated_phone_number. It returns "" when
// e164 does not start with "+" or does not parse.
func NationalNumber(e164 string) string {
	e164 = strings.TrimSpace(e164)
	if !strings.HasPrefix(e164, "+") {
		return ""
	}

	// Region "ZZ" (unknown) makes the parser rely on the country code alone.
	number, err := phonenumbers.Parse(e164, "ZZ")
	if err != nil {
		return ""
	}
	return phonenumbers.GetNationalSignificantNumber(number)
}
