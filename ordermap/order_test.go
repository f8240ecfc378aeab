package ordermap

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testOrderID = "ORDER-1"

var testSettings = Settings{PipelineID: "889312001", StageID: "1338115383"}

// newOrder returns a minimal valid COMPLETED order of $123.45 with one line.
func newOrder() *square.Order {
	return &square.Order{
		ID:         square.String(testOrderID),
		LocationID: "LOC-1",
		State:      square.OrderStateCompleted.Ptr(),
		ClosedAt:   square.String("2026-03-14T05:02:40.931Z"),
		TotalMoney: usd(12345),
		LineItems: []*square.OrderLineItem{{
			UID:            square.String("line-a"),
			Name:           square.String("Slate Tile"),
			Quantity:       "1",
			BasePriceMoney: usd(12345),
		}},
	}
}

func usd(amount int64) *square.Money {
	return &square.Money{Amount: square.Int64(amount), Currency: square.CurrencyUsd.Ptr()}
}

func moneyIn(amount int64, currency string) *square.Money {
	code := square.Currency(currency)
	return &square.Money{Amount: square.Int64(amount), Currency: &code}
}

func loadOrder(t *testing.T, name string) *square.Order {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)

	var order square.Order
	require.NoError(t, json.Unmarshal(data, &order))
	return &order
}

func TestMapOrderFixture(t *testing.T) {
	deal, err := MapOrder(loadOrder(t, "completed_order.json"), testSettings)
	require.NoError(t, err)

	id := "Xq7GpN2dV1bR8sKf3LmT9wYhZcEa"
	assert.Equal(t, map[string]string{
		"dealname":         "Square Order " + id,
		"amount":           "655.86",
		"pipeline":         "889312001",
		"dealstage":        "1338115383",
		"closedate":        "2026-03-14T05:02:40.931Z",
		"square_closed_at": "2026-03-14T05:02:40.931Z",
		"square_order_id":  id,
		"payment_method":   "CARD;CASH",
	}, deal.Properties)
	assert.Equal(t, id, deal.OrderID)
	assert.Equal(t, time.Date(2026, 3, 14, 5, 2, 40, 931_000_000, time.UTC), deal.ClosedAt)
	assert.Equal(t, "JDKYHBWT1D4F8MFH63DBMEN8Y4", deal.CustomerID)
	assert.False(t, deal.VIP)
	assert.Equal(t, "2026-03-14", deal.PurchaseDate)
	require.Len(t, deal.Lines, 3)
	assert.Equal(t, id+":vGp0rJzKxW3yQ2a1bCdE", deal.Lines[0].UID)
	assert.Equal(t, "Carrara Marble Tile – 12x24 Polished", deal.Lines[0].Properties[PropLineItemName])
	assert.Equal(t, "Custom amount", deal.Lines[2].Properties[PropLineItemName])
}

