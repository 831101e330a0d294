package server

import (
	"reflect"
	"testing"

	"github.com/emersion/go-imap/v2"
)

func TestSeqViewExpunge(t *testing.T) {
	tests := []struct {
		name     string
		uids     []imap.UID
		expunged []imap.UID
		want     []uint32 // EXPUNGE numbers in sending order
		left     []imap.UID
	}{
		{"none", []imap.UID{1, 2}, nil, nil, []imap.UID{1, 2}},
		{"middle", []imap.UID{1, 5, 9}, []imap.UID{5}, []uint32{2}, []imap.UID{1, 9}},
		{"several", []imap.UID{1, 5, 9, 12}, []imap.UID{1, 9}, []uint32{3, 1}, []imap.UID{5, 12}},
		{"unknown ignored", []imap.UID{1, 2}, []imap.UID{7}, nil, []imap.UID{1, 2}},
		{"all", []imap.UID{3, 4}, []imap.UID{3, 4}, []uint32{2, 1}, []imap.UID{}},
	}
	for _, tt := range tests {
		v := newSeqView(append([]imap.UID(nil), tt.uids...))
		v.markExpunged(tt.expunged...)
		// Pending expunges keep the numbering until flushed.
		if v.count() != uint32(len(tt.uids)) {
			t.Errorf("%s: count changed before flush", tt.name)
		}
		got := v.flush()
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: flush %v, want %v", tt.name, got, tt.want)
		}
		if !reflect.DeepEqual(append([]imap.UID{}, v.uids...), tt.left) {
			t.Errorf("%s: left %v, want %v", tt.name, v.uids, tt.left)
		}
	}
}

func TestSeqViewResolve(t *testing.T) {
	v := newSeqView([]imap.UID{2, 4, 6, 8})
	seq := []struct {
		set  imap.SeqSet
		want []imap.UID
	}{
		{imap.SeqSet{{Start: 1, Stop: 2}}, []imap.UID{2, 4}},
		{imap.SeqSet{{Start: 3, Stop: 0}}, []imap.UID{6, 8}},
		{imap.SeqSet{{Start: 0, Stop: 0}}, []imap.UID{8}},
		{imap.SeqSet{{Start: 9, Stop: 12}}, nil},
		{imap.SeqSet{{Start: 4, Stop: 1}}, []imap.UID{2, 4, 6, 8}},
	}
	for _, tt := range seq {
		if got := v.resolveSeq(tt.set); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("seq %v: %v, want %v", tt.set, got, tt.want)
		}
	}
	uid := []struct {
		set  imap.UIDSet
		want []imap.UID
	}{
		{imap.UIDSet{{Start: 3, Stop: 6}}, []imap.UID{4, 6}},
		{imap.UIDSet{{Start: 100, Stop: 0}}, []imap.UID{8}},
		{imap.UIDSet{{Start: 1, Stop: 1}}, nil},
	}
	for _, tt := range uid {
		if got := v.resolveUID(tt.set); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("uid %v: %v, want %v", tt.set, got, tt.want)
		}
	}
	if v.seq(6) != 3 || v.seq(5) != 0 || v.uid(4) != 8 || v.uid(5) != 0 {
		t.Error("seq/uid lookup")
	}
	if n := v.add(7, 9, 10); n != 2 || v.count() != 6 {
		t.Errorf("add: %d, count %d", n, v.count())
	}
}
