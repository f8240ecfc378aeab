package s3mirror_test

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/clients/s3mirror"
)

func TestPutGetRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		key  string
		body []byte
	}{
		{"json document", "by-sku/GR-1001.json", []byte(`{"sku":"GR-1001","name":"Absolute Black"}`)},
		{"empty body", "by-sku/empty.json", []byte{}},
		{"accented key", "by-sku/MARBRE-ÉTÉ-ø.json", []byte(`{"sku":"MARBRE-ÉTÉ-ø"}`)},
		{"CJK key", "by-sku/大理石-白.json", []byte(`{"sku":"大理石-白"}`)},
		{"emoji key", "by-sku/🪨-1.json", []byte(`{}`)},
		{"space and plus in key", "by-sku/QZ 12+3.json", []byte(`{"sku":"QZ 12+3"}`)},
		{"binary body", "snapshots/run-1.bin", []byte{0, 1, 2, 0xff, 0xfe}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := setup(t)

			require.NoError(t, h.bucket.Put(h.ctx, tt.key, tt.body, "application/json"))
			got, err := h.bucket.Get(h.ctx, tt.key)
			require.NoError(t, err)

			assert.Equal(t, len(tt.body), len(got))
			assert.True(t, bytes.Equal(tt.body, got), "body changed in the round trip")
			stored, err := h.store.Objects(testBucket)
			require.NoError(t, err)
			assert.Contains(t, stored, tt.key, "the server stored another key")
		})
	}
}

func TestPutReplacesObject(t *testing.T) {
	h := setup(t)

	require.NoError(t, h.bucket.Put(h.ctx, "index.json", []byte(`{"v":1}`), "application/json"))
	require.NoError(t, h.bucket.Put(h.ctx, "index.json", []byte(`{"v":2}`), "application/json"))
	got, err := h.bucket.Get(h.ctx, "index.json")

	require.NoError(t, err)
	assert.Equal(t, `{"v":2}`, string(got))
}

func TestPutSendsContentMD5AndType(t *testing.T) {
	h := setup(t)
	body := []byte(`{"sku":"GR-1001"}`)
	sum := md5.Sum(body)
	var md5Header, contentType string
	h.intercept = func(_ http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodPut {
			md5Header = r.Header.Get("Content-MD5")
			contentType = r.Header.Get("Content-Type")
		}
		return false
	}

	require.NoError(t, h.bucket.Put(h.ctx, "by-sku/GR-1001.json", body, "application/json"))

	assert.Equal(t, base64.StdEncoding.EncodeToString(sum[:]), md5Header)
	assert.Equal(t, "application/json", contentType)
}

// TestPutCorruptedBodyRetryable damages the body between the client and
// the server; the server checks it against Content-MD5 and rejects it.
func TestPutCorruptedBodyRetryable(t *testing.T) {
	h := setup(t)
	h.intercept = func(_ http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPut {
			return false
		}
		body, err := io.ReadAll(r.Body)
		if err != nil || len(body) == 0 {
			return false
		}
		body[0] ^= 0xff
		r.Body = io.NopCloser(bytes.NewReader(body))
		return false
	}

	err := h.bucket.Put(h.ctx, "by-sku/GR-1001.json", []byte(`{"sku":"GR-1001"}`), "application/json")

	var s3Err *s3mirror.Error
	require.ErrorAs(t, err, &s3Err)
	assert.Equal(t, "BadDigest", s3Err.Code)
	assert.True(t, s3Err.Retryable)
	stored, err := h.store.Objects(testBucket)
	require.NoError(t, err)
	assert.Empty(t, stored, "the server stored a corrupted body")
}

func TestGetMissingKeyNotFound(t *testing.T) {
	h := setup(t)

	_, err := h.bucket.Get(h.ctx, "by-sku/absent.json")

	require.ErrorIs(t, err, s3mirror.ErrNotFound)
	assert.NotErrorIs(t, err, s3mirror.ErrNoSuchBucket)
	var s3Err *s3mirror.Error
	require.ErrorAs(t, err, &s3Err)
	assert.False(t, s3Err.Retryable)
	assert.Equal(t, http.StatusNotFound, s3Err.Status)
	assert.Equal(t, "by-sku/absent.json", s3Err.Key)
	assert.Contains(t, err.Error(), `key "by-sku/absent.json"`)
}

