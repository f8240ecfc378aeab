package normalize

import "strings"

// freeMailDomains are mailbox providers that anyone can sign up with, so
// their domains never identify a company. Subdomains match too
// (IsFreeMail walks parent domains). Extend the list when the order data
// shows a new provider.
var freeMailDomains = wordSet(`
	gmail.com googlemail.com
	outlook.com hotmail.com live.com msn.com passport.com windowslive.com
	icloud.com me.com mac.com
	aol.com aim.com
	ymail.com rocketmail.com
	proton.me protonmail.com protonmail.ch pm.me
	gmx.com gmx.net gmx.us mail.com email.com usa.com
	zoho.com zohomail.com
	fastmail.com fastmail.fm hey.com tutanota.com tuta.io hushmail.com
	inbox.com mail.ru bk.ru inbox.ru list.ru rambler.ru
	comcast.net att.net sbcglobal.net bellsouth.net verizon.net
	charter.net cox.net earthlink.net mindspring.com optonline.net
	frontier.com frontiernet.net windstream.net centurylink.net q.com
	roadrunner.com rr.com twc.com spectrum.net juno.com netzero.net
	shaw.ca rogers.com sympatico.ca telus.net videotron.ca
	btinternet.com sky.com virginmedia.com ntlworld.com talktalk.net
	web.de t-online.de freenet.de orange.fr free.fr sfr.fr laposte.net wanadoo.fr
	libero.it virgilio.it tiscali.it seznam.cz wp.pl o2.pl interia.pl
	qq.com 163.com 126.com sina.com naver.com daum.net hanmail.net
`)

// freeMailBrands are providers that register the same mailbox domain under
// many top-level domains (yahoo.com, yahoo.co.uk, hotmail.fr, gmx.de,
// yandex.ru). A domain matches when one of these is its first label and the
// rest is a top-level domain (see isTopLevelSuffix).
var freeMailBrands = wordSet("yahoo hotmail outlook live gmx yandex aol")

// secondLevelLabels are the generic labels that country-code domains put in
// front of a registrable name, as in "co.uk", "com.au" and "ne.jp".
var secondLevelLabels = wordSet("co com net org ne or")

// IsFreeMail reports whether domain belongs to a free-mail provider such as
// gmail.com, yahoo.co.uk or a subdomain of one (mail.yahoo.com). The check
// ignores case, surrounding spaces and one trailing dot. The list is
// maintained by hand, so an unlisted provider returns false.
func IsFreeMail(domain string) bool {
	domain = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(domain)), ".")
	if domain == "" {
		return false
	}

	labels := strings.Split(domain, ".")
	for start := range labels {
		candidate := labels[start:]
		if freeMailDomains[strings.Join(candidate, ".")] {
			return true
		}
		if len(candidate) > 1 && freeMailBrands[candidate[0]] && isTopLevelSuffix(candidate[1:]) {
			return true
		}
	}
	return false
}

// isTopLevelSuffix reports whether labels look like a public suffix: one
// label ("com", "de") or a generic label under a two-letter country code
// ("co.uk", "com.au"). It is a heuristic and does not consult the Public
// Suffix List.
func isTopLevelSuffix(labels []string) bool {
	switch len(labels) {
	case 1:
		return labels[0] != ""
	case 2:
		return secondLevelLabels[labels[0]] && len(labels[1]) == 2
	default:
		return false
	}
}

// wordSet returns the whitespace-separated words of list as a set.
func wordSet(list string) map[string]bool {
	set := make(map[string]bool)
	for _, word := range strings.Fields(list) {
		set[word] = true
	}
	return set
}
