package ordermap

import (
	"fmt"
	"strings"
	"time"

	square "github.com/square/square-go-sdk"

	"github.com/stonecity/sync/money"
)

// DefaultVIPThresholdMajor is the order total, in whole US dollars, from
// which a customer counts as VIP when Settings leaves the threshold at 0.
const DefaultVIPThresholdMajor = 5000

// vipCurrency is the only currency the VIP threshold applies to.
const vipCurrency = "USD"

// hubspotDateTimeLayout is RFC 3339 in UTC with milliseconds, the form
// HubSpot itself returns for datetime properties.
const hubspotDateTimeLayout = "2006-01-02T15:04:05.000Z"

// hubspotDateLayout is the form HubSpot accepts for date properties.
const hubspotDateLayout = "2006-01-02"

// Settings configures MapOrder for one HubSpot portal.
type Settings struct {
	// PipelineID is the HubSpot deal pipeline for Square orders. Required.
	PipelineID string
	// StageID is the closed-won stage of that pipeline. Required.
	StageID string
	// VIPThresholdMajor is the order total in whole US dollars from which
	// the customer is VIP. 0 or less means DefaultVIPThresholdMajor.
	VIPThresholdMajor int64
	// TimeZone is the store's time zone, which decides the calendar day of
	// last_purchase_date. Nil means UTC.
	TimeZone *time.Location
}

// Validate returns an error when a required setting is empty.
func (s Settings) Validate() error {
	var missing []string
	if strings.TrimSpace(s.PipelineID) == "" {
		missing = append(missing, "PipelineID")
	}
	if strings.TrimSpace(s.StageID) == "" {
		missing = append(missing, "StageID")
	}
	if len(missing) > 0 {
		return fmt.Errorf("order mapping settings: missing %s", strings.Join(missing, " and "))
	}
	return nil
}

func (s Settings) vipThreshold() int64 {
	if s.VIPThresholdMajor <= 0 {
		return DefaultVIPThresholdMajor
	}
	return s.VIPThresholdMajor
}

func (s Settings) timeZone() *time.Location {
	if s.TimeZone == nil {
		return time.UTC
	}
	return s.TimeZone
}

// Deal is a Square order mapped to a HubSpot deal and its line items.
type Deal struct {
	// OrderID is the Square order id.
	OrderID string
	// Properties are the deal's HubSpot properties. No value is "".
	Properties map[string]string
	// ClosedAt is the order's closed_at in UTC.
	ClosedAt time.Time
	// CustomerID is the Square customer id of the order, or of its first
	// tender that has one, and "" when neither has one.
	CustomerID string
	// VIP is true when the order total is at least the VIP threshold.
	VIP bool
	// PurchaseDate is closed_at as YYYY-MM-DD in Settings.TimeZone, the
	// value for the contact's last_purchase_date.
	PurchaseDate string
	// Lines are the deal's line items in order.
	Lines []LineItem
}

// MapOrder maps a completed Square order to a HubSpot deal with its line
// items. It returns a *SkipError for a return or exchange order (non-empty
// returns, or return_amounts without line_items) and for a state other
// than COMPLETED. It returns a *FieldError for a missing id, a missing
// state, a missing or invalid closed_at, a missing total_money, an unknown
// currency, a negative total, and a line with an invalid quantity, a
// negative price or a duplicate uid. Every error message names the order
// id. Empty Settings.PipelineID or StageID returns a plain error.
func MapOrder(o *square.Order, s Settings) (Deal, error) {
	if o == nil {
		return Deal{}, &FieldError{Field: "order", Reason: "missing"}
	}

	id := deref(o.ID)
	if strings.TrimSpace(id) == "" {
		return Deal{}, &FieldError{OrderID: id, Field: "id", Reason: "missing"}
	}

	if err := s.Validate(); err != nil {
		return Deal{}, fmt.Errorf("map order %s: %w", id, err)
	}

	if err := checkMappable(id, o); err != nil {
		return Deal{}, err
	}

	closedAt, err := parseClosedAt(id, o.ClosedAt)
	if err != nil {
		return Deal{}, err
	}

	total, currency, err := orderTotal(id, o.TotalMoney)
	if err != nil {
		return Deal{}, err
	}

	lines, err := mapLines(id, o.LineItems, currency)
	if err != nil {
		return Deal{}, err
	}

	facts := orderFacts{closedAt: closedAt, total: total, currency: currency, lines: lines}
	return buildDeal(id, o, s, facts)
}

// orderFacts are the validated values of an order that buildDeal needs.
type orderFacts struct {
	closedAt time.Time
	total    int64 // minor units of currency
	currency string
	lines    []LineItem
}

// checkMappable returns a *SkipError for orders that must not become deals
// and a *FieldError when the state is missing.
func checkMappable(id string, o *square.Order) error {
	if len(o.Returns) > 0 {
		return &SkipError{OrderID: id, Reason: "return or exchange order (has returns)"}
	}
	if o.ReturnAmounts != nil && len(o.LineItems) == 0 {
		return &SkipError{OrderID: id, Reason: "return order (has return_amounts and no line_items)"}
	}

	if o.State == nil || *o.State == "" {
		return &FieldError{OrderID: id, Field: "state", Reason: "missing"}
	}
	if *o.State != square.OrderStateCompleted {
		return &SkipError{OrderID: id, Reason: fmt.Sprintf("state is %s, not COMPLETED", *o.State)}
	}
	return nil
}

