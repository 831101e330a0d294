package wire

import (
	"github.com/emersion/go-imap/v2"
)

// Search writes RFC 3501's "* SEARCH n..." with, when modSeq is not 0,
// RFC 7162 §3.1.5's "(MODSEQ n)" at the end.
func (w *Writer) Search(nums []uint32, modSeq uint64) {
	w.untagged()
	w.Raw("SEARCH")
	for _, n := range nums {
		w.SP()
		w.Number(uint64(n))
	}
	if modSeq != 0 {
		w.Raw(" (MODSEQ ")
		w.Number(modSeq)
		w.Raw(")")
	}
	w.CRLF()
}

// ESearch writes "* ESEARCH (TAG tag) [UID] items" (RFC 4731 §3.1) with
// the items opts asked for. As that section says, MIN, MAX and ALL are
// left out when nothing matched (Min and Max 0, All empty), COUNT is
// always given when asked, and
// MODSEQ (RFC 7162 §3.1.5) is added when data.ModSeq is not 0.
func (w *Writer) ESearch(tag string, uid bool, opts imap.SearchOptions, data *imap.SearchData) {
	w.untagged()
	w.Raw("ESEARCH")
	if tag != "" {
		w.Raw(" (TAG ")
		w.quoted(tag)
		w.Raw(")")
	}
	if uid {
		w.Raw(" UID")
	}
	if opts.ReturnMin && data.Min != 0 {
		w.Raw(" MIN ")
		w.Number(uint64(data.Min))
	}
	if opts.ReturnMax && data.Max != 0 {
		w.Raw(" MAX ")
		w.Number(uint64(data.Max))
	}
	if opts.ReturnAll && data.All != nil && data.All.String() != "" {
		w.Raw(" ALL ")
		w.Raw(data.All.String())
	}
	if opts.ReturnCount {
		w.Raw(" COUNT ")
		w.Number(uint64(data.Count))
	}
	if data.ModSeq != 0 {
		w.Raw(" MODSEQ ")
		w.Number(data.ModSeq)
	}
	w.CRLF()
}
