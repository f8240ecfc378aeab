package quotemap

import "strings"

// ChangedProperties returns the properties of want whose value differs
// from HubSpot's current value in have. A property missing from have
// counts as "". Values are compared as HubSpot stores them:
//
//   - amount and sps_revision_count as numbers, so "1500" equals
//     "1500.00";
//   - closedate and sps_last_synced as instants, in RFC 3339, YYYY-MM-DD
//     or epoch milliseconds;
//   - every other property, and any value that does not parse as its
//     type, as strings after trimming spaces.
//
// sps_last_synced alone is never a change, so a run that changes nothing
// writes nothing. When another property changed, sps_last_synced from want
// is included as well. Properties in have but not in want are left alone.
// The result is empty, never nil, when nothing changed.
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
		wantNumber, wantOK := canonicalDecimal(want)
		haveNumber, haveOK := canonicalDecimal(have)
		return wantOK && haveOK && wantNumber == haveNumber
	case kindDatetime:
		wantTime, wantOK := parseDatetime(want)
		haveTime, haveOK := parseDatetime(have)
		return wantOK && haveOK && wantTime.Equal(haveTime)
	default:
		return false
	}
}
