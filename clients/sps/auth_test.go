package sps_test

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/stonecity/sync/apicalls"
	"github.com/stonecity/sync/clients/sps"
	spssim "github.com/stonecity/sync/sandbox/sps"
)

const (
	loginCalls    = "POST /v1/token/loginv1"
	customerCalls = "POST /v2/Customers"
)

func TestConcurrentCallsLogInOnce(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadCustomers(customers(3, func(int) string { return "" })))
	release := make(chan struct{})
	h.setIntercept(func(_ http.ResponseWriter, r *http.Request, _ string) bool {
		if r.URL.Path == "/v1/token/loginv1" {
			<-release // hold the login until every caller has started
		}
		return false
	})

	const callers = 20
	var started, done sync.WaitGroup
	errs := make([]error, callers)
	for i := range callers {
		started.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			started.Done()
			_, errs[i] = h.client.QueryCustomers(context.Background(), sps.CustomerFilter{}, 1, 10)
		}()
	}
	started.Wait()
	close(release)
	done.Wait()

	for i, err := range errs {
		require.NoError(t, err, "caller %d", i)
	}
	assert.Equal(t, 1, h.sim.Calls()[loginCalls])
	assert.Equal(t, callers, h.sim.Calls()[customerCalls])
	assert.Len(t, h.tokens(), 1)
}

func TestReloginAfterExpiredToken(t *testing.T) {
	tests := []struct {
		name   string
		expire func(h *harness)
	}{
		{"token past its TTL on the server clock", func(h *harness) { h.clock.Advance(2 * time.Hour) }},
		{"tokens ended by the server", func(h *harness) { h.sim.ExpireTokens() }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := setup(t)
			ctx := context.Background()
			_, err := h.client.QueryCustomers(ctx, sps.CustomerFilter{}, 1, 10)
			require.NoError(t, err)
			tc.expire(h)

			_, err = h.client.QueryCustomers(ctx, sps.CustomerFilter{}, 1, 10)

			require.NoError(t, err)
			assert.Equal(t, 2, h.sim.Calls()[loginCalls])
			assert.Equal(t, 3, h.sim.Calls()[customerCalls], "first call, rejected call, repeated call")
			assert.Len(t, h.tokens(), 2)
		})
	}
}

func TestReloginSharedByConcurrentCallers(t *testing.T) {
	h := setup(t)
	ctx := context.Background()
	_, err := h.client.QueryProducts(ctx, sps.ProductFilter{}, 1, 10)
	require.NoError(t, err)
	h.sim.ExpireTokens()

	var wg sync.WaitGroup
	errs := make([]error, 10)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = h.client.QueryProducts(ctx, sps.ProductFilter{}, 1, 10)
		}()
	}
	wg.Wait()

	for i, err := range errs {
		require.NoError(t, err, "caller %d", i)
	}
	assert.Equal(t, 2, h.sim.Calls()[loginCalls])
}

func TestTokenRefreshedBeforeExpiry(t *testing.T) {
	h := setup(t)
	clientClock := &testClock{now: simStart}
	sps.SetClock(h.client, clientClock.Now)
	ctx := context.Background()
	_, err := h.client.QueryCustomers(ctx, sps.CustomerFilter{}, 1, 10)
	require.NoError(t, err)

	clientClock.Advance(58 * time.Minute) // within the last minute of the 1 h token
	_, err = h.client.QueryCustomers(ctx, sps.CustomerFilter{}, 1, 10)
	require.NoError(t, err)
	clientClock.Advance(30 * time.Second)
	_, err = h.client.QueryCustomers(ctx, sps.CustomerFilter{}, 1, 10)
	require.NoError(t, err)

	assert.Equal(t, 1, h.sim.Calls()[loginCalls], "58 minutes into a 1 h token the cached token is used")
	clientClock.Advance(31 * time.Second)
	_, err = h.client.QueryCustomers(ctx, sps.CustomerFilter{}, 1, 10)
	require.NoError(t, err)
	assert.Equal(t, 2, h.sim.Calls()[loginCalls], "59 minutes in the token is replaced")
	assert.Equal(t, 4, h.sim.Calls()[customerCalls], "no call was rejected")
}

func TestSecond401IsAuthError(t *testing.T) {
	h := setup(t)
	h.setIntercept(func(w http.ResponseWriter, r *http.Request, _ string) bool {
		if r.URL.Path == "/v1/token/loginv1" {
			return false
		}
		writeRaw(w, http.StatusUnauthorized, nil,
			`{"error":"token_expired","message":"The bearer token has expired."}`)
		return true
	})

	_, err := h.client.QueryCustomers(context.Background(), sps.CustomerFilter{}, 1, 10)

	var e *sps.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusUnauthorized, e.Status)
	assert.Equal(t, "token_expired", e.Code)
	assert.False(t, e.Retryable)
	assert.ErrorIs(t, err, sps.ErrAuth)
	assert.Equal(t, 2, h.sim.Calls()[loginCalls])
	assert.Len(t, h.requests(), 4, "login, call, login, call")
}

