package ordermap

// SkipError reports an order that must not become a deal, such as a return
// order or an order that is not COMPLETED. Order sync counts it as skipped,
// not failed.
type SkipError struct {
	// OrderID is the Square order id.
	OrderID string
	// Reason is the cause of the skip, for the run report.
	Reason string
}

// Error returns a message that names the order and the reason.
func (e *SkipError) Error() string {
	return "skip " + orderLabel(e.OrderID) + ": " + e.Reason
}

// FieldError reports an order whose data cannot be mapped, such as a missing
// closed_at or an invalid line quantity. Retrying does not help.
type FieldError struct {
	// OrderID is the Square order id, "" when the order has none.
	OrderID string
	// Field is the Square JSON path of the invalid value, such as
	// "closed_at" or "line_items[2].quantity".
	Field string
	// Reason describes what is wrong with the value.
	Reason string
	// Err is the underlying error, or nil.
	Err error
}

// Error returns a message that names the order, the field and the reason.
func (e *FieldError) Error() string {
	return orderLabel(e.OrderID) + ": invalid " + e.Field + ": " + e.Reason
}

// Unwrap returns the underlying error, or nil.
func (e *FieldError) Unwrap() error {
	return e.Err
}

func orderLabel(orderID string) string {
	if orderID == "" {
		return "order without id"
	}
	return "order " + orderID
}
