package objectstore_test

import (
	"bytes"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/sandbox/objectstore"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "objectstore.json")
	first := objectstore.New(objectstore.Options{Buckets: []string{mirrorBucket, "stonecity-snapshots"}})
	base := serve(t, first)
	want := map[string][]byte{
		"by-sku/GR-1001.json":    []byte(`{"sku":"GR-1001"}`),
		"by-sku/MARBRE-ÉTÉ.json": []byte(`{"sku":"MARBRE-ÉTÉ"}`),
		"by-sku/empty.json":      {},
		"index.json":             []byte(`["GR-1001"]`),
	}
	for key, body := range want {
		req, err := http.NewRequest(http.MethodPut, objectURL(base, mirrorBucket, key), bytes.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		require.Equal(t, http.StatusOK, resp.StatusCode, "PUT %s", key)
	}
	require.NoError(t, first.PutObject("stonecity-snapshots", "run-1/products.json", []byte("[1,2]"), ""))
	first.SetWriteFaults(objectstore.WriteFaults{FailNext: 5})

	require.NoError(t, first.Save(path))
	second, err := objectstore.Load(path, objectstore.Options{Buckets: []string{mirrorBucket, "stonecity-new"}})
	require.NoError(t, err)

	names, err := second.Buckets()
	require.NoError(t, err)
	assert.Equal(t, []string{mirrorBucket, "stonecity-new", "stonecity-snapshots"}, names)
	mirror, err := second.Objects(mirrorBucket)
	require.NoError(t, err)
	assert.Equal(t, want, mirror)
	snapshots, err := second.Objects("stonecity-snapshots")
	require.NoError(t, err)
	assert.Equal(t, map[string][]byte{"run-1/products.json": []byte("[1,2]")}, snapshots)
	assert.Zero(t, second.WriteFaults().FailNext, "write faults were restored")

	secondBase := serve(t, second)
	status, header, body := do(t, http.MethodGet, objectURL(secondBase, mirrorBucket, "index.json"), nil)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "application/json", header.Get("Content-Type"))
	assert.Equal(t, `["GR-1001"]`, string(body))
}

func TestSaveIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	s := objectstore.New(objectstore.Options{Buckets: []string{"b", "a"}})
	for _, key := range []string{"z", "m", "a"} {
		require.NoError(t, s.PutObject("a", key, []byte(key), ""))
	}

	require.NoError(t, s.Save(filepath.Join(dir, "one.json")))
	require.NoError(t, s.Save(filepath.Join(dir, "two.json")))
	one, err := os.ReadFile(filepath.Join(dir, "one.json"))
	require.NoError(t, err)
	two, err := os.ReadFile(filepath.Join(dir, "two.json"))
	require.NoError(t, err)

	assert.Equal(t, string(one), string(two))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "Save left a temporary file")
}

func TestSaveUnwritableDirectoryError(t *testing.T) {
	s := objectstore.New(objectstore.Options{Buckets: []string{mirrorBucket}})

	err := s.Save(filepath.Join(t.TempDir(), "missing-dir", "state.json"))

	require.Error(t, err)
	assert.Contains(t, err.Error(), "state.json")
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name    string
		content string
		message string
	}{
		{"invalid JSON", `{"version":`, "invalid JSON"},
		{"other version", `{"version":2,"buckets":[]}`, "version 2"},
		{"empty key", `{"version":1,"buckets":[{"name":"b","objects":[{"key":"","body":""}]}]}`, "empty key"},
		{"empty bucket name", `{"version":1,"buckets":[{"name":"","objects":[]}]}`, "name is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "state.json")
			require.NoError(t, os.WriteFile(path, []byte(tt.content), 0o600))

			s, err := objectstore.Load(path, objectstore.Options{})

			require.Error(t, err)
			assert.Nil(t, s)
			assert.Contains(t, err.Error(), tt.message)
		})
	}
}

func TestLoadMissingFileNotExist(t *testing.T) {
	s, err := objectstore.Load(filepath.Join(t.TempDir(), "absent.json"), objectstore.Options{})

	require.ErrorIs(t, err, fs.ErrNotExist)
	assert.Nil(t, s)
}
