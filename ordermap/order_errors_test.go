package ordermap

import (
	"errors"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/money"
)

func TestMapOrderSkips(t *testing.T) {
	tests := []struct {
		name       string
		modify     func(o *square.Order)
		wantReason string
	}{
		{
			name:       "return order",
			modify:     func(o *square.Order) { o.Returns = []*square.OrderReturn{{UID: square.String("r1")}} },
			wantReason: "has returns",
		},
		{
			name: "exchange order with lines and returns",
			modify: func(o *square.Order) {
				o.Returns = []*square.OrderReturn{{SourceOrderID: square.String("ORDER-0")}}
			},
			wantReason: "return or exchange",
		},
		{
			name: "return amounts without lines",
			modify: func(o *square.Order) {
				o.LineItems = nil
				o.ReturnAmounts = &square.OrderMoneyAmounts{TotalMoney: usd(500)}
			},
			wantReason: "has return_amounts and no line_items",
		},
		{
			name:       "open",
			modify:     func(o *square.Order) { o.State = square.OrderStateOpen.Ptr() },
			wantReason: "state is OPEN",
		},
		{
			name:       "canceled",
			modify:     func(o *square.Order) { o.State = square.OrderStateCanceled.Ptr() },
			wantReason: "state is CANCELED",
		},
		{
			name:       "draft",
			modify:     func(o *square.Order) { o.State = square.OrderStateDraft.Ptr() },
			wantReason: "state is DRAFT",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			order := newOrder()
			tt.modify(order)

			deal, err := MapOrder(order, testSettings)
			var skip *SkipError
			require.ErrorAs(t, err, &skip)
			assert.Equal(t, testOrderID, skip.OrderID)
			assert.Contains(t, skip.Reason, tt.wantReason)
			assert.Contains(t, err.Error(), testOrderID)
			assert.Empty(t, deal.OrderID)
		})
	}
}

func TestMapOrderReturnAmountsWithLines(t *testing.T) {
	order := newOrder()
	order.ReturnAmounts = &square.OrderMoneyAmounts{TotalMoney: usd(0)}

	_, err := MapOrder(order, testSettings)
	require.NoError(t, err)
}

func TestMapOrderFieldErrors(t *testing.T) {
	tests := []struct {
		name       string
		modify     func(o *square.Order)
		wantID     string
		wantField  string
		wantReason string
	}{
		{name: "missing id", modify: func(o *square.Order) { o.ID = nil }, wantID: "", wantField: "id", wantReason: "missing"},
		{name: "blank id", modify: func(o *square.Order) { o.ID = square.String("  ") }, wantID: "  ", wantField: "id", wantReason: "missing"},
		{name: "missing state", modify: func(o *square.Order) { o.State = nil }, wantField: "state", wantReason: "missing"},
		{name: "missing closed at", modify: func(o *square.Order) { o.ClosedAt = nil }, wantField: "closed_at", wantReason: "missing"},
		{name: "empty closed at", modify: func(o *square.Order) { o.ClosedAt = square.String("") }, wantField: "closed_at", wantReason: "missing"},
		{
			name:       "date only closed at",
			modify:     func(o *square.Order) { o.ClosedAt = square.String("2026-03-14") },
			wantField:  "closed_at",
			wantReason: `"2026-03-14" is not an RFC 3339 timestamp`,
		},
		{
			name:       "closed at without zone",
			modify:     func(o *square.Order) { o.ClosedAt = square.String("2026-03-14T05:02:40") },
			wantField:  "closed_at",
			wantReason: "is not an RFC 3339 timestamp",
		},
		{name: "missing total", modify: func(o *square.Order) { o.TotalMoney = nil }, wantField: "total_money", wantReason: "missing"},
		{
			name:       "missing total amount",
			modify:     func(o *square.Order) { o.TotalMoney.Amount = nil },
			wantField:  "total_money.amount",
			wantReason: "missing",
		},
		{
			name:       "missing currency",
			modify:     func(o *square.Order) { o.TotalMoney.Currency = nil },
			wantField:  "total_money.currency",
			wantReason: "missing",
		},
		{
			name:       "unknown currency",
			modify:     func(o *square.Order) { o.TotalMoney = moneyIn(100, "UNKNOWN_CURRENCY") },
			wantField:  "total_money.currency",
			wantReason: `unknown currency "UNKNOWN_CURRENCY"`,
		},
		{
			name:       "currency without minor unit",
			modify:     func(o *square.Order) { o.TotalMoney = moneyIn(100, "XAU") },
			wantField:  "total_money.currency",
			wantReason: `unknown currency "XAU"`,
		},
		{
			name:       "negative total",
			modify:     func(o *square.Order) { o.TotalMoney = usd(-500) },
			wantField:  "total_money.amount",
			wantReason: "-500 is negative",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			order := newOrder()
			tt.modify(order)
			wantID := tt.wantID
			if tt.wantField != "id" {
				wantID = testOrderID
			}

			_, err := MapOrder(order, testSettings)
			var fieldErr *FieldError
			require.ErrorAs(t, err, &fieldErr)
			assert.Equal(t, wantID, fieldErr.OrderID)
			assert.Equal(t, tt.wantField, fieldErr.Field)
			assert.Contains(t, fieldErr.Reason, tt.wantReason)
			assert.Contains(t, err.Error(), wantID)
			assert.Contains(t, err.Error(), tt.wantField)
		})
	}
}

func TestMapOrderUnknownCurrencyUnwraps(t *testing.T) {
	order := newOrder()
	order.TotalMoney = moneyIn(100, "ZZZ")

	_, err := MapOrder(order, testSettings)
	assert.ErrorIs(t, err, money.ErrUnknownCurrency)
}

func TestMapOrderNilOrder(t *testing.T) {
	_, err := MapOrder(nil, testSettings)
	var fieldErr *FieldError
	require.ErrorAs(t, err, &fieldErr)
	assert.Equal(t, "order", fieldErr.Field)
}

func TestMapOrderSettingsErrors(t *testing.T) {
	tests := []struct {
		name     string
		settings Settings
		want     string
	}{
		{name: "missing pipeline", settings: Settings{StageID: "1"}, want: "missing PipelineID"},
		{name: "missing stage", settings: Settings{PipelineID: "1"}, want: "missing StageID"},
		{name: "blank both", settings: Settings{PipelineID: " ", StageID: ""}, want: "missing PipelineID and StageID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := MapOrder(newOrder(), tt.settings)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), testOrderID)

			var fieldErr *FieldError
			assert.False(t, errors.As(err, &fieldErr))
			var skip *SkipError
			assert.False(t, errors.As(err, &skip))
		})
	}
}
