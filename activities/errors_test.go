package activities

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"go.temporal.io/sdk/temporal"

	"github.com/stonecity/sync/clients/sps"
	squareclient "github.com/stonecity/sync/clients/square"
)

func TestTemporalErrorClassifiesSPSErrors(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		errType   string
		retryable bool
		delay     time.Duration
	}{
		{"rate limited", &sps.Error{Status: 429, Retryable: true, RetryAfter: 3 * time.Second}, ErrorTypeRateLimited, true, 3 * time.Second},
		{"server error", &sps.Error{Status: 503, Retryable: true}, ErrorTypeTransient, true, 0},
		{"bad request", &sps.Error{Status: 400}, ErrorTypeInvalid, false, 0},
		{"unauthorized", &sps.Error{Status: 401}, ErrorTypeAuth, false, 0},
		{"not found", &sps.Error{Status: 404}, ErrorTypeNotFound, false, 0},
		{"wrapped", fmt.Errorf("query SPS customers: %w", &sps.Error{Status: 401}), ErrorTypeAuth, false, 0},
		{"square unauthorized", &squareclient.Error{Status: 401}, ErrorTypeAuth, false, 0},
		{"square rate limited", &squareclient.Error{Status: 429}, ErrorTypeRateLimited, true, 0},
		{"cut short by a stopping worker", fmt.Errorf("put by-sku/A.json: %w", context.Canceled), ErrorTypeTransient, true, 0},
		{"deadline", fmt.Errorf("list by-sku/: %w", context.DeadlineExceeded), ErrorTypeTransient, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var appErr *temporal.ApplicationError
			assert.True(t, errors.As(temporalError(tt.err, false), &appErr))
			assert.Equal(t, tt.errType, appErr.Type())
			assert.Equal(t, tt.retryable, !appErr.NonRetryable())
			assert.Equal(t, tt.delay, appErr.NextRetryDelay())
		})
	}
}
