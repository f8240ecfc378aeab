package activities

import (
	"context"
	"io"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"

	"github.com/stonecity/sync/clients/hubspot"
	"github.com/stonecity/sync/ordermap"
)

// conflictCases are the bodies HubSpot is known to send for a taken
// unique value, as the client classifies them, and one validation error.
var conflictCases = []struct {
	name     string
	err      hubspot.InputError
	conflict bool
}{
	{"409 CONFLICT", hubspot.InputError{Kind: hubspot.KindConflict, Category: "CONFLICT",
		ExistingID: "42"}, true},
	{"409 OBJECT_ALREADY_EXISTS", hubspot.InputError{Kind: hubspot.KindConflict,
		Category: "OBJECT_ALREADY_EXISTS", Code: "CONTACT_EXISTS", ExistingID: "42"}, true},
	{"400 already has that value", hubspot.InputError{Kind: hubspot.KindConflict,
		Category: "VALIDATION_ERROR", ExistingID: "42"}, true},
	{"400 invalid option", hubspot.InputError{Kind: hubspot.KindValidation,
		Category: "VALIDATION_ERROR", Code: "INVALID_OPTION", Property: "hs_lead_status"}, false},
}

// runInActivity runs fn with an activity context, which activity.GetLogger
// needs.
func runInActivity(t *testing.T, fn func(ctx context.Context)) {
	t.Helper()
	env := quietActivityEnv(io.Discard)
	env.RegisterActivityWithOptions(func(ctx context.Context) error {
		fn(ctx)
		return nil
	}, activity.RegisterOptions{Name: "runInActivity"})
	_, err := env.ExecuteActivity("runInActivity")
	require.NoError(t, err)
}

func newTestPage() *orderPage {
	p := newOrderPage(&OrderActivities{}, OrderPageInput{}, newCheckpoint(""), nil)
	p.deals = []ordermap.Deal{{OrderID: "O1", Lines: []ordermap.LineItem{{UID: "O1:L1"}}}}
	p.lines["O1:L1"] = lineRef{orderID: "O1", index: 0, count: 1}
	return p
}

func TestContactErrorConflict(t *testing.T) {
	for _, tc := range conflictCases {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPage()
			b := &buyer{identity: "email:ann@example.com", customerIDs: []string{"C1"}, orderIDs: []string{"O1"}}
			p.buyers = []*buyer{b}
			e := tc.err
			e.TraceID = b.identity

			runInActivity(t, func(ctx context.Context) { p.contactError(ctx, e, b, false) })

			if tc.conflict {
				assert.Equal(t, "42", p.cp.Contacts[b.identity])
				assert.Empty(t, p.cp.Failed)
			} else {
				assert.Empty(t, p.cp.Contacts[b.identity])
				assert.Contains(t, p.cp.Failed["O1"], "hs_lead_status")
			}
		})
	}
}

func TestCompanyErrorConflict(t *testing.T) {
	for _, tc := range conflictCases {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPage()
			b := &buyer{identity: "email:ann@rivera.example", companyKey: "domain:rivera.example",
				orderIDs: []string{"O1"}}
			p.buyers = []*buyer{b}
			e := tc.err
			e.TraceID = b.companyKey

			runInActivity(t, func(ctx context.Context) { p.companyError(ctx, e, b, false) })

			if tc.conflict {
				assert.Equal(t, "42", p.cp.Companies[b.companyKey])
				assert.Empty(t, p.cp.Failed)
			} else {
				assert.Empty(t, p.cp.Companies[b.companyKey])
				assert.Contains(t, p.cp.Failed["O1"], "domain:rivera.example")
			}
		})
	}
}

func TestLineItemErrorConflict(t *testing.T) {
	for _, tc := range conflictCases {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPage()
			e := tc.err
			e.TraceID = "O1:L1"

			runInActivity(t, func(ctx context.Context) { p.lineItemError(ctx, e, "O1", false) })

			if tc.conflict {
				assert.Equal(t, "42", p.lineItemID("O1:L1"))
				assert.Empty(t, p.cp.Failed)
			} else {
				assert.Empty(t, p.lineItemID("O1:L1"))
				assert.Contains(t, p.cp.Failed["O1"], "line item O1:L1")
			}
		})
	}
}

func TestDealErrorConflict(t *testing.T) {
	for _, tc := range conflictCases {
		t.Run(tc.name, func(t *testing.T) {
			p := newTestPage()
			e := tc.err
			e.TraceID = "O1"

			runInActivity(t, func(ctx context.Context) { p.dealError(ctx, e, false) })

			if tc.conflict {
				assert.Equal(t, skipRaced, p.cp.Skipped["O1"])
				assert.Empty(t, p.cp.Failed)
			} else {
				assert.Empty(t, p.cp.Skipped)
				assert.Contains(t, p.cp.Failed["O1"], "deal: ")
			}
		})
	}
}

func TestDealErrorResentConflict(t *testing.T) {
	p := newTestPage()
	p.setLineItemID("O1:L1", "7")

	runInActivity(t, func(ctx context.Context) {
		p.dealError(ctx, hubspot.InputError{Kind: hubspot.KindConflict, Category: "CONFLICT",
			ExistingID: "42", TraceID: "O1"}, true)
	})

	assert.Equal(t, "42", p.cp.Deals["O1"])
	assert.Empty(t, p.cp.Skipped)
	assert.Equal(t, 1, p.cp.Writes[objectDeals].Created)
	assert.Empty(t, p.cp.LineItems, "the deal's line item ids leave the checkpoint")
}

func TestTruncateReason(t *testing.T) {
	long := ""
	for len(long) < 2*maxFailureReasonBytes {
		long += "石"
	}
	tests := []struct {
		name   string
		reason string
		want   string
	}{
		{"short kept", "deal: invalid amount", "deal: invalid amount"},
		{"exact limit kept", string(make([]byte, maxFailureReasonBytes)), string(make([]byte, maxFailureReasonBytes))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, truncateReason(tt.reason))
		})
	}
	t.Run("long cut at rune boundary", func(t *testing.T) {
		got := truncateReason(long)
		assert.LessOrEqual(t, len(got), maxFailureReasonBytes)
		assert.True(t, utf8.ValidString(got))
		assert.Contains(t, got, "…")
	})
}
