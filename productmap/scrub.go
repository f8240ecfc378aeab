package productmap

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pieces of the money patterns. An amount is a number with optional
// thousands separators and decimals, written "1,204.16" or, next to a
// currency, "1.204,16" and "84,37" as in Europe. A magnitude is a k or M suffix as in
// "$1.2k". A unit tail is a rate such as "/sf", "per slab" or "per square
// foot".
const (
	amountPattern    = `\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+,\d{2}\b|\d+,\d{2}\b|\d+(?:\.\d+)?|\.\d+`
	magnitudePattern = `(?:[kKmM]\b)?`
	unitTailPattern  = `(?:\s?(?:/|(?i:per)\s)\s?[\p{L}²]+(?:\.[\p{L}²]+)*(?:\.?\s(?i:ft|foot|feet)\b\.?)?)?`
	currencyBefore   = `(?:(?i:US\$|U\.S\.\s?\$|C\$|A\$|USD|CAD|EUR|GBP)|\$|€|£)\s?`
	currencyAfter    = `(?:\s?(?i:USD|US\s?dollars?|dollars?|bucks|EUR|euros?)\b|[$€£])`
)

var (
	// currencyAmount matches an amount with a currency sign or code before
	// or after it: "$84.37/sf", "USD 1,204.16", "84.37 USD", "$1.2k".
	currencyAmount = regexp.MustCompile(
		`(?:` + currencyBefore + `(?:` + amountPattern + `)` + magnitudePattern + `|` +
			`(?:` + amountPattern + `)` + magnitudePattern + currencyAfter + `)` + unitTailPattern)
	// spacedSignAmount matches an amount with a currency sign after it and
	// one space between: "84 €", "1.204,16 €/sf". ScrubPrices runs it after
	// currencyAmount, so in "63 $84.37" the sign goes with "84.37" and the
	// size 63 stays.
	spacedSignAmount = regexp.MustCompile(
		`(?:` + amountPattern + `)` + magnitudePattern + `\s[$€£]` + unitTailPattern)
	// bareAmount matches a number with exactly two decimals, the shape of
	// a price typed without a currency ("84.37", "1,204.16"). isBareMoney
	// checks the text around it.
	bareAmount = regexp.MustCompile(`(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}` + unitTailPattern)
	// measureUnit matches the start of a measurement unit, which makes a
	// two-decimal number a size rather than a price: "1.25 in", "12.50 lb".
	measureUnit = regexp.MustCompile(`^\s?(?:(?i:mm|cm|m|in|inch|inches|ft|feet|foot|lbs?|kg|g|oz|gal|qt|l|sq)\b|["”″'′%x×])`)

	emptyBrackets = regexp.MustCompile(`\(\s*\)|\[\s*\]`)
)

// ScrubPrices removes money amounts from free text and tidies the spacing
// left behind. It removes amounts with a currency sign or code before or
// after them ("$84.37", "USD 1,204.16", "84.37 USD", "$1.2k", "€ 90",
// "84,37 €"),
// together with a rate after them ("/sf", "per slab"). It also removes
// numbers with exactly two decimals ("84.37", "1,204.16"), unless a
// measurement unit follows ("1.25 in") or they are part of a longer
// number. It repeats until nothing more is found, so
// ScrubPrices(ScrubPrices(s)) == ScrubPrices(s). Any text,
// with money or not, comes back with empty brackets dropped, each run of
// horizontal white space as one space, no space before closing
// punctuation or a line break, and outer white space trimmed.
func ScrubPrices(text string) string {
	text = strings.ToValidUTF8(text, "\uFFFD")
	for {
		next := text
		// Every money pattern contains a digit, so these checks skip the
		// regular expressions for the many fields without money.
		if strings.IndexFunc(next, unicode.IsDigit) >= 0 {
			if hasCurrencyMarker(next) {
				next = currencyAmount.ReplaceAllString(next, " ")
				next = spacedSignAmount.ReplaceAllString(next, " ")
			}
			if strings.Contains(next, ".") {
				next = removeBareAmounts(next)
			}
		}
		next = tidySpacing(next)
		if next == text {
			return next
		}
		text = next
	}
}

// currencyMarkers are the lower-case signs and words that currencyAmount
// needs. Text without any of them contains no currency amount.
var currencyMarkers = []string{"$", "€", "£", "usd", "eur", "gbp", "cad", "dollar", "buck"}

func hasCurrencyMarker(text string) bool {
	lower := strings.ToLower(text)
	for _, marker := range currencyMarkers {
		if strings.Contains(lower, marker) {
			return true
		}
	}
	return false
}

// removeBareAmounts replaces each two-decimal number in text with a space
// unless it touches other digits or separators, or a measurement unit or
// a dimension's "x" surrounds it.
func removeBareAmounts(text string) string {
	var out strings.Builder
	last := 0
	for _, m := range bareAmount.FindAllStringIndex(text, -1) {
		start, end := m[0], m[1]
		if !isBareMoney(text, start, end) {
			continue
		}
		out.WriteString(text[last:start])
		out.WriteByte(' ')
		last = end
	}
	if last == 0 {
		return text
	}
	out.WriteString(text[last:])
	return out.String()
}

// isBareMoney reports whether text[start:end], a two-decimal number with
// an optional unit tail, is a price: not part of a longer number, a size
// or a dimension.
func isBareMoney(text string, start, end int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:start])
	after, _ := utf8.DecodeRuneInString(text[end:])
	if start > 0 && (unicode.IsDigit(before) || before == '.' || before == ',') {
		return false
	}
	if end < len(text) && (unicode.IsDigit(after) || after == '.' && isDigitAt(text, end+1)) {
		return false
	}
	if measureUnit.MatchString(text[end:]) {
		return false
	}

	return !followsDimensionSign(text[:start])
}

// followsDimensionSign reports whether text ends with a standalone "x" or
// "×", as in "12.50 x", so the number after it is a dimension.
func followsDimensionSign(text string) bool {
	text = strings.TrimRightFunc(text, unicode.IsSpace)
	sign, size := utf8.DecodeLastRuneInString(text)
	if sign != 'x' && sign != '×' {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(text[:len(text)-size])
	return len(text) == size || unicode.IsDigit(before) || unicode.IsSpace(before)
}

func isDigitAt(text string, i int) bool {
	return i < len(text) && text[i] >= '0' && text[i] <= '9'
}

// tidySpacing drops empty brackets, turns every run of horizontal white
// space into one space, removes it before closing punctuation and line
// breaks, and trims text.
func tidySpacing(text string) string {
	if strings.ContainsAny(text, "([") {
		text = emptyBrackets.ReplaceAllString(text, "")
	}

	var b strings.Builder
	b.Grow(len(text))
	pendingSpace := false
	for _, r := range text {
		if r == ' ' || r == '\t' || unicode.Is(unicode.Zs, r) {
			pendingSpace = true
			continue
		}
		if pendingSpace && !strings.ContainsRune(",.;:!?)]\n", r) {
			b.WriteByte(' ')
		}
		pendingSpace = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}
