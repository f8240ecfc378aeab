package objectstore

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"

	"github.com/stonecity/sync/sandbox/faults"
)

// WriteFaults are the failure knobs of object writes: PutObject (also
// copies and multipart parts), DeleteObject and DeleteObjects. Reads,
// listings and bucket operations are never faulted. A fault is decided
// before the request body is read, so a faulted write changes nothing. An
// empty ErrorStatuses means 503, which S3 sends as SlowDown.
type WriteFaults = faults.Settings

// defaultWriteFaultStatuses is the status of S3's throttling error, 503 SlowDown.
var defaultWriteFaultStatuses = []int{http.StatusServiceUnavailable}

// SetWriteFaults replaces the write-fault settings, for example
// WriteFaults{FailNext: 3} to fail the next three writes with 503.
// Out-of-range values are clamped and invalid statuses dropped.
func (s *Server) SetWriteFaults(f WriteFaults) {
	s.faults.Set(f)
}

// WriteFaults returns the current write-fault settings, with FailNext
// counted down by the failures already injected.
func (s *Server) WriteFaults() WriteFaults {
	return s.faults.Settings()
}

// withWriteFaults applies the write-fault settings to object writes.
func (s *Server) withWriteFaults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isObjectWrite(r) && s.faults.Inject(w, r, writeFault) {
			return
		}
		next.ServeHTTP(w, r)
	})
}

// isObjectWrite reports whether r writes or deletes objects, in path-style
// addressing: PUT or DELETE on /bucket/key, or POST /bucket?delete.
func isObjectWrite(r *http.Request) bool {
	path := strings.TrimPrefix(r.URL.Path, "/")
	bucket, key, _ := strings.Cut(path, "/")
	if bucket == "" {
		return false
	}
	switch r.Method {
	case http.MethodPut, http.MethodDelete:
		return key != ""
	case http.MethodPost:
		return r.URL.Query().Has("delete")
	}
	return false
}

// writeFault sends S3's error body for an injected status.
func writeFault(w http.ResponseWriter, status int) {
	writeS3Error(w, status, faultCode(status), fmt.Sprintf("Injected fault: HTTP %d.", status))
}

// faultCode returns the S3 error code S3 sends with status.
func faultCode(status int) string {
	switch status {
	case http.StatusServiceUnavailable:
		return "SlowDown"
	case http.StatusForbidden:
		return "AccessDenied"
	case http.StatusNotFound:
		return "NoSuchBucket"
	case http.StatusRequestTimeout:
		return "RequestTimeout"
	case http.StatusBadRequest:
		return "InvalidRequest"
	}
	if status >= http.StatusInternalServerError {
		return "InternalError"
	}
	return "InvalidRequest"
}

// s3Error is S3's XML error body.
type s3Error struct {
	XMLName xml.Name `xml:"Error"`
	Code    string   `xml:"Code"`
	Message string   `xml:"Message"`
}

// writeS3Error sends an S3 XML error body with status.
func writeS3Error(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	// A failed write means the client went away, so no one reads the body.
	_, _ = w.Write([]byte(xml.Header))
	_ = xml.NewEncoder(w).Encode(s3Error{Code: code, Message: message})
}

// maxAdminBodyBytes caps the body of PUT /_admin/faults.
const maxAdminBodyBytes = 64 << 10

func (s *Server) adminGetFaults(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.WriteFaults())
}

// adminPutFaults replaces the write-fault settings. Unlike SetWriteFaults,
// it rejects unknown fields and out-of-range values.
func (s *Server) adminPutFaults(w http.ResponseWriter, r *http.Request) {
	var f WriteFaults
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxAdminBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		writeS3Error(w, http.StatusBadRequest, "MalformedJSON", fmt.Sprintf("Invalid fault settings: %v.", err))
		return
	}
	if err := f.Validate(); err != nil {
		writeS3Error(w, http.StatusBadRequest, "InvalidArgument", err.Error())
		return
	}
	s.SetWriteFaults(f)
	writeJSON(w, http.StatusOK, s.WriteFaults())
}

// writeJSON sends v as a JSON body with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// Settings always encode; a failed write means the client went away.
	_ = json.NewEncoder(w).Encode(v)
}
