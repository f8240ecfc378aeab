// Package money converts amounts in minor currency units (the integer form
// Square uses, such as US cents) to the decimal strings HubSpot number
// properties accept, with exact integer arithmetic and no floating point.
package money

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownCurrency is the error Exponent wraps for a code that is not in
// the ISO 4217 table, or that has no minor unit (precious metals, funds
// and test codes such as XAU, XDR and XXX).
var ErrUnknownCurrency = errors.New("unknown currency")

// Currency codes by ISO 4217 minor-unit exponent, checked against a copy of
// ISO 4217 list one published 2026-01-01. The tables also keep withdrawn
// codes (ANG, BYR, CUC, HRK, LTL, LVL, MRO, SLL, STD, USS, VEF, ZMK, ZWL)
// with their last exponent, because Square's Currency enum in
// square-go-sdk v1.5.0 still lists most of them and older orders may use
// them.
const (
	exponent0Codes = "BIF BYR CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"
	exponent2Codes = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB " +
		"BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK " +
		"DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HRK HTG " +
		"HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL LTL LVL MAD " +
		"MDL MGA MKD MMK MNT MOP MRO MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR " +
		"NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL " +
		"SOS SRD SSP STD STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN USS " +
		"UYU UZS VED VEF VES WST XAD XCD XCG YER ZAR ZMK ZMW ZWG ZWL"
	exponent3Codes = "BHD IQD JOD KWD LYD OMR TND"
	exponent4Codes = "CLF UYW"

	// noMinorUnitCodes are ISO 4217 codes whose minor unit is "N.A.", so an
	// amount in minor units has no defined meaning for them.
	noMinorUnitCodes = "XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX"
)

var exponents = buildExponentTable()

// noMinorUnit lists the codes that Exponent rejects with a specific reason.
var noMinorUnit = buildCodeSet(noMinorUnitCodes)

func buildExponentTable() map[string]int {
	table := make(map[string]int)
	groups := []struct {
		exponent int
		codes    string
	}{
		{0, exponent0Codes},
		{2, exponent2Codes},
		{3, exponent3Codes},
		{4, exponent4Codes},
	}
	for _, group := range groups {
		for _, code := range strings.Fields(group.codes) {
			table[code] = group.exponent
		}
	}
	return table
}

func buildCodeSet(codes string) map[string]bool {
	set := make(map[string]bool)
	for _, code := range strings.Fields(codes) {
		set[code] = true
	}
	return set
}

// Exponent returns the ISO 4217 minor-unit exponent of an upper-case
// currency code: the number of decimal places between the minor and the
// major unit (USD 2, JPY 0, KWD 3, CLF 4). Codes are case-sensitive. An
// unknown code, or one without a minor unit, returns an error that wraps
// ErrUnknownCurrency and names the code.
func Exponent(currency string) (int, error) {
	exponent, ok := exponents[currency]
	if ok {
		return exponent, nil
	}

	if noMinorUnit[currency] {
		return 0, fmt.Errorf("currency %q has no minor unit in ISO 4217: %w", currency, ErrUnknownCurrency)
	}

	return 0, fmt.Errorf("currency %q is not an upper-case ISO 4217 code: %w", currency, ErrUnknownCurrency)
}
