// Package logging builds the process logger (zap, JSON or console) and
// bridges it into the Temporal SDK's logger interface, so workflow and
// activity logs carry the same keys as the rest of the process.
package logging

import (
	"fmt"

	"go.temporal.io/sdk/log"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// New returns a logger at level ("debug", "info", "warn", "error"); console
// output for people, JSON for log collectors.
func New(level string, console bool) (*zap.Logger, error) {
	var lvl zapcore.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("invalid log level %q: use debug, info, warn or error", level)
	}
	cfg := zap.NewProductionConfig()
	if console {
		cfg = zap.NewDevelopmentConfig()
		cfg.DisableStacktrace = true
	}
	cfg.Level = zap.NewAtomicLevelAt(lvl)
	return cfg.Build()
}

// Temporal adapts z to the Temporal SDK logger.
func Temporal(z *zap.Logger) log.Logger {
	return &temporalLogger{z: z.WithOptions(zap.AddCallerSkip(1)).Sugar()}
}

type temporalLogger struct {
	z *zap.SugaredLogger
}

func (l *temporalLogger) Debug(msg string, keyvals ...interface{}) { l.z.Debugw(msg, keyvals...) }
func (l *temporalLogger) Info(msg string, keyvals ...interface{})  { l.z.Infow(msg, keyvals...) }
func (l *temporalLogger) Warn(msg string, keyvals ...interface{})  { l.z.Warnw(msg, keyvals...) }
func (l *temporalLogger) Error(msg string, keyvals ...interface{}) { l.z.Errorw(msg, keyvals...) }

// With returns a logger that adds keyvals to every entry.
func (l *temporalLogger) With(keyvals ...interface{}) log.Logger {
	return &temporalLogger{z: l.z.With(keyvals...)}
}
