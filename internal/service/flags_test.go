package service

import (
	"flag"
	"io"
	"testing"
	"time"
)

func TestRegisterFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    Flags
		wantErr bool
		rest    int // arguments left for the program
	}{
		{args: nil, want: Flags{ConfigPath: "/etc/imapd.conf", MaxUses: 250, ReuseTimeout: 60 * time.Second}},
		{args: []string{"-C", "/tmp/x.conf", "-U", "5", "-T", "7", "-D", "-X"},
			want: Flags{ConfigPath: "/tmp/x.conf", MaxUses: 5, ReuseTimeout: 7 * time.Second, Debug: true, Stdio: true}},
		{args: []string{"-U", "-3", "-T", "-1"}, want: Flags{ConfigPath: "/etc/imapd.conf"}},
		{args: []string{"-U", "0", "-T", "0"}, want: Flags{ConfigPath: "/etc/imapd.conf"}},
		{args: []string{"-U", "1", "extra"}, want: Flags{ConfigPath: "/etc/imapd.conf", MaxUses: 1, ReuseTimeout: time.Minute}, rest: 1},
		{args: []string{"-U5"}, wantErr: true}, // merged: rejected, as Cyrus
		{args: []string{"-T", "1.5"}, wantErr: true},
		{args: []string{"-T", "1s"}, wantErr: true},
		{args: []string{"-U", "many"}, wantErr: true},
		{args: []string{"-U"}, wantErr: true},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		f := RegisterFlags(fs)
		err := fs.Parse(tt.args)
		if (err != nil) != tt.wantErr {
			t.Errorf("%q: error %v, want error %v", tt.args, err, tt.wantErr)
			continue
		}
		if err == nil && (*f != tt.want || fs.NArg() != tt.rest) {
			t.Errorf("%q: got %+v (%d left), want %+v (%d left)", tt.args, *f, fs.NArg(), tt.want, tt.rest)
		}
	}
}

func FuzzFlags(f *testing.F) {
	for _, s := range []string{"5", "-5", "0", "x", "99999999999999999999", ""} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, u, tt string) {
		fs := flag.NewFlagSet("fuzz", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		flags := RegisterFlags(fs)
		if fs.Parse([]string{"-U", u, "-T", tt}) == nil && (flags.MaxUses < 0 || flags.ReuseTimeout < 0) {
			t.Fatalf("-U %q -T %q gave %+v", u, tt, *flags)
		}
	})
}
