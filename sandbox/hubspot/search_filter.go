package hubspot

import (
	"cmp"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// compiledFilter is a validated search filter.
type compiledFilter struct {
	op     string
	prop   *Property   // nil for an associations.{type} filter
	assoc  *objectType // the associated type of an associations filter
	value  string
	high   string
	values []string
}

var operatorsNeedingValue = map[string]bool{
	"EQ": true, "NEQ": true, "LT": true, "LTE": true, "GT": true, "GTE": true,
	"CONTAINS_TOKEN": true, "NOT_CONTAINS_TOKEN": true, "BETWEEN": true,
}

var operatorsNeedingValues = map[string]bool{"IN": true, "NOT_IN": true}

var operatorsWithoutValue = map[string]bool{"HAS_PROPERTY": true, "NOT_HAS_PROPERTY": true}

// compileFilter checks one filter: a known operator, an existing property
// (or associations.{type}), the values the operator needs, and lower-case
// IN values on string properties.
func (s *Simulator) compileFilter(t objectType, f searchFilter) (compiledFilter, *apiError) {
	op := f.Operator
	if !operatorsNeedingValue[op] && !operatorsNeedingValues[op] && !operatorsWithoutValue[op] {
		return compiledFilter{}, errValidation("filter on %s: operator %q is not supported",
			f.PropertyName, op)
	}
	cf := compiledFilter{op: op}
	if name, ok := strings.CutPrefix(f.PropertyName, "associations."); ok {
		target, known := lookupObjectType(name, true)
		if !known {
			return cf, errValidation("filter on %s: %s is not an object type", f.PropertyName, name)
		}
		cf.assoc = &target
	} else {
		p, known := s.st.props(t).get(f.PropertyName)
		if !known {
			return cf, errValidation("filter property %q does not exist on %s", f.PropertyName, t.name)
		}
		cf.prop = p
	}

	if f.Value != nil {
		cf.value = string(*f.Value)
	}
	if f.HighValue != nil {
		cf.high = string(*f.HighValue)
	}
	for _, v := range f.Values {
		cf.values = append(cf.values, string(v))
	}
	switch {
	case operatorsNeedingValue[op] && f.Value == nil:
		return cf, errValidation("filter on %s: operator %s needs a value", f.PropertyName, op)
	case op == "BETWEEN" && f.HighValue == nil:
		return cf, errValidation("filter on %s: BETWEEN needs a highValue", f.PropertyName)
	case operatorsNeedingValues[op] && len(cf.values) == 0:
		return cf, errValidation("filter on %s: operator %s needs values", f.PropertyName, op)
	}
	if operatorsNeedingValues[op] && cf.prop != nil && isStringType(cf.prop) {
		for _, v := range cf.values {
			if v != strings.ToLower(v) {
				return cf, errValidation("filter on %s: %s values of a string property must be "+
					"lower-case; %q is not", f.PropertyName, op, v)
			}
		}
	}
	return cf, nil
}

func isStringType(p *Property) bool {
	return p.Type == typeString || p.Type == typePhoneNumber
}

// matchGroup reports whether a record matches every filter of a group.
func (s *Simulator) matchGroup(t objectType, r *record, props map[string]string, group []compiledFilter) bool {
	for _, f := range group {
		if f.assoc != nil {
			if !f.matchValues(s.associatedIDs(t, r, *f.assoc), nil) {
				return false
			}
			continue
		}
		if !f.matchValues(props[f.prop.Name], f.prop) {
			return false
		}
	}
	return true
}

// associatedIDs joins a record's live associated ids with ";" so that an
// associations filter matches like a multi-value property.
func (s *Simulator) associatedIDs(t objectType, r *record, target objectType) string {
	var ids []string
	for _, a := range s.associatedObjects(t, r.id, target) {
		ids = append(ids, strconv.FormatInt(a.ToObjectID, 10))
	}
	return strings.Join(ids, ";")
}

// matchValues applies the operator to a stored value; "" means unset. A
// nil prop marks an associations filter, compared as exact ids.
func (f compiledFilter) matchValues(stored string, p *Property) bool {
	has := stored != ""
	switch f.op {
	case "HAS_PROPERTY":
		return has
	case "NOT_HAS_PROPERTY":
		return !has
	case "EQ":
		return has && valueEquals(p, stored, f.value)
	case "NEQ":
		return !has || !valueEquals(p, stored, f.value)
	case "IN":
		return has && slices.ContainsFunc(f.values, func(v string) bool { return valueEquals(p, stored, v) })
	case "NOT_IN":
		return !has || !slices.ContainsFunc(f.values, func(v string) bool { return valueEquals(p, stored, v) })
	case "CONTAINS_TOKEN":
		return has && containsToken(stored, f.value)
	case "NOT_CONTAINS_TOKEN":
		return !has || !containsToken(stored, f.value)
	}
	if !has || p == nil {
		return false
	}
	c, ok := compareValues(p, stored, f.value)
	switch f.op {
	case "LT":
		return ok && c < 0
	case "LTE":
		return ok && c <= 0
	case "GT":
		return ok && c > 0
	case "GTE":
		return ok && c >= 0
	case "BETWEEN":
		high, okHigh := compareValues(p, stored, f.high)
		return ok && okHigh && c >= 0 && high <= 0
	}
	return false
}

// valueEquals compares as HubSpot's search does: enumerations exactly
// (any one value of a multi-select), numbers and dates by value, other
// values case-insensitively.
func valueEquals(p *Property, stored, value string) bool {
	if p == nil || p.Type == typeEnumeration {
		return slices.Contains(strings.Split(stored, ";"), value)
	}
	if p.Type == typeNumber || p.Type == typeDate || p.Type == typeDatetime {
		c, ok := compareValues(p, stored, value)
		return ok && c == 0
	}
	return strings.EqualFold(stored, value)
}

// compareValues orders a stored value against a filter value by the
// property's type; ok is false when either does not parse.
func compareValues(p *Property, stored, value string) (int, bool) {
	switch p.Type {
	case typeNumber:
		a, okA := new(big.Rat).SetString(stored)
		b, okB := new(big.Rat).SetString(value)
		if !okA || !okB {
			return 0, false
		}
		return a.Cmp(b), true
	case typeDate, typeDatetime:
		a, okA := parseTimestamp(stored)
		b, okB := parseTimestamp(value)
		if !okA || !okB {
			return 0, false
		}
		return a.Compare(b), true
	case typeEnumeration:
		return strings.Compare(stored, value), true
	default:
		return strings.Compare(strings.ToLower(stored), strings.ToLower(value)), true
	}
}

// containsToken matches a word of the value, case-insensitively. A "*" in
// the token is a wildcard matched against each word and the whole value,
// so "*@example.com" finds every address at that domain.
func containsToken(stored, token string) bool {
	value := strings.ToLower(stored)
	token = strings.ToLower(token)
	words := strings.FieldsFunc(value, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("@._-", r)
	})
	words = append(words, value)
	if !strings.Contains(token, "*") {
		return slices.Contains(words, token)
	}
	pattern := "^" + strings.ReplaceAll(regexp.QuoteMeta(token), `\*`, ".*") + "$"
	re, err := regexp.Compile(pattern)
	if err != nil {
		return false
	}
	return slices.ContainsFunc(words, re.MatchString)
}

// sortHits orders hits by the sort rule, unset values last and ties by
// id; without a rule the hits stay in id order.
func (s *Simulator) sortHits(t objectType, hits []searchHit, rule *sortRule) {
	if rule == nil {
		return
	}
	p, _ := s.st.props(t).get(rule.PropertyName)
	desc := rule.Direction == "DESCENDING"
	if p.Name == objectIDProp {
		// Every record has an id, so its integer orders the hits without
		// parsing each value as a decimal in every comparison.
		slices.SortFunc(hits, func(a, b searchHit) int {
			if desc {
				return cmp.Compare(b.rec.id, a.rec.id)
			}
			return cmp.Compare(a.rec.id, b.rec.id)
		})
		return
	}
	slices.SortStableFunc(hits, func(a, b searchHit) int {
		va, vb := a.version.props[p.Name], b.version.props[p.Name]
		switch {
		case va == "" && vb == "":
			return cmp.Compare(a.rec.id, b.rec.id)
		case va == "":
			return 1
		case vb == "":
			return -1
		}
		c, ok := compareValues(p, va, vb)
		if !ok || c == 0 {
			return cmp.Compare(a.rec.id, b.rec.id)
		}
		if desc {
			return -c
		}
		return c
	})
}