func TestMapOrderDealFields(t *testing.T) {
	tests := []struct {
		name   string
		modify func(o *square.Order)
		check  func(t *testing.T, deal Deal)
	}{
		{
			name:   "dealname contains id",
			modify: func(o *square.Order) {},
			check: func(t *testing.T, deal Deal) {
				assert.Equal(t, "Square Order ORDER-1", deal.Properties[PropDealName])
			},
		},
		{
			name:   "amount usd",
			modify: func(o *square.Order) { o.TotalMoney = usd(123456) },
			check: func(t *testing.T, deal Deal) {
				assert.Equal(t, "1234.56", deal.Properties[PropAmount])
			},
		},
		{
			name:   "amount zero",
			modify: func(o *square.Order) { o.TotalMoney = usd(0) },
			check: func(t *testing.T, deal Deal) {
				assert.Equal(t, "0.00", deal.Properties[PropAmount])
			},
		},
		{
			name: "amount jpy",
			modify: func(o *square.Order) {
				o.TotalMoney = moneyIn(5000, "JPY")
				o.LineItems[0].BasePriceMoney = moneyIn(5000, "JPY")
			},
			check: func(t *testing.T, deal Deal) {
				assert.Equal(t, "5000", deal.Properties[PropAmount])
			},
		},
		{
			name: "amount kwd",
			modify: func(o *square.Order) {
				o.TotalMoney = moneyIn(1, "KWD")
				o.LineItems[0].BasePriceMoney = moneyIn(1, "KWD")
			},
			check: func(t *testing.T, deal Deal) {
				assert.Equal(t, "0.001", deal.Properties[PropAmount])
			},
		},
		{
			name:   "pipeline and stage from settings",
			modify: func(o *square.Order) {},
			check: func(t *testing.T, deal Deal) {
				assert.Equal(t, "889312001", deal.Properties[PropPipeline])
				assert.Equal(t, "1338115383", deal.Properties[PropDealStage])
			},
		},
		{
			name:   "closed at offset converted to utc",
			modify: func(o *square.Order) { o.ClosedAt = square.String("2026-03-13T21:02:40-08:00") },
			check: func(t *testing.T, deal Deal) {
				assert.Equal(t, "2026-03-14T05:02:40.000Z", deal.Properties[PropCloseDate])
				assert.Equal(t, "2026-03-14T05:02:40.000Z", deal.Properties[PropSquareClosedAt])
				assert.Equal(t, time.UTC, deal.ClosedAt.Location())
			},
		},
		{
			name:   "closed at nanoseconds truncated to milliseconds",
			modify: func(o *square.Order) { o.ClosedAt = square.String("2026-03-14T05:02:40.123456789Z") },
			check: func(t *testing.T, deal Deal) {
				assert.Equal(t, "2026-03-14T05:02:40.123Z", deal.Properties[PropCloseDate])
			},
		},
		{
			name:   "order id property",
			modify: func(o *square.Order) {},
			check: func(t *testing.T, deal Deal) {
				assert.Equal(t, testOrderID, deal.Properties[PropSquareOrderID])
				assert.Equal(t, testOrderID, deal.OrderID)
			},
		},
		{
			name:   "no tenders omits payment method",
			modify: func(o *square.Order) { o.Tenders = nil },
			check: func(t *testing.T, deal Deal) {
				assert.NotContains(t, deal.Properties, PropPaymentMethod)
			},
		},
		{
			name: "split tender payment method",
			modify: func(o *square.Order) {
				o.Tenders = []*square.Tender{{Type: square.TenderTypeSquareGiftCard}, {Type: square.TenderTypeCard}}
			},
			check: func(t *testing.T, deal Deal) {
				assert.Equal(t, "SQUARE_GIFT_CARD;CARD", deal.Properties[PropPaymentMethod])
			},
		},
		{
			name:   "customer id from order",
			modify: func(o *square.Order) { o.CustomerID = square.String("CUST-1") },
			check: func(t *testing.T, deal Deal) {
				assert.Equal(t, "CUST-1", deal.CustomerID)
			},
		},
		{
			name: "customer id from tender",
			modify: func(o *square.Order) {
				o.Tenders = []*square.Tender{
					{Type: square.TenderTypeCash},
					{Type: square.TenderTypeCard, CustomerID: square.String("CUST-2")},
				}
			},
			check: func(t *testing.T, deal Deal) {
				assert.Equal(t, "CUST-2", deal.CustomerID)
			},
		},
		{
			name: "order customer wins over tender",
			modify: func(o *square.Order) {
				o.CustomerID = square.String("CUST-1")
				o.Tenders = []*square.Tender{{Type: square.TenderTypeCard, CustomerID: square.String("CUST-2")}}
			},
			check: func(t *testing.T, deal Deal) {
				assert.Equal(t, "CUST-1", deal.CustomerID)
			},
		},
		{
			name:   "no customer",
			modify: func(o *square.Order) { o.CustomerID = square.String("") },
			check: func(t *testing.T, deal Deal) {
				assert.Empty(t, deal.CustomerID)
			},
		},
		{
			name:   "purchase date utc by default",
			modify: func(o *square.Order) { o.ClosedAt = square.String("2026-03-14T05:02:40Z") },
			check: func(t *testing.T, deal Deal) {
				assert.Equal(t, "2026-03-14", deal.PurchaseDate)
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			order := newOrder()
			tt.modify(order)

			deal, err := MapOrder(order, testSettings)
			require.NoError(t, err)
			tt.check(t, deal)
			for name, value := range deal.Properties {
				assert.NotEmpty(t, value, "property %s", name)
			}
		})
	}
}

