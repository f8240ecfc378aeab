package objectstore_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/sandbox/objectstore"
)

const mirrorBucket = "stonecity-mirror"

// serve starts s on 127.0.0.1 and returns its base URL.
func serve(t *testing.T, s *objectstore.Server) string {
	t.Helper()

	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv.URL
}

// do sends an unsigned request, which the server accepts, and returns the
// status, headers and body.
func do(t *testing.T, method, rawURL string, body []byte) (int, http.Header, []byte) {
	t.Helper()

	req, err := http.NewRequest(method, rawURL, bytes.NewReader(body))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, data
}

// objectURL returns the path-style URL of key in bucket.
func objectURL(base, bucket, key string) string {
	return base + "/" + bucket + "/" + (&url.URL{Path: key}).EscapedPath()
}

func TestNewCreatesBuckets(t *testing.T) {
	s := objectstore.New(objectstore.Options{Buckets: []string{mirrorBucket, "stonecity-snapshots", "", mirrorBucket}})

	names, err := s.Buckets()

	require.NoError(t, err)
	assert.Equal(t, []string{mirrorBucket, "stonecity-snapshots"}, names)
}

func TestCreateBucketKeepsObjects(t *testing.T) {
	s := objectstore.New(objectstore.Options{Buckets: []string{mirrorBucket}})
	require.NoError(t, s.PutObject(mirrorBucket, "index.json", []byte("[]"), "application/json"))

	require.NoError(t, s.CreateBucket(mirrorBucket))
	objects, err := s.Objects(mirrorBucket)

	require.NoError(t, err)
	assert.Equal(t, map[string][]byte{"index.json": []byte("[]")}, objects)
}

func TestCreateBucketEmptyNameRejected(t *testing.T) {
	s := objectstore.New(objectstore.Options{})

	err := s.CreateBucket("")

	require.Error(t, err)
	assert.Contains(t, err.Error(), "name is empty")
}

func TestObjectsReturnsWrittenObjects(t *testing.T) {
	s := objectstore.New(objectstore.Options{Buckets: []string{mirrorBucket}})
	base := serve(t, s)

	status, _, _ := do(t, http.MethodPut, objectURL(base, mirrorBucket, "by-sku/GR-1001.json"), []byte(`{"a":1}`))
	require.Equal(t, http.StatusOK, status)
	status, _, _ = do(t, http.MethodPut, objectURL(base, mirrorBucket, "by-sku/大理石.json"), []byte(`{"b":2}`))
	require.Equal(t, http.StatusOK, status)
	status, _, _ = do(t, http.MethodDelete, objectURL(base, mirrorBucket, "by-sku/GR-1001.json"), nil)
	require.Equal(t, http.StatusNoContent, status)
	objects, err := s.Objects(mirrorBucket)

	require.NoError(t, err)
	assert.Equal(t, map[string][]byte{"by-sku/大理石.json": []byte(`{"b":2}`)}, objects)
}

func TestObjectsMissingBucketError(t *testing.T) {
	s := objectstore.New(objectstore.Options{})

	_, err := s.Objects("absent")

	require.Error(t, err)
	assert.Contains(t, err.Error(), `"absent"`)
}

func TestPutObjectMissingBucketError(t *testing.T) {
	s := objectstore.New(objectstore.Options{})

	err := s.PutObject("absent", "k", []byte("x"), "")

	require.Error(t, err)
	assert.Contains(t, err.Error(), `"absent"`)
}

func TestMissingBucketIsNoSuchBucket(t *testing.T) {
	base := serve(t, objectstore.New(objectstore.Options{}))

	status, _, body := do(t, http.MethodPut, objectURL(base, "absent", "k.json"), []byte("{}"))

	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, string(body), "<Code>NoSuchBucket</Code>")
}

