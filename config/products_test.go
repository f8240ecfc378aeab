package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// s3Secret is a distinct S3 secret access key, so a test can search any
// message for it.
const s3Secret = "s3-secret-key-5e6f7a8b"

// productOverrideCases set each product sync variable to a value other
// than its default.
func productOverrideCases() []overrideCase {
	return []overrideCase{
		{"PRODUCT_SYNC_SCHEDULE", "30 2 * * *",
			func(s Settings) any { return s.Products.Schedule }, "30 2 * * *"},
		{"PRODUCT_MIRROR_BUCKET", "stonecity-products",
			func(s Settings) any { return s.Products.MirrorBucket }, "stonecity-products"},
		{"PRODUCT_SNAPSHOT_BUCKET", "stonecity-sync-private",
			func(s Settings) any { return s.Products.SnapshotBucket }, "stonecity-sync-private"},
		{"S3_ENDPOINT", "http://127.0.0.1:8304",
			func(s Settings) any { return s.Products.S3Endpoint }, "http://127.0.0.1:8304"},
		{"AWS_REGION", "eu-west-1",
			func(s Settings) any { return s.Products.S3Region }, "eu-west-1"},
		{"S3_PATH_STYLE", "true",
			func(s Settings) any { return s.Products.S3PathStyle }, true},
		{"AWS_ACCESS_KEY_ID", "AKIAEXAMPLE",
			func(s Settings) any { return s.Products.S3AccessKeyID }, "AKIAEXAMPLE"},
		{"AWS_SECRET_ACCESS_KEY", s3Secret,
			func(s Settings) any { return s.Products.S3SecretAccessKey }, s3Secret},
	}
}

func TestProductDefaults(t *testing.T) {
	p := Defaults().Products

	assert.Equal(t, "0 3 * * *", p.Schedule)
	assert.Equal(t, "us-east-1", p.S3Region)
	assert.Empty(t, p.MirrorBucket)
	assert.Empty(t, p.SnapshotBucket)
	assert.Empty(t, p.S3Endpoint)
	assert.False(t, p.S3PathStyle)
	assert.Empty(t, p.S3AccessKeyID)
	assert.Empty(t, p.S3SecretAccessKey)
}

func TestLoadProductsRejects(t *testing.T) {
	tests := []struct {
		name, variable, value, want string
	}{
		{name: "path style not a boolean", variable: "S3_PATH_STYLE", value: "yes please",
			want: `S3_PATH_STYLE must be true or false, got "yes please"`},
		{name: "endpoint not a URL", variable: "S3_ENDPOINT", value: "127.0.0.1:8304",
			want: `S3_ENDPOINT must be an absolute http or https URL, got "127.0.0.1:8304"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(envOf(map[string]string{tc.variable: tc.value, "AWS_SECRET_ACCESS_KEY": s3Secret}))

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), s3Secret)
		})
	}
}

func TestLoadPathStyleFalse(t *testing.T) {
	s, err := Load(envOf(map[string]string{"S3_PATH_STYLE": "false"}))

	require.NoError(t, err)
	assert.False(t, s.Products.S3PathStyle)
}
