package dataset

import (
	"fmt"
	"math/rand/v2"
)

// usAreaCodes are area codes around the store (Washington, Oregon,
// Idaho, British Columbia) and a few further away, weighted towards
// Seattle. Numbers use the 555 exchange, whose lines 0100 to 0199 are
// reserved for fiction in the North American Numbering Plan.
var (
	usAreaCodes = []int{
		206, 253, 360, 425, 509, 564, 503, 541, 458, 971, 208, 986, 406, 907, 604, 778,
		236, 250, 672, 775, 702, 415, 510, 650, 707, 916, 530, 559, 801, 385, 307,
	}
	areaCodeWeights = []int{
		30, 8, 8, 14, 4, 1, 5, 2, 1, 3, 2, 1, 1, 1, 2, 1,
		1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	}
)

// usPhone is a North American number 1-AAA-555-LLLL.
type usPhone struct {
	area int
	line int
}

// phoneStyle is one way people write a US number.
type phoneStyle int

const (
	styleParens      phoneStyle = iota // (206) 555-0134
	styleDashes                        // 206-555-0134
	styleDots                          // 206.555.0134
	styleSpaces                        // 206 555 0134
	styleDigits                        // 2065550134
	stylePlusSpaces                    // +1 206 555 0134
	stylePlusParens                    // +1 (206) 555-0134
	styleOneDashes                     // 1-206-555-0134
	styleE164                          // +12065550134
	styleParensTight                   // (206)555-0134
	styleCount
)

// styleWeights favour the formats people type most often.
var styleWeights = [styleCount]int{30, 20, 8, 5, 8, 7, 4, 5, 8, 5}

func (p usPhone) format(style phoneStyle) string {
	a, l := p.area, p.line
	switch style {
	case styleDashes:
		return fmt.Sprintf("%03d-555-%04d", a, l)
	case styleDots:
		return fmt.Sprintf("%03d.555.%04d", a, l)
	case styleSpaces:
		return fmt.Sprintf("%03d 555 %04d", a, l)
	case styleDigits:
		return fmt.Sprintf("%03d555%04d", a, l)
	case stylePlusSpaces:
		return fmt.Sprintf("+1 %03d 555 %04d", a, l)
	case stylePlusParens:
		return fmt.Sprintf("+1 (%03d) 555-%04d", a, l)
	case styleOneDashes:
		return fmt.Sprintf("1-%03d-555-%04d", a, l)
	case styleE164:
		return fmt.Sprintf("+1%03d555%04d", a, l)
	case styleParensTight:
		return fmt.Sprintf("(%03d)555-%04d", a, l)
	default:
		return fmt.Sprintf("(%03d) 555-%04d", a, l)
	}
}

func (p usPhone) key() string {
	return fmt.Sprintf("+1%03d555%04d", p.area, p.line)
}

func randomStyle(r *rand.Rand) phoneStyle {
	return phoneStyle(weighted(r, styleWeights[:]))
}

// otherStyle returns a style different from s, so two records of the same
// number never share their written form.
func otherStyle(r *rand.Rand, s phoneStyle) phoneStyle {
	for {
		if o := randomStyle(r); o != s {
			return o
		}
	}
}

// extensions are office extensions appended after a number; they are not
// part of the number's identity.
var extensions = []string{" x12", " ext. 305", "x7", " ext 4410", " #22"}

// invalidPhones have fewer than ten digits (or none), so they never
// identify anyone.
var invalidPhones = []string{"555-01", "555-0134", "206-555-013", "0", "n/a", "12345", "call store"}

// ukDramaLines is the UK regulator's London range for fiction:
// 020 7946 0000 to 0999.
const ukDramaLines = 1000

// phoneBook hands out phone numbers that no other record in the dataset
// uses.
type phoneBook struct {
	used map[string]bool // E.164 keys
	scan int             // position of freshUS's scan for free numbers
}

// freshUS returns a US number whose E.164 form no other record uses. It
// draws from the fictional lines 555-0100 to 555-0199 and, once they are
// all taken, takes the next free number of the rest of the 555 exchange,
// which holds enough numbers for MaxOrders.
func (b *phoneBook) freshUS(r *rand.Rand) usPhone {
	fictional := len(usAreaCodes) * 100
	for range 64 {
		if b.scan >= fictional {
			break
		}
		p := usPhone{area: usAreaCodes[weighted(r, areaCodeWeights)], line: 100 + r.IntN(100)}
		if b.claim(p.key()) {
			return p
		}
	}

	// Numbers never become free again, so the scan resumes where it
	// stopped and each number is checked at most once.
	for ; b.scan < fictional+len(usAreaCodes)*10000; b.scan++ {
		p := usPhone{area: usAreaCodes[b.scan/100%len(usAreaCodes)], line: 100 + b.scan%100}
		if b.scan >= fictional {
			rest := b.scan - fictional
			p = usPhone{area: usAreaCodes[rest/10000], line: rest % 10000}
		}
		if b.claim(p.key()) {
			return p
		}
	}

	// NOTE: unreachable within MaxOrders; past it, numbers start to repeat.
	return usPhone{area: usAreaCodes[0], line: r.IntN(10000)}
}

// claim marks key used and reports whether it was free.
func (b *phoneBook) claim(key string) bool {
	if b.used[key] {
		return false
	}
	b.used[key] = true

	return true
}

// freshUK returns an unused London number in international format. If a
// thousand random draws find no free line, it returns a fresh US number.
func (b *phoneBook) freshUK(r *rand.Rand) string {
	for range ukDramaLines {
		line := r.IntN(ukDramaLines)
		if b.claim(fmt.Sprintf("+442079460%03d", line)) {
			return fmt.Sprintf("+44 20 7946 0%03d", line)
		}
	}

	return b.freshUS(r).format(styleParens)
}

// messyPhone returns a fresh number as a customer might type it: mostly
// US formats, some with an office extension, a few international ones.
func (b *phoneBook) messyPhone(r *rand.Rand) string {
	switch n := r.IntN(100); {
	case n < 5:
		return b.freshUS(r).format(randomStyle(r)) + pick(r, extensions)
	case n < 8:
		return b.freshUK(r)
	default:
		return b.freshUS(r).format(randomStyle(r))
	}
}
