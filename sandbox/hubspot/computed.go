package hubspot

import (
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// derive sets the system and calculated properties of a record in place:
// id, timestamps, searchable phone numbers, line item amount and the deal
// closed flags. Every write calls it.
func (st *store) derive(t objectType, id int64, props map[string]string, created, updated time.Time) {
	props[objectIDProp] = strconv.FormatInt(id, 10)
	props[createDateProp] = formatTime(created)
	props[t.lastModified] = formatTime(updated)

	switch t.name {
	case "contacts":
		setOrDelete(props, phoneSearchProp, searchablePhone(props["phone"]))
		setOrDelete(props, mobileSearchProp, searchablePhone(props["mobilephone"]))
	case "line_items":
		setOrDelete(props, "amount", multiplyDecimals(props["quantity"], props["price"]))
	case "deals":
		st.deriveDealFlags(props)
	}
}

func setOrDelete(props map[string]string, name, value string) {
	if value == "" {
		delete(props, name)
		return
	}
	props[name] = value
}

// searchablePhone is HubSpot's hs_searchable_calculated_phone_number: the
// national significant number of the phone, parsed with US as the default
// region, or its digits when it does not parse.
func searchablePhone(phone string) string {
	if strings.TrimSpace(phone) == "" {
		return ""
	}
	if parsed, err := phonenumbers.Parse(phone, "US"); err == nil {
		if national := phonenumbers.GetNationalSignificantNumber(parsed); national != "" {
			return national
		}
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		return -1
	}, phone)
}

// multiplyDecimals returns the exact product of two decimal strings with
// trailing fractional zeros removed, or "" when either is unset or invalid.
func multiplyDecimals(a, b string) string {
	x, okA := new(big.Rat).SetString(a)
	y, okB := new(big.Rat).SetString(b)
	if a == "" || b == "" || !okA || !okB {
		return ""
	}
	product := new(big.Rat).Mul(x, y)
	scale := decimalPlaces(a) + decimalPlaces(b)
	text := product.FloatString(scale)
	if strings.Contains(text, ".") {
		text = strings.TrimRight(strings.TrimRight(text, "0"), ".")
	}
	return text
}

func decimalPlaces(s string) int {
	if dot := strings.IndexByte(s, '.'); dot >= 0 {
		return len(s) - dot - 1
	}
	return 0
}

// deriveDealFlags sets hs_is_closed, hs_is_closed_won and
// hs_is_closed_lost from the deal's stage: a closed stage with
// probability 1.0 is won, any other closed stage is lost.
func (st *store) deriveDealFlags(props map[string]string) {
	stage, ok := st.findStage(props[pipelineProp], props[dealStageProp])
	if !ok {
		for _, name := range []string{"hs_is_closed", "hs_is_closed_won", "hs_is_closed_lost"} {
			delete(props, name)
		}
		return
	}
	won := stage.IsClosed && stage.Probability >= 1.0
	props["hs_is_closed"] = strconv.FormatBool(stage.IsClosed)
	props["hs_is_closed_won"] = strconv.FormatBool(won)
	props["hs_is_closed_lost"] = strconv.FormatBool(stage.IsClosed && !won)
}
