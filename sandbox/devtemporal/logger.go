package devtemporal

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
	"go.uber.org/zap"
)

// serverLogger forwards the Temporal server's log entries at warn level and
// above to a zap logger. Debug and info entries are dropped because the
// server writes hundreds of them per run.
//
// DPanic, Panic and Fatal are logged at error level and return normally. The
// server's own zap logger would panic or call os.Exit for them, which would
// take the host process (the dev stack or a test binary) down with it.
// Fatal entries are also recorded so Start can report why a start failed.
type serverLogger struct {
	zl     *zap.Logger
	fatals *fatalRecord
	// stopping is shared by every logger derived through With. Once the
	// server stops, its workers and clients warn about every connection
	// the shutdown closes; those warnings need no action, so they are dropped.
	stopping *atomic.Bool
}

// quiet drops warnings from now on; Stop calls it before shutting down.
func (l *serverLogger) quiet() { l.stopping.Store(true) }

var (
	_ log.Logger     = (*serverLogger)(nil)
	_ log.WithLogger = (*serverLogger)(nil)
)

// fatalRecord collects the Fatal messages of one server, shared by every
// logger derived through With.
type fatalRecord struct {
	mu       sync.Mutex
	messages []string
}

func newServerLogger(zl *zap.Logger) *serverLogger {
	return &serverLogger{zl: zl.Named("temporal"), fatals: &fatalRecord{}, stopping: &atomic.Bool{}}
}

func (l *serverLogger) Debug(string, ...tag.Tag) {}

func (l *serverLogger) Info(string, ...tag.Tag) {}

func (l *serverLogger) Warn(msg string, tags ...tag.Tag) {
	if l.stopping.Load() {
		return
	}
	l.zl.Warn(msg, zapFields(tags)...)
}

func (l *serverLogger) Error(msg string, tags ...tag.Tag) {
	l.zl.Error(msg, zapFields(tags)...)
}

func (l *serverLogger) DPanic(msg string, tags ...tag.Tag) {
	l.zl.Error(msg, append(zapFields(tags), zap.String("serverLevel", "dpanic"))...)
}

func (l *serverLogger) Panic(msg string, tags ...tag.Tag) {
	l.zl.Error(msg, append(zapFields(tags), zap.String("serverLevel", "panic"))...)
}

func (l *serverLogger) Fatal(msg string, tags ...tag.Tag) {
	l.zl.Error(msg, append(zapFields(tags), zap.String("serverLevel", "fatal"))...)
	l.fatals.add(msg, tags)
}

// With returns a logger that adds tags to every entry.
func (l *serverLogger) With(tags ...tag.Tag) log.Logger {
	return &serverLogger{zl: l.zl.With(zapFields(tags)...), fatals: l.fatals, stopping: l.stopping}
}

// fatalMessages returns the Fatal messages logged so far, oldest first.
func (l *serverLogger) fatalMessages() []string {
	l.fatals.mu.Lock()
	defer l.fatals.mu.Unlock()

	return append([]string(nil), l.fatals.messages...)
}

func (r *fatalRecord) add(msg string, tags []tag.Tag) {
	var b strings.Builder
	b.WriteString(msg)
	for _, t := range tags {
		fmt.Fprintf(&b, " %s=%v", t.Key(), t.Value())
	}

	r.mu.Lock()
	defer r.mu.Unlock()

	r.messages = append(r.messages, b.String())
}

func zapFields(tags []tag.Tag) []zap.Field {
	fields := make([]zap.Field, 0, len(tags)+1)
	for _, t := range tags {
		if zt, ok := t.(tag.ZapTag); ok {
			fields = append(fields, zt.Field())
			continue
		}
		fields = append(fields, zap.Any(t.Key(), t.Value()))
	}

	return fields
}
