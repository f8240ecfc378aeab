package quotebuild

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHash(t *testing.T) {
	base, err := Validate(validSubmission(), today)
	require.NoError(t, err)

	tests := []struct {
		name string
		edit func(*Submission)
		same bool
	}{
		{name: "same content", edit: func(*Submission) {}, same: true},
		{name: "other requester", edit: func(s *Submission) { s.RequestedBy = "77" }, same: true},
		{name: "equal decimal spelled differently", edit: func(s *Submission) { s.Lines[1].Quantity = "3.000" },
			same: true},
		{name: "other quantity", edit: func(s *Submission) { s.Lines[1].Quantity = "4" }},
		{name: "other sku", edit: func(s *Submission) { s.Lines[0].SKU = "CAL-GOLD-2CM" }},
		{name: "price set", edit: func(s *Submission) { s.Lines[1].UnitPrice = "10" }},
		{name: "other expiry", edit: func(s *Submission) { s.ExpiresOn = "2027-01-16" }},
		{name: "other deal", edit: func(s *Submission) { s.DealID = "9002" }},
		{name: "lines swapped", edit: func(s *Submission) { s.Lines[0], s.Lines[1] = s.Lines[1], s.Lines[0] }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSubmission()
			tt.edit(&s)
			other, err := Validate(s, today)
			require.NoError(t, err)

			if tt.same {
				assert.Equal(t, Hash(base), Hash(other))
			} else {
				assert.NotEqual(t, Hash(base), Hash(other))
			}
		})
	}
}

func TestKeys(t *testing.T) {
	hash := Hash(Submission{DealID: "9001"})

	assert.Len(t, hash, 16)
	assert.Regexp(t, "^[0-9a-f]{16}$", hash)
	assert.Equal(t, "quote-builder/company-501/customer", CustomerKey("501"))
	assert.Equal(t, "quote-builder/deal-9001/quote/"+hash, QuoteKey("9001", hash))
	assert.Equal(t, "hubspot-deal-9001", ExternalReference("9001"))
}
