package faults

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// draws returns the statuses of n consecutive draws.
func draws(in *Injector, n int) []int {
	out := make([]int, 0, n)
	for range n {
		out = append(out, in.Draw())
	}
	return out
}

func TestDrawIsSeeded(t *testing.T) {
	run := func(seed int64) []int {
		in := NewInjector([]int{500, 502, 503})
		in.Set(Settings{ErrorRate: 0.5, Seed: seed})
		return draws(in, 40)
	}

	first, second, other := run(7), run(7), run(8)

	assert.Equal(t, first, second)
	assert.NotEqual(t, first, other)
	assert.Contains(t, first, 0)
	assert.Subset(t, []int{0, 500, 502, 503}, first)
}

func TestSetReseeds(t *testing.T) {
	in := NewInjector(testDefaults)
	in.Set(Settings{ErrorRate: 0.5, Seed: 3})
	first := draws(in, 20)

	in.Set(Settings{ErrorRate: 0.5, Seed: 3})

	assert.Equal(t, first, draws(in, 20))
}

func TestDrawErrorRateBounds(t *testing.T) {
	tests := []struct {
		name string
		rate float64
		want []int
	}{
		{"rate 0 never fails", 0, []int{0, 0, 0, 0, 0}},
		{"rate 1 always fails", 1, []int{503, 503, 503, 503, 503}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := NewInjector(testDefaults)
			in.Set(Settings{ErrorRate: tc.rate, ErrorStatuses: []int{503}, Seed: 1})

			assert.Equal(t, tc.want, draws(in, 5))
		})
	}
}

func TestFailNextOrder(t *testing.T) {
	tests := []struct {
		name     string
		settings Settings
		want     []int
	}{
		{"takes statuses in turn", Settings{FailNext: 4, ErrorStatuses: []int{500, 503, 429}},
			[]int{500, 503, 429, 500, 0}},
		{"uses defaults when empty", Settings{FailNext: 3}, []int{500, 503, 500, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := NewInjector(testDefaults)
			in.Set(tc.settings)

			assert.Equal(t, tc.want, draws(in, len(tc.want)))
			assert.Zero(t, in.Settings().FailNext)
		})
	}
}

func TestFailNextPrecedesErrorRate(t *testing.T) {
	statuses := []int{429, 502, 503}
	withFailNext := NewInjector(testDefaults)
	withFailNext.Set(Settings{FailNext: 2, ErrorRate: 0.5, ErrorStatuses: statuses, Seed: 11})
	rateOnly := NewInjector(testDefaults)
	rateOnly.Set(Settings{ErrorRate: 0.5, ErrorStatuses: statuses, Seed: 11})

	got := draws(withFailNext, 22)

	assert.Equal(t, []int{429, 502}, got[:2])
	assert.Equal(t, draws(rateOnly, 20), got[2:], "FailNext draws no random numbers")
}

func TestFailNextCountsDown(t *testing.T) {
	in := NewInjector(testDefaults)
	in.Set(Settings{FailNext: 3})

	in.Draw()

	assert.Equal(t, 2, in.Settings().FailNext)
}

func TestSetRestartsRotation(t *testing.T) {
	in := NewInjector(testDefaults)
	in.Set(Settings{FailNext: 1, ErrorStatuses: []int{500, 503}})
	require.Equal(t, 500, in.Draw())

	in.Set(Settings{FailNext: 1, ErrorStatuses: []int{500, 503}})

	assert.Equal(t, 500, in.Draw())
}