func TestLoginRejectedIsAuthError(t *testing.T) {
	h := setup(t, func(cfg *sps.Config) { cfg.Password = "not-the-password" })

	_, err := h.client.GetCustomer(context.Background(), 1)

	var e *sps.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusUnauthorized, e.Status)
	assert.Equal(t, "invalid_credentials", e.Code)
	assert.Equal(t, "POST /v1/token/loginv1", e.Endpoint)
	assert.False(t, e.Retryable)
	assert.ErrorIs(t, err, sps.ErrAuth)
	assert.Equal(t, map[string]int{loginCalls: 1}, h.sim.Calls())
	assert.NotContains(t, err.Error(), "not-the-password")
}

func TestServerErrorIsNotRepeated(t *testing.T) {
	h := setup(t)
	ctx := context.Background()
	_, err := h.client.QueryQuotes(ctx, sps.QuoteFilter{}, 1, 10)
	require.NoError(t, err)
	h.sim.SetFaults(spssim.Faults{FailNext: 1, ErrorStatuses: []int{503}})

	_, err = h.client.QueryQuotes(ctx, sps.QuoteFilter{}, 1, 10)

	var e *sps.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusServiceUnavailable, e.Status)
	assert.True(t, e.Retryable)
	assert.Equal(t, 2, h.sim.Calls()["POST /v2/Quotes"])
	_, err = h.client.QueryQuotes(ctx, sps.QuoteFilter{}, 1, 10)
	assert.NoError(t, err, "the fault was for one request only")
}

func TestFaultDuringLogin(t *testing.T) {
	h := setup(t)
	h.sim.SetFaults(spssim.Faults{FailNext: 1, ErrorStatuses: []int{502}})

	_, err := h.client.QueryProducts(context.Background(), sps.ProductFilter{}, 1, 10)

	var e *sps.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusBadGateway, e.Status)
	assert.Equal(t, "POST /v1/token/loginv1", e.Endpoint)
	assert.True(t, e.Retryable)
	assert.Zero(t, h.sim.Calls()["POST /v2/Products"])
}

func TestAPICallsRecordEveryAttempt(t *testing.T) {
	h := setup(t)
	require.NoError(t, h.sim.LoadCustomers(customers(2, func(int) string { return "" })))
	recorder := apicalls.NewRecorder()
	ctx := apicalls.WithRecorder(context.Background(), recorder)

	_, err := h.client.QueryCustomers(ctx, sps.CustomerFilter{}, 1, 10)
	require.NoError(t, err)
	h.sim.ExpireTokens()
	_, err = h.client.GetCustomer(ctx, 2)
	require.NoError(t, err)
	h.sim.SetFaults(spssim.Faults{FailNext: 1, ErrorStatuses: []int{429}})
	_, err = h.client.GetCustomer(ctx, 1)
	require.Error(t, err)

	assert.Equal(t, []apicalls.Count{
		{Service: apicalls.SPS, Endpoint: "GET /v2/Customers/{id}", Calls: 3, RateLimited: 1},
		{Service: apicalls.SPS, Endpoint: "POST /v1/token/loginv1", Calls: 2},
		{Service: apicalls.SPS, Endpoint: "POST /v2/Customers", Calls: 1},
	}, recorder.Counts())
}

func TestWaitingForLoginHonoursContext(t *testing.T) {
	h := setup(t)
	release := make(chan struct{})
	arrived := make(chan struct{})
	h.setIntercept(func(_ http.ResponseWriter, r *http.Request, _ string) bool {
		if r.URL.Path == "/v1/token/loginv1" {
			close(arrived)
			<-release
		}
		return false
	})
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	go func() {
		_, _ = h.client.QueryProducts(context.Background(), sps.ProductFilter{}, 1, 10)
	}()
	<-arrived // the first caller's login is now in flight

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := h.client.QueryProducts(ctx, sps.ProductFilter{}, 1, 10)
	close(release)

	var e *sps.Error
	require.ErrorAs(t, err, &e)
	assert.ErrorIs(t, err, context.Canceled)
	assert.False(t, e.Retryable)
	assert.False(t, errors.Is(err, sps.ErrAuth))
}

func TestAbandonedLoginDoesNotFailOtherCallers(t *testing.T) {
	h := setup(t)
	var logins atomic.Int32
	arrived := make(chan struct{})
	h.setIntercept(func(_ http.ResponseWriter, r *http.Request, _ string) bool {
		if r.URL.Path != "/v1/token/loginv1" || logins.Add(1) > 1 {
			return false
		}
		close(arrived)
		<-r.Context().Done() // the first login hangs until its caller gives up
		return true
	})
	leaderCtx, cancelLeader := context.WithCancel(context.Background())
	leaderErr := make(chan error, 1)
	go func() {
		_, err := h.client.QueryProducts(leaderCtx, sps.ProductFilter{}, 1, 10)
		leaderErr <- err
	}()
	<-arrived

	otherErr := make(chan error, 1)
	go func() {
		_, err := h.client.QueryProducts(context.Background(), sps.ProductFilter{}, 1, 10)
		otherErr <- err
	}()
	cancelLeader()

	assert.ErrorIs(t, <-leaderErr, context.Canceled)
	assert.NoError(t, <-otherErr)
	assert.Equal(t, int32(2), logins.Load())
}
