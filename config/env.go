package config

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// MaxLookbackHours is the largest ORDER_LOOKBACK_HOURS, because a
// time.Duration holds at most this many hours (about 292 years).
const MaxLookbackHours = int(math.MaxInt64 / int64(time.Hour))

// env reads variables over defaults and collects one message per invalid
// value, so Load reports every mistake at once. A variable that is unset
// or only whitespace keeps its default.
type env struct {
	getenv func(string) string
	errs   []string
}

func (e *env) value(name string) string {
	return strings.TrimSpace(e.getenv(name))
}

func (e *env) fail(format string, args ...any) {
	e.errs = append(e.errs, fmt.Sprintf(format, args...))
}

func (e *env) str(name string, dst *string) {
	if v := e.value(name); v != "" {
		*dst = v
	}
}

// positiveInt sets dst to an integer in [1, max].
func (e *env) positiveInt(name string, dst *int, max int) {
	v := e.value(name)
	if v == "" {
		return
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		e.fail("%s must be a positive integer, got %q", name, v)
		return
	}
	if n > max {
		e.fail("%s must be at most %d, got %q", name, max, v)
		return
	}
	*dst = n
}

// positiveFloat sets dst to a number in (0, max]. The negated range test
// also rejects NaN, which fails every comparison.
func (e *env) positiveFloat(name string, dst *float64, max float64) {
	v := e.value(name)
	if v == "" {
		return
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || !(f > 0 && f <= max) {
		e.fail("%s must be a number in (0, %g], got %q", name, max, v)
		return
	}
	*dst = f
}

// list sets dst to the comma-separated items of the variable, trimmed,
// without empty items.
func (e *env) list(name string, dst *[]string) {
	v := e.value(name)
	if v == "" {
		return
	}
	var items []string
	for _, item := range strings.Split(v, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	*dst = items
}

// location sets dst to an IANA time zone. It rejects "Local" because that
// would make the result depend on the host the worker runs on.
func (e *env) location(name string, dst **time.Location) {
	v := e.value(name)
	if v == "" {
		return
	}
	if v == "Local" {
		e.fail("%s %q is not an IANA time zone: name the zone, for example America/Chicago", name, v)
		return
	}
	loc, err := time.LoadLocation(v)
	if err != nil {
		e.fail("%s %q is not an IANA time zone, for example America/Chicago: %v", name, v, err)
		return
	}
	*dst = loc
}

// checkURL requires an absolute http or https URL. The message shows a
// parsable URL with any password redacted.
func (e *env) checkURL(name, value string) {
	parsed, err := url.Parse(value)
	if err != nil {
		e.fail("%s must be an absolute http or https URL, got %q", name, value)
		return
	}
	if (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" {
		displayed := value
		if _, hasPassword := parsed.User.Password(); hasPassword {
			displayed = parsed.Redacted()
		}
		e.fail("%s must be an absolute http or https URL, got %q", name, displayed)
	}
}
