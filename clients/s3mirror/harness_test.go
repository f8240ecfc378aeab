package s3mirror_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/s3mirror"
	"github.com/stonecity/sync/sandbox/objectstore"
)

// Static credentials of the tests. They are distinctive so that a leak is
// easy to spot in any string; the server checks no signature.
const (
	testAccessKeyID     = "AKIATESTKEY0000LEAK1"
	testSecretAccessKey = "sEcReT/test+KEY=0000leak-me-not"
	testBucket          = "stonecity-mirror"
)

// TestMain disables the SDK's instance-metadata client for the whole
// package, on top of the static credentials every test uses, so no test
// can reach the EC2 metadata address.
func TestMain(m *testing.M) {
	if err := os.Setenv("AWS_EC2_METADATA_DISABLED", "true"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// harness is the object store behind httptest on 127.0.0.1 with a client
// for testBucket. intercept, when set, may respond to a request in place
// of the store and return true, or change the request and return false.
type harness struct {
	store     *objectstore.Server
	srv       *httptest.Server
	bucket    *s3mirror.Bucket
	intercept func(w http.ResponseWriter, r *http.Request) bool
	calls     *apicalls.Recorder
	ctx       context.Context
}

func setup(t *testing.T) *harness {
	t.Helper()

	h := &harness{
		store: objectstore.New(objectstore.Options{Buckets: []string{testBucket}}),
		calls: apicalls.NewRecorder(),
	}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.intercept != nil && h.intercept(w, r) {
			return
		}
		h.store.Handler().ServeHTTP(w, r)
	}))
	t.Cleanup(h.srv.Close)

	h.bucket = h.newBucket(t, testBucket)
	h.ctx = apicalls.WithRecorder(context.Background(), h.calls)
	return h
}

// newBucket returns a client for name on the harness server.
func (h *harness) newBucket(t *testing.T, name string) *s3mirror.Bucket {
	t.Helper()

	b, err := s3mirror.New(context.Background(), testConfig(name, h.srv.URL))
	require.NoError(t, err)
	return b
}

// testConfig returns a path-style configuration with static credentials
// for bucket at endpoint.
func testConfig(bucket, endpoint string) s3mirror.Config {
	return s3mirror.Config{
		Bucket:          bucket,
		Endpoint:        endpoint,
		PathStyle:       true,
		AccessKeyID:     testAccessKeyID,
		SecretAccessKey: testSecretAccessKey,
	}
}

// callCount returns the recorded calls to endpoint.
func (h *harness) callCount(endpoint string) int {
	for _, c := range h.calls.Counts() {
		if c.Service == apicalls.S3 && c.Endpoint == endpoint {
			return c.Calls
		}
	}
	return 0
}

// rateLimitedCount returns the recorded rate-limited calls to endpoint.
func (h *harness) rateLimitedCount(endpoint string) int {
	for _, c := range h.calls.Counts() {
		if c.Service == apicalls.S3 && c.Endpoint == endpoint {
			return c.RateLimited
		}
	}
	return 0
}

// writeS3Error responds with S3's XML error body.
func writeS3Error(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("x-amz-request-id", "REQ123")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>`+
		`<Error><Code>%s</Code><Message>%s</Message><RequestId>REQ123</RequestId></Error>`, code, message)
}
