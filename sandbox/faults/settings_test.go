package faults

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testDefaults = []int{500, 503}

func TestValidate(t *testing.T) {
	tests := []struct {
		name     string
		settings Settings
		wantErr  string
	}{
		{"zero value", Settings{}, ""},
		{"every knob in range", Settings{LatencyMs: MaxLatencyMs, ErrorRate: 1, ErrorStatuses: []int{400, 599}, FailNext: 3}, ""},
		{"negative latency", Settings{LatencyMs: -1}, "latencyMs -1 is outside 0 to 60000"},
		{"latency over cap", Settings{LatencyMs: MaxLatencyMs + 1}, "latencyMs 60001 is outside 0 to 60000"},
		{"negative error rate", Settings{ErrorRate: -0.1}, "errorRate -0.1 is outside 0 to 1"},
		{"error rate over 1", Settings{ErrorRate: 2}, "errorRate 2 is outside 0 to 1"},
		{"NaN error rate", Settings{ErrorRate: math.NaN()}, "errorRate NaN is outside 0 to 1"},
		{"negative failNext", Settings{FailNext: -2}, "failNext -2 is negative"},
		{"success status", Settings{ErrorStatuses: []int{503, 200}}, "errorStatuses[1] = 200 is not an HTTP error status"},
		{"status over 599", Settings{ErrorStatuses: []int{600}}, "errorStatuses[0] = 600 is not an HTTP error status"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.settings.Validate()

			if tc.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}

func TestSetClamps(t *testing.T) {
	tests := []struct {
		name string
		in   Settings
		want Settings
	}{
		{"zero value gets defaults", Settings{}, Settings{ErrorStatuses: []int{500, 503}}},
		{"negatives raised to 0", Settings{LatencyMs: -5, ErrorRate: -1, FailNext: -1},
			Settings{ErrorStatuses: []int{500, 503}}},
		{"values over the caps lowered", Settings{LatencyMs: MaxLatencyMs + 5, ErrorRate: 3},
			Settings{LatencyMs: MaxLatencyMs, ErrorRate: 1, ErrorStatuses: []int{500, 503}}},
		{"NaN error rate becomes 0", Settings{ErrorRate: math.NaN()}, Settings{ErrorStatuses: []int{500, 503}}},
		{"invalid statuses dropped", Settings{ErrorStatuses: []int{200, 429, 302, 502}},
			Settings{ErrorStatuses: []int{429, 502}}},
		{"only invalid statuses gets defaults", Settings{ErrorStatuses: []int{200, 302, 600}},
			Settings{ErrorStatuses: []int{500, 503}}},
		{"valid values kept", Settings{LatencyMs: 5, ErrorRate: 0.25, ErrorStatuses: []int{429}, FailNext: 2, Seed: 7},
			Settings{LatencyMs: 5, ErrorRate: 0.25, ErrorStatuses: []int{429}, FailNext: 2, Seed: 7}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := NewInjector(testDefaults)

			in.Set(tc.in)

			assert.Equal(t, tc.want, in.Settings())
		})
	}
}

func TestSettingsReturnsCopy(t *testing.T) {
	in := NewInjector(testDefaults)
	in.Set(Settings{ErrorStatuses: []int{429}})

	got := in.Settings()
	got.ErrorStatuses[0] = 500

	assert.Equal(t, []int{429}, in.Settings().ErrorStatuses)
}

func TestNewInjectorInvalidDefaults(t *testing.T) {
	tests := []struct {
		name     string
		defaults []int
		want     []int
	}{
		{"nil defaults", nil, []int{500}},
		{"only invalid defaults", []int{200, 600}, []int{500}},
		{"invalid default dropped", []int{200, 503}, []int{503}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := NewInjector(tc.defaults)
			in.Set(Settings{FailNext: 1})

			assert.Equal(t, tc.want, in.Settings().ErrorStatuses)
			assert.Equal(t, tc.want[0], in.Draw())
		})
	}
}

func TestNewInjectorCopiesDefaults(t *testing.T) {
	defaults := []int{500, 503}
	in := NewInjector(defaults)

	defaults[0] = 429
	in.Set(Settings{})

	assert.Equal(t, []int{500, 503}, in.Settings().ErrorStatuses)
}
