package quotebuild

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
)

// hashLength is the number of hex digits of Hash.
const hashLength = 16

// hashedSubmission is the content Hash covers, in a fixed field order.
type hashedSubmission struct {
	DealID    string       `json:"dealId"`
	SalesRep  string       `json:"salesRep"`
	ExpiresOn string       `json:"expiresOn"`
	Lines     []hashedLine `json:"lines"`
}

type hashedLine struct {
	SKU         string `json:"sku"`
	Quantity    string `json:"quantity"`
	UnitPrice   string `json:"unitPrice"`
	Description string `json:"description"`
}

// Hash returns the first 16 hex digits of the SHA-256 of a validated
// submission's content: deal, sales rep, expiry and lines in order, but
// not RequestedBy. Pass the result of Validate, so that "2" and "2.0"
// hash alike.
func Hash(s Submission) string {
	content := hashedSubmission{DealID: s.DealID, SalesRep: s.SalesRep, ExpiresOn: s.ExpiresOn,
		Lines: make([]hashedLine, len(s.Lines))}
	for i, l := range s.Lines {
		content.Lines[i] = hashedLine{SKU: l.SKU, Quantity: l.Quantity, UnitPrice: l.UnitPrice,
			Description: l.Description}
	}
	// json.Marshal fails only for unsupported types and values, and
	// content holds strings only.
	data, _ := json.Marshal(content)
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])[:hashLength]
}

// CustomerKey returns the Idempotency-Key of the SPS customer create for
// a HubSpot company, "quote-builder/company-<companyID>/customer", so the
// quote builder creates at most one SPS customer per company, however
// many of its deals submit. The body carries the deal's contact and sales
// rep. A second deal of the company with other ones gets SPS's 422
// idempotency mismatch instead of a replay, and must take the customer id
// the first deal stamps on the company.
//
// NOTE: the key never changes for a company. While SPS keeps the key, a
// company whose sps_customer_id is cleared gets the first customer again
// or a mismatch, never a new customer.
func CustomerKey(companyID string) string {
	return "quote-builder/company-" + companyID + "/customer"
}

// QuoteKey returns the Idempotency-Key of the SPS quote create for a deal
// and a submission hash, "quote-builder/deal-<id>/quote/<hash>": a retry
// or a double click replays, and a corrected submission gets a new key.
func QuoteKey(dealID, hash string) string {
	return "quote-builder/deal-" + dealID + "/quote/" + hash
}

// externalReferencePrefix starts the SPS quote's reference to its deal.
const externalReferencePrefix = "hubspot-deal-"

// ExternalReference returns the SPS quote's reference to its deal,
// "hubspot-deal-<id>".
func ExternalReference(dealID string) string {
	return externalReferencePrefix + dealID
}

// DealIDFromReference returns the HubSpot deal id of an SPS quote's
// external reference made by ExternalReference, and false for any other
// reference.
func DealIDFromReference(ref string) (string, bool) {
	id, ok := strings.CutPrefix(strings.TrimSpace(ref), externalReferencePrefix)
	if !ok || !isRecordID(id) {
		return "", false
	}
	return id, true
}
