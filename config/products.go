package config

import (
	"strconv"
)

// Products holds product sync settings: its schedule and the S3 buckets of
// the public mirror and of the private snapshot between the sync's steps.
// A bucket left empty means that sink or step is not configured.
type Products struct {
	// Schedule is the cron expression (UTC) of the nightly product sync.
	Schedule string
	// MirrorBucket is the public S3 bucket of the website's product
	// mirror. It never receives a price.
	MirrorBucket string
	// SnapshotBucket is the private S3 bucket of the pulled catalogue,
	// prices included, that the sinks read. It must not be public.
	SnapshotBucket string
	// S3Endpoint overrides the AWS endpoint with an S3-compatible server.
	// "" uses AWS's endpoint of S3Region.
	S3Endpoint string
	S3Region   string
	// S3PathStyle addresses buckets as https://host/bucket instead of
	// https://bucket.host, as most S3-compatible servers need.
	S3PathStyle bool
	// S3AccessKeyID and S3SecretAccessKey are static credentials. Both
	// empty means the AWS SDK's default chain (instance role, profile).
	// S3SecretAccessKey is a secret, so never log it.
	S3AccessKeyID     string
	S3SecretAccessKey string
}

// defaultProducts returns the product sync defaults: nightly at 03:00 UTC,
// region us-east-1, no bucket configured.
func defaultProducts() Products {
	return Products{Schedule: "0 3 * * *", S3Region: "us-east-1"}
}

// loadProducts reads the product sync variables over the defaults in p.
func (e *env) loadProducts(p *Products) {
	e.str("PRODUCT_SYNC_SCHEDULE", &p.Schedule)
	e.str("PRODUCT_MIRROR_BUCKET", &p.MirrorBucket)
	e.str("PRODUCT_SNAPSHOT_BUCKET", &p.SnapshotBucket)
	e.str("S3_ENDPOINT", &p.S3Endpoint)
	e.str("AWS_REGION", &p.S3Region)
	e.boolean("S3_PATH_STYLE", &p.S3PathStyle)
	e.str("AWS_ACCESS_KEY_ID", &p.S3AccessKeyID)
	e.str("AWS_SECRET_ACCESS_KEY", &p.S3SecretAccessKey)
	if p.S3Endpoint != "" {
		e.checkURL("S3_ENDPOINT", p.S3Endpoint)
	}
}

// boolean sets dst from "true" or "false" (and the other forms
// strconv.ParseBool accepts, such as 1 and 0).
func (e *env) boolean(name string, dst *bool) {
	v := e.value(name)
	if v == "" {
		return
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		e.fail("%s must be true or false, got %q", name, v)
		return
	}
	*dst = b
}
