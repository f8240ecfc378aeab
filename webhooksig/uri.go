package webhooksig

import "strings"

// hubSpotDecoded maps the percent-escapes that HubSpot's request-validation
// guide lists for decoding before signing, keyed by the two hex digits in
// upper case, to the decoded character. Every other escape, such as %20,
// stays as received.
var hubSpotDecoded = map[string]byte{
	"3A": ':', "2F": '/', "3F": '?', "40": '@', "21": '!', "24": '$',
	"27": '\'', "28": '(', "29": ')', "2A": '*', "2C": ',', "3B": ';',
}

// NormalizeHubSpotURI decodes, in one left-to-right pass, the escapes of
// HubSpot's table (%3A : %2F / %3F ? %40 @ %21 ! %24 $ %27 ' %28 ( %29 )
// %2A * %2C , %3B ;) and keeps every other byte. Hex digits match in either
// case, as RFC 3986 makes them equivalent. The result is stable: decoding
// never produces "%" or a hex digit, so a second pass changes nothing.
func NormalizeHubSpotURI(uri string) string {
	if !strings.Contains(uri, "%") {
		return uri
	}
	var b strings.Builder
	b.Grow(len(uri))
	for i := 0; i < len(uri); i++ {
		if uri[i] == '%' && i+2 < len(uri) {
			if c, ok := hubSpotDecoded[strings.ToUpper(uri[i+1:i+3])]; ok {
				b.WriteByte(c)
				i += 2
				continue
			}
		}
		b.WriteByte(uri[i])
	}
	return b.String()
}