func TestMapOrderVIP(t *testing.T) {
	tests := []struct {
		name      string
		total     *square.Money
		threshold int64
		want      bool
	}{
		{name: "usd at default threshold", total: usd(500000), want: true},
		{name: "usd one cent below default", total: usd(499999), want: false},
		{name: "usd above default", total: usd(1250000), want: true},
		{name: "custom threshold met", total: usd(100000), threshold: 1000, want: true},
		{name: "custom threshold missed", total: usd(99999), threshold: 1000, want: false},
		{name: "negative threshold uses default", total: usd(499999), threshold: -1, want: false},
		{name: "other currency never vip", total: moneyIn(50000000, "EUR"), want: false},
		{name: "jpy never vip", total: moneyIn(100000000, "JPY"), want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			order := newOrder()
			order.TotalMoney = tt.total
			order.LineItems[0].BasePriceMoney = nil
			settings := testSettings
			settings.VIPThresholdMajor = tt.threshold

			deal, err := MapOrder(order, settings)
			require.NoError(t, err)
			assert.Equal(t, tt.want, deal.VIP)
		})
	}
}

func TestMapOrderPurchaseDateTimeZone(t *testing.T) {
	losAngeles, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)

	tests := []struct {
		name     string
		closedAt string
		zone     *time.Location
		want     string
	}{
		{name: "utc evening is same day", closedAt: "2026-03-14T23:30:00Z", zone: nil, want: "2026-03-14"},
		{name: "early utc is previous day in la", closedAt: "2026-03-14T05:02:40Z", zone: losAngeles, want: "2026-03-13"},
		{name: "afternoon in la is same day", closedAt: "2026-03-14T20:00:00Z", zone: losAngeles, want: "2026-03-14"},
		{name: "fixed zone east of utc", closedAt: "2026-03-14T23:30:00Z", zone: time.FixedZone("UTC+3", 3*3600), want: "2026-03-15"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			order := newOrder()
			order.ClosedAt = square.String(tt.closedAt)
			settings := testSettings
			settings.TimeZone = tt.zone

			deal, err := MapOrder(order, settings)
			require.NoError(t, err)
			assert.Equal(t, tt.want, deal.PurchaseDate)
		})
	}
}

func TestPaymentMethods(t *testing.T) {
	tests := []struct {
		name    string
		tenders []*square.Tender
		want    string
	}{
		{name: "none", tenders: nil, want: ""},
		{name: "single card", tenders: []*square.Tender{{Type: square.TenderTypeCard}}, want: "CARD"},
		{
			name:    "distinct in first appearance order",
			tenders: []*square.Tender{{Type: "CASH"}, {Type: "CARD"}, {Type: "CASH"}, {Type: "OTHER"}},
			want:    "CASH;CARD;OTHER",
		},
		{
			name:    "unknown future type kept",
			tenders: []*square.Tender{{Type: "CRYPTO_WALLET"}, {Type: "CARD"}},
			want:    "CRYPTO_WALLET;CARD",
		},
		{
			name:    "nil and empty ignored",
			tenders: []*square.Tender{nil, {Type: ""}, {Type: " "}, {Type: "WALLET"}},
			want:    "WALLET",
		},
		{name: "only empty", tenders: []*square.Tender{{Type: ""}}, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, PaymentMethods(tt.tenders))
		})
	}
}
