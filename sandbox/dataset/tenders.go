package dataset

import (
	"fmt"
	"math/rand/v2"

	square "github.com/square/square-go-sdk"
)

// tenderMix is the combination of tender types that paid a sale.
type tenderMix int

const (
	mixCard       tenderMix = iota // one card tender
	mixCash                        // one cash tender
	mixCardCash                    // split between card and cash
	mixCardGift                    // split between card and a Square gift card
	mixGift                        // gift card only
	mixOther                       // OTHER: checks, financing, store credit
	mixThirdParty                  // THIRD_PARTY_CARD from an external terminal
	mixWallet                      // WALLET, e.g. Cash App Pay
	mixUnknown                     // a tender type newer than the SDK
	mixCount
)

// mixShares are the shares of each mix in tenths of a percent; card takes
// whatever the others leave.
var mixShares = [mixCount]int{
	mixCash: 160, mixCardCash: 40, mixCardGift: 25, mixGift: 30,
	mixOther: 40, mixThirdParty: 7, mixWallet: 7,
}

// unknownTenderTypes are tender type strings that SDK v1.5.0 does not
// define; clients must accept them rather than fail the order.
// NOTE: Square's OpenAPI spec (2025-05-21) lists TenderType as a closed
// enum, so responses carrying these orders fail strict schema validation.
var unknownTenderTypes = []square.TenderType{"CRYPTOCURRENCY", "PAY_BY_BANK"}

// tenderPlan returns the payment mix of n orders in random order, with
// exactly unknown orders paid by an unknown tender type and at least one
// order of every other mix when n allows.
func tenderPlan(r *rand.Rand, n, unknown int) []tenderMix {
	plan := make([]tenderMix, 0, n)
	for range min(unknown, n) {
		plan = append(plan, mixUnknown)
	}
	for mix := mixCash; mix < mixUnknown; mix++ {
		count := max(1, (n*mixShares[mix]+500)/1000)
		for i := 0; i < count && len(plan) < n; i++ {
			plan = append(plan, mix)
		}
	}
	for len(plan) < n {
		plan = append(plan, mixCard)
	}
	r.Shuffle(len(plan), func(i, j int) { plan[i], plan[j] = plan[j], plan[i] })

	return plan
}

// tenders returns the tenders of order o, whose amounts add up to total
// (cents, tip included). A tip rides on the card tender: its amount_money
// includes tip_money.
func (b *orderBuilder) tenders(o *square.Order, mix tenderMix, total, tip int64) []*square.Tender {
	part := splitPart(b.r, total)
	if part == 0 && (mix == mixCardCash || mix == mixCardGift) {
		mix = mixCard
	}

	switch mix {
	case mixCash:
		return []*square.Tender{b.cashTender(o, total)}
	case mixCardCash:
		return []*square.Tender{b.cardTender(o, total-part, 0), b.cashTender(o, part)}
	case mixCardGift:
		return []*square.Tender{b.giftTender(o, part), b.cardTender(o, total-part, 0)}
	case mixGift:
		return []*square.Tender{b.giftTender(o, total)}
	case mixOther:
		t := b.tender(o, square.TenderTypeOther, total)
		t.Note = square.String(pick(b.r, []string{"Check #" + fmt.Sprint(between(b.r, 1001, 9999)),
			"Financing - Synchrony", "Store credit", "Net 30 invoice"}))
		return []*square.Tender{t}
	case mixThirdParty:
		t := b.tender(o, square.TenderTypeThirdPartyCard, total)
		t.Note = square.String("Card run on backup terminal")
		return []*square.Tender{t}
	case mixWallet:
		return []*square.Tender{b.tender(o, square.TenderTypeWallet, total)}
	case mixUnknown:
		return []*square.Tender{b.tender(o, pick(b.r, unknownTenderTypes), total)}
	default:
		return []*square.Tender{b.cardTender(o, total, tip)}
	}
}

