package ordermap

import (
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMapOrderLineFields(t *testing.T) {
	tests := []struct {
		name        string
		line        *square.OrderLineItem
		wantUID     string
		wantCatalog string
		wantProps   map[string]string
	}{
		{
			name: "catalog item with variation",
			line: &square.OrderLineItem{
				UID:             square.String("line-a"),
				Name:            square.String("Carrara Marble Tile"),
				VariationName:   square.String("12x24 Polished"),
				Quantity:        "40",
				CatalogObjectID: square.String("VAR-1"),
				BasePriceMoney:  usd(1299),
			},
			wantUID:     "ORDER-1:line-a",
			wantCatalog: "VAR-1",
			wantProps: map[string]string{
				"name":                     "Carrara Marble Tile – 12x24 Polished",
				"quantity":                 "40",
				"price":                    "12.99",
				"square_line_item_uid":     "ORDER-1:line-a",
				"square_catalog_object_id": "VAR-1",
			},
		},
		{
			name:    "item name only",
			line:    &square.OrderLineItem{UID: square.String("l"), Name: square.String("Grout"), Quantity: "2", BasePriceMoney: usd(500)},
			wantUID: "ORDER-1:l",
			wantProps: map[string]string{
				"name": "Grout", "quantity": "2", "price": "5.00", "square_line_item_uid": "ORDER-1:l",
			},
		},
		{
			name:    "variation name only",
			line:    &square.OrderLineItem{UID: square.String("l"), VariationName: square.String("Large"), Quantity: "1"},
			wantUID: "ORDER-1:l",
			wantProps: map[string]string{
				"name": "Large", "quantity": "1", "square_line_item_uid": "ORDER-1:l",
			},
		},
		{
			name: "custom amount",
			line: &square.OrderLineItem{
				UID:            square.String("l"),
				Quantity:       "1",
				ItemType:       square.OrderLineItemItemTypeCustomAmount.Ptr(),
				BasePriceMoney: usd(7500),
			},
			wantUID: "ORDER-1:l",
			wantProps: map[string]string{
				"name": "Custom amount", "quantity": "1", "price": "75.00", "square_line_item_uid": "ORDER-1:l",
			},
		},
		{
			name:    "blank names are custom amount",
			line:    &square.OrderLineItem{UID: square.String("l"), Name: square.String("  "), VariationName: square.String(""), Quantity: "1"},
			wantUID: "ORDER-1:l",
			wantProps: map[string]string{
				"name": "Custom amount", "quantity": "1", "square_line_item_uid": "ORDER-1:l",
			},
		},
		{
			name:    "name spaces collapsed",
			line:    &square.OrderLineItem{UID: square.String("l"), Name: square.String("  Slate   Tile "), Quantity: "1"},
			wantUID: "ORDER-1:l",
			wantProps: map[string]string{
				"name": "Slate Tile", "quantity": "1", "square_line_item_uid": "ORDER-1:l",
			},
		},
		{
			name:    "decimal quantity kept as given",
			line:    &square.OrderLineItem{UID: square.String("l"), Name: square.String("Sand"), Quantity: "2.250", BasePriceMoney: usd(100)},
			wantUID: "ORDER-1:l",
			wantProps: map[string]string{
				"name": "Sand", "quantity": "2.250", "price": "1.00", "square_line_item_uid": "ORDER-1:l",
			},
		},
		{
			name:    "missing uid uses index",
			line:    &square.OrderLineItem{Name: square.String("Sand"), Quantity: "1"},
			wantUID: "ORDER-1:0",
			wantProps: map[string]string{
				"name": "Sand", "quantity": "1", "square_line_item_uid": "ORDER-1:0",
			},
		},
		{
			name:    "zero price kept",
			line:    &square.OrderLineItem{UID: square.String("l"), Name: square.String("Sample"), Quantity: "1", BasePriceMoney: usd(0)},
			wantUID: "ORDER-1:l",
			wantProps: map[string]string{
				"name": "Sample", "quantity": "1", "price": "0.00", "square_line_item_uid": "ORDER-1:l",
			},
		},
		{
			name: "price without currency uses order currency",
			line: &square.OrderLineItem{
				UID:            square.String("l"),
				Name:           square.String("Sand"),
				Quantity:       "1",
				BasePriceMoney: &square.Money{Amount: square.Int64(250)},
			},
			wantUID: "ORDER-1:l",
			wantProps: map[string]string{
				"name": "Sand", "quantity": "1", "price": "2.50", "square_line_item_uid": "ORDER-1:l",
			},
		},
		{
			name:    "blank catalog id omitted",
			line:    &square.OrderLineItem{UID: square.String("l"), Name: square.String("Sand"), Quantity: "1", CatalogObjectID: square.String(" ")},
			wantUID: "ORDER-1:l",
			wantProps: map[string]string{
				"name": "Sand", "quantity": "1", "square_line_item_uid": "ORDER-1:l",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			order := newOrder()
			order.LineItems = []*square.OrderLineItem{tt.line}

			deal, err := MapOrder(order, testSettings)
			require.NoError(t, err)
			require.Len(t, deal.Lines, 1)
			assert.Equal(t, tt.wantUID, deal.Lines[0].UID)
			assert.Equal(t, tt.wantCatalog, deal.Lines[0].CatalogObjectID)
			assert.Equal(t, tt.wantProps, deal.Lines[0].Properties)
		})
	}
}

func TestMapOrderLineUIDs(t *testing.T) {
	order := newOrder()
	order.LineItems = []*square.OrderLineItem{
		{UID: square.String("a"), Quantity: "1"},
		{Quantity: "1"},
		{UID: square.String("b"), Quantity: "1"},
		{UID: square.String(""), Quantity: "1"},
	}

	deal, err := MapOrder(order, testSettings)
	require.NoError(t, err)
	require.Len(t, deal.Lines, 4)
	assert.Equal(t, "ORDER-1:a", deal.Lines[0].UID)
	assert.Equal(t, "ORDER-1:1", deal.Lines[1].UID)
	assert.Equal(t, "ORDER-1:b", deal.Lines[2].UID)
	assert.Equal(t, "ORDER-1:3", deal.Lines[3].UID)
}

func TestMapOrderNoLines(t *testing.T) {
	order := newOrder()
	order.LineItems = nil

	deal, err := MapOrder(order, testSettings)
	require.NoError(t, err)
	assert.Empty(t, deal.Lines)
}

func TestMapOrderLineErrors(t *testing.T) {
	tests := []struct {
		name       string
		lines      []*square.OrderLineItem
		wantField  string
		wantReason string
	}{
		{
			name:       "nil line",
			lines:      []*square.OrderLineItem{{Quantity: "1"}, nil},
			wantField:  "line_items[1]",
			wantReason: "missing",
		},
		{
			name:       "empty quantity",
			lines:      []*square.OrderLineItem{{Quantity: ""}},
			wantField:  "line_items[0].quantity",
			wantReason: `"" is not a non-negative decimal number`,
		},
		{
			name:       "negative quantity",
			lines:      []*square.OrderLineItem{{Quantity: "-1"}},
			wantField:  "line_items[0].quantity",
			wantReason: `"-1" is not`,
		},
		{
			name:       "quantity with comma",
			lines:      []*square.OrderLineItem{{Quantity: "1,5"}},
			wantField:  "line_items[0].quantity",
			wantReason: `"1,5" is not`,
		},
		{
			name:       "quantity with spaces",
			lines:      []*square.OrderLineItem{{Quantity: " 2"}},
			wantField:  "line_items[0].quantity",
			wantReason: `" 2" is not`,
		},
		{
			name:       "quantity with exponent",
			lines:      []*square.OrderLineItem{{Quantity: "1e3"}},
			wantField:  "line_items[0].quantity",
			wantReason: `"1e3" is not`,
		},
		{
			name:       "quantity trailing dot",
			lines:      []*square.OrderLineItem{{Quantity: "2."}},
			wantField:  "line_items[0].quantity",
			wantReason: `"2." is not`,
		},
		{
			name:       "quantity letters",
			lines:      []*square.OrderLineItem{{Quantity: "two"}},
			wantField:  "line_items[0].quantity",
			wantReason: `"two" is not`,
		},
		{
			name:       "negative price",
			lines:      []*square.OrderLineItem{{Quantity: "1", BasePriceMoney: usd(-100)}},
			wantField:  "line_items[0].base_price_money.amount",
			wantReason: "-100 is negative",
		},
		{
			name:       "price in other currency",
			lines:      []*square.OrderLineItem{{Quantity: "1", BasePriceMoney: moneyIn(100, "EUR")}},
			wantField:  "line_items[0].base_price_money.currency",
			wantReason: `"EUR" differs from the order currency "USD"`,
		},
		{
			name: "duplicate uid",
			lines: []*square.OrderLineItem{
				{UID: square.String("a"), Quantity: "1"},
				{UID: square.String("a"), Quantity: "1"},
			},
			wantField:  "line_items[1].uid",
			wantReason: `"ORDER-1:a" repeats line_items[0]`,
		},
		{
			name: "uid equal to index of uid-less line",
			lines: []*square.OrderLineItem{
				{Quantity: "1"},
				{UID: square.String("0"), Quantity: "1"},
			},
			wantField:  "line_items[1].uid",
			wantReason: "repeats line_items[0]",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			order := newOrder()
			order.LineItems = tt.lines

			_, err := MapOrder(order, testSettings)
			var fieldErr *FieldError
			require.ErrorAs(t, err, &fieldErr)
			assert.Equal(t, testOrderID, fieldErr.OrderID)
			assert.Equal(t, tt.wantField, fieldErr.Field)
			assert.Contains(t, fieldErr.Reason, tt.wantReason)
			assert.Contains(t, err.Error(), testOrderID)
			assert.Contains(t, err.Error(), tt.wantField)
		})
	}
}
