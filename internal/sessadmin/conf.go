package sessadmin

import (
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/corvusmail/corvus/conf/imapdconf"
)

// writeConf prints the conf, conf-all, conf-default or conf-lint listing
// as Cyrus's cyr_info does: "key: value" lines, the options in the
// table's order (Corvus's table, by name), then the keys of the file
// that are not Corvus options (partitions, service overrides, options
// Corvus ignores), in file order. Values set in the file are shown as
// written.
func writeConf(w io.Writer, l *loaded, service, cmd string) {
	cfg := l.cfg.ForService(service)
	lines := sourceLines(l)
	switch cmd {
	case "conf-lint":
		writeLint(w, l, lines)
		return
	case "conf-default":
		for _, o := range options() {
			fmt.Fprintf(w, "%s: %s\n", o.Name, defaultText(o))
		}
		return
	}
	def := imapdconf.Default()
	for _, o := range options() {
		set := cfg.IsSet(o.Name)
		switch {
		case set && (cmd == "conf-all" || !reflect.DeepEqual(value(cfg, o), value(def, o))):
			fmt.Fprintf(w, "%s: %s\n", o.Name, l.raw(cfg, o.Name))
		case !set && cmd == "conf-all":
			fmt.Fprintf(w, "%s: %s\n", o.Name, expandDefault(defaultText(o), l.dir))
		}
	}
	for _, sl := range lines {
		if !inTable(sl.key, service) {
			fmt.Fprintf(w, "%s: %s\n", sl.key, sl.value)
		}
	}
}

// writeLint prints the keys neither Corvus nor Cyrus knows, as Cyrus's
// conf-lint prints those it does not know: the parser's "unknown option"
// warnings, with the line they were found on.
func writeLint(w io.Writer, l *loaded, lines []srcLine) {
	at := map[[2]any]srcLine{}
	for _, sl := range lines {
		at[[2]any{sl.file, sl.line}] = sl
	}
	for _, d := range l.diags {
		if d.Subject == nil || !strings.HasPrefix(d.Summary, "unknown option") {
			continue
		}
		if sl, ok := at[[2]any{d.Subject.Filename, d.Subject.Start.Line}]; ok {
			fmt.Fprintf(w, "%s: %s\n", sl.key, sl.value)
		}
	}
}

// options is the Corvus table without families (partition-name), which
// show among the file's other keys.
func options() []imapdconf.Option {
	var out []imapdconf.Option
	for _, o := range imapdconf.Options() {
		if !strings.HasSuffix(o.Name, "-name") {
			out = append(out, o)
		}
	}
	return out
}

// value returns o's typed value in cfg, for comparing with the default.
func value(cfg *imapdconf.Config, o imapdconf.Option) any {
	switch o.Type {
	case imapdconf.Int:
		return cfg.Int(o.Name)
	case imapdconf.Switch:
		return cfg.Switch(o.Name)
	case imapdconf.Duration:
		return cfg.Duration(o.Name)
	case imapdconf.ByteSize:
		return cfg.ByteSize(o.Name)
	case imapdconf.Bitfield:
		return cfg.Bitfield(o.Name)
	}
	return cfg.String(o.Name)
}

// raw is the value of option name as written in the file.
func (l *loaded) raw(cfg *imapdconf.Config, name string) string {
	rng, ok := cfg.Range(name)
	if !ok {
		return ""
	}
	f := l.srcs.Files()[rng.Filename]
	if f == nil || rng.End.Byte > len(f.Bytes) || rng.Start.Byte > rng.End.Byte {
		return ""
	}
	return string(f.Bytes[rng.Start.Byte:rng.End.Byte])
}

// defaultText is o's default as Cyrus's cyr_info shows it: a switch as
// yes or no.
func defaultText(o imapdconf.Option) string {
	if o.Type == imapdconf.Switch {
		if v, ok := map[string]string{"1": "yes", "0": "no", "": "no"}[o.Default]; ok {
			return v
		}
	}
	return o.Default
}

// expandDefault replaces a leading {configdirectory}, as Cyrus shows an
// unset option's effective value in conf-all.
func expandDefault(def, dir string) string {
	const ref = "{configdirectory}"
	if len(def) >= len(ref) && strings.EqualFold(def[:len(ref)], ref) {
		return dir + def[len(ref):]
	}
	return def
}

// inTable reports whether key sets a Corvus option in the view of
// service: its own name, a deprecated Cyrus name for it, or the
// service's override (those are shown with the options).
func inTable(key, service string) bool {
	if key == "@include" || isOption(key) {
		return true
	}
	svc, base, ok := strings.Cut(key, "_")
	return ok && service != "" && strings.EqualFold(svc, service) && isOption(base)
}

func isOption(key string) bool {
	if _, ok := imapdconf.Lookup(key); ok && !strings.HasSuffix(key, "-name") {
		return true
	}
	e, ok := imapdconf.CyrusOption(key)
	if !ok || e.ReplacedBy == "" {
		return false
	}
	_, ok = imapdconf.Lookup(e.ReplacedBy)
	return ok
}
