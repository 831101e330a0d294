package notify

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// recorder is a Method that remembers what it was given.
type recorder struct {
	got []Notification
	err error
}

func (r *recorder) Notify(_ context.Context, n Notification) error {
	r.got = append(r.got, n)
	return r.err
}

func TestDispatch(t *testing.T) {
	tests := []struct {
		name, def, method string
		want              string // which recorder gets it
		wantErr           string
	}{
		{"named", "null", "log", "log", ""},
		{"case-insensitive", "null", "LoG", "log", ""},
		{"empty uses default", "log", "", "log", ""},
		{"default case-insensitive", "MAILTO", "", "mailto", ""},
		{"default not used when named", "log", "null", "null", ""},
		{"unknown", "null", "pager", "", `unknown notification method "pager"`},
		{"unsupported", "null", "zephyr", "", "zephyr: notification method not supported"},
		{"failing", "null", "mailto", "mailto", "mailto: boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := map[string]*recorder{"null": {}, "log": {}, "mailto": {err: errorsNewIf(tt.name == "failing")}}
			methods := map[string]Method{"zephyr": Unsupported("zephyr")}
			for name, r := range recs {
				methods[name] = r
			}
			d, err := NewDispatcher(tt.def, methods)
			if err != nil {
				t.Fatalf("NewDispatcher(%q): %v", tt.def, err)
			}
			err = d.Dispatch(context.Background(), Notification{Method: tt.method, User: "u"})
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr) {
				t.Fatalf("Dispatch: %v, want error %q", err, tt.wantErr)
			}
			for name, r := range recs {
				if n := len(r.got); (name == tt.want) != (n == 1) || n > 1 {
					t.Errorf("method %s called %d times", name, n)
				}
			}
		})
	}
}

func errorsNewIf(b bool) error {
	if b {
		return errors.New("boom")
	}
	return nil
}

func TestDispatchErrorsWrap(t *testing.T) {
	d, err := NewDispatcher("null", Methods(Options{}))
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Dispatch(context.Background(), Notification{Method: "pager"}); !errors.Is(err, ErrUnknownMethod) {
		t.Errorf("unknown method: %v, want ErrUnknownMethod", err)
	}
	if err := d.Dispatch(context.Background(), Notification{Method: "zephyr"}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("zephyr: %v, want ErrUnsupported", err)
	}
	if err := d.Dispatch(context.Background(), Notification{Method: "null"}); err != nil {
		t.Errorf("null: %v", err)
	}
}

func TestNewDispatcherDefault(t *testing.T) {
	tests := []struct {
		def     string
		wantErr string
	}{
		{"null", ""},
		{"log", ""},
		{"Mailto", ""},
		{"external", ""},
		{"zephyr", `default method "zephyr": notification method not supported`},
		{"pager", `default method: unknown notification method "pager"`},
		{"", `default method: unknown notification method ""`},
	}
	for _, tt := range tests {
		_, err := NewDispatcher(tt.def, Methods(Options{}))
		if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("NewDispatcher(%q): %v, want error %q", tt.def, err, tt.wantErr)
		}
	}
}
