package s3mirror

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/stonecity/sync/apicalls"
)

// Endpoints as recorded with apicalls and named in *Error.
const (
	EndpointPutObject     = "PUT object"
	EndpointGetObject     = "GET object"
	EndpointListObjects   = "GET list objects"
	EndpointDeleteObjects = "POST delete objects"
)

// Limits of the S3 API and of this client.
const (
	// MaxListPage is the most keys S3 returns in one ListObjectsV2 page.
	MaxListPage = 1000
	// MaxDeleteKeys is the most keys S3 accepts in one DeleteObjects call.
	MaxDeleteKeys = 1000
	// MaxKeyBytes is the longest object key S3 accepts, in UTF-8 bytes.
	MaxKeyBytes = 1024
	// MaxBodyBytes caps the body of Put and Get, because both hold it in
	// memory. It is far below S3's 5 GiB limit for a single PUT.
	MaxBodyBytes = 256 << 20
)

// Object is one entry of a listing. ETag is quoted, as S3 returns it and
// as ETag returns it; Size is in bytes.
type Object struct {
	Key, ETag string
	Size      int64
}

// Put writes body under key with contentType (for example
// "application/json"), replacing any object there. It sends the body's
// Content-MD5, so S3 rejects a body damaged in transit with BadDigest,
// which is retryable. Errors are *Error.
//
// S3 API: PutObject (PUT /{bucket}/{key}).
func (b *Bucket) Put(ctx context.Context, key string, body []byte, contentType string) error {
	if err := b.checkKey(EndpointPutObject, key); err != nil {
		return err
	}
	if len(body) > MaxBodyBytes {
		return b.invalidArgument(EndpointPutObject, key,
			fmt.Sprintf("body of %d bytes is above the limit of %d bytes", len(body), MaxBodyBytes))
	}

	sum := md5.Sum(body)
	input := &s3.PutObjectInput{
		Bucket:        aws.String(b.name),
		Key:           aws.String(key),
		Body:          bytes.NewReader(body),
		ContentLength: aws.Int64(int64(len(body))),
		ContentMD5:    aws.String(base64.StdEncoding.EncodeToString(sum[:])),
	}
	if contentType != "" {
		input.ContentType = aws.String(contentType)
	}
	_, err := b.api.PutObject(ctx, input)
	return b.record(ctx, EndpointPutObject, key, err)
}

// Get returns the body stored under key. It returns an *Error that
// matches ErrNotFound when the key does not exist, and ErrNoSuchBucket
// when the bucket does not.
//
// S3 API: GetObject (GET /{bucket}/{key}).
func (b *Bucket) Get(ctx context.Context, key string) ([]byte, error) {
	if err := b.checkKey(EndpointGetObject, key); err != nil {
		return nil, err
	}

	out, err := b.api.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b.name), Key: aws.String(key)})
	if err := b.record(ctx, EndpointGetObject, key, err); err != nil {
		return nil, err
	}
	defer out.Body.Close()

	body, err := io.ReadAll(io.LimitReader(out.Body, MaxBodyBytes+1))
	if err != nil {
		// A body cut short is a transport failure, worth retrying.
		return nil, b.newError(EndpointGetObject, key, err)
	}
	if len(body) > MaxBodyBytes {
		return nil, &Error{Endpoint: EndpointGetObject, Bucket: b.name, Key: key, Code: CodeBodyTooLarge,
			Message: fmt.Sprintf("body is above the limit of %d bytes", MaxBodyBytes)}
	}
	return body, nil
}

// List calls fn with the objects under prefix ("" for all), one page of
// at most MaxListPage objects at a time, in key order. It stops at the
// first error from fn and returns it wrapped. S3 errors are *Error.
//
// S3 API: ListObjectsV2 (GET /{bucket}?list-type=2).
func (b *Bucket) List(ctx context.Context, prefix string, fn func([]Object) error) error {
	input := &s3.ListObjectsV2Input{
		Bucket:  aws.String(b.name),
		MaxKeys: aws.Int32(MaxListPage),
	}
	if prefix != "" {
		input.Prefix = aws.String(prefix)
	}

	for {
		out, err := b.api.ListObjectsV2(ctx, input)
		if err := b.record(ctx, EndpointListObjects, "", err); err != nil {
			return err
		}

		if page := toObjects(out.Contents); len(page) > 0 {
			if err := fn(page); err != nil {
				return fmt.Errorf("s3mirror: list bucket %q prefix %q: %w", b.name, prefix, err)
			}
		}
		token := aws.ToString(out.NextContinuationToken)
		if !aws.ToBool(out.IsTruncated) || token == "" {
			return nil
		}
		input.ContinuationToken = aws.String(token)
	}
}

