// Package objectstore is an in-process S3-compatible server for tests and
// the dev stack, built on gofakes3 and its in-memory backend. It adds
// buckets created up front, a write-fault hook, a direct read of a
// bucket's objects and a state file that keeps the buckets between
// dev-stack runs.
//
// Serve Handler on 127.0.0.1 and point an S3 client at it with path-style
// addressing and any static credentials: the server checks no signature.
//
// The admin surface, outside the S3 API because S3 bucket names cannot
// start with an underscore:
//
//	GET /_admin/faults   the write-fault settings as JSON
//	PUT /_admin/faults   replace them (unknown fields and out-of-range values are rejected)
package objectstore

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"

	"github.com/stonecity/sync/sandbox/faults"
)

// Options configure a new Server.
type Options struct {
	// Buckets are created when the server starts. A bucket that already
	// exists, for example one restored by Load, is kept as it is.
	Buckets []string
}

// Server is an S3-compatible HTTP server that keeps its objects in memory.
// It is safe for concurrent use.
type Server struct {
	backend *s3mem.Backend
	faults  *faults.Injector
	handler http.Handler
}

// New returns a server with the buckets of opts. It returns no error
// because a bucket name is only checked by S3 clients; Options.Buckets may
// contain any non-empty string, and empty names are skipped.
func New(opts Options) *Server {
	backend := s3mem.New()
	s := &Server{
		backend: backend,
		faults:  faults.NewInjector(defaultWriteFaultStatuses),
	}
	fake := gofakes3.New(backend, gofakes3.WithoutVersioning())
	s.handler = s.routes(fake.Server())

	for _, name := range opts.Buckets {
		if name == "" {
			continue
		}
		// CreateBucket returns an error only for an empty name, which is
		// skipped above, because it keeps an existing bucket.
		_ = s.CreateBucket(name)
	}
	return s
}

// Handler returns the HTTP handler: the S3 REST API with path-style
// addressing (http://host/bucket/key) and the admin surface.
func (s *Server) Handler() http.Handler {
	return s.handler
}

// routes sends /_admin/ to the admin surface and every other request
// through the write-fault hook to gofakes3.
func (s *Server) routes(api http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_admin/faults", s.adminGetFaults)
	mux.HandleFunc("PUT /_admin/faults", s.adminPutFaults)
	mux.HandleFunc("/_admin/", func(w http.ResponseWriter, r *http.Request) {
		writeS3Error(w, http.StatusNotFound, "NoSuchAdminEndpoint",
			fmt.Sprintf("The server has no admin endpoint %s %s.", r.Method, r.URL.Path))
	})
	mux.Handle("/", s.withWriteFaults(api))
	return mux
}

// CreateBucket creates an empty bucket. It returns nil when the bucket
// already exists, and keeps its objects.
func (s *Server) CreateBucket(name string) error {
	if name == "" {
		return errors.New("objectstore: create bucket: name is empty")
	}
	exists, err := s.backend.BucketExists(name)
	if err != nil {
		return fmt.Errorf("objectstore: create bucket %q: %w", name, err)
	}
	if exists {
		return nil
	}
	if err := s.backend.CreateBucket(name); err != nil {
		return fmt.Errorf("objectstore: create bucket %q: %w", name, err)
	}
	return nil
}

// Buckets returns the names of every bucket, sorted.
func (s *Server) Buckets() ([]string, error) {
	infos, err := s.backend.ListBuckets()
	if err != nil {
		return nil, fmt.Errorf("objectstore: list buckets: %w", err)
	}
	names := make([]string, 0, len(infos))
	for _, info := range infos {
		names = append(names, info.Name)
	}
	sort.Strings(names)
	return names, nil
}

// PutObject stores body under key in bucket, as a PUT without faults
// would, so tests can seed a bucket without a thousand HTTP calls.
// contentType may be empty. It returns an error when the bucket does not
// exist.
func (s *Server) PutObject(bucket, key string, body []byte, contentType string) error {
	if key == "" {
		return fmt.Errorf("objectstore: put into bucket %q: key is empty", bucket)
	}
	meta := map[string]string{}
	if contentType != "" {
		meta["Content-Type"] = contentType
	}
	_, err := s.backend.PutObject(bucket, key, meta, bytes.NewReader(body), int64(len(body)), nil)
	if err != nil {
		return fmt.Errorf("objectstore: put %q into bucket %q: %w", key, bucket, err)
	}
	return nil
}

// Objects returns every object of bucket as key → body. It reads the
// backend directly, so write faults do not apply. It returns an error
// when the bucket does not exist.
func (s *Server) Objects(bucket string) (map[string][]byte, error) {
	stored, err := s.storedObjects(bucket)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(stored))
	for _, obj := range stored {
		out[obj.Key] = obj.Body
	}
	return out, nil
}

// storedObject is one object with the metadata worth keeping.
type storedObject struct {
	Key      string            `json:"key"`
	Metadata map[string]string `json:"metadata,omitempty"`
	Body     []byte            `json:"body"`
}

// storedObjects reads every object of bucket in key order.
func (s *Server) storedObjects(bucket string) ([]storedObject, error) {
	list, err := s.backend.ListBucket(bucket, nil, gofakes3.ListBucketPage{})
	if err != nil {
		return nil, fmt.Errorf("objectstore: list bucket %q: %w", bucket, err)
	}

	out := make([]storedObject, 0, len(list.Contents))
	for _, content := range list.Contents {
		obj, err := s.backend.GetObject(bucket, content.Key, nil)
		if errors.Is(err, gofakes3.ErrNoSuchKey) || gofakes3.HasErrorCode(err, gofakes3.ErrNoSuchKey) {
			continue // deleted between the listing and the read
		}
		if err != nil {
			return nil, fmt.Errorf("objectstore: read %q in bucket %q: %w", content.Key, bucket, err)
		}
		body, err := io.ReadAll(obj.Contents)
		_ = obj.Contents.Close()
		if err != nil {
			return nil, fmt.Errorf("objectstore: read %q in bucket %q: %w", content.Key, bucket, err)
		}
		out = append(out, storedObject{Key: content.Key, Metadata: keptMetadata(obj.Metadata), Body: body})
	}
	return out, nil
}
