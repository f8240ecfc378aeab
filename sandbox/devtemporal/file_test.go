package devtemporal

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/workflowservice/v1"
)

// childDBEnv names the database file for TestFileModeChildProcess.
const childDBEnv = "DEVTEMPORAL_TEST_CHILD_DB"

// TestFileModeKeepsHistory writes the file in a child process, because in
// one process the SQLite plugin keeps the database open between servers
// and would hide data that never reached the file.
func TestFileModeKeepsHistory(t *testing.T) {
	t.Parallel()
	dbFile := filepath.Join(t.TempDir(), "dev.db")
	child := exec.Command(os.Args[0],
		"-test.run=^TestFileModeChildProcess$", "-test.count=1", "-test.v")
	child.Env = append(os.Environ(), childDBEnv+"="+dbFile)
	output, err := child.CombinedOutput()
	require.NoError(t, err, "child process output:\n%s", output)

	opts := Options{DBFile: dbFile, UIPort: NoUI, SearchAttributes: testSearchAttributes}
	srv := startServer(t, opts)
	c := dial(t, srv)
	described, err := c.DescribeWorkflowExecution(testContext(t), "file-mode-1", "")
	require.NoError(t, err)

	assert.Contains(t, string(output), "--- PASS: TestFileModeChildProcess")
	assert.False(t, srv.schemaCreated, "schema applied again to the existing file")
	assert.Equal(t, enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED,
		described.GetWorkflowExecutionInfo().GetStatus())
}

// TestFileModeChildProcess is the first process of TestFileModeKeepsHistory:
// it creates the database file and completes one workflow in it.
func TestFileModeChildProcess(t *testing.T) {
	dbFile := os.Getenv(childDBEnv)
	if dbFile == "" {
		t.Skip("runs only as the child process of TestFileModeKeepsHistory")
	}

	opts := Options{DBFile: dbFile, UIPort: NoUI, SearchAttributes: testSearchAttributes}
	srv := startServer(t, opts)
	c := dial(t, srv)
	runWorker(t, c, "file-mode")
	greeting := runGreeting(t, c, "file-mode", "file-mode-1", "file")

	assert.True(t, srv.schemaCreated, "schema applied to the new file")
	assert.Equal(t, "hello file", greeting)
}

func TestFileModeAddsNewSearchAttribute(t *testing.T) {
	t.Parallel()
	dbFile := filepath.Join(t.TempDir(), "dev.db")
	before := map[string]enumspb.IndexedValueType{"SyncKind": enumspb.INDEXED_VALUE_TYPE_KEYWORD}
	after := map[string]enumspb.IndexedValueType{
		"SyncKind":    enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		"RecordCount": enumspb.INDEXED_VALUE_TYPE_INT,
	}

	first, err := Start(testContext(t),
		Options{DBFile: dbFile, UIPort: NoUI, SearchAttributes: before})
	require.NoError(t, err)
	require.NoError(t, first.Stop())
	second := startServer(t, Options{DBFile: dbFile, UIPort: NoUI, SearchAttributes: after})
	c := dial(t, second)
	listed, err := c.OperatorService().ListSearchAttributes(testContext(t),
		&operatorservice.ListSearchAttributesRequest{Namespace: second.Namespace()})
	require.NoError(t, err)

	// Start returns only once the frontend accepts queries on the new
	// attribute, so this needs no retry.
	_, countErr := c.CountWorkflow(testContext(t), &workflowservice.CountWorkflowExecutionsRequest{
		Namespace: second.Namespace(),
		Query:     "RecordCount > 0",
	})

	assert.Equal(t, enumspb.INDEXED_VALUE_TYPE_KEYWORD, listed.GetCustomAttributes()["SyncKind"])
	assert.Equal(t, enumspb.INDEXED_VALUE_TYPE_INT, listed.GetCustomAttributes()["RecordCount"])
	assert.NoError(t, countErr)
}

func TestFileModeRejectsChangedAttributeType(t *testing.T) {
	t.Parallel()
	dbFile := filepath.Join(t.TempDir(), "dev.db")
	keyword := map[string]enumspb.IndexedValueType{"SyncKind": enumspb.INDEXED_VALUE_TYPE_KEYWORD}
	integer := map[string]enumspb.IndexedValueType{"SyncKind": enumspb.INDEXED_VALUE_TYPE_INT}

	first, err := Start(testContext(t),
		Options{DBFile: dbFile, UIPort: NoUI, SearchAttributes: keyword})
	require.NoError(t, err)
	require.NoError(t, first.Stop())
	second, err := Start(testContext(t),
		Options{DBFile: dbFile, UIPort: NoUI, SearchAttributes: integer})
	if second != nil {
		require.NoError(t, second.Stop())
	}

	require.Error(t, err)
	assert.Contains(t, err.Error(), `"SyncKind"`)
	assert.Contains(t, err.Error(), "has type Keyword, want Int")
}
