package procstats

import (
	"encoding/binary"
	"errors"
	"testing"
)

// file builds raw file bytes: a header claiming n slots, the given values
// and extra trailing bytes.
func file(magicStr string, ver, n uint32, vals []uint64, extra int) []byte {
	b := make([]byte, headerSize+8*len(vals)+extra)
	copy(b, magicStr)
	binary.NativeEndian.PutUint32(b[8:], ver)
	binary.NativeEndian.PutUint32(b[12:], n)
	for i, v := range vals {
		binary.NativeEndian.PutUint64(b[headerSize+8*i:], v)
	}
	return b
}

func TestDecode(t *testing.T) {
	many := make([]uint64, NumSlots+3)
	for i := range many {
		many[i] = uint64(i + 1)
	}
	tests := []struct {
		name    string
		b       []byte
		wantErr bool
		want    map[Slot]uint64
	}{
		{"empty", nil, true, nil},
		{"short header", []byte("corvstat\x01\x00"), true, nil},
		{"bad magic", file("notstats", version, 1, []uint64{5}, 0), true, nil},
		{"bad version", file(magic, 2, 1, []uint64{5}, 0), true, nil},
		{"slots beyond the bytes", file(magic, version, 3, []uint64{5, 6}, 0), true, nil},
		{"absurd slot count", file(magic, version, maxSlots+1, nil, 0), true, nil},
		{"older file, fewer slots", file(magic, version, 2, []uint64{7, 9}, 0), false,
			map[Slot]uint64{LoginsOK: 7, LoginsFailed: 9, DeliveriesOK: 0}},
		{"newer file, more slots", file(magic, version, uint32(len(many)), many, 0), false,
			map[Slot]uint64{LoginsOK: 1, NumSlots - 1: uint64(NumSlots)}},
		{"trailing bytes ignored", file(magic, version, 1, []uint64{3}, 5), false,
			map[Slot]uint64{LoginsOK: 3}},
		{"zero slots", file(magic, version, 0, nil, 0), false, map[Slot]uint64{LoginsOK: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Decode(tt.b)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, ErrFormat) {
				t.Errorf("error %v does not wrap ErrFormat", err)
			}
			for s, want := range tt.want {
				if v[s] != want {
					t.Errorf("slot %d = %d, want %d", s, v[s], want)
				}
			}
		})
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	var v Values
	for i := range v {
		v[i] = uint64(i)*1000 + 7
	}
	b := Encode(&v)
	if len(b) != FileSize {
		t.Fatalf("encoded %d bytes, want %d", len(b), FileSize)
	}
	got, err := Decode(b)
	if err != nil || got != v {
		t.Fatalf("round trip: %v, %v; want %v", got, err, v)
	}
}

func TestValuesAdd(t *testing.T) {
	var a, b Values
	a[LoginsOK], a[HibernatedSessions] = 2, 5
	b[LoginsOK], b[HibernatedSessions] = 3, 7
	c := a
	c.AddCounts(&b)
	if c[LoginsOK] != 5 || c[HibernatedSessions] != 5 {
		t.Errorf("AddCounts: logins %d (want 5), gauge %d (want 5, untouched)", c[LoginsOK], c[HibernatedSessions])
	}
	a.AddAll(&b)
	if a[LoginsOK] != 5 || a[HibernatedSessions] != 12 {
		t.Errorf("AddAll: logins %d (want 5), gauge %d (want 12)", a[LoginsOK], a[HibernatedSessions])
	}
}
