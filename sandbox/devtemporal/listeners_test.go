package devtemporal

import (
	"bufio"
	"encoding/hex"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/log"
)

func TestListenersAreLoopbackOnly(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads listening sockets from /proc")
	}
	t.Parallel()
	srv := sharedServer(t)

	listening := processListeners(t)

	require.NotEmpty(t, listening)
	assert.Contains(t, listening, srv.FrontendAddress())
	assert.Contains(t, listening, strings.TrimPrefix(srv.UIURL(), "http://"))
	for _, address := range listening {
		host, _, err := net.SplitHostPort(address)
		require.NoError(t, err)
		assert.Equal(t, "127.0.0.1", host, "listener %s", address)
	}
}

func TestVersionCheckDisabled(t *testing.T) {
	collection := dynamicconfig.NewCollection(dynamicConfig(), log.NewNoopLogger())

	assert.Equal(t, false, dynamicConfig()[dynamicconfig.EnableServerVersionCheck.Key()])
	assert.False(t, dynamicconfig.EnableServerVersionCheck.Get(collection)())
}

// processListeners returns the local addresses of this process's TCP
// sockets in the LISTEN state, read from /proc.
func processListeners(t *testing.T) []string {
	t.Helper()
	inodes := socketInodes(t)

	var addresses []string
	for _, table := range []string{"/proc/self/net/tcp", "/proc/self/net/tcp6"} {
		file, err := os.Open(table)
		require.NoError(t, err)
		scanner := bufio.NewScanner(file)
		scanner.Scan() // header line
		for scanner.Scan() {
			fields := strings.Fields(scanner.Text())
			const listenState = "0A"
			if len(fields) < 10 || fields[3] != listenState {
				continue
			}
			if _, ours := inodes[fields[9]]; !ours {
				continue
			}
			addresses = append(addresses, decodeProcAddress(t, fields[1]))
		}
		require.NoError(t, scanner.Err())
		require.NoError(t, file.Close())
	}

	return addresses
}

// socketInodes returns the inodes of the sockets this process has open.
func socketInodes(t *testing.T) map[string]struct{} {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	require.NoError(t, err)

	inodes := map[string]struct{}{}
	for _, entry := range entries {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", entry.Name()))
		if err != nil {
			continue // closed since ReadDir
		}
		if inode, ok := strings.CutPrefix(target, "socket:["); ok {
			inodes[strings.TrimSuffix(inode, "]")] = struct{}{}
		}
	}

	return inodes
}

// decodeProcAddress decodes a /proc/net/tcp address such as
// "0100007F:1F90". The kernel prints the IP as 32-bit words in host byte
// order, so the byte swap below assumes a little-endian host.
func decodeProcAddress(t *testing.T, field string) string {
	t.Helper()
	hexIP, hexPort, ok := strings.Cut(field, ":")
	require.True(t, ok, field)
	raw, err := hex.DecodeString(hexIP)
	require.NoError(t, err)
	for word := 0; word+4 <= len(raw); word += 4 {
		raw[word], raw[word+1], raw[word+2], raw[word+3] = raw[word+3], raw[word+2], raw[word+1], raw[word]
	}
	port, err := strconv.ParseUint(hexPort, 16, 16)
	require.NoError(t, err)

	return net.JoinHostPort(net.IP(raw).String(), strconv.FormatUint(port, 10))
}
