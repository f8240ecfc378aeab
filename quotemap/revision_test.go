package quotemap

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestNextRevision(t *testing.T) {
	tests := []struct {
		name        string
		count       string
		currentHash string
		newHash     string
		wantCount   string
		wantChanged bool
	}{
		{name: "first sync", count: "", currentHash: "", newHash: "aa", wantCount: "0"},
		{
			name:  "deal before hashes keeps count",
			count: "4", currentHash: "", newHash: "aa", wantCount: "4",
		},
		{name: "unchanged", count: "2", currentHash: "aa", newHash: "aa", wantCount: "2"},
		{name: "unchanged without count", count: "", currentHash: "aa", newHash: "aa", wantCount: "0"},
		{
			name:  "changed",
			count: "2", currentHash: "aa", newHash: "bb", wantCount: "3", wantChanged: true,
		},
		{
			name:  "changed without count",
			count: "", currentHash: "aa", newHash: "bb", wantCount: "1", wantChanged: true,
		},
		{
			name:  "count with fraction zeros",
			count: "2.0", currentHash: "aa", newHash: "bb", wantCount: "3", wantChanged: true,
		},
		{name: "count spaces", count: " 5 ", currentHash: "aa", newHash: "aa", wantCount: "5"},
		{
			name:  "count unparsable",
			count: "many", currentHash: "aa", newHash: "bb", wantCount: "1", wantChanged: true,
		},
		{name: "count negative", count: "-3", currentHash: "aa", newHash: "aa", wantCount: "0"},
		{name: "count fractional", count: "2.5", currentHash: "aa", newHash: "aa", wantCount: "0"},
		{name: "hash spaces", count: "1", currentHash: " aa ", newHash: "aa", wantCount: "1"},
		{name: "new hash empty", count: "1", currentHash: "aa", newHash: "", wantCount: "1"},
		{
			name: "count at max", count: "9223372036854775807", currentHash: "aa", newHash: "bb",
			wantCount: "9223372036854775807", wantChanged: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			count, changed := NextRevision(tc.count, tc.currentHash, tc.newHash)

			assert.Equal(t, tc.wantCount, count)
			assert.Equal(t, tc.wantChanged, changed)
		})
	}
}