// splitPart returns the whole-dollar share of total paid by the second
// tender of a split payment, or 0 when total is too small to split.
func splitPart(r *rand.Rand, total int64) int64 {
	if total < 200 {
		return 0
	}

	part := total * int64(between(r, 20, 70)) / 100 / 100 * 100
	return min(max(part, 100), total-1)
}

// tender returns a tender of type kind for amount cents with the fields
// every tender has.
func (b *orderBuilder) tender(o *square.Order, kind square.TenderType, amount int64) *square.Tender {
	id := b.g.ids.paymentID(b.r)

	return &square.Tender{
		ID:            square.String(id),
		LocationID:    square.String(o.LocationID),
		TransactionID: copyString(o.ID),
		CreatedAt:     copyString(o.ClosedAt),
		AmountMoney:   usd(amount),
		CustomerID:    copyString(o.CustomerID),
		Type:          kind,
		PaymentID:     square.String(id),
	}
}

// cardTender returns a captured card payment of amount cents, tip
// included, with Square's processing fee.
func (b *orderBuilder) cardTender(o *square.Order, amount, tip int64) *square.Tender {
	t := b.tender(o, square.TenderTypeCard, amount)
	if tip > 0 {
		t.TipMoney = usd(tip)
	}
	t.ProcessingFeeMoney = usd(amount*26/1000 + 15)

	brand := pick(b.r, []square.CardBrand{
		square.CardBrandVisa, square.CardBrandVisa, square.CardBrandMastercard,
		square.CardBrandAmericanExpress, square.CardBrandDiscover,
	})
	t.CardDetails = &square.TenderCardDetails{
		Status: square.TenderCardDetailsStatusCaptured.Ptr(),
		Card: &square.Card{
			CardBrand: brand.Ptr(),
			Last4:     square.String(fmt.Sprintf("%04d", b.r.IntN(10000))),
			ExpMonth:  square.Int64(between64(b.r, 1, 12)),
			ExpYear:   square.Int64(int64(b.g.now.Year()) + between64(b.r, 0, 5)),
			CardType:  pick(b.r, []square.CardType{square.CardTypeCredit, square.CardTypeDebit}).Ptr(),
		},
		EntryMethod: pick(b.r, []square.TenderCardDetailsEntryMethod{
			square.TenderCardDetailsEntryMethodEmv, square.TenderCardDetailsEntryMethodContactless,
			square.TenderCardDetailsEntryMethodContactless, square.TenderCardDetailsEntryMethodSwiped,
			square.TenderCardDetailsEntryMethodKeyed, square.TenderCardDetailsEntryMethodOnFile,
		}).Ptr(),
	}

	return t
}

// giftTender returns a Square gift card payment of amount cents.
func (b *orderBuilder) giftTender(o *square.Order, amount int64) *square.Tender {
	t := b.tender(o, square.TenderTypeSquareGiftCard, amount)
	t.CardDetails = &square.TenderCardDetails{
		Status: square.TenderCardDetailsStatusCaptured.Ptr(),
		Card: &square.Card{
			CardBrand: square.CardBrandSquareGiftCard.Ptr(),
			Last4:     square.String(fmt.Sprintf("%04d", b.r.IntN(10000))),
		},
		EntryMethod: square.TenderCardDetailsEntryMethodSwiped.Ptr(),
	}

	return t
}

// cashTender returns a cash payment of amount cents; the buyer often
// hands over the next multiple of $20 and gets change back.
func (b *orderBuilder) cashTender(o *square.Order, amount int64) *square.Tender {
	t := b.tender(o, square.TenderTypeCash, amount)

	tendered := amount
	if chance(b.r, 0.6) {
		tendered = (amount/2000 + 1) * 2000
	}
	t.CashDetails = &square.TenderCashDetails{
		BuyerTenderedMoney: usd(tendered),
		ChangeBackMoney:    usd(tendered - amount),
	}

	return t
}

// copyString returns a new pointer to *s, or nil, so that records never
// share a mutable field.
func copyString(s *string) *string {
	if s == nil {
		return nil
	}

	return square.String(*s)
}
