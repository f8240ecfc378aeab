package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEmail(t *testing.T) {
	tests := []struct {
		name   string
		raw    string
		want   string
		wantOK bool
	}{
		{name: "already normal", raw: "ann@example.com", want: "ann@example.com", wantOK: true},
		{name: "odd case", raw: "Ann.Rivera@Example.COM", want: "ann.rivera@example.com", wantOK: true},
		{name: "surrounding spaces", raw: "  ann@example.com\t\n", want: "ann@example.com", wantOK: true},
		{name: "plus addressing kept", raw: "Ann+Orders@Gmail.com", want: "ann+orders@gmail.com", wantOK: true},
		{name: "subdomain", raw: "ops@mail.riveratile.co.uk", want: "ops@mail.riveratile.co.uk", wantOK: true},
		{name: "trailing dot on domain", raw: "ann@example.com.", want: "ann@example.com", wantOK: true},
		{name: "unicode local part", raw: "JOSÉ@Example.com", want: "josé@example.com", wantOK: true},
		{name: "unicode domain", raw: "info@Müller-Stein.DE", want: "info@müller-stein.de", wantOK: true},
		{name: "empty", raw: "", want: "", wantOK: false},
		{name: "only spaces", raw: "   ", want: "", wantOK: false},
		{name: "no at sign", raw: "ann.example.com", want: "", wantOK: false},
		{name: "two at signs", raw: "ann@home@example.com", want: "", wantOK: false},
		{name: "empty local part", raw: "@example.com", want: "", wantOK: false},
		{name: "empty domain", raw: "ann@", want: "", wantOK: false},
		{name: "domain without dot", raw: "ann@localhost", want: "", wantOK: false},
		{name: "domain leading dot", raw: "ann@.com", want: "", wantOK: false},
		{name: "domain double dot", raw: "ann@example..com", want: "", wantOK: false},
		{name: "domain two trailing dots", raw: "ann@example.com..", want: "", wantOK: false},
		{name: "only trailing dot", raw: "ann@com.", want: "", wantOK: false},
		{name: "inner space", raw: "ann rivera@example.com", want: "", wantOK: false},
		{name: "display name form", raw: "Ann <ann@example.com>", want: "", wantOK: false},
		{name: "control character", raw: "ann\x00@example.com", want: "", wantOK: false},
		{name: "invalid utf8", raw: "ann\xff@example.com", want: "", wantOK: false},
		{name: "placeholder text", raw: "none", want: "", wantOK: false},
		{name: "consecutive dots in local part", raw: "ann..lee@example.com", want: "", wantOK: false},
		{name: "leading dot in local part", raw: ".ann@example.com", want: "", wantOK: false},
		{name: "comma in local part", raw: "ann,lee@example.com", want: "", wantOK: false},
		{name: "angle brackets", raw: "<ann@example.com>", want: "", wantOK: false},
		{name: "comment in local part", raw: "ann(work)@example.com", want: "", wantOK: false},
		{name: "apostrophe kept", raw: "O'Brien@Example.com", want: "o'brien@example.com", wantOK: true},
		{name: "hyphen and underscore kept", raw: "ann_lee-ops@example.com", want: "ann_lee-ops@example.com",
			wantOK: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Email(tt.raw)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.wantOK, ok)
		})
	}
}

func TestEmailDomain(t *testing.T) {
	tests := []struct {
		name   string
		email  string
		want   string
		wantOK bool
	}{
		{name: "plain", email: "ann@riveratile.com", want: "riveratile.com", wantOK: true},
		{name: "upper case", email: "ANN@RiveraTile.COM", want: "riveratile.com", wantOK: true},
		{name: "trailing dot", email: "ann@riveratile.com.", want: "riveratile.com", wantOK: true},
		{name: "free mail still has a domain", email: "ann@gmail.com", want: "gmail.com", wantOK: true},
		{name: "invalid address", email: "ann@localhost", want: "", wantOK: false},
		{name: "empty", email: "", want: "", wantOK: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := EmailDomain(tt.email)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.wantOK, ok)
		})
	}
}

func TestIsFreeMail(t *testing.T) {
	tests := []struct {
		name   string
		domain string
		want   bool
	}{
		{name: "gmail", domain: "gmail.com", want: true},
		{name: "googlemail", domain: "googlemail.com", want: true},
		{name: "yahoo com", domain: "yahoo.com", want: true},
		{name: "yahoo uk", domain: "yahoo.co.uk", want: true},
		{name: "yahoo australia", domain: "yahoo.com.au", want: true},
		{name: "yahoo france", domain: "yahoo.fr", want: true},
		{name: "outlook", domain: "outlook.com", want: true},
		{name: "hotmail com", domain: "hotmail.com", want: true},
		{name: "hotmail uk", domain: "hotmail.co.uk", want: true},
		{name: "live", domain: "live.com", want: true},
		{name: "msn", domain: "msn.com", want: true},
		{name: "icloud", domain: "icloud.com", want: true},
		{name: "me", domain: "me.com", want: true},
		{name: "mac", domain: "mac.com", want: true},
		{name: "aol", domain: "aol.com", want: true},
		{name: "proton me", domain: "proton.me", want: true},
		{name: "protonmail", domain: "protonmail.com", want: true},
		{name: "gmx germany", domain: "gmx.de", want: true},
		{name: "gmx net", domain: "gmx.net", want: true},
		{name: "mail com", domain: "mail.com", want: true},
		{name: "yandex", domain: "yandex.ru", want: true},
		{name: "zoho", domain: "zoho.com", want: true},
		{name: "comcast", domain: "comcast.net", want: true},
		{name: "att", domain: "att.net", want: true},
		{name: "verizon", domain: "verizon.net", want: true},
		{name: "sbcglobal", domain: "sbcglobal.net", want: true},
		{name: "subdomain of listed", domain: "nc.rr.com", want: true},
		{name: "subdomain of brand", domain: "mail.yahoo.co.jp", want: true},
		{name: "odd case and dot", domain: " GMail.COM. ", want: true},
		{name: "company domain", domain: "riveratile.com", want: false},
		{name: "company with free name inside", domain: "gmailtile.com", want: false},
		{name: "company subdomain named yahoo", domain: "yahoo.riveratile.com", want: false},
		{name: "suffix lookalike", domain: "notgmail.com", want: false},
		{name: "free domain as subdomain of company", domain: "gmail.com.riveratile.com", want: false},
		{name: "bare top level", domain: "com", want: false},
		{name: "empty", domain: "", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, IsFreeMail(tt.domain))
		})
	}
}

func TestCompanyDomain(t *testing.T) {
	tests := []struct {
		name   string
		email  string
		want   string
		wantOK bool
	}{
		{name: "company address", email: "Ann@RiveraTile.com", want: "riveratile.com", wantOK: true},
		{name: "company subdomain", email: "ap@billing.riveratile.com", want: "billing.riveratile.com", wantOK: true},
		{name: "gmail", email: "rivera.tile@gmail.com", want: "", wantOK: false},
		{name: "yahoo uk", email: "rivera@yahoo.co.uk", want: "", wantOK: false},
		{name: "invalid address", email: "rivera tile", want: "", wantOK: false},
		{name: "empty", email: "", want: "", wantOK: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := CompanyDomain(tt.email)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.wantOK, ok)
		})
	}
}
