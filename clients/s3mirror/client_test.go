package s3mirror_test

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/s3mirror"
	"github.com/stonecity/sync/sandbox/objectstore"
)

func TestNewRejectsUnsafeConfig(t *testing.T) {
	tests := []struct {
		name    string
		cfg     s3mirror.Config
		message string
	}{
		{"empty bucket", s3mirror.Config{Endpoint: "http://127.0.0.1:1",
			AccessKeyID: testAccessKeyID, SecretAccessKey: testSecretAccessKey}, "Config.Bucket is empty"},
		{"endpoint without credentials", s3mirror.Config{Bucket: testBucket, Endpoint: "http://127.0.0.1:1"},
			"static credentials are empty"},
		{"secret without key id", s3mirror.Config{Bucket: testBucket, Endpoint: "http://127.0.0.1:1",
			SecretAccessKey: testSecretAccessKey}, "static credentials are incomplete"},
		{"key id without secret", s3mirror.Config{Bucket: testBucket, AccessKeyID: testAccessKeyID},
			"static credentials are incomplete"},
		{"endpoint without scheme", s3mirror.Config{Bucket: testBucket, Endpoint: "127.0.0.1:9000",
			AccessKeyID: testAccessKeyID, SecretAccessKey: testSecretAccessKey}, "not an http or https URL"},
		{"endpoint with other scheme", s3mirror.Config{Bucket: testBucket, Endpoint: "ftp://127.0.0.1/",
			AccessKeyID: testAccessKeyID, SecretAccessKey: testSecretAccessKey}, "not an http or https URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := s3mirror.New(context.Background(), tt.cfg)

			require.Error(t, err)
			assert.Nil(t, b)
			assert.Contains(t, err.Error(), tt.message)
			assert.NotContains(t, err.Error(), testSecretAccessKey)
		})
	}
}

func TestNewDefaultsAndName(t *testing.T) {
	b, err := s3mirror.New(context.Background(), testConfig(testBucket, "http://127.0.0.1:1"))

	require.NoError(t, err)
	assert.Equal(t, testBucket, b.Name())
}

