package quotegateway

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// errorBody is the JSON of every non-2xx response: a stable code and a
// sentence the card can show.
type errorBody struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// writeJSON writes status and v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	// The status line is already sent, so an encoding or write failure
	// (a client that hung up) has no one left to tell.
	_ = json.NewEncoder(w).Encode(v)
}

// writeError writes status and an errorBody.
func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, errorBody{Error: code, Message: message})
}

// methodNotAllowed responds 405 with the Allow header.
func methodNotAllowed(w http.ResponseWriter, r *http.Request, allowed ...string) {
	w.Header().Set("Allow", strings.Join(allowed, ", "))
	writeError(w, http.StatusMethodNotAllowed, "method_not_allowed",
		fmt.Sprintf("%s is not allowed on %s; use %s", r.Method, r.URL.Path, strings.Join(allowed, " or ")))
}

// errBodyTooLarge reports a body over MaxBodyBytes.
var errBodyTooLarge = errors.New("request body too large")

// readBody returns the raw body, at most MaxBodyBytes, or errBodyTooLarge.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if r.ContentLength > MaxBodyBytes {
		return nil, errBodyTooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, errBodyTooLarge
	}
	if err != nil {
		return nil, fmt.Errorf("read request body: %w", err)
	}
	return body, nil
}

// answerBodyError responds to a readBody error with 413 or 400.
func answerBodyError(w http.ResponseWriter, err error) {
	if errors.Is(err, errBodyTooLarge) {
		writeError(w, http.StatusRequestEntityTooLarge, "body_too_large",
			fmt.Sprintf("request body is larger than %d bytes", MaxBodyBytes))
		return
	}
	writeError(w, http.StatusBadRequest, "unreadable_body", "request body could not be read")
}

// signedURI rebuilds the URL HubSpot called: the configured public scheme
// and host, then the request target exactly as received, because HubSpot
// signs the path and query as it sent them.
func signedURI(publicURL string, r *http.Request) string {
	target := r.RequestURI
	if !strings.HasPrefix(target, "/") {
		// An absolute-form target (through a forward proxy) or a request
		// built in a test: fall back to the parsed URL's escaped form.
		target = r.URL.EscapedPath()
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
	}
	return publicURL + target
}