func TestWriteFaultsFailWritesOnly(t *testing.T) {
	tests := []struct {
		name   string
		method string
		path   string
		body   []byte
	}{
		{"put object", http.MethodPut, "/" + mirrorBucket + "/by-sku/a.json", []byte("{}")},
		{"delete object", http.MethodDelete, "/" + mirrorBucket + "/index.json", nil},
		{"delete objects", http.MethodPost, "/" + mirrorBucket + "?delete",
			[]byte(`<Delete><Object><Key>index.json</Key></Object></Delete>`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := objectstore.New(objectstore.Options{Buckets: []string{mirrorBucket}})
			require.NoError(t, s.PutObject(mirrorBucket, "index.json", []byte("[]"), "application/json"))
			base := serve(t, s)
			s.SetWriteFaults(objectstore.WriteFaults{FailNext: 1})

			listStatus, _, _ := do(t, http.MethodGet, base+"/"+mirrorBucket+"?list-type=2", nil)
			getStatus, _, _ := do(t, http.MethodGet, objectURL(base, mirrorBucket, "index.json"), nil)
			status, header, body := do(t, tt.method, base+tt.path, tt.body)
			objects, err := s.Objects(mirrorBucket)

			assert.Equal(t, http.StatusOK, listStatus, "a listing was faulted")
			assert.Equal(t, http.StatusOK, getStatus, "a read was faulted")
			assert.Equal(t, http.StatusServiceUnavailable, status)
			assert.Equal(t, "application/xml", header.Get("Content-Type"))
			assert.Contains(t, string(body), "<Code>SlowDown</Code>")
			require.NoError(t, err)
			assert.Equal(t, map[string][]byte{"index.json": []byte("[]")}, objects, "a faulted write changed state")
			assert.Zero(t, s.WriteFaults().FailNext)
		})
	}
}

func TestWriteFaultsUseGivenStatus(t *testing.T) {
	s := objectstore.New(objectstore.Options{Buckets: []string{mirrorBucket}})
	base := serve(t, s)
	s.SetWriteFaults(objectstore.WriteFaults{FailNext: 2, ErrorStatuses: []int{500, 403}})

	firstStatus, _, firstBody := do(t, http.MethodPut, objectURL(base, mirrorBucket, "a"), []byte("x"))
	secondStatus, _, secondBody := do(t, http.MethodPut, objectURL(base, mirrorBucket, "a"), []byte("x"))
	thirdStatus, _, _ := do(t, http.MethodPut, objectURL(base, mirrorBucket, "a"), []byte("x"))

	assert.Equal(t, http.StatusInternalServerError, firstStatus)
	assert.Contains(t, string(firstBody), "<Code>InternalError</Code>")
	assert.Equal(t, http.StatusForbidden, secondStatus)
	assert.Contains(t, string(secondBody), "<Code>AccessDenied</Code>")
	assert.Equal(t, http.StatusOK, thirdStatus)
}

func TestAdminFaults(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		wantStatus int
		wantFail   int
	}{
		{"valid settings", `{"failNext":3}`, http.StatusOK, 3},
		{"unknown field", `{"failNextt":3}`, http.StatusBadRequest, 0},
		{"out of range", `{"errorRate":2}`, http.StatusBadRequest, 0},
		{"not JSON", `fail`, http.StatusBadRequest, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := objectstore.New(objectstore.Options{})
			base := serve(t, s)

			status, _, _ := do(t, http.MethodPut, base+"/_admin/faults", []byte(tt.body))
			getStatus, _, getBody := do(t, http.MethodGet, base+"/_admin/faults", nil)

			assert.Equal(t, tt.wantStatus, status)
			assert.Equal(t, tt.wantFail, s.WriteFaults().FailNext)
			assert.Equal(t, http.StatusOK, getStatus)
			assert.True(t, strings.HasPrefix(string(getBody), "{"), "GET /_admin/faults did not return JSON")
		})
	}
}

func TestAdminUnknownEndpoint(t *testing.T) {
	base := serve(t, objectstore.New(objectstore.Options{}))

	status, _, body := do(t, http.MethodGet, base+"/_admin/nothing", nil)

	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, string(body), "GET /_admin/nothing")
}

func TestWriteFaultsSkipBucketCreation(t *testing.T) {
	s := objectstore.New(objectstore.Options{})
	base := serve(t, s)
	s.SetWriteFaults(objectstore.WriteFaults{FailNext: 1})

	status, _, _ := do(t, http.MethodPut, base+"/stonecity-new", nil)

	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, 1, s.WriteFaults().FailNext)
}