func parseClosedAt(id string, closedAt *string) (time.Time, error) {
	raw := deref(closedAt)
	if raw == "" {
		return time.Time{}, &FieldError{OrderID: id, Field: "closed_at", Reason: "missing"}
	}

	parsed, err := time.Parse(time.RFC3339Nano, raw)
	if err != nil {
		return time.Time{}, &FieldError{
			OrderID: id,
			Field:   "closed_at",
			Reason:  fmt.Sprintf("%q is not an RFC 3339 timestamp", raw),
			Err:     err,
		}
	}
	return parsed.UTC(), nil
}

// orderTotal returns the order's total in minor units and its currency.
func orderTotal(id string, total *square.Money) (int64, string, error) {
	if total == nil {
		return 0, "", &FieldError{OrderID: id, Field: "total_money", Reason: "missing"}
	}
	if total.Amount == nil {
		return 0, "", &FieldError{OrderID: id, Field: "total_money.amount", Reason: "missing"}
	}

	currency, err := moneyCurrency(id, "total_money", total)
	if err != nil {
		return 0, "", err
	}

	if *total.Amount < 0 {
		return 0, "", &FieldError{
			OrderID: id,
			Field:   "total_money.amount",
			Reason:  fmt.Sprintf("%d is negative", *total.Amount),
		}
	}
	return *total.Amount, currency, nil
}

// moneyCurrency returns the currency code of m after checking that money
// can format it. field is the Square JSON path of m, for the error.
func moneyCurrency(id, field string, m *square.Money) (string, error) {
	if m.Currency == nil || *m.Currency == "" {
		return "", &FieldError{OrderID: id, Field: field + ".currency", Reason: "missing"}
	}

	currency := string(*m.Currency)
	if _, err := money.Exponent(currency); err != nil {
		return "", &FieldError{
			OrderID: id,
			Field:   field + ".currency",
			Reason:  fmt.Sprintf("unknown currency %q", currency),
			Err:     err,
		}
	}
	return currency, nil
}

func buildDeal(id string, o *square.Order, s Settings, facts orderFacts) (Deal, error) {
	amount, err := money.FormatMinor(facts.total, facts.currency)
	if err != nil {
		return Deal{}, &FieldError{OrderID: id, Field: "total_money", Reason: err.Error(), Err: err}
	}

	// NOTE: the VIP threshold is in US dollars and no exchange rates are
	// available here, so orders in any other currency are never VIP.
	vip := false
	if facts.currency == vipCurrency {
		vip, err = money.AtLeast(facts.total, facts.currency, s.vipThreshold())
		if err != nil {
			return Deal{}, &FieldError{OrderID: id, Field: "total_money", Reason: err.Error(), Err: err}
		}
	}

	closedAtText := facts.closedAt.Format(hubspotDateTimeLayout)
	properties := map[string]string{
		PropDealName:       "Square Order " + id,
		PropAmount:         amount,
		PropPipeline:       s.PipelineID,
		PropDealStage:      s.StageID,
		PropCloseDate:      closedAtText,
		PropSquareClosedAt: closedAtText,
		PropSquareOrderID:  id,
	}
	if methods := PaymentMethods(o.Tenders); methods != "" {
		properties[PropPaymentMethod] = methods
	}

	return Deal{
		OrderID:      id,
		Properties:   properties,
		ClosedAt:     facts.closedAt,
		CustomerID:   customerID(o),
		VIP:          vip,
		PurchaseDate: facts.closedAt.In(s.timeZone()).Format(hubspotDateLayout),
		Lines:        facts.lines,
	}, nil
}

// customerID returns the order's customer_id, or else the first tender
// customer_id. Square's SearchOrders customer filter also treats a tender's
// customer_id as the order's customer.
func customerID(o *square.Order) string {
	if id := strings.TrimSpace(deref(o.CustomerID)); id != "" {
		return id
	}
	for _, tender := range o.Tenders {
		if tender == nil {
			continue
		}
		if id := strings.TrimSpace(deref(tender.CustomerID)); id != "" {
			return id
		}
	}
	return ""
}

// PaymentMethods returns the distinct tender types of an order in order of
// first appearance, joined with ";" ("CARD;CASH"). Nil tenders and empty
// types are ignored, and no tenders give "". Unknown future types are kept
// as Square sends them.
func PaymentMethods(tenders []*square.Tender) string {
	seen := make(map[string]bool)
	var methods []string
	for _, tender := range tenders {
		if tender == nil {
			continue
		}
		method := strings.TrimSpace(string(tender.Type))
		if method == "" || seen[method] {
			continue
		}
		seen[method] = true
		methods = append(methods, method)
	}
	return strings.Join(methods, ";")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