func TestMissingBucketFinal(t *testing.T) {
	tests := []struct {
		name     string
		endpoint string
		call     func(h *harness, b *s3mirror.Bucket) error
	}{
		{"put", s3mirror.EndpointPutObject, func(h *harness, b *s3mirror.Bucket) error {
			return b.Put(h.ctx, "k.json", []byte("{}"), "application/json")
		}},
		{"get", s3mirror.EndpointGetObject, func(h *harness, b *s3mirror.Bucket) error {
			_, err := b.Get(h.ctx, "k.json")
			return err
		}},
		{"list", s3mirror.EndpointListObjects, func(h *harness, b *s3mirror.Bucket) error {
			return b.List(h.ctx, "", func([]s3mirror.Object) error { return nil })
		}},
		{"delete", s3mirror.EndpointDeleteObjects, func(h *harness, b *s3mirror.Bucket) error {
			return b.DeleteKeys(h.ctx, []string{"k.json"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := setup(t)
			missing := h.newBucket(t, "no-such-bucket")

			err := tt.call(h, missing)

			require.ErrorIs(t, err, s3mirror.ErrNoSuchBucket)
			assert.NotErrorIs(t, err, s3mirror.ErrNotFound)
			var s3Err *s3mirror.Error
			require.ErrorAs(t, err, &s3Err)
			assert.False(t, s3Err.Retryable)
			assert.Equal(t, "no-such-bucket", s3Err.Bucket)
			assert.Equal(t, tt.endpoint, s3Err.Endpoint)
			assert.Contains(t, err.Error(), `bucket "no-such-bucket"`)
		})
	}
}

func TestInvalidKeyRejectedBeforeSending(t *testing.T) {
	tests := []struct {
		name string
		key  string
	}{
		{"empty", ""},
		{"too long", strings.Repeat("k", s3mirror.MaxKeyBytes+1)},
		{"invalid UTF-8", "by-sku/\xff.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := setup(t)
			sent := 0
			h.intercept = func(http.ResponseWriter, *http.Request) bool { sent++; return false }

			putErr := h.bucket.Put(h.ctx, tt.key, []byte("{}"), "application/json")
			_, getErr := h.bucket.Get(h.ctx, tt.key)
			deleteErr := h.bucket.DeleteKeys(h.ctx, []string{"ok.json", tt.key})

			for _, err := range []error{putErr, getErr, deleteErr} {
				var s3Err *s3mirror.Error
				require.ErrorAs(t, err, &s3Err)
				assert.Equal(t, s3mirror.CodeInvalidArgument, s3Err.Code)
				assert.False(t, s3Err.Retryable)
			}
			assert.Zero(t, sent, "a request was sent")
		})
	}
}

func TestListPagesOfAtMost1000(t *testing.T) {
	h := setup(t)
	const total = 2345
	for i := range total {
		key := fmt.Sprintf("by-sku/SKU-%05d.json", i)
		require.NoError(t, h.store.PutObject(testBucket, key, []byte(key), "application/json"))
	}
	require.NoError(t, h.store.PutObject(testBucket, "index.json", []byte("[]"), "application/json"))

	var sizes []int
	var keys []string
	err := h.bucket.List(h.ctx, "by-sku/", func(page []s3mirror.Object) error {
		sizes = append(sizes, len(page))
		for _, obj := range page {
			keys = append(keys, obj.Key)
		}
		return nil
	})

	require.NoError(t, err)
	assert.Equal(t, []int{1000, 1000, 345}, sizes)
	assert.Len(t, keys, total)
	assert.True(t, sort.StringsAreSorted(keys), "keys are not in order")
	assert.NotContains(t, keys, "index.json", "the prefix did not filter")
	assert.Equal(t, 3, h.callCount(s3mirror.EndpointListObjects))
}

func TestListReportsETagAndSize(t *testing.T) {
	h := setup(t)
	body := []byte(`{"sku":"GR-1001","name":"Absolute Black"}`)
	require.NoError(t, h.bucket.Put(h.ctx, "by-sku/GR-1001.json", body, "application/json"))

	var got []s3mirror.Object
	err := h.bucket.List(h.ctx, "", func(page []s3mirror.Object) error {
		got = append(got, page...)
		return nil
	})

	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "by-sku/GR-1001.json", got[0].Key)
	assert.Equal(t, s3mirror.ETag(body), got[0].ETag)
	assert.Equal(t, int64(len(body)), got[0].Size)
}

