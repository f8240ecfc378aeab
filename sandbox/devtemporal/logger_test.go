package devtemporal

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.temporal.io/server/common/log/tag"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"
)

func TestServerLoggerLevels(t *testing.T) {
	cases := []struct {
		name        string
		log         func(l *serverLogger)
		wantEntries int
		wantLevel   zapcore.Level
		wantServer  string
		wantFatal   bool
	}{
		{name: "debug dropped", log: func(l *serverLogger) { l.Debug("d") }},
		{name: "info dropped", log: func(l *serverLogger) { l.Info("i") }},
		{
			name: "warn kept", log: func(l *serverLogger) { l.Warn("w") },
			wantEntries: 1, wantLevel: zap.WarnLevel,
		},
		{
			name: "error kept", log: func(l *serverLogger) { l.Error("e") },
			wantEntries: 1, wantLevel: zap.ErrorLevel,
		},
		{
			name: "dpanic as error", log: func(l *serverLogger) { l.DPanic("dp") },
			wantEntries: 1, wantLevel: zap.ErrorLevel, wantServer: "dpanic",
		},
		{
			name: "panic as error", log: func(l *serverLogger) { l.Panic("p") },
			wantEntries: 1, wantLevel: zap.ErrorLevel, wantServer: "panic",
		},
		{
			name: "fatal as error", log: func(l *serverLogger) { l.Fatal("f") },
			wantEntries: 1, wantLevel: zap.ErrorLevel, wantServer: "fatal", wantFatal: true,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			core, logs := observer.New(zap.DebugLevel)
			l := newServerLogger(zap.New(core))

			require.NotPanics(t, func() { tc.log(l) })

			require.Len(t, logs.All(), tc.wantEntries)
			assert.Equal(t, tc.wantFatal, len(l.fatalMessages()) > 0)
			if tc.wantEntries == 0 {
				return
			}
			entry := logs.All()[0]
			assert.Equal(t, tc.wantLevel, entry.Level)
			assert.Equal(t, "temporal", entry.LoggerName)
			if tc.wantServer != "" {
				assert.Equal(t, tc.wantServer, entry.ContextMap()["serverLevel"])
			}
		})
	}
}

func TestServerLoggerTags(t *testing.T) {
	core, logs := observer.New(zap.DebugLevel)
	l := newServerLogger(zap.New(core))

	l.With(tag.NewStringTag("service", "history")).Warn("slow", tag.Error(errors.New("boom")))

	require.Len(t, logs.All(), 1)
	fields := logs.All()[0].ContextMap()
	assert.Equal(t, "history", fields["service"])
	assert.Equal(t, "boom", fields["error"])
}

func TestServerLoggerSharesFatalsAcrossWith(t *testing.T) {
	l := newServerLogger(zap.NewNop())

	l.With(tag.NewStringTag("service", "frontend")).Fatal("Failed to start gRPC listener",
		tag.NewStringTag("address", "127.0.0.1:7233"))
	err := fatalError(l)

	require.Error(t, err)
	assert.ErrorIs(t, err, errBind)
	assert.Contains(t, err.Error(), "address=127.0.0.1:7233")
}

func TestFatalErrorWithoutListener(t *testing.T) {
	l := newServerLogger(zap.NewNop())
	require.NoError(t, fatalError(l))

	l.Fatal("ListenIP failed")
	l.Fatal("unable to parse config")
	err := fatalError(l)

	require.Error(t, err)
	assert.NotErrorIs(t, err, errBind)
	assert.Contains(t, err.Error(), "ListenIP failed; unable to parse config")
}

func TestServerLoggerDropsWarningsAfterQuiet(t *testing.T) {
	core, logs := observer.New(zap.WarnLevel)
	l := newServerLogger(zap.New(core))
	derived := l.With(tag.NewStringTag("service", "worker"))

	derived.Warn("before stop")
	l.quiet()
	derived.Warn("Failed to poll for task.")
	derived.Error("still an error")

	messages := []string{}
	for _, e := range logs.All() {
		messages = append(messages, e.Message)
	}
	assert.Equal(t, []string{"before stop", "still an error"}, messages)
}
