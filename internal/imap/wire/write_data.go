package wire

import (
	"github.com/emersion/go-imap/v2"
)

// Capability writes "* CAPABILITY cap..." (RFC 9051 §7.2.2).
func (w *Writer) Capability(caps []imap.Cap) {
	w.untagged()
	w.Raw("CAPABILITY")
	for _, c := range caps {
		w.SP()
		w.Atom(string(c))
	}
	w.CRLF()
}

// FlagsData writes "* FLAGS (flag...)" (RFC 9051 §7.3.5).
func (w *Writer) FlagsData(flags []imap.Flag) {
	w.untagged()
	w.Raw("FLAGS ")
	w.FlagList(flags)
	w.CRLF()
}

// Exists writes "* n EXISTS".
func (w *Writer) Exists(n uint32) { w.numData(n, "EXISTS") }

// Recent writes RFC 3501's "* n RECENT".
func (w *Writer) Recent(n uint32) { w.numData(n, "RECENT") }

// Expunge writes "* seq EXPUNGE".
func (w *Writer) Expunge(seq uint32) { w.numData(seq, "EXPUNGE") }

func (w *Writer) numData(n uint32, what string) {
	w.untagged()
	w.Number(uint64(n))
	w.SP()
	w.Raw(what)
	w.CRLF()
}

// Vanished writes "* VANISHED [(EARLIER) ]uid-set" (RFC 7162 §3.2.10).
func (w *Writer) Vanished(uids imap.UIDSet, earlier bool) {
	w.untagged()
	w.Raw("VANISHED ")
	if earlier {
		w.Raw("(EARLIER) ")
	}
	w.Raw(uids.String())
	w.CRLF()
}

// Enabled writes "* ENABLED cap..." (RFC 5161 §3.2), possibly empty.
func (w *Writer) Enabled(caps []imap.Cap) {
	w.untagged()
	w.Raw("ENABLED")
	for _, c := range caps {
		w.SP()
		w.Atom(string(c))
	}
	w.CRLF()
}

// ID writes "* ID (field value ...)" or "* ID NIL" (RFC 2971 §3.2) for
// the non-empty fields of data, in RFC 2971's order.
func (w *Writer) ID(data *imap.IDData) {
	w.untagged()
	w.Raw("ID ")
	var pairs [][2]string
	if data != nil {
		for _, p := range [][2]string{
			{"name", data.Name}, {"version", data.Version}, {"os", data.OS},
			{"os-version", data.OSVersion}, {"vendor", data.Vendor},
			{"support-url", data.SupportURL}, {"address", data.Address},
			{"date", data.Date}, {"command", data.Command},
			{"arguments", data.Arguments}, {"environment", data.Environment},
		} {
			if p[1] != "" {
				pairs = append(pairs, p)
			}
		}
	}
	if len(pairs) == 0 {
		w.NIL()
		w.CRLF()
		return
	}
	w.Raw("(")
	for i, p := range pairs {
		if i > 0 {
			w.SP()
		}
		w.quoted(p[0])
		w.SP()
		w.Str(p[1])
	}
	w.Raw(")")
	w.CRLF()
}

// Namespace writes "* NAMESPACE personal other shared" (RFC 2342 §5).
func (w *Writer) Namespace(ns *imap.NamespaceData) {
	w.untagged()
	w.Raw("NAMESPACE ")
	w.namespaces(ns.Personal)
	w.SP()
	w.namespaces(ns.Other)
	w.SP()
	w.namespaces(ns.Shared)
	w.CRLF()
}

// namespaces appends "(" 1*( "(" prefix SP delim ")" ) ")" or NIL.
func (w *Writer) namespaces(list []imap.NamespaceDescriptor) {
	if len(list) == 0 {
		w.NIL()
		return
	}
	w.Raw("(")
	for _, d := range list {
		w.Raw("(")
		w.Str(d.Prefix)
		w.SP()
		w.delim(d.Delim)
		w.Raw(")")
	}
	w.Raw(")")
}

// delim appends a hierarchy delimiter as a quoted char, or NIL for 0.
func (w *Writer) delim(r rune) {
	if r == 0 {
		w.NIL()
		return
	}
	w.quoted(string(r))
}