func TestListEmptyBucketCallsNothing(t *testing.T) {
	h := setup(t)
	pages := 0

	err := h.bucket.List(h.ctx, "", func([]s3mirror.Object) error { pages++; return nil })

	require.NoError(t, err)
	assert.Zero(t, pages)
	assert.Equal(t, 1, h.callCount(s3mirror.EndpointListObjects))
}

func TestListStopsAtCallbackError(t *testing.T) {
	h := setup(t)
	for i := range 1500 {
		require.NoError(t, h.store.PutObject(testBucket, fmt.Sprintf("k-%04d", i), nil, ""))
	}
	stop := errors.New("stop here")
	pages := 0

	err := h.bucket.List(h.ctx, "", func([]s3mirror.Object) error { pages++; return stop })

	require.ErrorIs(t, err, stop)
	assert.Equal(t, 1, pages)
	assert.Equal(t, 1, h.callCount(s3mirror.EndpointListObjects))
}

func TestDeleteKeysBatchesOf1000(t *testing.T) {
	h := setup(t)
	var keys []string
	for i := range 2500 {
		key := fmt.Sprintf("by-sku/SKU-%05d.json", i)
		keys = append(keys, key)
		require.NoError(t, h.store.PutObject(testBucket, key, []byte("{}"), "application/json"))
	}
	require.NoError(t, h.store.PutObject(testBucket, "index.json", []byte("[]"), "application/json"))
	var batchSizes []int
	h.intercept = func(_ http.ResponseWriter, r *http.Request) bool {
		if r.Method == http.MethodPost && r.URL.Query().Has("delete") {
			body, err := io.ReadAll(r.Body)
			if err == nil {
				batchSizes = append(batchSizes, strings.Count(string(body), "<Key>"))
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		return false
	}

	err := h.bucket.DeleteKeys(h.ctx, append(keys, "by-sku/never-existed.json"))

	require.NoError(t, err)
	assert.Equal(t, []int{1000, 1000, 501}, batchSizes)
	assert.Equal(t, 3, h.callCount(s3mirror.EndpointDeleteObjects))
	stored, err := h.store.Objects(testBucket)
	require.NoError(t, err)
	assert.Len(t, stored, 1)
	assert.Contains(t, stored, "index.json")
}

func TestDeleteKeysNoneSendsNothing(t *testing.T) {
	h := setup(t)

	err := h.bucket.DeleteKeys(h.ctx, nil)

	require.NoError(t, err)
	assert.Zero(t, h.callCount(s3mirror.EndpointDeleteObjects))
}

func TestDeleteKeysJoinsKeyFailures(t *testing.T) {
	h := setup(t)
	h.intercept = func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPost {
			return false
		}
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><DeleteResult>`+
			`<Error><Key>by-sku/a.json</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error>`+
			`<Error><Key>by-sku/b.json</Key><Code>InternalError</Code><Message>Try again</Message></Error>`+
			`</DeleteResult>`)
		return true
	}

	err := h.bucket.DeleteKeys(h.ctx, []string{"by-sku/a.json", "by-sku/b.json", "by-sku/c.json"})

	require.Error(t, err)
	joined, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok, "the error is not a joined error")
	failures := joined.Unwrap()
	require.Len(t, failures, 2)
	var first, second *s3mirror.Error
	require.ErrorAs(t, failures[0], &first)
	require.ErrorAs(t, failures[1], &second)
	assert.Equal(t, "by-sku/a.json", first.Key)
	assert.ErrorIs(t, first, s3mirror.ErrAccessDenied)
	assert.False(t, first.Retryable)
	assert.Equal(t, "by-sku/b.json", second.Key)
	assert.Equal(t, "InternalError", second.Code)
	assert.True(t, second.Retryable)
}

func TestDeleteKeysStopsAtFailedCall(t *testing.T) {
	h := setup(t)
	keys := make([]string, 2500)
	for i := range keys {
		keys[i] = fmt.Sprintf("k-%04d", i)
	}
	h.intercept = func(w http.ResponseWriter, r *http.Request) bool {
		writeS3Error(w, http.StatusServiceUnavailable, "SlowDown", "Please reduce your request rate.")
		return true
	}

	err := h.bucket.DeleteKeys(h.ctx, keys)

	var s3Err *s3mirror.Error
	require.ErrorAs(t, err, &s3Err)
	assert.True(t, s3Err.Retryable)
	assert.Equal(t, 1, h.callCount(s3mirror.EndpointDeleteObjects))
	assert.Equal(t, 1, h.rateLimitedCount(s3mirror.EndpointDeleteObjects))
}
