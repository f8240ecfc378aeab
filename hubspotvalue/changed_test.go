package hubspotvalue

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestChanged(t *testing.T) {
	const (
		touch   = "last_synced"
		synced  = "2026-12-04T11:30:15.123Z"
		earlier = "2026-12-03T11:30:02.000Z"
	)
	kinds := map[string]Kind{"limit": Number, "exempt": Bool, touch: Datetime}
	tests := []struct {
		name  string
		want  map[string]string
		have  map[string]string
		touch string
		out   map[string]string
	}{
		{
			name:  "identical",
			want:  map[string]string{"name": "Rivera Tile", "limit": "1500"},
			have:  map[string]string{"name": "Rivera Tile", "limit": "1500.00"},
			touch: touch,
			out:   map[string]string{},
		},
		{
			name:  "kind from table",
			want:  map[string]string{"limit": "2000", "exempt": "true"},
			have:  map[string]string{"limit": "1500", "exempt": "TRUE"},
			touch: touch,
			out:   map[string]string{"limit": "2000"},
		},
		{
			name:  "missing kind is string",
			want:  map[string]string{"code": "40213"},
			have:  map[string]string{"code": "40213.0"},
			touch: touch,
			out:   map[string]string{"code": "40213"},
		},
		{
			name:  "missing in have counts as empty",
			want:  map[string]string{"name": "Rivera Tile", "blank": ""},
			have:  map[string]string{},
			touch: touch,
			out:   map[string]string{"name": "Rivera Tile"},
		},
		{
			name:  "touch alone",
			want:  map[string]string{"name": "Rivera Tile", touch: synced},
			have:  map[string]string{"name": "Rivera Tile", touch: earlier},
			touch: touch,
			out:   map[string]string{},
		},
		{
			name:  "touch with other change",
			want:  map[string]string{"name": "Rivera Tile", touch: synced},
			have:  map[string]string{"name": "Rivera", touch: synced},
			touch: touch,
			out:   map[string]string{"name": "Rivera Tile", touch: synced},
		},
		{
			name:  "change without touch in want",
			want:  map[string]string{"name": "Rivera Tile"},
			have:  map[string]string{"name": "Rivera", touch: earlier},
			touch: touch,
			out:   map[string]string{"name": "Rivera Tile"},
		},
		{
			name:  "empty touch compares every property",
			want:  map[string]string{"name": "Rivera Tile", touch: synced},
			have:  map[string]string{"name": "Rivera Tile", touch: earlier},
			touch: "",
			out:   map[string]string{touch: synced},
		},
		{
			name:  "empty touch skips no empty name",
			want:  map[string]string{"": "x"},
			have:  map[string]string{},
			touch: "",
			out:   map[string]string{"": "x"},
		},
		{
			name:  "property only in have left alone",
			want:  map[string]string{"name": "Rivera Tile"},
			have:  map[string]string{"name": "Rivera Tile", "domain": "riveratile.com"},
			touch: touch,
			out:   map[string]string{},
		},
		{
			name:  "nil maps",
			touch: touch,
			out:   map[string]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Changed(tt.want, tt.have, kinds, tt.touch)

			assert.NotNil(t, got)
			assert.Equal(t, tt.out, got)
		})
	}
}

func TestChangedNilKinds(t *testing.T) {
	got := Changed(map[string]string{"limit": "1500"}, map[string]string{"limit": "1500.00"}, nil, "")

	assert.Equal(t, map[string]string{"limit": "1500"}, got)
}
