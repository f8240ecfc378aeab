package ordermap

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	square "github.com/square/square-go-sdk"

	"github.com/stonecity/sync/money"
)

// customAmountName names lines that have neither an item nor a variation
// name, which is how Point of Sale records a keyed-in amount.
const customAmountName = "Custom amount"

// nameSeparator joins item and variation names, as in "Carrara Tile – 12x24".
const nameSeparator = " – "

// quantityPattern is a non-negative decimal without sign, exponent or
// spaces, the form Square uses for line quantities ("1", "2.25").
var quantityPattern = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// LineItem is one Square order line mapped to a HubSpot line item.
type LineItem struct {
	// UID is "<order id>:<line uid>", or "<order id>:<index>" with the
	// zero-based line index when the line has no uid. It is unique within
	// the order.
	UID string
	// CatalogObjectID is the Square ITEM_VARIATION id, "" for custom amounts.
	CatalogObjectID string
	// Properties are the line item's HubSpot properties. No value is "".
	Properties map[string]string
}

// mapLines maps the order's lines in order. currency is the order's
// currency, which every line price must share.
func mapLines(orderID string, items []*square.OrderLineItem, currency string) ([]LineItem, error) {
	lines := make([]LineItem, 0, len(items))
	seen := make(map[string]int, len(items))
	for index, item := range items {
		field := fmt.Sprintf("line_items[%d]", index)
		if item == nil {
			return nil, &FieldError{OrderID: orderID, Field: field, Reason: "missing"}
		}

		line, err := mapLine(orderID, field, index, item, currency)
		if err != nil {
			return nil, err
		}

		if previous, duplicate := seen[line.UID]; duplicate {
			return nil, &FieldError{
				OrderID: orderID,
				Field:   field + ".uid",
				Reason:  fmt.Sprintf("line item UID %q repeats line_items[%d]", line.UID, previous),
			}
		}
		seen[line.UID] = index
		lines = append(lines, line)
	}
	return lines, nil
}

func mapLine(orderID, field string, index int, item *square.OrderLineItem, currency string) (LineItem, error) {
	if !quantityPattern.MatchString(item.Quantity) {
		return LineItem{}, &FieldError{
			OrderID: orderID,
			Field:   field + ".quantity",
			Reason:  fmt.Sprintf("%q is not a non-negative decimal number", item.Quantity),
		}
	}

	lineKey := strings.TrimSpace(deref(item.UID))
	if lineKey == "" {
		lineKey = strconv.Itoa(index)
	}
	uid := orderID + ":" + lineKey

	properties := map[string]string{
		PropLineItemName: lineName(item),
		PropQuantity:     item.Quantity,
		PropLineItemUID:  uid,
	}

	price, err := unitPrice(orderID, field+".base_price_money", item.BasePriceMoney, currency)
	if err != nil {
		return LineItem{}, err
	}
	if price != "" {
		properties[PropPrice] = price
	}

	catalogObjectID := strings.TrimSpace(deref(item.CatalogObjectID))
	if catalogObjectID != "" {
		properties[PropCatalogObjectID] = catalogObjectID
	}

	return LineItem{UID: uid, CatalogObjectID: catalogObjectID, Properties: properties}, nil
}

// lineName returns "<item> – <variation>", whichever of the two exists,
// or customAmountName.
func lineName(item *square.OrderLineItem) string {
	name := collapseSpaces(deref(item.Name))
	variation := collapseSpaces(deref(item.VariationName))
	switch {
	case name != "" && variation != "":
		return name + nameSeparator + variation
	case name != "":
		return name
	case variation != "":
		return variation
	default:
		return customAmountName
	}
}

// unitPrice formats base_price_money in major units. It returns "" when the
// line has no price, and a *FieldError for a negative amount or a currency
// other than the order's. field is the Square JSON path, for the error.
func unitPrice(orderID, field string, price *square.Money, currency string) (string, error) {
	if price == nil || price.Amount == nil {
		return "", nil
	}

	if price.Currency != nil && string(*price.Currency) != currency {
		return "", &FieldError{
			OrderID: orderID,
			Field:   field + ".currency",
			Reason:  fmt.Sprintf("%q differs from the order currency %q", *price.Currency, currency),
		}
	}
	if *price.Amount < 0 {
		return "", &FieldError{
			OrderID: orderID,
			Field:   field + ".amount",
			Reason:  fmt.Sprintf("%d is negative", *price.Amount),
		}
	}

	formatted, err := money.FormatMinor(*price.Amount, currency)
	if err != nil {
		return "", &FieldError{OrderID: orderID, Field: field, Reason: err.Error(), Err: err}
	}
	return formatted, nil
}

func collapseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
