package devtemporal

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"sync/atomic"

	"go.temporal.io/server/common/config"
	sqliteplugin "go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite"
	sqliteschema "go.temporal.io/server/schema/sqlite"
)

// clusterName names the single cluster of every dev server.
const clusterName = "active"

// memoryDBCounter makes in-memory database names unique within the process.
var memoryDBCounter atomic.Int64

// store is the prepared SQLite persistence of one server.
type store struct {
	sql *config.SQL
	// schemaCreated reports whether Start applied the schema itself. The
	// SQLite plugin applies it implicitly for an in-memory database.
	schemaCreated bool
}

// prepareStore builds the SQLite configuration, applies the schema to a new
// database file and registers the namespace with its custom search
// attributes. It must run before the server starts.
func prepareStore(s settings) (store, error) {
	var st store
	if s.dbFile == "" {
		st.sql = memorySQLConfig()
	} else {
		var err error
		st.sql, st.schemaCreated, err = fileSQLConfig(s.dbFile)
		if err != nil {
			return store{}, err
		}
	}

	const global = false
	nsConfig, err := sqliteschema.NewNamespaceConfig(
		clusterName, s.namespace, global, s.searchAttributes)
	if err != nil {
		return store{}, fmt.Errorf("devtemporal: namespace %q: %w", s.namespace, err)
	}
	// CreateNamespaces leaves an existing namespace untouched, so search
	// attributes added since a database file was created are registered
	// after start instead (see ensureSearchAttributes).
	if err := sqliteschema.CreateNamespaces(st.sql, nsConfig); err != nil {
		return store{}, fmt.Errorf("devtemporal: register namespace %q: %w", s.namespace, err)
	}

	return st, nil
}

// memorySQLConfig configures a new in-memory database. The SQLite plugin
// applies the schema when it first opens it.
func memorySQLConfig() *config.SQL {
	return &config.SQL{
		PluginName: sqliteplugin.PluginName,
		// The plugin keeps every database open for the life of the process
		// and shares it by DSN, so a reused name would reuse data.
		DatabaseName:      memoryDBName(),
		ConnectAttributes: map[string]string{"mode": "memory", "cache": "shared"},
	}
}

// fileSQLConfig configures the database file at path and applies the
// schema when the file is new. created reports whether it did.
func fileSQLConfig(path string) (cfg *config.SQL, created bool, err error) {
	cfg = &config.SQL{
		PluginName:   sqliteplugin.PluginName,
		DatabaseName: path,
		// WAL with synchronous=NORMAL skips the fsync on every commit. It
		// cut a workflow round trip on a file from about 1.2 s to under
		// 0.3 s in this package's tests on a 2-core VM. A killed process
		// loses no committed transaction. A power cut may lose the last
		// ones, which is acceptable for a dev database.
		ConnectAttributes: map[string]string{
			"mode":         "rwc",
			"journal_mode": "wal",
			"synchronous":  "normal",
		},
	}

	isNew, err := isNewDBFile(path)
	if err != nil {
		return nil, false, err
	}
	if !isNew {
		return cfg, false, nil
	}
	if err := sqliteschema.SetupSchema(cfg); err != nil {
		return nil, false, fmt.Errorf(
			"devtemporal: set up schema in %s (remove the file before retrying): %w", path, err)
	}

	return cfg, true, nil
}

// isNewDBFile reports whether path is missing or empty, the two cases in
// which the schema must be applied. An empty file is what SQLite leaves
// after opening a path without writing to it.
func isNewDBFile(path string) (bool, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("devtemporal: DBFile %q: %w", path, err)
	}
	if info.IsDir() {
		return false, fmt.Errorf("devtemporal: DBFile %q is a directory", path)
	}

	return info.Size() == 0, nil
}

// memoryDBName returns a database name not used before in this process.
// Shared-cache in-memory SQLite databases are visible to one process only.
func memoryDBName() string {
	return "devtemporal-mem-" + strconv.FormatInt(memoryDBCounter.Add(1), 10)
}
