package dataset

import (
	"math/rand/v2"
	"time"
	_ "time/tzdata" // the store's time zone must load on hosts without zoneinfo

	square "github.com/square/square-go-sdk"
)

// Store facts shared by the location and the orders taken there.
const (
	storeName     = "Stone City Showroom"
	storeTimeZone = "America/Los_Angeles"
	// storeOpens and storeCloses bound the local hour of day when sales
	// close at the register.
	storeOpens  = 8
	storeCloses = 19
	// salesTaxBasisPoints is the sales tax on catalog items (10.25 %).
	salesTaxBasisPoints = 1025
	salesTaxPercentage  = "10.25"
	posSourceName       = "Point of Sale"
)

// storeLocation returns the single ACTIVE store location, created well
// before the order window.
func storeLocation(r *rand.Rand, ids *idMaker, windowStart time.Time) *square.Location {
	created := windowStart.AddDate(-4, 0, 0).Add(randomDuration(r, 0, 300*24*time.Hour))

	return &square.Location{
		ID:           square.String(ids.next(r, "L", locationIDLength, upperAlphanumeric)),
		Name:         square.String(storeName),
		BusinessName: square.String("Stone City"),
		Address: &square.Address{
			AddressLine1:                 square.String("4410 Airport Way S"),
			Locality:                     square.String("Seattle"),
			AdministrativeDistrictLevel1: square.String("WA"),
			PostalCode:                   square.String("98108"),
			Country:                      square.CountryUs.Ptr(),
		},
		Timezone:     square.String(storeTimeZone),
		Status:       square.LocationStatusActive.Ptr(),
		Type:         square.LocationTypePhysical.Ptr(),
		Country:      square.CountryUs.Ptr(),
		Currency:     square.CurrencyUsd.Ptr(),
		LanguageCode: square.String("en-US"),
		PhoneNumber:  square.String("+1 206-555-0100"),
		CreatedAt:    square.String(squareTime(created)),
	}
}

// loadStoreTimeZone returns the store's time zone. The embedded tzdata
// makes the fallback unreachable in practice; it keeps Generate free of
// panics if the zone name were ever wrong.
func loadStoreTimeZone() *time.Location {
	loc, err := time.LoadLocation(storeTimeZone)
	if err != nil {
		return time.FixedZone("PST", -8*60*60)
	}

	return loc
}
