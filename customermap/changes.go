package customermap

import "github.com/stonecity/sync/hubspotvalue"

// ChangedProperties returns the properties of want whose value differs
// from HubSpot's current value in have. A property missing from have
// counts as "". Values are compared as HubSpot stores them:
//
//   - sps_credit_limit as numbers, so "1500", "1500.0" and "1500.00" are
//     equal;
//   - sps_is_tax_exempt ignoring case, so "true" equals "TRUE";
//   - sps_last_synced as instants, in RFC 3339, YYYY-MM-DD or epoch
//     milliseconds;
//   - every other property, and any value that does not parse as its
//     type, as strings after trimming spaces.
//
// sps_last_synced alone is never a change, so a run that changes nothing
// writes nothing. When another property changed, sps_last_synced from want
// is included as well. Properties in have but not in want are left alone.
// The result is empty, never nil, when nothing changed.
func ChangedProperties(want, have map[string]string) map[string]string {
	return hubspotvalue.Changed(want, have, propertyKinds, PropSPSLastSynced)
}
