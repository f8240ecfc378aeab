package hubspotvalue

// Changed returns the properties of want whose value differs from
// HubSpot's current value in have, compared with Same and the kind from
// kinds. A property missing from have counts as "", and a property missing
// from kinds is a String. Properties in have but not in want are left out.
//
// touch names a property, such as a last-synced time, that alone is never
// a change, so a run that changes nothing writes nothing. When another
// property changed, touch's value from want is included as well. An empty
// touch names no property. The result is empty, never nil, when nothing
// changed.
func Changed(want, have map[string]string, kinds map[string]Kind, touch string) map[string]string {
	changed := make(map[string]string)
	for name, value := range want {
		if touch != "" && name == touch {
			continue
		}
		if !Same(kinds[name], value, have[name]) {
			changed[name] = value
		}
	}

	if len(changed) == 0 || touch == "" {
		return changed
	}
	if touched, ok := want[touch]; ok {
		changed[touch] = touched
	}
	return changed
}
