package devstack

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"

	"github.com/stonecity/sync/config"
	"github.com/stonecity/sync/sandbox/objectstore"
)

// Buckets and credentials of the dev S3 server. The server checks no
// signature, and the static credentials keep the AWS SDK from looking for
// real ones.
const (
	// DevMirrorBucket is the dev bucket in place of the public bucket of
	// the website's product mirror.
	DevMirrorBucket = "stonecity-products"
	// DevSnapshotBucket is the dev bucket in place of the private bucket
	// of product sync's snapshot, which contains prices.
	DevSnapshotBucket = "stonecity-sync-snapshots"
	s3DevAccessKeyID  = "dev-s3-access-key"
	s3DevSecretKey    = "dev-s3-secret-key"
	// s3DevRegion is any region, because the dev server ignores it.
	s3DevRegion = "us-east-1"
)

// objectStoreStateFile keeps the dev S3 server's buckets in the state
// directory.
const objectStoreStateFile = "s3.json"

// startObjectStore starts the in-process S3 server with both product
// buckets, restored from the state directory when it has them.
func (s *Simulators) startObjectStore(dir string, port int) error {
	opts := objectstore.Options{Buckets: []string{DevMirrorBucket, DevSnapshotBucket}}
	store, err := objectstore.Load(filepath.Join(dir, objectStoreStateFile), opts)
	if errors.Is(err, fs.ErrNotExist) {
		store, err = objectstore.New(opts), nil
	}
	if err != nil {
		return err
	}
	s.ObjectStore = store
	if s.S3URL, err = s.serve(store.Handler(), port); err != nil {
		return fmt.Errorf("start S3 server: %w", err)
	}
	return nil
}

// saveObjectStore writes the S3 server's buckets into dir.
func (s *Simulators) saveObjectStore(dir string) error {
	if s.ObjectStore == nil {
		return nil
	}
	return s.ObjectStore.Save(filepath.Join(dir, objectStoreStateFile))
}

// productSettings points product sync at the dev S3 server.
func (s *Simulators) productSettings(p config.Products) config.Products {
	p.MirrorBucket = DevMirrorBucket
	p.SnapshotBucket = DevSnapshotBucket
	p.S3Endpoint = s.S3URL
	p.S3Region = s3DevRegion
	p.S3PathStyle = true
	p.S3AccessKeyID = s3DevAccessKeyID
	p.S3SecretAccessKey = s3DevSecretKey
	return p
}
