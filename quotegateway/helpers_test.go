package quotegateway

import (
	"fmt"
	"io"
	"strings"
)

// readCloser returns a request body reading s.
func readCloser(s string) io.ReadCloser {
	return io.NopCloser(strings.NewReader(s))
}

// toString formats a logged field value.
func toString(v any) string {
	return fmt.Sprint(v)
}
