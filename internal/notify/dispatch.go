package notify

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// DefaultMethod is notifyd's default method when -m is not given, as
// Cyrus.
const DefaultMethod = "null"

// ErrUnknownMethod is wrapped by Dispatch for a method it does not know,
// as Cyrus's "unknown notification method".
var ErrUnknownMethod = errors.New("unknown notification method")

// Dispatcher hands each notification to its method.
type Dispatcher struct {
	methods map[string]Method
	def     string
}

// NewDispatcher returns a Dispatcher over methods (keyed by name, as
// Methods returns them) whose default, for notifications with an empty
// method, is def (notifyd's -m). It refuses a default it does not know or
// that is Unsupported, as Cyrus's notifyd refuses to start with one.
func NewDispatcher(def string, methods map[string]Method) (*Dispatcher, error) {
	d := &Dispatcher{methods: make(map[string]Method, len(methods))}
	for name, m := range methods {
		d.methods[strings.ToLower(name)] = m
	}
	m, ok := d.methods[strings.ToLower(def)]
	if !ok {
		return nil, fmt.Errorf("default method: %w %q", ErrUnknownMethod, def)
	}
	if _, ok := m.(Unsupported); ok {
		return nil, fmt.Errorf("default method %q: %w", def, ErrUnsupported)
	}
	d.def = strings.ToLower(def)
	return d, nil
}

// Dispatch calls n's method, or the default one when n.Method is empty.
// Method names are matched without regard to case, as Cyrus's strcasecmp.
func (d *Dispatcher) Dispatch(ctx context.Context, n Notification) error {
	name := strings.ToLower(n.Method)
	if name == "" {
		name = d.def
	}
	m, ok := d.methods[name]
	if !ok {
		return fmt.Errorf("%w %q", ErrUnknownMethod, truncate(n.Method, 64))
	}
	if err := m.Notify(ctx, n); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
