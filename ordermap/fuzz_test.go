package ordermap

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	square "github.com/square/square-go-sdk"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/money"
)

// fuzzOrderInput is one fuzzed order: two lines and two tenders.
type fuzzOrderInput struct {
	id, currency, closedAt, state string
	amount, price                 int64
	quantities, uids, tenders     [2]string
	isReturn                      bool
}

func (in fuzzOrderInput) order() *square.Order {
	code := square.Currency(in.currency)
	state := square.OrderState(in.state)
	order := &square.Order{
		ID:         square.String(in.id),
		State:      &state,
		ClosedAt:   square.String(in.closedAt),
		TotalMoney: &square.Money{Amount: square.Int64(in.amount), Currency: &code},
	}
	for i := range 2 {
		order.LineItems = append(order.LineItems, &square.OrderLineItem{
			UID:            square.String(in.uids[i]),
			Name:           square.String(in.uids[i]),
			Quantity:       in.quantities[i],
			BasePriceMoney: &square.Money{Amount: square.Int64(in.price), Currency: &code},
		})
		order.Tenders = append(order.Tenders, &square.Tender{Type: square.TenderType(in.tenders[i])})
	}
	if in.isReturn {
		order.Returns = []*square.OrderReturn{{UID: square.String("return")}}
	}
	return order
}

// FuzzMapOrder checks that MapOrder never panics on fuzzed orders. A mapped
// deal must have a well-formed amount, a dealname with the id, unique line
// UIDs and no empty property. An error must be typed and name the order id.
func FuzzMapOrder(f *testing.F) {
	f.Add("ORDER-1", int64(12345), "USD", "1", "2.5", "2026-03-14T05:02:40.931Z", "COMPLETED",
		"a", "b", "CARD", "CASH", int64(999), false)
	f.Add("ORDER-2", int64(100), "JPY", "3", "1", "2026-03-14T05:02:40+09:00", "COMPLETED",
		"", "", "SQUARE_GIFT_CARD", "", int64(50), false)
	f.Add("ORDER-3", int64(1), "KWD", "0", "10", "2026-03-14T05:02:40Z", "COMPLETED",
		"0", "", "OTHER", "OTHER", int64(0), false)
	f.Add("ORDER-4", int64(-5), "USD", "1", "1", "2026-03-14", "OPEN", "x", "x", "", "", int64(-1), true)
	f.Add("", int64(0), "usd", "1,5", "", "", "", "", "", "CARD", "CARD", int64(1), false)
	f.Add("ORDER-5", int64(500000), "USD", "1", "1", "yesterday", "COMPLETED", "a", "a", "CARD", "CARD", int64(1), false)

	f.Fuzz(func(t *testing.T, id string, amount int64, currency, quantity1, quantity2, closedAt, state,
		uid1, uid2, tender1, tender2 string, price int64, isReturn bool,
	) {
		in := fuzzOrderInput{
			id: id, currency: currency, closedAt: closedAt, state: state, amount: amount, price: price,
			quantities: [2]string{quantity1, quantity2}, uids: [2]string{uid1, uid2},
			tenders: [2]string{tender1, tender2}, isReturn: isReturn,
		}

		deal, err := MapOrder(in.order(), testSettings)
		if err != nil {
			checkFuzzError(t, id, err)
			return
		}
		checkFuzzDeal(t, id, currency, deal)
	})
}

func checkFuzzError(t *testing.T, id string, err error) {
	require.Contains(t, err.Error(), id)

	var skip *SkipError
	var fieldErr *FieldError
	require.True(t, errors.As(err, &skip) || errors.As(err, &fieldErr), "untyped error %v", err)
}

func checkFuzzDeal(t *testing.T, id, currency string, deal Deal) {
	exponent, err := money.Exponent(currency)
	require.NoError(t, err)
	amountPattern := `^[0-9]+$`
	if exponent > 0 {
		amountPattern = fmt.Sprintf(`^[0-9]+\.[0-9]{%d}$`, exponent)
	}
	require.Regexp(t, regexp.MustCompile(amountPattern), deal.Properties[PropAmount])

	require.Contains(t, deal.Properties[PropDealName], id)
	require.Equal(t, id, deal.Properties[PropSquareOrderID])
	for name, value := range deal.Properties {
		require.NotEmpty(t, value, "deal property %s", name)
	}

	seen := make(map[string]bool)
	for _, line := range deal.Lines {
		require.False(t, seen[line.UID], "duplicate line UID %q", line.UID)
		seen[line.UID] = true
		require.True(t, strings.HasPrefix(line.UID, id+":"), "line UID %q", line.UID)
		for name, value := range line.Properties {
			require.NotEmpty(t, value, "line %s property %s", line.UID, name)
		}
	}
}
