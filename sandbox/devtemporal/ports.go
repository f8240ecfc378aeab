package devtemporal

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
)

const maxPort = 65535

// handedOut holds the ports this package gave out in this process and not
// yet released. A port picked by listening on :0 is free again once the
// picking listener closes, so without this set two servers starting
// concurrently in one process could be given the same port before either
// binds it.
var handedOut = struct {
	sync.Mutex
	ports map[string]struct{}
}{ports: map[string]struct{}{}}

// FreePort returns a TCP port on ip that was free when checked and that this
// package has not handed out before in this process. The port stays
// reserved against this package's later picks for the life of the process.
// ip must be a loopback IP literal. Another process can still take the port
// before the caller binds it, so callers should be ready to retry on a bind
// error.
func FreePort(ip string) (int, error) {
	if err := checkLoopback(ip); err != nil {
		return 0, err
	}
	ports, err := pickPorts(ip, 1)
	if err != nil {
		return 0, err
	}

	return ports[0], nil
}

// pickPorts returns count distinct free ports on ip and records them as
// handed out. It holds every picking listener open until all ports are
// chosen, so the kernel cannot return the same port twice.
func pickPorts(ip string, count int) ([]int, error) {
	handedOut.Lock()
	defer handedOut.Unlock()

	var listeners []net.Listener
	defer func() {
		for _, l := range listeners {
			_ = l.Close()
		}
	}()

	ports := make([]int, 0, count)
	// The attempt cap bounds the loop when the kernel keeps returning ports
	// already handed out. 50 extra tries is an estimate far above what a
	// test run with a few servers needs.
	for attempts := 0; len(ports) < count && attempts < count+50; attempts++ {
		l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
		if err != nil {
			return nil, fmt.Errorf("devtemporal: pick free port on %s: %w", ip, err)
		}
		listeners = append(listeners, l)

		port := l.Addr().(*net.TCPAddr).Port
		key := portKey(ip, port)
		if _, taken := handedOut.ports[key]; taken {
			continue
		}
		ports = append(ports, port)
	}
	if len(ports) < count {
		return nil, fmt.Errorf("devtemporal: found %d of %d free ports on %s", len(ports), count, ip)
	}

	for _, port := range ports {
		handedOut.ports[portKey(ip, port)] = struct{}{}
	}

	return ports, nil
}

// reservePort records a caller-chosen port as handed out.
func reservePort(ip string, port int) {
	handedOut.Lock()
	defer handedOut.Unlock()

	handedOut.ports[portKey(ip, port)] = struct{}{}
}

// releasePorts makes ports available to later picks in this process.
func releasePorts(ip string, ports ...int) {
	handedOut.Lock()
	defer handedOut.Unlock()

	for _, port := range ports {
		delete(handedOut.ports, portKey(ip, port))
	}
}

// checkPortsFree binds and closes each port, and returns an error naming
// the first port that is already in use.
func checkPortsFree(ip string, ports ...int) error {
	var errs []error
	for _, port := range ports {
		l, err := net.Listen("tcp", net.JoinHostPort(ip, strconv.Itoa(port)))
		if err != nil {
			errs = append(errs, fmt.Errorf("port %d on %s is not free: %w", port, ip, err))
			continue
		}
		_ = l.Close()
	}

	return errors.Join(errs...)
}

func portKey(ip string, port int) string {
	return net.JoinHostPort(ip, strconv.Itoa(port))
}
