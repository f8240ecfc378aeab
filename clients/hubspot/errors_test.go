package hubspot

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return string(data)
}

// rateLimitHeaders are the headers HubSpot sends with an exhausted
// ten-secondly bucket.
func rateLimitHeaders(remaining string) http.Header {
	return http.Header{
		"X-Hubspot-Ratelimit-Max":                   {"190"},
		"X-Hubspot-Ratelimit-Remaining":             {remaining},
		"X-Hubspot-Ratelimit-Interval-Milliseconds": {"10000"},
	}
}

func TestErrorMapping(t *testing.T) {
	tests := []struct {
		name   string
		status int
		header http.Header
		body   string // fixture file name, or a literal body when it does not end in .json
		search bool
		want   Error
		retry  bool
	}{
		{name: "429 ten secondly", status: 429, header: rateLimitHeaders("0"), body: "429_ten_secondly.json",
			want: Error{Kind: KindRateLimit, Category: "RATE_LIMIT", PolicyName: PolicyTenSecondlyRolling,
				Message: "You have reached your ten_secondly_rolling limit.", RetryAfter: 10 * time.Second,
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f01"},
			retry: true},
		{name: "429 secondly on search", status: 429, body: "429_secondly.json", search: true,
			want: Error{Kind: KindRateLimit, Category: "RATE_LIMIT", PolicyName: PolicySecondly,
				Message: "You have reached your secondly limit.", RetryAfter: time.Second,
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f02"},
			retry: true},
		{name: "429 daily waits for UTC midnight", status: 429, body: "429_daily.json",
			want: Error{Kind: KindRateLimit, Category: "RATE_LIMIT", PolicyName: PolicyDaily,
				Message: "You have reached your daily limit.", RetryAfter: 8*time.Hour + 30*time.Minute,
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f03"},
			retry: false},
		{name: "429 with Retry-After header", status: 429, header: http.Header{"Retry-After": {"7"}},
			body: "429_ten_secondly.json",
			want: Error{Kind: KindRateLimit, Category: "RATE_LIMIT", PolicyName: PolicyTenSecondlyRolling,
				Message: "You have reached your ten_secondly_rolling limit.", RetryAfter: 7 * time.Second,
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f01"},
			retry: true},
		{name: "enum INVALID_OPTION in message", status: 400, body: "400_invalid_option.json",
			want: Error{Kind: KindValidation, Category: "VALIDATION_ERROR", Property: "hs_lead_status",
				Code: "INVALID_OPTION", CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f04"}},
		{name: "PROPERTY_DOESNT_EXIST in errors context", status: 400, body: "400_property_doesnt_exist.json",
			want: Error{Kind: KindValidation, Category: "VALIDATION_ERROR", Property: "sps_colour",
				Code: "PROPERTY_DOESNT_EXIST", Message: "Property values were not valid",
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f05"}},
		{name: "INVALID_INTEGER", status: 400, body: "400_invalid_integer.json",
			want: Error{Kind: KindValidation, Category: "VALIDATION_ERROR", Property: "amount",
				Code: "INVALID_INTEGER", CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f06"}},
		{name: "contact 409 old shape", status: 409, body: "409_contact_exists.json",
			want: Error{Kind: KindConflict, Category: "CONFLICT", ExistingID: "6001",
				Message: "Contact already exists. Existing ID: 6001", CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f07"}},
		{name: "contact 409 new shape", status: 409, body: "409_contact_exists_new.json",
			want: Error{Kind: KindConflict, Category: "OBJECT_ALREADY_EXISTS", ExistingID: "7002",
				Code: "CONTACT_EXISTS", Property: "email", Message: "Contact already exists",
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f08"}},
		{name: "custom unique 409", status: 409, body: "409_unique_value.json",
			want: Error{Kind: KindConflict, Category: "CONFLICT", ExistingID: "8003", Property: "square_order_id",
				Message:       `A deal with square_order_id "ORD-1" already exists. Existing ID: 8003`,
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f09"}},
		{name: "custom unique 400 with CONFLICT category", status: 400, body: "400_unique_conflict.json",
			want: Error{Kind: KindConflict, Category: "CONFLICT", ExistingID: "9004", Property: "sps_customer_id",
				Message:       "sps_customer_id already has that value on another record",
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f10"}},
		{name: "property name 409", status: 409, body: "409_property_exists.json",
			want: Error{Kind: KindConflict, Category: "OBJECT_ALREADY_EXISTS",
				Code: "Properties.PROPERTY_WITH_NAME_EXISTS", Message: "A property named 'square_order_id' already exists.",
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f11"}},
		{name: "500", status: 500, body: "500_internal.json",
			want: Error{Kind: KindTransient, Category: "INTERNAL_ERROR", Message: "internal error",
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f12"},
			retry: true},
		{name: "502 with HTML body", status: 502, body: "<html>Bad Gateway</html>",
			header: http.Header{"X-Hubspot-Correlation-Id": {"edge-1"}},
			want:   Error{Kind: KindTransient, Message: "<html>Bad Gateway</html>", CorrelationID: "edge-1"},
			retry:  true},
		{name: "423 locked", status: 423, body: "423_locked.json",
			want: Error{Kind: KindTransient, Category: "LOCKED", RetryAfter: 2 * time.Second,
				Message:       "The record is locked by another request.",
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f13"},
			retry: true},
		{name: "477 migration with Retry-After", status: 477, header: http.Header{"Retry-After": {"120"}},
			body: `{"status":"error","message":"Migration in progress","category":"MIGRATION_IN_PROGRESS"}`,
			want: Error{Kind: KindTransient, Category: "MIGRATION_IN_PROGRESS", RetryAfter: 2 * time.Minute,
				Message: "Migration in progress"},
			retry: true},
		{name: "401", status: 401, body: "401_auth.json",
			want: Error{Kind: KindAuth, Category: "INVALID_AUTHENTICATION",
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f14"}},
		{name: "403 missing scopes", status: 403, body: "403_scopes.json",
			want: Error{Kind: KindAuth, Category: "MISSING_SCOPES",
				Message:       "This app hasn't been granted all required scopes to make this call.",
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f15"}},
		{name: "404", status: 404, body: "404_not_found.json",
			want: Error{Kind: KindNotFound, Category: "OBJECT_NOT_FOUND", Message: "resource not found",
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f16"}},
		{name: "undocumented 4xx", status: 418, body: `{"status":"error","message":"teapot"}`,
			want: Error{Kind: KindOther, Message: "teapot"}},
		{name: "408 request timeout", status: 408, body: `{"status":"error","message":"Request timed out"}`,
			want:  Error{Kind: KindTransient, Message: "Request timed out"},
			retry: true},
		{name: "custom unique 400 reported as a validation error", status: 400,
			body: "400_unique_already_has_value.json",
			want: Error{Kind: KindConflict, Category: "VALIDATION_ERROR", Property: "square_order_id",
				Message:       "propertyValue: already has that value square_order_id",
				CorrelationID: "c3c1a6b0-0b8e-4d6e-9a53-1f1f0f0f0f17"}},
		{name: "400 OBJECT_ALREADY_EXISTS with existing id", status: 400,
			body: `{"status":"error","message":"Object already exists. Existing ID: 812",` +
				`"category":"OBJECT_ALREADY_EXISTS"}`,
			want: Error{Kind: KindConflict, Category: "OBJECT_ALREADY_EXISTS", ExistingID: "812",
				Message: "Object already exists. Existing ID: 812"}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := tt.body
			if filepath.Ext(body) == ".json" {
				body = fixture(t, body)
			}
			client := setup(t, fixed(tt.status, tt.header, body), NewPacer(PacerConfig{Clock: newFakeClock()}))

			var err error
			if tt.search {
				_, err = client.Search(context.Background(), "contacts", SearchRequest{})
			} else {
				_, err = client.BatchUpdate(context.Background(), "deals",
					[]UpdateInput{{ID: "1", Properties: map[string]string{"amount": "1"}}})
			}

			var got *Error
			require.ErrorAs(t, err, &got)
			assert.Equal(t, tt.want.Kind, got.Kind, "kind")
			assert.Equal(t, tt.status, got.Status, "status")
			assert.Equal(t, tt.want.Category, got.Category, "category")
			assert.Equal(t, tt.want.PolicyName, got.PolicyName, "policy")
			assert.Equal(t, tt.want.Property, got.Property, "property")
			assert.Equal(t, tt.want.Code, got.Code, "code")
			assert.Equal(t, tt.want.ExistingID, got.ExistingID, "existing id")
			assert.Equal(t, tt.want.CorrelationID, got.CorrelationID, "correlation id")
			assert.Equal(t, tt.want.RetryAfter, got.RetryAfter, "retry after")
			assert.Equal(t, tt.retry, got.Retryable(), "retryable")
			if tt.want.Message != "" {
				assert.Equal(t, tt.want.Message, got.Message, "message")
			}
			assert.Equal(t, http.MethodPost, got.Method, "method")
			assert.NotContains(t, got.Error(), testToken, "token in error text")
		})
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{name: "validation with property and code",
			err: &Error{Status: 400, Category: "VALIDATION_ERROR", Property: "amount", Code: "INVALID_INTEGER",
				Method: "POST", Path: "/crm/v3/objects/deals/batch/create", Message: "1,250.00 is not a valid number"},
			want: "hubspot: POST /crm/v3/objects/deals/batch/create: 400 VALIDATION_ERROR " +
				"(property amount, INVALID_INTEGER): 1,250.00 is not a valid number"},
		{name: "rate limit with policy",
			err: &Error{Status: 429, Category: "RATE_LIMIT", PolicyName: "DAILY", Method: "POST",
				Path: "/crm/v3/objects/deals/search", Message: "You have reached your daily limit."},
			want: "hubspot: POST /crm/v3/objects/deals/search: 429 RATE_LIMIT (policy DAILY): " +
				"You have reached your daily limit."},
		{name: "conflict with existing id",
			err: &Error{Status: 409, Category: "CONFLICT", ExistingID: "6001", Method: "POST",
				Path: "/crm/v3/objects/contacts/batch/create", Message: "Contact already exists. Existing ID: 6001"},
			want: "hubspot: POST /crm/v3/objects/contacts/batch/create: 409 CONFLICT (existing id 6001): " +
				"Contact already exists. Existing ID: 6001"},
		{name: "transport failure",
			err: &Error{Kind: KindTransient, Method: "GET", Path: "/crm/v3/properties/deals",
				Message: "request failed", cause: errors.New("connection refused")},
			want: "hubspot: GET /crm/v3/properties/deals: request failed: connection refused"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.err.Error())
		})
	}
}

func TestRetryable(t *testing.T) {
	tests := []struct {
		name string
		err  Error
		want bool
	}{
		{name: "transport failure", err: Error{Kind: KindTransient}, want: true},
		{name: "local validation", err: Error{Kind: KindValidation}, want: false},
		{name: "429 ten secondly", err: Error{Status: 429, PolicyName: PolicyTenSecondlyRolling}, want: true},
		{name: "429 without policy", err: Error{Status: 429}, want: true},
		{name: "429 daily", err: Error{Status: 429, PolicyName: PolicyDaily}, want: false},
		{name: "423", err: Error{Status: 423}, want: true},
		{name: "477", err: Error{Status: 477}, want: true},
		{name: "503", err: Error{Status: 503}, want: true},
		{name: "400", err: Error{Status: 400}, want: false},
		{name: "404", err: Error{Status: 404}, want: false},
		{name: "409", err: Error{Status: 409}, want: false},
		{name: "408", err: Error{Status: 408}, want: true},
		{name: "413", err: Error{Status: 413}, want: false},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.err.Retryable())
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 12, 4, 15, 30, 0, 0, time.UTC)
	tests := []struct {
		name  string
		value string
		want  time.Duration
	}{
		{name: "absent", value: "", want: 0},
		{name: "seconds", value: "30", want: 30 * time.Second},
		{name: "negative seconds", value: "-5", want: 0},
		{name: "HTTP date", value: "Fri, 04 Dec 2026 15:31:00 GMT", want: time.Minute},
		{name: "garbage", value: "soon", want: 0},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, parseRetryAfter(tt.value, now))
		})
	}
}

func TestInputErrorKind(t *testing.T) {
	tests := []struct {
		name  string
		entry string // the fields of one errors[] entry, without braces
		want  Kind
		id    string
	}{
		{name: "conflict category", want: KindConflict, id: "8003",
			entry: `"status":"error","category":"CONFLICT","message":"A deal with square_order_id ` +
				`\"ORD-1\" already exists. Existing ID: 8003"`},
		{name: "newer contact conflict", want: KindConflict, id: "7002",
			entry: `"status":"error","category":"OBJECT_ALREADY_EXISTS","message":"Contact already exists",` +
				`"errors":[{"message":"A contact with email a@example.com already exists. Existing ID: 7002",` +
				`"in":"email"}]`},
		{name: "unique value as validation error", want: KindConflict,
			entry: `"status":"error","category":"VALIDATION_ERROR",` +
				`"message":"propertyValue: already has that value square_order_id"`},
		{name: "invalid option", want: KindValidation,
			entry: `"status":"error","category":"VALIDATION_ERROR","message":"Property values were not valid: ` +
				`[{\"isValid\":false,\"message\":\"X was not one of the allowed options\",` +
				`\"error\":\"INVALID_OPTION\",\"name\":\"hs_lead_status\"}]"`},
		{name: "missing association target", want: KindValidation,
			entry: `"status":"error","category":"VALIDATION_ERROR","message":"association target contact 9 ` +
				`does not exist"`},
		{name: "not found", want: KindNotFound,
			entry: `"status":"error","category":"OBJECT_NOT_FOUND","message":"No deal with hs_object_id 9"`},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `{"status":"COMPLETE","results":[],"numErrors":1,"errors":[` +
				`{"context":{"objectWriteTraceId":["input-0"]},` + tt.entry + `}]}`
			client := setup(t, fixed(http.StatusMultiStatus, nil, body), nil)

			result, err := client.BatchCreate(context.Background(), "deals", []CreateInput{{}})
			require.NoError(t, err)

			require.Len(t, result.Errors, 1)
			got := result.Errors[0]
			assert.Equal(t, tt.want, got.Kind, "kind")
			assert.Equal(t, tt.id, got.ExistingID, "existing id")
			assert.Equal(t, 0, got.Index, "index")
		})
	}
}