func toObjects(contents []types.Object) []Object {
	page := make([]Object, 0, len(contents))
	for _, c := range contents {
		page = append(page, Object{Key: aws.ToString(c.Key), ETag: aws.ToString(c.ETag), Size: aws.ToInt64(c.Size)})
	}
	return page
}

// DeleteKeys deletes keys with DeleteObjects, MaxDeleteKeys per call. A
// key that does not exist counts as deleted, as in S3. Keys S3 failed to
// delete are returned joined, one *Error each. A failed call stops the
// deletion and is returned joined with the key errors so far. The calls
// before it took effect, so a retry deletes those keys again harmlessly.
//
// S3 API: DeleteObjects (POST /{bucket}?delete).
func (b *Bucket) DeleteKeys(ctx context.Context, keys []string) error {
	for _, key := range keys {
		if err := b.checkKey(EndpointDeleteObjects, key); err != nil {
			return err
		}
	}

	var failed []error
	for start := 0; start < len(keys); start += MaxDeleteKeys {
		batch := keys[start:min(start+MaxDeleteKeys, len(keys))]
		keyErrs, err := b.deleteBatch(ctx, batch)
		failed = append(failed, keyErrs...)
		if err != nil {
			failed = append(failed, err)
			break
		}
	}
	return errors.Join(failed...)
}

// deleteBatch deletes at most MaxDeleteKeys keys in quiet mode, so S3
// lists only the keys it failed to delete. It returns those, and the
// error of the call itself.
func (b *Bucket) deleteBatch(ctx context.Context, keys []string) ([]error, error) {
	ids := make([]types.ObjectIdentifier, len(keys))
	for i, key := range keys {
		ids[i] = types.ObjectIdentifier{Key: aws.String(key)}
	}

	out, err := b.api.DeleteObjects(ctx, &s3.DeleteObjectsInput{
		Bucket: aws.String(b.name),
		Delete: &types.Delete{Objects: ids, Quiet: aws.Bool(true)},
	})
	if err := b.record(ctx, EndpointDeleteObjects, "", err); err != nil {
		return nil, err
	}

	keyErrs := make([]error, 0, len(out.Errors))
	for _, failure := range out.Errors {
		code := aws.ToString(failure.Code)
		keyErrs = append(keyErrs, &Error{
			Endpoint:  EndpointDeleteObjects,
			Bucket:    b.name,
			Key:       aws.ToString(failure.Key),
			Code:      code,
			Message:   b.redactString(aws.ToString(failure.Message)),
			Retryable: retryableCodes[code],
		})
	}
	return keyErrs, nil
}

// record counts one call on the apicalls Recorder of ctx and returns err
// as an *Error, or nil. The SDK makes one attempt per call because its
// retryer is disabled, so one record is one HTTP request. A call that
// failed before sending, for example on a canceled context, is counted too.
func (b *Bucket) record(ctx context.Context, endpoint, key string, err error) error {
	if err == nil {
		apicalls.Record(ctx, apicalls.S3, endpoint, false)
		return nil
	}
	e := b.newError(endpoint, key, err)
	apicalls.Record(ctx, apicalls.S3, endpoint, e.rateLimited())
	return e
}

// checkKey rejects a key S3 would reject: empty, longer than MaxKeyBytes
// or not valid UTF-8.
func (b *Bucket) checkKey(endpoint, key string) error {
	switch {
	case key == "":
		return b.invalidArgument(endpoint, key, "key is empty")
	case len(key) > MaxKeyBytes:
		return b.invalidArgument(endpoint, key,
			fmt.Sprintf("key is %d bytes long, above S3's limit of %d bytes", len(key), MaxKeyBytes))
	case !utf8.ValidString(key):
		return b.invalidArgument(endpoint, key, "key is not valid UTF-8")
	}
	return nil
}
