package quotemap

import "strconv"

// FieldError reports a quote whose data cannot be mapped, such as a missing
// id or a total that is not a number. Retrying does not help.
type FieldError struct {
	// QuoteID is the SPS quote id, 0 when the quote has none.
	QuoteID int64
	// Field is the SPS JSON name of the invalid value, such as "total".
	Field string
	// Reason describes what is wrong with the value.
	Reason string
}

// Error returns a message that names the quote, the field and the reason.
func (e *FieldError) Error() string {
	return quoteLabel(e.QuoteID) + ": invalid " + e.Field + ": " + e.Reason
}

func quoteLabel(quoteID int64) string {
	if quoteID == 0 {
		return "SPS quote without id"
	}
	return "SPS quote " + strconv.FormatInt(quoteID, 10)
}
