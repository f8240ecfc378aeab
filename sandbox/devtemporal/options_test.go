package devtemporal

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
)

func TestOptionsDefaults(t *testing.T) {
	got, err := Options{}.resolve()
	require.NoError(t, err)

	assert.Equal(t, "default", got.namespace)
	assert.Equal(t, "127.0.0.1", got.ip)
	assert.Equal(t, 0, got.frontendPort)
	assert.Equal(t, 0, got.uiPort)
	assert.Empty(t, got.dbFile)
	assert.NotNil(t, got.logger)
}

func TestOptionsAcceptsLoopback(t *testing.T) {
	cases := []struct {
		name string
		ip   string
	}{
		{name: "IPv4 default", ip: "127.0.0.1"},
		{name: "IPv4 other loopback", ip: "127.0.0.2"},
		{name: "IPv6 loopback", ip: "::1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Options{IP: tc.ip}.resolve()

			require.NoError(t, err)
			assert.Equal(t, tc.ip, got.ip)
		})
	}
}

func TestOptionsRejectsInvalid(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(notDir, nil, 0o600))

	cases := []struct {
		name    string
		opts    Options
		wantErr string
	}{
		{name: "all interfaces", opts: Options{IP: "0.0.0.0"}, wantErr: `IP "0.0.0.0" is not a loopback address`},
		{name: "IPv6 any", opts: Options{IP: "::"}, wantErr: `IP "::" is not a loopback address`},
		{name: "private address", opts: Options{IP: "10.1.2.3"}, wantErr: `IP "10.1.2.3" is not a loopback`},
		{name: "host name", opts: Options{IP: "localhost"}, wantErr: `invalid IP "localhost"`},
		{name: "negative frontend port", opts: Options{FrontendPort: -1}, wantErr: "invalid FrontendPort -1"},
		{name: "frontend port too big", opts: Options{FrontendPort: 70000}, wantErr: "invalid FrontendPort 70000"},
		{name: "UI port below -1", opts: Options{UIPort: -2}, wantErr: "invalid UIPort -2"},
		{name: "UI port too big", opts: Options{UIPort: 65536}, wantErr: "invalid UIPort 65536"},
		{
			name:    "same UI and frontend port",
			opts:    Options{FrontendPort: 7233, UIPort: 7233},
			wantErr: "UIPort and FrontendPort are both 7233",
		},
		{
			name: "empty search attribute name",
			opts: Options{SearchAttributes: map[string]enumspb.IndexedValueType{
				"": enumspb.INDEXED_VALUE_TYPE_INT,
			}},
			wantErr: "SearchAttributes contains an empty name",
		},
		{
			name: "unspecified search attribute type",
			opts: Options{SearchAttributes: map[string]enumspb.IndexedValueType{
				"SyncKind": enumspb.INDEXED_VALUE_TYPE_UNSPECIFIED,
			}},
			wantErr: `search attribute "SyncKind" has invalid type 0`,
		},
		{
			name:    "unknown search attribute type",
			opts:    Options{SearchAttributes: map[string]enumspb.IndexedValueType{"SyncKind": 99}},
			wantErr: `search attribute "SyncKind" has invalid type 99`,
		},
		{
			name:    "database directory missing",
			opts:    Options{DBFile: filepath.Join(dir, "missing", "dev.db")},
			wantErr: "directory not usable",
		},
		{
			name:    "database directory is a file",
			opts:    Options{DBFile: filepath.Join(notDir, "dev.db")},
			wantErr: "is not a directory",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.opts.resolve()

			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
		})
	}
}
