package objectstore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
)

// stateVersion is the format version of the state file.
const stateVersion = 1

// state is the content of the file Save writes: every bucket with its
// objects in key order, so equal contents produce equal files.
type state struct {
	Version int           `json:"version"`
	Buckets []bucketState `json:"buckets"`
}

// bucketState is one bucket of the state file.
type bucketState struct {
	Name    string         `json:"name"`
	Objects []storedObject `json:"objects"`
}

// Save writes every bucket and object to path as JSON, bodies in base64,
// replacing the file atomically (a temporary file in the same directory,
// then a rename). Each bucket is read in one pass, but writes that arrive
// during Save may or may not be in the file. Write faults are not saved.
func (s *Server) Save(path string) error {
	names, err := s.Buckets()
	if err != nil {
		return err
	}
	snap := state{Version: stateVersion, Buckets: make([]bucketState, 0, len(names))}
	for _, name := range names {
		objects, err := s.storedObjects(name)
		if err != nil {
			return err
		}
		snap.Buckets = append(snap.Buckets, bucketState{Name: name, Objects: objects})
	}

	data, err := json.Marshal(snap)
	if err != nil {
		return fmt.Errorf("objectstore: save %s: %w", path, err)
	}
	return writeFileAtomic(path, data)
}

// writeFileAtomic writes data to a temporary file next to path, then
// renames it over path, so a crash never leaves a half-written state.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("objectstore: save %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename

	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("objectstore: save %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("objectstore: save %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("objectstore: save %s: %w", path, err)
	}
	return nil
}

// Load returns a server with the buckets and objects that Save wrote to
// path, plus the buckets of opts that the file lacks. A missing file is an
// error that matches fs.ErrNotExist, so a caller can start with New
// instead.
func Load(path string, opts Options) (*Server, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("objectstore: load: %w", err)
	}
	var snap state
	if err := json.Unmarshal(data, &snap); err != nil {
		return nil, fmt.Errorf("objectstore: load %s: invalid JSON: %w", path, err)
	}
	if snap.Version != stateVersion {
		return nil, fmt.Errorf("objectstore: load %s: version %d is not the supported version %d",
			path, snap.Version, stateVersion)
	}

	s := New(Options{})
	for _, b := range snap.Buckets {
		if err := s.restoreBucket(b); err != nil {
			return nil, fmt.Errorf("objectstore: load %s: %w", path, err)
		}
	}
	for _, name := range opts.Buckets {
		if name == "" {
			continue
		}
		if err := s.CreateBucket(name); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// restoreBucket creates bucket b and writes its objects with their
// metadata, through the backend so that write faults do not apply.
func (s *Server) restoreBucket(b bucketState) error {
	if err := s.CreateBucket(b.Name); err != nil {
		return err
	}
	for _, obj := range b.Objects {
		if obj.Key == "" {
			return fmt.Errorf("bucket %q: an object has an empty key", b.Name)
		}
		meta := maps.Clone(obj.Metadata)
		if meta == nil {
			meta = map[string]string{}
		}
		_, err := s.backend.PutObject(b.Name, obj.Key, meta, bytes.NewReader(obj.Body),
			int64(len(obj.Body)), nil)
		if err != nil {
			return fmt.Errorf("bucket %q: restore %q: %w", b.Name, obj.Key, err)
		}
	}
	return nil
}

// keptMetadata returns the object metadata worth saving: the content
// headers, Last-Modified, user metadata (X-Amz-Meta-*) and checksums
// (X-Amz-Checksum-*). The other X-Amz-* headers that gofakes3 stores
// describe the signed request, not the object.
func keptMetadata(meta map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range meta {
		switch {
		case k == "Content-Type", k == "Content-Disposition", k == "Content-Encoding", k == "Last-Modified":
			out[k] = v
		case strings.HasPrefix(k, "X-Amz-Meta-"), strings.HasPrefix(k, "X-Amz-Checksum-"):
			out[k] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
