package imapdconf

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Config is a parsed imapd.conf, possibly viewed for one service. It is
// read-only once returned and safe for concurrent use.
type Config struct {
	path    string
	service string
	// base holds options set without a service prefix, by option name.
	base map[string]setting
	// services holds SERVICE_key overrides: service → option name → value.
	services map[string]map[string]setting
	// partitions maps a partition name to its directory.
	partitions map[string]string
}

// setting is one option value read from a file.
type setting struct {
	val any
	at  hcl.Range // where the value was written
}

// configDirRef is the placeholder Cyrus replaces at the start of a string
// value with the value of configdirectory.
const configDirRef = "{configdirectory}"

func newConfig(path string) *Config {
	return &Config{
		path:       path,
		base:       map[string]setting{},
		services:   map[string]map[string]setting{},
		partitions: map[string]string{},
	}
}

// Default returns a configuration with every option at its default, for a
// program that is given no imapd.conf.
func Default() *Config { return newConfig("") }

// Path returns the main file the configuration was read from ("" for
// Default()).
func (c *Config) Path() string { return c.path }

// ForService returns a view of c in which SERVICE_key lines for service
// name override key, as Cyrus does for the service named by CYRUS_SERVICE
// (e.g. imaps_tls_server_cert). name "" gives the view without overrides.
func (c *Config) ForService(name string) *Config {
	v := *c
	v.service = strings.ToLower(name)
	return &v
}

// String returns a STRING, ENUM or STRINGLIST option, with a leading
// {configdirectory} replaced by that option's value.
func (c *Config) String(key string) string {
	s := c.value(key, String, Enum, StringList).(string)
	if key != "configdirectory" && len(s) >= len(configDirRef) &&
		strings.EqualFold(s[:len(configDirRef)], configDirRef) {
		// as Cyrus: only a leading reference is expanded, case-insensitively.
		s = c.String("configdirectory") + s[len(configDirRef):]
	}
	return s
}

// Int returns an INT option.
func (c *Config) Int(key string) int64 { return c.value(key, Int).(int64) }

// Switch returns a SWITCH option.
func (c *Config) Switch(key string) bool { return c.value(key, Switch).(bool) }

// Duration returns a DURATION option.
func (c *Config) Duration(key string) time.Duration {
	return c.value(key, Duration).(time.Duration)
}

// ByteSize returns a BYTESIZE option in bytes; -1 means no limit.
func (c *Config) ByteSize(key string) int64 { return c.value(key, ByteSize).(int64) }

// Bitfield returns the words set in a BITFIELD option, in the table's order.
func (c *Config) Bitfield(key string) []string {
	return slices.Clone(c.value(key, Bitfield).([]string))
}

// IsSet reports whether key was given a valid value in a file, directly
// or, in a service view, through that service's prefix.
func (c *Config) IsSet(key string) bool {
	_, ok := c.lookup(mustOption(key).Name)
	return ok
}

// Range returns where key's value was written, for diagnostics about it
// (for instance a tls_server_cert that cannot be read).
func (c *Config) Range(key string) (hcl.Range, bool) {
	s, ok := c.lookup(mustOption(key).Name)
	return s.at, ok
}

// Partition returns the directory of the partition called name.
func (c *Config) Partition(name string) (path string, ok bool) {
	path, ok = c.partitions[strings.ToLower(name)]
	return path, ok
}

// Partitions returns every partition, name → directory.
func (c *Config) Partitions() map[string]string { return maps.Clone(c.partitions) }

// value returns key's typed value: set in this view, set in the base, the
// DefaultFrom option's value, or the default. It panics when key is not a
// Corvus option of one of the given types: that is a programming error.
func (c *Config) value(key string, types ...Type) any {
	o := mustOption(key)
	if !slices.Contains(types, o.Type) {
		panic(fmt.Sprintf("imapdconf: option %q is %s, not %s", key, o.Type, types[0]))
	}
	if s, ok := c.lookup(o.Name); ok {
		return s.val
	}
	if o.DefaultFrom != "" && o.Default == "" {
		return c.value(o.DefaultFrom, o.Type)
	}
	return defaults[o.Name]
}

// lookup finds the setting of an option, preferring this view's service.
func (c *Config) lookup(name string) (setting, bool) {
	if c.service != "" {
		if s, ok := c.services[c.service][name]; ok {
			return s, true
		}
	}
	s, ok := c.base[name]
	return s, ok
}

// mustOption returns the Corvus option key, panicking for unknown keys and
// for families, which are read with Partition.
func mustOption(key string) *Option {
	o, ok := corvusIndex[key]
	if !ok {
		panic(fmt.Sprintf("imapdconf: %q is not a Corvus option", key))
	}
	if isFamily(key) {
		panic(fmt.Sprintf("imapdconf: %q is a family of options; use Partition", key))
	}
	return o
}
