package notify

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/rs/zerolog"
)

func TestLogMethod(t *testing.T) {
	tests := []struct {
		name string
		n    Notification
		want map[string]any
	}{
		{"new mail", Notification{Class: "MAIL", Priority: "normal", User: "alice", Mailbox: "INBOX", Message: "You have mail"},
			map[string]any{"level": "info", "message": "notification", "class": "MAIL", "priority": "normal",
				"user": "alice", "mailbox": "INBOX", "text": "You have mail"}},
		{"options and file", Notification{User: "bob", Options: []string{"a", "b"}, Message: "m", File: "/f"},
			map[string]any{"level": "info", "message": "notification", "class": "", "priority": "",
				"user": "bob", "mailbox": "", "options": []any{"a", "b"}, "file": "/f", "text": "m"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			m := &Log{Log: zerolog.New(&buf)}
			if err := m.Notify(context.Background(), tt.n); err != nil {
				t.Fatalf("Notify: %v", err)
			}
			var got map[string]any
			if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
				t.Fatalf("log line %q: %v", buf.Bytes(), err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("logged %v, want %v", got, tt.want)
			}
		})
	}
}
