package activities

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/clients/s3mirror"
	squareclient "github.com/stonecity/sync/clients/square"
)

func TestProductErrorClassification(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		errType   string
		retryable bool
	}{
		{"S3 slow down", &s3mirror.Error{Status: 503, Code: "SlowDown", Retryable: true},
			ErrorTypeRateLimited, true},
		{"S3 server error", &s3mirror.Error{Status: 500, Code: "InternalError", Retryable: true},
			ErrorTypeTransient, true},
		{"S3 access denied", &s3mirror.Error{Status: 403, Code: "AccessDenied"}, ErrorTypeAuth, false},
		{"S3 missing bucket", &s3mirror.Error{Status: 404, Code: "NoSuchBucket"}, ErrorTypeNotFound, false},
		{"S3 missing key", &s3mirror.Error{Status: 404, Code: "NoSuchKey"}, ErrorTypeNotFound, false},
		{"S3 invalid key", &s3mirror.Error{Code: s3mirror.CodeInvalidArgument}, ErrorTypeInvalid, false},
		{"wrapped S3 error", fmt.Errorf("write mirror: %w", &s3mirror.Error{Status: 503, Retryable: true}),
			ErrorTypeTransient, true},
		{"Square version conflict", &squareclient.Error{Status: 409, Code: "CONFLICT"},
			ErrorTypeConflict, true},
		{"Square version mismatch", &squareclient.Error{Status: 400, Code: "VERSION_MISMATCH"},
			ErrorTypeConflict, true},
		{"Square catalog write in progress", &squareclient.Error{Status: 429, Code: "RATE_LIMITED",
			Retryable: true}, ErrorTypeRateLimited, true},
		{"Square invalid item", &squareclient.Error{Status: 400, Code: "INVALID_VALUE"}, ErrorTypeInvalid, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var appErr *temporal.ApplicationError
			require.ErrorAs(t, temporalError(tc.err, false), &appErr)
			assert.Equal(t, tc.errType, appErr.Type())
			assert.Equal(t, tc.retryable, !appErr.NonRetryable())
		})
	}
}
