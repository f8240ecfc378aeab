package customermap

import (
	"strconv"
	"time"

	"github.com/stonecity/sync/clients/sps"
	"github.com/stonecity/sync/hubspotvalue"
	"github.com/stonecity/sync/normalize"
)

// lastSyncedLayout is RFC 3339 with milliseconds, the form HubSpot returns
// datetimes in.
const lastSyncedLayout = "2006-01-02T15:04:05.000Z07:00"

// CompanyProperties maps an SPS customer to the HubSpot company properties
// customer sync writes:
//
//   - name: the customer name with whitespace collapsed
//     (normalize.PersonName), case kept.
//   - domain: the company domain of the e-mail address
//     (normalize.CompanyDomain), omitted for free-mail and invalid
//     addresses.
//   - sps_customer_id: the id in decimal, always present.
//   - sps_customer_code, sps_customer_type, sps_price_level,
//     sps_payment_terms: the SPS values with whitespace collapsed.
//   - sps_credit_limit: a plain decimal such as "1500.5", omitted when SPS
//     sent "" or a value HubSpot cannot store as a number.
//   - sps_sales_rep: the primary sales rep, else the sales rep name.
//   - sps_is_tax_exempt: "true" or "false".
//   - sps_last_synced: syncedAt in UTC as RFC 3339 with milliseconds,
//     omitted when syncedAt is the zero time.
//
// The map never holds an empty value, because HubSpot rejects "" on number
// properties and clears a property that an update sets to "".
func CompanyProperties(c sps.Customer, syncedAt time.Time) map[string]string {
	properties := sharedProperties(c)

	setIfNotEmpty(properties, PropName, normalize.PersonName(c.Name))
	if domain, ok := normalize.CompanyDomain(c.Email); ok {
		properties[PropDomain] = domain
	}
	setIfNotEmpty(properties, PropSPSCustomerCode, normalize.PersonName(c.Code))
	setIfNotEmpty(properties, PropSPSPaymentTerms, normalize.PersonName(c.PaymentTerms))

	// NOTE: a credit limit that is set but not a plain decimal (SPS
	// Decimal accepts "NaN" and "Inf") is omitted like an empty one, so the
	// HubSpot value stays as it was and nothing reports the bad value.
	if limit, ok := hubspotvalue.CanonicalNumber(c.CreditLimit.String()); ok {
		properties[PropSPSCreditLimit] = limit
	}
	properties[PropSPSIsTaxExempt] = strconv.FormatBool(c.IsTaxExempt)
	if !syncedAt.IsZero() {
		properties[PropSPSLastSynced] = syncedAt.UTC().Format(lastSyncedLayout)
	}
	return properties
}

// ContactProperties maps an SPS customer to the properties customer sync
// writes on each HubSpot contact linked to the customer's company:
// sps_customer_id, sps_customer_type, sps_price_level and sps_sales_rep,
// with the same values and rules as CompanyProperties. It never sets
// hs_lead_status, which the caller sets to LeadStatusSPSB2B only where it
// is blank.
func ContactProperties(c sps.Customer) map[string]string {
	return sharedProperties(c)
}

// sharedProperties returns the properties written on both companies and
// contacts.
func sharedProperties(c sps.Customer) map[string]string {
	properties := map[string]string{
		PropSPSCustomerID: strconv.FormatInt(c.ID, 10),
	}
	setIfNotEmpty(properties, PropSPSCustomerType, normalize.PersonName(c.Type))
	setIfNotEmpty(properties, PropSPSPriceLevel, normalize.PersonName(c.PriceLevel))
	setIfNotEmpty(properties, PropSPSSalesRep, salesRep(c))
	return properties
}

// salesRep returns the customer's primary sales rep, else its sales rep
// name, with whitespace collapsed; "" when both are blank.
func salesRep(c sps.Customer) string {
	if rep := normalize.PersonName(c.PrimarySalesRep); rep != "" {
		return rep
	}
	return normalize.PersonName(c.SalesRepName)
}

func setIfNotEmpty(properties map[string]string, name, value string) {
	if value != "" {
		properties[name] = value
	}
}