func TestETagKnownValues(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		want string
	}{
		{"empty", nil, `"d41d8cd98f00b204e9800998ecf8427e"`},
		{"abc", []byte("abc"), `"900150983cd24fb0d6963f7d28e17f72"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, s3mirror.ETag(tt.body))
		})
	}
}

// TestETagMatchesGofakes3Put checks that gofakes3 returns the same ETag as
// ETag(body) for a single PUT, in the PUT response and in a listing. The
// product sync relies on it to skip unchanged objects.
func TestETagMatchesGofakes3Put(t *testing.T) {
	h := setup(t)
	body := []byte(`{"sku":"GR-1001","name":"Absolute Black","finish":"Honed"}`)
	var putETag string
	h.intercept = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPut {
			return false
		}
		h.store.Handler().ServeHTTP(w, r)
		// gofakes3 sets the header and leaves the 200 to net/http.
		putETag = w.Header().Get("ETag")
		return true
	}

	require.NoError(t, h.bucket.Put(h.ctx, "by-sku/GR-1001.json", body, "application/json"))
	var listed []s3mirror.Object
	require.NoError(t, h.bucket.List(h.ctx, "by-sku/", func(page []s3mirror.Object) error {
		listed = append(listed, page...)
		return nil
	}))

	assert.Equal(t, s3mirror.ETag(body), putETag)
	require.Len(t, listed, 1)
	assert.Equal(t, s3mirror.ETag(body), listed[0].ETag)
}

func TestErrorClassification(t *testing.T) {
	tests := []struct {
		name         string
		status       int
		code         string
		retryable    bool
		accessDenied bool
		rateLimited  bool
	}{
		{"slow down", http.StatusServiceUnavailable, "SlowDown", true, false, true},
		{"internal error", http.StatusInternalServerError, "InternalError", true, false, false},
		{"too many requests", http.StatusTooManyRequests, "TooManyRequests", true, false, true},
		{"request timeout", http.StatusBadRequest, "RequestTimeout", true, false, false},
		{"bad digest", http.StatusBadRequest, "BadDigest", true, false, false},
		{"access denied", http.StatusForbidden, "AccessDenied", false, true, false},
		{"invalid access key", http.StatusForbidden, "InvalidAccessKeyId", false, true, false},
		{"signature mismatch", http.StatusForbidden, "SignatureDoesNotMatch", false, true, false},
		{"entity too large", http.StatusBadRequest, "EntityTooLarge", false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := setup(t)
			h.intercept = func(w http.ResponseWriter, _ *http.Request) bool {
				writeS3Error(w, tt.status, tt.code, "Injected.")
				return true
			}

			err := h.bucket.Put(h.ctx, "by-sku/GR-1001.json", []byte("{}"), "application/json")

			var s3Err *s3mirror.Error
			require.ErrorAs(t, err, &s3Err)
			assert.Equal(t, tt.status, s3Err.Status)
			assert.Equal(t, tt.code, s3Err.Code)
			assert.Equal(t, "Injected.", s3Err.Message)
			assert.Equal(t, "REQ123", s3Err.RequestID)
			assert.Equal(t, tt.retryable, s3Err.Retryable)
			assert.Equal(t, tt.accessDenied, errors.Is(err, s3mirror.ErrAccessDenied))
			assert.False(t, errors.Is(err, s3mirror.ErrNotFound))
			assert.Equal(t, 1, h.callCount(s3mirror.EndpointPutObject))
			wantLimited := 0
			if tt.rateLimited {
				wantLimited = 1
			}
			assert.Equal(t, wantLimited, h.rateLimitedCount(s3mirror.EndpointPutObject))
		})
	}
}

func TestErrorsNeverContainCredentials(t *testing.T) {
	h := setup(t)
	h.intercept = func(w http.ResponseWriter, _ *http.Request) bool {
		writeS3Error(w, http.StatusForbidden, "SignatureDoesNotMatch",
			"Signature for "+testAccessKeyID+" with "+testSecretAccessKey+" does not match.")
		return true
	}

	err := h.bucket.Put(h.ctx, "by-sku/GR-1001.json", []byte("{}"), "application/json")

	require.Error(t, err)
	var s3Err *s3mirror.Error
	require.ErrorAs(t, err, &s3Err)
	for _, text := range []string{err.Error(), s3Err.Message, errors.Unwrap(err).Error()} {
		assert.NotContains(t, text, testSecretAccessKey)
		assert.NotContains(t, text, testAccessKeyID)
	}
}

func TestTransportFailureRetryable(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	endpoint := "http://" + listener.Addr().String()
	require.NoError(t, listener.Close()) // nothing listens there now
	b, err := s3mirror.New(context.Background(), testConfig(testBucket, endpoint))
	require.NoError(t, err)

	err = b.Put(context.Background(), "by-sku/GR-1001.json", []byte("{}"), "application/json")

	var s3Err *s3mirror.Error
	require.ErrorAs(t, err, &s3Err)
	assert.Zero(t, s3Err.Status)
	assert.True(t, s3Err.Retryable)
	assert.NotContains(t, err.Error(), testSecretAccessKey)
}

func TestCanceledContextFinal(t *testing.T) {
	h := setup(t)
	ctx, cancel := context.WithCancel(h.ctx)
	cancel()

	err := h.bucket.Put(ctx, "by-sku/GR-1001.json", []byte("{}"), "application/json")

	var s3Err *s3mirror.Error
	require.ErrorAs(t, err, &s3Err)
	assert.ErrorIs(t, err, context.Canceled)
	assert.False(t, s3Err.Retryable)
}

// TestServerWriteFaultsFailPutOnly uses the server's write-fault hook, as
// product-sync tests do to fail the mirror sink alone.
func TestServerWriteFaultsFailPutOnly(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.bucket.Put(h.ctx, "index.json", []byte("[]"), "application/json"))
	h.store.SetWriteFaults(objectstore.WriteFaults{FailNext: 2})

	first := h.bucket.Put(h.ctx, "by-sku/a.json", []byte("{}"), "application/json")
	_, getErr := h.bucket.Get(h.ctx, "index.json")
	second := h.bucket.Put(h.ctx, "by-sku/a.json", []byte("{}"), "application/json")
	third := h.bucket.Put(h.ctx, "by-sku/a.json", []byte("{}"), "application/json")

	for _, err := range []error{first, second} {
		var s3Err *s3mirror.Error
		require.ErrorAs(t, err, &s3Err)
		assert.Equal(t, http.StatusServiceUnavailable, s3Err.Status)
		assert.Equal(t, "SlowDown", s3Err.Code)
		assert.True(t, s3Err.Retryable)
	}
	assert.NoError(t, getErr, "reads must not be faulted")
	assert.NoError(t, third)
	assert.Equal(t, 2, h.rateLimitedCount(s3mirror.EndpointPutObject))
	stored, err := h.store.Objects(testBucket)
	require.NoError(t, err)
	assert.True(t, bytes.Equal([]byte("{}"), stored["by-sku/a.json"]))
}

func TestCallsRecordedPerEndpoint(t *testing.T) {
	h := setup(t)

	require.NoError(t, h.bucket.Put(h.ctx, "a.json", []byte("{}"), "application/json"))
	require.NoError(t, h.bucket.Put(h.ctx, "b.json", []byte("{}"), "application/json"))
	_, err := h.bucket.Get(h.ctx, "a.json")
	require.NoError(t, err)
	_, err = h.bucket.Get(h.ctx, "missing.json")
	require.ErrorIs(t, err, s3mirror.ErrNotFound)
	require.NoError(t, h.bucket.List(h.ctx, "", func([]s3mirror.Object) error { return nil }))
	require.NoError(t, h.bucket.DeleteKeys(h.ctx, []string{"a.json", "b.json"}))

	assert.Equal(t, 2, h.callCount(s3mirror.EndpointPutObject))
	assert.Equal(t, 2, h.callCount(s3mirror.EndpointGetObject))
	assert.Equal(t, 1, h.callCount(s3mirror.EndpointListObjects))
	assert.Equal(t, 1, h.callCount(s3mirror.EndpointDeleteObjects))
}

// TestMirrorSurvivesSaveLoad writes through the client, saves the server
// to a file, loads it into a new server and reads the mirror back, as a
// second dev-stack run with the same state directory does.
func TestMirrorSurvivesSaveLoad(t *testing.T) {
	h := setup(t)
	body := []byte(`{"sku":"MARBRE-ÉTÉ","name":"Calacatta"}`)
	require.NoError(t, h.bucket.Put(h.ctx, "by-sku/MARBRE-ÉTÉ.json", body, "application/json"))
	path := filepath.Join(t.TempDir(), "objectstore.json")
	require.NoError(t, h.store.Save(path))

	loaded, err := objectstore.Load(path, objectstore.Options{Buckets: []string{testBucket}})
	require.NoError(t, err)
	srv := httptest.NewServer(loaded.Handler())
	t.Cleanup(srv.Close)
	b, err := s3mirror.New(context.Background(), testConfig(testBucket, srv.URL))
	require.NoError(t, err)

	got, err := b.Get(context.Background(), "by-sku/MARBRE-ÉTÉ.json")
	require.NoError(t, err)
	assert.Equal(t, string(body), string(got))
	var listed []s3mirror.Object
	require.NoError(t, b.List(context.Background(), "", func(page []s3mirror.Object) error {
		listed = append(listed, page...)
		return nil
	}))
	require.Len(t, listed, 1)
	assert.Equal(t, s3mirror.ETag(body), listed[0].ETag)
}
