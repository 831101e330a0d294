package benchmaster

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewDir(t *testing.T) {
	tests := []struct {
		name     string
		store    bool
		extra    string
		confHas  []string
		confLack []string
		exist    []string
		absent   []string
	}{
		{name: "bare", confHas: []string{"configdirectory: ", "master_pid_file: "},
			confLack: []string{"partition-default", "corvus_passwd_file"},
			exist:    []string{"socket"}, absent: []string{"part", "corvus.passwd"}},
		{name: "store", store: true, extra: "autocreate_post: yes\n",
			confHas: []string{"configdirectory: ", "/part\n", "sasl_pwcheck_method: auxprop\n", "/corvus.passwd\n", "allowplaintext: yes\n", "autocreate_post: yes\n"},
			exist:   []string{"socket", "part", "corvus.passwd"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d *Dir
			var err error
			if tt.store {
				d, err = NewStoreDir(t.TempDir(), "benchmaster-test", tt.extra)
			} else {
				d, err = NewDir(t.TempDir(), "benchmaster-test")
			}
			if err != nil {
				t.Fatal(err)
			}
			defer d.Remove()
			if !strings.HasPrefix(filepath.Base(d.Path(".")), "corvus-benchmaster-test-") {
				t.Errorf("directory %s not named after the program", d.Path("."))
			}
			conf, err := os.ReadFile(d.Path("imapd.conf"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(conf), "configdirectory: "+d.Path(".")+"\n") {
				t.Errorf("imapd.conf does not start with the directory:\n%s", conf)
			}
			for _, w := range tt.confHas {
				if !strings.Contains(string(conf), w) {
					t.Errorf("imapd.conf lacks %q:\n%s", w, conf)
				}
			}
			for _, w := range tt.confLack {
				if strings.Contains(string(conf), w) {
					t.Errorf("imapd.conf has %q:\n%s", w, conf)
				}
			}
			for _, p := range tt.exist {
				if _, err := os.Stat(d.Path(p)); err != nil {
					t.Error(err)
				}
			}
			for _, p := range tt.absent {
				if _, err := os.Stat(d.Path(p)); err == nil {
					t.Errorf("%s exists", p)
				}
			}
			if err := d.Remove(); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(d.Path(".")); !os.IsNotExist(err) {
				t.Errorf("directory still there after Remove: %v", err)
			}
		})
	}
}

func TestAddUser(t *testing.T) {
	bin := t.TempDir()
	// A stand-in corvus_passwd: "-f file name", the password on stdin.
	fake := "#!/bin/sh\nread pw\nif [ \"$3\" = bad ]; then echo refused; exit 1; fi\necho \"$3:$pw\" >> \"$2\"\n"
	if err := os.WriteFile(filepath.Join(bin, "corvus_passwd"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	d, err := NewStoreDir(bin, "benchmaster-test", "")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Remove()
	tests := []struct {
		name, pass string
		wantErr    bool
	}{
		{"alice", "pw1", false},
		{"bob", "pw2", false},
		{"bad", "x", true},
	}
	for _, tt := range tests {
		err := d.AddUser(tt.name, tt.pass)
		if (err != nil) != tt.wantErr {
			t.Errorf("AddUser(%s) = %v, want error %v", tt.name, err, tt.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), "refused") {
			t.Errorf("AddUser(%s) error %q lacks corvus_passwd's output", tt.name, err)
		}
	}
	b, _ := os.ReadFile(d.Path("corvus.passwd"))
	if string(b) != "alice:pw1\nbob:pw2\n" {
		t.Errorf("password file = %q", b)
	}
}

func TestFindBin(t *testing.T) {
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "master"), nil, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		progs   []string
		wantErr bool
	}{
		{[]string{"master"}, false},
		{nil, false},
		{[]string{"master", "imapd"}, true},
	}
	for _, tt := range tests {
		got, err := FindBin(bin, tt.progs...)
		if (err != nil) != tt.wantErr {
			t.Errorf("FindBin(%v) = %q, %v; want error %v", tt.progs, got, err, tt.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), "make build") {
			t.Errorf("FindBin(%v) error %q has no hint", tt.progs, err)
		}
		if err == nil && got != bin {
			t.Errorf("FindBin(%v) = %q, want %q", tt.progs, got, bin)
		}
	}
}

func TestNewStoreDirIn(t *testing.T) {
	parent := t.TempDir()
	d, err := NewStoreDirIn(parent, t.TempDir(), "benchmaster-test", "")
	if err != nil {
		t.Fatal(err)
	}
	defer d.Remove()
	if got := filepath.Dir(d.Path(".")); got != parent {
		t.Errorf("directory made in %s, want %s", got, parent)
	}
	if _, err := os.Stat(d.Path("corvus.passwd")); err != nil {
		t.Error(err)
	}
}
