package quotebuild

import (
	"testing"
)

func FuzzCanonicalDecimal(f *testing.F) {
	for _, seed := range []string{"2", "002.50", ".5", "1e3", "-1", "1,000", " 7 ", "0.00001", "NaN", "9999999999"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := CanonicalDecimal(s)
		if err != nil {
			return
		}
		again, err := CanonicalDecimal(got)
		if err != nil {
			t.Fatalf("canonical form %q of %q does not parse again: %v", got, s, err)
		}
		if again != got {
			t.Fatalf("CanonicalDecimal is not idempotent: %q -> %q -> %q", s, got, again)
		}
	})
}

func FuzzValidate(f *testing.F) {
	f.Add("9001", "CAL-GOLD", "12.5", "89", "Dana", "2027-01-15")
	f.Add("", "", "", "", "", "")
	f.Add("1", "x", "-1", "1e9", " ", "2027-02-30")
	f.Fuzz(func(t *testing.T, deal, sku, quantity, price, rep, expires string) {
		s := Submission{DealID: deal, SalesRep: rep, ExpiresOn: expires,
			Lines: []Line{{SKU: sku, Quantity: quantity, UnitPrice: price}}}
		got, err := Validate(s, today)
		if err != nil {
			return
		}
		// A valid submission stays valid and keeps its hash when validated
		// again, because Validate returns it normalised.
		again, err := Validate(got, today)
		if err != nil {
			t.Fatalf("normalised submission %+v is invalid: %v", got, err)
		}
		if Hash(again) != Hash(got) {
			t.Fatalf("hash changed on revalidation: %+v vs %+v", got, again)
		}
	})
}
