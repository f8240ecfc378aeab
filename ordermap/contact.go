package ordermap

import (
	"strings"

	square "github.com/square/square-go-sdk"

	"github.com/stonecity/sync/normalize"
)

// ContactProperties maps a Square customer to HubSpot contact properties.
// firstname, lastname and company are the customer's names with whitespace
// collapsed (normalize.PersonName). email is normalised with normalize.Email
// and omitted when invalid, because HubSpot rejects the whole write for an
// invalid address. phone is E.164 when normalize.Phone parses it and the
// trimmed input otherwise, and phone_e164 is set only when it parses.
// square_customer_id is the customer id. Empty values are omitted. The map
// never contains hs_marketable_status, which the HubSpot API cannot write.
// A nil customer gives an empty map.
func ContactProperties(c *square.Customer) map[string]string {
	properties := make(map[string]string)
	if c == nil {
		return properties
	}

	setIfNotEmpty(properties, PropFirstName, normalize.PersonName(deref(c.GivenName)))
	setIfNotEmpty(properties, PropLastName, normalize.PersonName(deref(c.FamilyName)))
	setIfNotEmpty(properties, PropCompany, normalize.PersonName(deref(c.CompanyName)))
	setIfNotEmpty(properties, PropSquareCustomerID, strings.TrimSpace(deref(c.ID)))

	if email, ok := normalize.Email(deref(c.EmailAddress)); ok {
		properties[PropEmail] = email
	}

	rawPhone := strings.TrimSpace(deref(c.PhoneNumber))
	if e164, ok := normalize.Phone(rawPhone); ok {
		properties[PropPhone] = e164
		properties[PropPhoneE164] = e164
	} else {
		setIfNotEmpty(properties, PropPhone, rawPhone)
	}

	return properties
}

func setIfNotEmpty(properties map[string]string, name, value string) {
	if value != "" {
		properties[name] = value
	}
}
