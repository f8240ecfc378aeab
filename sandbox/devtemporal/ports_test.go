package devtemporal

import (
	"net"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFreePortIsBindableAndUnique(t *testing.T) {
	first, err := FreePort("127.0.0.1")
	require.NoError(t, err)
	second, err := FreePort("127.0.0.1")
	require.NoError(t, err)
	t.Cleanup(func() { releasePorts("127.0.0.1", first, second) })

	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(first)))
	require.NoError(t, err)
	require.NoError(t, l.Close())
	assert.NotEqual(t, first, second)
	assert.Positive(t, first)
	assert.Positive(t, second)
}

func TestFreePortRejectsNonLoopback(t *testing.T) {
	cases := []struct {
		name string
		ip   string
	}{
		{name: "all interfaces", ip: "0.0.0.0"},
		{name: "private address", ip: "192.168.1.10"},
		{name: "host name", ip: "localhost"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			port, err := FreePort(tc.ip)

			require.Error(t, err)
			assert.Zero(t, port)
		})
	}
}

func TestPickPortsSkipsHandedOut(t *testing.T) {
	picked, err := pickPorts("127.0.0.1", 5)
	require.NoError(t, err)
	t.Cleanup(func() { releasePorts("127.0.0.1", picked...) })
	again, err := pickPorts("127.0.0.1", 5)
	require.NoError(t, err)
	t.Cleanup(func() { releasePorts("127.0.0.1", again...) })

	seen := map[int]bool{}
	for _, port := range append(append([]int(nil), picked...), again...) {
		assert.False(t, seen[port], "port %d handed out twice", port)
		seen[port] = true
	}
}

func TestCheckPortsFreeNamesTakenPort(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	takenPort := l.Addr().(*net.TCPAddr).Port

	err = checkPortsFree("127.0.0.1", takenPort)

	require.Error(t, err)
	assert.Contains(t, err.Error(), "port "+strconv.Itoa(takenPort)+" on 127.0.0.1 is not free")
}
