package quotegateway

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/stonecity/sync/workflows"
)

// maxDealIDLength bounds a deal id; HubSpot record ids are decimal integers
// of at most 20 digits (int64).
const maxDealIDLength = 20

// cardSubmission is the JSON the deal card posts. Ids, quantities and
// prices may arrive as JSON numbers or strings, because form inputs of
// HubSpot UI extensions hand either to the card's code.
type cardSubmission struct {
	DealID      looseString `json:"dealId"`
	Lines       []cardLine  `json:"lines"`
	SalesRep    string      `json:"salesRep"`
	ExpiresOn   string      `json:"expiresOn"`
	RequestedBy looseString `json:"requestedBy"`
}

// cardLine is one line of a cardSubmission.
type cardLine struct {
	SKU         looseString `json:"sku"`
	Quantity    looseString `json:"quantity"`
	UnitPrice   looseString `json:"unitPrice"`
	Description string      `json:"description"`
}

// cardAnswer is the JSON the gateway returns to the card for a status.
type cardAnswer struct {
	State       string `json:"state"`
	Message     string `json:"message"`
	QuoteID     string `json:"quoteId"`
	QuoteNumber string `json:"quoteNumber"`
	CustomerID  string `json:"customerId"`
}

// looseString is a JSON string or number kept as its text: a number keeps
// its literal digits, so "1.50" and 1.50 both read as "1.50".
type looseString string

// UnmarshalJSON accepts a string, a number or null.
func (s *looseString) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	switch {
	case bytes.Equal(data, []byte("null")):
		*s = ""
	case len(data) > 0 && data[0] == '"':
		var text string
		if err := json.Unmarshal(data, &text); err != nil {
			return err
		}
		*s = looseString(text)
	case len(data) > 0 && (data[0] == '-' || (data[0] >= '0' && data[0] <= '9')):
		*s = looseString(data)
	default:
		return fmt.Errorf("expected a string or a number, got %s", truncate(string(data), 20))
	}
	return nil
}

// parseSubmission decodes a card submission. dealIDFromQuery, the
// request's dealId parameter, fills a body without dealId and must match a
// body with one. The error is a sentence for the card.
func parseSubmission(body []byte, dealIDFromQuery string) (workflows.QuoteSubmission, error) {
	var card cardSubmission
	if err := json.Unmarshal(body, &card); err != nil {
		return workflows.QuoteSubmission{}, fmt.Errorf("request body is not a valid quote submission: %s", jsonProblem(err))
	}

	dealID := string(card.DealID)
	switch {
	case dealID == "":
		dealID = dealIDFromQuery
	case dealIDFromQuery != "" && dealIDFromQuery != dealID:
		return workflows.QuoteSubmission{}, fmt.Errorf("dealId %q in the body differs from dealId %q in the URL",
			dealID, dealIDFromQuery)
	}
	if err := checkDealID(dealID); err != nil {
		return workflows.QuoteSubmission{}, err
	}

	s := workflows.QuoteSubmission{
		DealID:      dealID,
		SalesRep:    card.SalesRep,
		ExpiresOn:   card.ExpiresOn,
		RequestedBy: string(card.RequestedBy),
		Lines:       make([]workflows.QuoteLineRequest, len(card.Lines)),
	}
	for i, l := range card.Lines {
		s.Lines[i] = workflows.QuoteLineRequest{SKU: string(l.SKU), Quantity: string(l.Quantity),
			UnitPrice: string(l.UnitPrice), Description: l.Description}
	}
	return s, nil
}

// checkDealID requires a HubSpot record id in canonical form: a positive
// int64 in decimal without leading zeros. The workflow ID and the SPS
// idempotency keys are built from the text, so "042" and "42" would be
// two quote builders for one deal.
func checkDealID(dealID string) error {
	if dealID == "" {
		return errors.New("dealId is missing: send the HubSpot deal id in the body or as ?dealId=")
	}
	if canonical, ok := recordID(dealID); !ok || canonical != dealID {
		return fmt.Errorf("dealId %q is not a HubSpot record id (a positive integer of at most %d digits, "+
			"without leading zeros)", truncate(dealID, 40), maxDealIDLength)
	}
	return nil
}

// recordID returns s, decimal digits only, as a positive int64 in
// canonical decimal form ("007" becomes "7"), or false.
func recordID(s string) (string, bool) {
	if len(s) > maxDealIDLength || !allDigits(s) {
		return "", false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return "", false
	}
	return strconv.FormatInt(n, 10), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// jsonProblem describes a decoding error without Go type names.
func jsonProblem(err error) string {
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Sprintf("malformed JSON at byte %d", syntax.Offset)
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return fmt.Sprintf("field %s must not be a JSON %s", typeErr.Field, typeErr.Value)
	case errors.As(err, &typeErr):
		return fmt.Sprintf("expected a JSON object, got a JSON %s", typeErr.Value)
	default:
		return err.Error()
	}
}

// answerOf converts a workflow status to the card's JSON.
func answerOf(s workflows.QuoteBuilderStatus) cardAnswer {
	message := s.Message
	if message == "" && s.Error != "" {
		message = "failed: " + s.Error
	}
	return cardAnswer{
		State:       s.State,
		Message:     message,
		QuoteID:     s.SPSQuoteID,
		QuoteNumber: s.QuoteNumber,
		CustomerID:  s.SPSCustomerID,
	}
}

// truncate cuts s to at most n bytes for a message.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
