package quotebuild

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of a submission.
const (
	// MaxLines is the most lines one quote may have.
	MaxLines = 100
	// MaxDecimalPlaces is the most decimal places of a quantity or unit
	// price.
	MaxDecimalPlaces = 4
	// maxIntegerDigits bounds the integer part of a quantity or unit
	// price, far above any real quote and well inside int64 minor units.
	maxIntegerDigits = 9
	maxSKULength     = 100
	maxTextLength    = 500
	// DateLayout is the layout of Submission.ExpiresOn.
	DateLayout = "2006-01-02"
)

// Submission is a quote request from the deal card.
type Submission struct {
	// DealID is the HubSpot record id of the deal, digits only.
	DealID string
	Lines  []Line
	// SalesRep is the SPS sales rep name.
	SalesRep string
	// ExpiresOn is the expiry date, DateLayout.
	ExpiresOn string
	// RequestedBy is the HubSpot user id of the requester, optional. It
	// is not part of Hash, so the same request by two users is one quote.
	RequestedBy string
}

// Line is one line of a Submission.
type Line struct {
	SKU string
	// Quantity is a positive decimal with at most MaxDecimalPlaces places.
	Quantity string
	// UnitPrice is a non-negative decimal in major units with at most
	// MaxDecimalPlaces places, or "" for the SPS price of the item.
	UnitPrice   string
	Description string
}

// Problem is one reason a submission is invalid. Line is the 1-based line
// number, or 0 for a field of the submission itself.
type Problem struct {
	Line   int
	Field  string
	Reason string
}

// String names the line and field, for example
// `line 2 quantity: "-1" is not a positive decimal`.
func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("line %d %s: %s", p.Line, p.Field, p.Reason)
	}
	return p.Field + ": " + p.Reason
}

// ValidationError lists every problem of a submission, in order.
type ValidationError struct {
	Problems []Problem
}

// Error joins the problems with "; ".
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return "invalid quote submission: " + strings.Join(parts, "; ")
}

// Validate checks s and returns it normalised: text trimmed, decimals in
// canonical form ("002.50" becomes "2.5"). DealID must be digits, and
// there must be 1 to MaxLines lines. Every line needs a SKU, a positive
// Quantity and an empty or non-negative UnitPrice, both with at most
// MaxDecimalPlaces places. SalesRep must be set. ExpiresOn must be a date
// after today (in today's location) and at most one year later. It
// returns a *ValidationError naming each line number and field at fault.
func Validate(s Submission, today time.Time) (Submission, error) {
	var problems []Problem
	add := func(line int, field, format string, args ...any) {
		problems = append(problems, Problem{Line: line, Field: field, Reason: fmt.Sprintf(format, args...)})
	}

	out := Submission{
		DealID:      strings.TrimSpace(s.DealID),
		SalesRep:    strings.Join(strings.Fields(s.SalesRep), " "),
		ExpiresOn:   strings.TrimSpace(s.ExpiresOn),
		RequestedBy: strings.TrimSpace(s.RequestedBy),
	}
	if !isRecordID(out.DealID) {
		add(0, "dealId", "%q is not a HubSpot record id (a positive integer without leading zeros)", s.DealID)
	}
	switch {
	case len(s.Lines) == 0:
		add(0, "lines", "at least one line is required")
	case len(s.Lines) > MaxLines:
		add(0, "lines", "%d lines, at most %d are allowed", len(s.Lines), MaxLines)
	default:
		out.Lines = make([]Line, len(s.Lines))
		for i, l := range s.Lines {
			out.Lines[i] = validateLine(i+1, l, add)
		}
	}
	if out.SalesRep == "" {
		add(0, "salesRep", "required")
	} else if utf8.RuneCountInString(out.SalesRep) > maxTextLength {
		add(0, "salesRep", "longer than %d characters", maxTextLength)
	}
	if reason := checkExpiry(out.ExpiresOn, today); reason != "" {
		add(0, "expiresOn", "%s", reason)
	}

	if len(problems) > 0 {
		return Submission{}, &ValidationError{Problems: problems}
	}
	return out, nil
}

// validateLine checks one line and returns it normalised.
func validateLine(n int, l Line, add func(line int, field, format string, args ...any)) Line {
	out := Line{
		SKU:         strings.TrimSpace(l.SKU),
		Description: strings.TrimSpace(l.Description),
	}
	switch {
	case out.SKU == "":
		add(n, "sku", "required")
	case utf8.RuneCountInString(out.SKU) > maxSKULength:
		add(n, "sku", "longer than %d characters", maxSKULength)
	}
	if utf8.RuneCountInString(out.Description) > maxTextLength {
		add(n, "description", "longer than %d characters", maxTextLength)
	}

	quantity, err := CanonicalDecimal(l.Quantity)
	switch {
	case strings.TrimSpace(l.Quantity) == "":
		add(n, "quantity", "required")
	case err != nil:
		add(n, "quantity", "%q: %v", l.Quantity, err)
	case quantity == "0":
		add(n, "quantity", "%q is not a positive decimal", l.Quantity)
	}
	out.Quantity = quantity

	if strings.TrimSpace(l.UnitPrice) != "" {
		price, err := CanonicalDecimal(l.UnitPrice)
		if err != nil {
			add(n, "unitPrice", "%q: %v", l.UnitPrice, err)
		}
		out.UnitPrice = price
	}
	return out
}

// checkExpiry returns why date is not a valid expiry, or "".
func checkExpiry(date string, today time.Time) string {
	if date == "" {
		return "required"
	}
	day, err := time.ParseInLocation(DateLayout, date, today.Location())
	if err != nil {
		return fmt.Sprintf("%q is not a date in YYYY-MM-DD form", date)
	}
	y, m, d := today.Date()
	start := time.Date(y, m, d, 0, 0, 0, 0, today.Location())
	if !day.After(start) {
		return fmt.Sprintf("%s is not after today (%s)", date, start.Format(DateLayout))
	}
	if last := start.AddDate(1, 0, 0); day.After(last) {
		return fmt.Sprintf("%s is more than a year ahead (latest %s)", date, last.Format(DateLayout))
	}
	return ""
}

// isRecordID reports whether s is a positive int64 in canonical decimal
// form. The workflow ID and the idempotency keys are built from the text,
// so "09001" must not pass as a second name of deal 9001.
func isRecordID(s string) bool {
	n, err := strconv.ParseInt(s, 10, 64)
	return err == nil && n > 0 && strconv.FormatInt(n, 10) == s
}
