package webhooksig

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestNormalizeHubSpotURI(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "no escapes", in: "https://h.example/a?b=c", want: "https://h.example/a?b=c"},
		{name: "colon", in: "a%3Ab", want: "a:b"},
		{name: "slash", in: "a%2Fb", want: "a/b"},
		{name: "question mark", in: "a%3Fb", want: "a?b"},
		{name: "at sign", in: "a%40b", want: "a@b"},
		{name: "exclamation mark", in: "a%21b", want: "a!b"},
		{name: "dollar", in: "a%24b", want: "a$b"},
		{name: "apostrophe", in: "a%27b", want: "a'b"},
		{name: "opening parenthesis", in: "a%28b", want: "a(b"},
		{name: "closing parenthesis", in: "a%29b", want: "a)b"},
		{name: "asterisk", in: "a%2Ab", want: "a*b"},
		{name: "comma", in: "a%2Cb", want: "a,b"},
		{name: "semicolon", in: "a%3Bb", want: "a;b"},
		{name: "lower-case hex", in: "a%3ab%2fc", want: "a:b/c"},
		{name: "space kept", in: "a%20b", want: "a%20b"},
		{name: "equals kept", in: "a%3Db", want: "a%3Db"},
		{name: "ampersand kept", in: "a%26b", want: "a%26b"},
		{name: "percent kept", in: "a%25b", want: "a%25b"},
		{name: "encoded percent not decoded twice", in: "a%253Ab", want: "a%253Ab"},
		{name: "plus kept", in: "a+b%2Bc", want: "a+b%2Bc"},
		{name: "multibyte escape kept", in: "caf%C3%A9", want: "caf%C3%A9"},
		{name: "trailing percent", in: "a%", want: "a%"},
		{name: "truncated escape", in: "a%3", want: "a%3"},
		{name: "escape at end", in: "a%3A", want: "a:"},
		{name: "adjacent escapes", in: "%40%40%2F", want: "@@/"},
		{name: "percent before escape", in: "%%3A", want: "%:"},
		{name: "full url", in: "https://gw.example.com/hubspot/quote-builder?email=a%40b.com&x=%20",
			want: "https://gw.example.com/hubspot/quote-builder?email=a@b.com&x=%20"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, NormalizeHubSpotURI(tc.in))
		})
	}
}

// referenceNormalize is an independent implementation of the table with
// strings.Replacer, which also replaces leftmost matches in one pass.
var referenceNormalize = strings.NewReplacer(
	"%3A", ":", "%2F", "/", "%3F", "?", "%40", "@", "%21", "!", "%24", "$",
	"%27", "'", "%28", "(", "%29", ")", "%2A", "*", "%2C", ",", "%3B", ";",
	"%3a", ":", "%2f", "/", "%3f", "?", "%2a", "*", "%2c", ",", "%3b", ";",
).Replace

func FuzzNormalizeHubSpotURI(f *testing.F) {
	for _, seed := range []string{
		"https://www.example.com/webhook_uri", "a%3Ab%2f", "%%3A3A", "%253A", "%", "%3", "caf%C3%A9",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, uri string) {
		got := NormalizeHubSpotURI(uri)

		assert.Equal(t, referenceNormalize(uri), got, "differs from the replacer")
		assert.Equal(t, got, NormalizeHubSpotURI(got), "a second pass changed the result")
		assert.LessOrEqual(t, len(got), len(uri))
		if utf8.ValidString(uri) {
			assert.True(t, utf8.ValidString(got), "valid UTF-8 became invalid")
		}
	})
}
