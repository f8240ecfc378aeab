package webhooksig

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The v3 vector computed from HubSpot's documented algorithm for its own
// example secret, URI and body.
const (
	vectorSecret    = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy"
	vectorURI       = "https://www.example.com/webhook_uri"
	vectorBody      = `{"example_field":"example_value"}`
	vectorMillis    = int64(1700000000000)
	vectorSignature = "rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o="
)

func TestSignHubSpotV3KnownVector(t *testing.T) {
	got := SignHubSpotV3(vectorSecret, "POST", vectorURI, []byte(vectorBody), vectorMillis)

	assert.Equal(t, vectorSignature, got)
}

func TestVerifyHubSpotV3KnownVector(t *testing.T) {
	req := HubSpotRequest{
		Method: "POST", URI: vectorURI, Body: []byte(vectorBody),
		Signature: vectorSignature, Timestamp: strconv.FormatInt(vectorMillis, 10),
	}

	err := VerifyHubSpotV3(vectorSecret, req, time.UnixMilli(vectorMillis))

	assert.NoError(t, err)
}

func TestVerifyHubSpotV3(t *testing.T) {
	const secret = "card-secret"
	now := time.Date(2026, 12, 4, 18, 30, 0, 0, time.UTC)
	uri := "https://gateway.example.com/hubspot/quote-builder?dealId=42"
	body := []byte(`{"dealId":"42","lines":[]}`)

	// signed returns a request signed by secret at ts.
	signed := func(ts time.Time) HubSpotRequest {
		millis := ts.UnixMilli()
		return HubSpotRequest{
			Method: "POST", URI: uri, Body: body,
			Signature: SignHubSpotV3(secret, "POST", uri, body, millis),
			Timestamp: strconv.FormatInt(millis, 10),
		}
	}

	tests := []struct {
		name   string
		secret string
		edit   func(*HubSpotRequest)
		want   error
	}{
		{name: "valid", secret: secret},
		{name: "valid at oldest edge", secret: secret, edit: func(r *HubSpotRequest) {
			*r = signed(now.Add(-MaxClockSkew))
		}},
		{name: "valid at newest edge", secret: secret, edit: func(r *HubSpotRequest) {
			*r = signed(now.Add(MaxClockSkew))
		}},
		{name: "wrong secret", secret: "other-secret", want: ErrMismatch},
		{name: "body changed by one byte", secret: secret, edit: func(r *HubSpotRequest) {
			r.Body = []byte(`{"dealId":"43","lines":[]}`)
		}, want: ErrMismatch},
		{name: "uri changed", secret: secret, edit: func(r *HubSpotRequest) {
			r.URI = "https://gateway.example.com/hubspot/quote-builder?dealId=43"
		}, want: ErrMismatch},
		{name: "method changed", secret: secret, edit: func(r *HubSpotRequest) {
			r.Method = "GET"
		}, want: ErrMismatch},
		{name: "signature not base64", secret: secret, edit: func(r *HubSpotRequest) {
			r.Signature = "not a signature"
		}, want: ErrMismatch},
		{name: "timestamp changed", secret: secret, edit: func(r *HubSpotRequest) {
			r.Timestamp = strconv.FormatInt(now.UnixMilli()+1, 10)
		}, want: ErrMismatch},
		{name: "stale", secret: secret, edit: func(r *HubSpotRequest) {
			*r = signed(now.Add(-MaxClockSkew - time.Millisecond))
		}, want: ErrStale},
		{name: "future", secret: secret, edit: func(r *HubSpotRequest) {
			*r = signed(now.Add(MaxClockSkew + time.Millisecond))
		}, want: ErrFuture},
		{name: "missing signature", secret: secret, edit: func(r *HubSpotRequest) {
			r.Signature = ""
		}, want: ErrMissingHeader},
		{name: "missing timestamp", secret: secret, edit: func(r *HubSpotRequest) {
			r.Timestamp = ""
		}, want: ErrMissingHeader},
		{name: "timestamp in seconds", secret: secret, edit: func(r *HubSpotRequest) {
			r.Timestamp = strconv.FormatInt(now.Unix(), 10)
		}, want: ErrStale},
		{name: "timestamp not a number", secret: secret, edit: func(r *HubSpotRequest) {
			r.Timestamp = "2026-12-04T18:30:00Z"
		}, want: ErrMalformedTimestamp},
		{name: "timestamp with fraction", secret: secret, edit: func(r *HubSpotRequest) {
			r.Timestamp = "1700000000000.5"
		}, want: ErrMalformedTimestamp},
		{name: "timestamp overflows", secret: secret, edit: func(r *HubSpotRequest) {
			r.Timestamp = "99999999999999999999"
		}, want: ErrMalformedTimestamp},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := signed(now)
			if tc.edit != nil {
				tc.edit(&req)
			}

			err := VerifyHubSpotV3(tc.secret, req, now)

			if tc.want == nil {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.want)
		})
	}
}

func TestVerifyHubSpotV3ErrorOmitsValues(t *testing.T) {
	now := time.UnixMilli(vectorMillis)
	req := HubSpotRequest{
		Method: "POST", URI: vectorURI, Body: []byte(vectorBody),
		Signature: vectorSignature, Timestamp: strconv.FormatInt(vectorMillis, 10),
	}

	err := VerifyHubSpotV3("wrong-secret", req, now)

	require.Error(t, err)
	assert.NotContains(t, err.Error(), vectorSignature)
	assert.NotContains(t, err.Error(), "wrong-secret")
	assert.Contains(t, err.Error(), HeaderHubSpotSignatureV3)
}

func TestSignHubSpotV3NormalisesURI(t *testing.T) {
	const secret = "card-secret"
	body := []byte(`{}`)

	encoded := SignHubSpotV3(secret, "GET", "https://h.example/p%3Fq%3Dx?a=b%2Cc", body, 1)
	decoded := SignHubSpotV3(secret, "GET", "https://h.example/p?q%3Dx?a=b,c", body, 1)
	other := SignHubSpotV3(secret, "GET", "https://h.example/p?q=x?a=b,c", body, 1)

	assert.Equal(t, encoded, decoded)
	assert.NotEqual(t, encoded, other, "%3D is outside HubSpot's table and stays encoded")
}
