package devtemporal

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"

	enumspb "go.temporal.io/api/enums/v1"
	"go.uber.org/zap"
)

// Defaults applied by Start to zero-valued Options fields.
const (
	DefaultNamespace = "default"
	DefaultIP        = "127.0.0.1"
)

// NoUI is the Options.UIPort value that disables the Web UI.
const NoUI = -1

// Options configures Start. The zero value starts an in-memory server on
// 127.0.0.1 with free ports, the "default" namespace and the Web UI.
type Options struct {
	// DBFile is the SQLite database file. Empty means an in-memory database
	// with a name unique to this server. Start sets up the schema only when
	// the file does not exist yet or is empty. Its directory must exist.
	DBFile string
	// Namespace is registered before the server starts. Default "default".
	Namespace string
	// IP is the address every listener binds to. Default "127.0.0.1". Start
	// rejects any address that is not a loopback IP literal.
	IP string
	// FrontendPort is the frontend gRPC port, or 0 to pick a free one. The
	// four other server ports (frontend HTTP, history, matching, worker)
	// are always picked free.
	FrontendPort int
	// UIPort is the Web UI HTTP port: NoUI (-1) disables the UI, 0 picks a
	// free port.
	UIPort int
	// SearchAttributes are custom search attributes to register on the
	// namespace, by name. Each takes a pre-allocated SQLite column, and the
	// schema of server v1.32.1 has 10 Keyword columns and 3 of every other
	// type, so Start fails when a type runs out.
	SearchAttributes map[string]enumspb.IndexedValueType
	// Logger receives this package's start and stop messages at info level
	// and the server's own entries at warn level and above. Nil discards
	// them.
	Logger *zap.Logger
}

// settings is Options after defaults and validation.
type settings struct {
	dbFile           string
	namespace        string
	ip               string
	frontendPort     int
	uiPort           int
	searchAttributes map[string]enumspb.IndexedValueType
	logger           *zap.Logger
}

// resolve applies defaults and validates o. Errors name the offending field.
func (o Options) resolve() (settings, error) {
	s := settings{
		dbFile:           o.DBFile,
		namespace:        o.Namespace,
		ip:               o.IP,
		frontendPort:     o.FrontendPort,
		uiPort:           o.UIPort,
		searchAttributes: o.SearchAttributes,
		logger:           o.Logger,
	}
	if s.namespace == "" {
		s.namespace = DefaultNamespace
	}
	if s.ip == "" {
		s.ip = DefaultIP
	}
	if s.logger == nil {
		s.logger = zap.NewNop()
	}

	if err := checkLoopback(s.ip); err != nil {
		return settings{}, err
	}
	if s.frontendPort < 0 || s.frontendPort > maxPort {
		return settings{}, fmt.Errorf("devtemporal: invalid FrontendPort %d: want 0 (free) or 1-%d",
			s.frontendPort, maxPort)
	}
	if s.uiPort < NoUI || s.uiPort > maxPort {
		return settings{}, fmt.Errorf("devtemporal: invalid UIPort %d: want -1 (no UI), 0 (free) or 1-%d",
			s.uiPort, maxPort)
	}
	if s.uiPort > 0 && s.uiPort == s.frontendPort {
		return settings{}, fmt.Errorf("devtemporal: UIPort and FrontendPort are both %d", s.uiPort)
	}
	if err := checkSearchAttributes(s.searchAttributes); err != nil {
		return settings{}, err
	}
	if err := checkDBFile(s.dbFile); err != nil {
		return settings{}, err
	}

	return s, nil
}

// checkLoopback rejects anything but a loopback IP literal, so no listener
// of the dev server is reachable from another host.
func checkLoopback(ip string) error {
	parsed := net.ParseIP(ip)
	if parsed == nil {
		return fmt.Errorf("devtemporal: invalid IP %q: want a loopback IP literal such as 127.0.0.1", ip)
	}
	if !parsed.IsLoopback() {
		return fmt.Errorf("devtemporal: IP %q is not a loopback address: "+
			"the dev server listens on loopback only", ip)
	}

	return nil
}

func checkSearchAttributes(attrs map[string]enumspb.IndexedValueType) error {
	for name, kind := range attrs {
		if name == "" {
			return errors.New("devtemporal: SearchAttributes contains an empty name")
		}
		if _, known := enumspb.IndexedValueType_name[int32(kind)]; !known ||
			kind == enumspb.INDEXED_VALUE_TYPE_UNSPECIFIED {
			return fmt.Errorf("devtemporal: search attribute %q has invalid type %d", name, kind)
		}
	}

	return nil
}

// checkDBFile fails early when the database file's directory is missing,
// because SQLite would otherwise report a less helpful open error.
func checkDBFile(path string) error {
	if path == "" {
		return nil
	}
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("devtemporal: DBFile %q: directory not usable: %w", path, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("devtemporal: DBFile %q: %q is not a directory", path, dir)
	}

	return nil
}
