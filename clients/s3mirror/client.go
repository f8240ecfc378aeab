// Package s3mirror is the S3 client of product sync: it lists, writes,
// reads and deletes the objects of one bucket, such as the public
// catalogue mirror or the private snapshot of an SPS pull.
//
// The client never retries, because Temporal owns retries. Every failure
// is an *Error whose Retryable field reports whether a retry can help.
// Each HTTP call is counted with the apicalls Recorder of its context,
// under service "s3".
package s3mirror

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// DefaultRegion is the region used when Config.Region is empty.
const DefaultRegion = "us-east-1"

// Config selects the bucket and how to reach it.
type Config struct {
	// Bucket is the bucket name. Required.
	Bucket string
	// Region is the bucket's AWS region; "" means DefaultRegion.
	Region string
	// Endpoint overrides the S3 endpoint with an http or https URL of an
	// S3-compatible server (tests, the dev stack); "" means AWS. An
	// override requires static credentials.
	Endpoint string
	// PathStyle sends the bucket in the path (http://host/bucket/key)
	// instead of the host name, as most S3-compatible servers need.
	PathStyle bool
	// AccessKeyID and SecretAccessKey are static credentials. Both empty
	// means the SDK's default credential chain (environment, shared
	// files, then container or instance roles), for production on AWS.
	// Setting one without the other is an error.
	AccessKeyID, SecretAccessKey string
}

// Bucket is a client for one S3 bucket. It is safe for concurrent use.
type Bucket struct {
	api  *s3.Client
	name string
	// secrets are masked in the text of every error.
	secrets []string
}

// New checks cfg and returns a client for cfg.Bucket. It sends no request.
// With static credentials, the SDK reads no shared config or credentials
// file and its instance-metadata client is disabled, so a test or dev
// stack can never reach the EC2 metadata address.
func New(ctx context.Context, cfg Config) (*Bucket, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	region := cfg.Region
	if region == "" {
		region = DefaultRegion
	}

	loadOptions := []func(*config.LoadOptions) error{
		config.WithRegion(region),
		// Temporal retries; a retry inside the SDK would hide attempts
		// from Temporal and from the call counts.
		config.WithRetryer(func() aws.Retryer { return aws.NopRetryer{} }),
	}
	if cfg.hasStaticCredentials() {
		loadOptions = append(loadOptions,
			config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(
				cfg.AccessKeyID, cfg.SecretAccessKey, "")),
			config.WithEC2IMDSClientEnableState(imds.ClientDisabled),
			config.WithSharedConfigFiles([]string{}),
			config.WithSharedCredentialsFiles([]string{}),
		)
	}
	awsConfig, err := config.LoadDefaultConfig(ctx, loadOptions...)
	if err != nil {
		return nil, fmt.Errorf("s3mirror: load AWS configuration for bucket %q: %w", cfg.Bucket, err)
	}

	api := s3.NewFromConfig(awsConfig, func(o *s3.Options) {
		if cfg.Endpoint != "" {
			o.BaseEndpoint = aws.String(cfg.Endpoint)
		}
		o.UsePathStyle = cfg.PathStyle
		// The SDK would otherwise print a warning to stderr for every
		// GetObject response without a checksum header, which S3 omits
		// for objects uploaded without one.
		o.DisableLogOutputChecksumValidationSkipped = true
	})
	return &Bucket{api: api, name: cfg.Bucket, secrets: cfg.secrets()}, nil
}

// validate rejects a configuration that could not work or that would let
// the SDK fall back to its default credential chain against a server
// other than AWS.
func (cfg Config) validate() error {
	if cfg.Bucket == "" {
		return errors.New("s3mirror: Config.Bucket is empty: set the bucket name")
	}
	if (cfg.AccessKeyID == "") != (cfg.SecretAccessKey == "") {
		return fmt.Errorf("s3mirror: bucket %q: static credentials are incomplete: "+
			"set both AccessKeyID and SecretAccessKey, or neither to use the default credential chain",
			cfg.Bucket)
	}
	if cfg.Endpoint == "" {
		return nil
	}
	u, err := url.Parse(cfg.Endpoint)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("s3mirror: bucket %q: Config.Endpoint %q is not an http or https URL",
			cfg.Bucket, cfg.Endpoint)
	}
	if !cfg.hasStaticCredentials() {
		return fmt.Errorf("s3mirror: bucket %q: Config.Endpoint is set but the static credentials are empty: "+
			"set AccessKeyID and SecretAccessKey for an S3-compatible server", cfg.Bucket)
	}
	return nil
}

func (cfg Config) hasStaticCredentials() bool {
	return cfg.AccessKeyID != "" && cfg.SecretAccessKey != ""
}

// secrets returns the credential strings to mask in errors.
func (cfg Config) secrets() []string {
	var out []string
	for _, s := range []string{cfg.SecretAccessKey, cfg.AccessKeyID} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Name returns the bucket name.
func (b *Bucket) Name() string {
	return b.name
}

// ETag returns the ETag that S3 gives a single-part upload of body: the
// hex MD5 of the body in double quotes. A caller compares it with
// Object.ETag from List to skip unchanged objects without reading them.
// Multipart uploads and SSE-KMS objects get other ETags; Put uses neither.
func ETag(body []byte) string {
	sum := md5.Sum(body)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}
