package customermap

import (
	"strconv"
	"strings"
	"time"
)

// ChangedProperties returns the properties of want whose value differs
// from HubSpot's current value in have. A property missing from have
// counts as "". Values are compared as HubSpot stores them:
//
//   - sps_credit_limit as numbers, so "1500", "1500.0" and "1500.00" are
//     equal;
//   - sps_is_tax_exempt ignoring case, so "true" equals "TRUE";
//   - sps_last_synced as instants, in RFC 3339 or epoch milliseconds;
//   - every other property, and any value that does not parse as its
//     type, as strings after trimming spaces.
//
// sps_last_synced alone is never a change, so a run that changes nothing
// writes nothing. When another property changed, sps_last_synced from want
// is included as well. The result is empty, never nil, when nothing
// changed.
func ChangedProperties(want, have map[string]string) map[string]string {
	changed := make(map[string]string)
	for name, value := range want {
		if name == PropSPSLastSynced {
			continue
		}
		if !sameValue(propertyKinds[name], value, have[name]) {
			changed[name] = value
		}
	}

	if len(changed) == 0 {
		return changed
	}
	if synced, ok := want[PropSPSLastSynced]; ok {
		changed[PropSPSLastSynced] = synced
	}
	return changed
}

// sameValue reports whether HubSpot stores want and have as the same value
// of a property of the given kind.
func sameValue(kind propertyKind, want, have string) bool {
	want = strings.TrimSpace(want)
	have = strings.TrimSpace(have)
	if want == have {
		return true
	}

	switch kind {
	case kindNumber:
		wantNumber, wantOK := plainDecimal(want)
		haveNumber, haveOK := plainDecimal(have)
		return wantOK && haveOK && wantNumber == haveNumber
	case kindBool:
		return strings.EqualFold(want, have)
	case kindDatetime:
		wantTime, wantOK := parseDatetime(want)
		haveTime, haveOK := parseDatetime(have)
		return wantOK && haveOK && wantTime.Equal(haveTime)
	default:
		return false
	}
}

// parseDatetime reads a HubSpot datetime value: RFC 3339 with or without
// fractional seconds, or milliseconds since the Unix epoch.
func parseDatetime(value string) (time.Time, bool) {
	if isDigits(value) {
		millis, err := strconv.ParseInt(value, 10, 64)
		return time.UnixMilli(millis), err == nil
	}

	t, err := time.Parse(time.RFC3339Nano, value)
	return t, err == nil
}
