package mime

import "testing"

// Cases follow the steps and ABNF of RFC 5256 §2.1.
func TestSubjectBase(t *testing.T) {
	tests := []struct {
		in, want string
		reply    bool
	}{
		{"Lunch", "Lunch", false},
		{"Re: Lunch", "Lunch", true},
		{"RE: re: Re:Lunch", "Lunch", true},
		{"Fwd: Lunch", "Lunch", true},
		{"Fw: Lunch", "Lunch", true},
		{"Lunch (fwd)", "Lunch", true},                // step 2
		{"Lunch (FWD)  (fwd) ", "Lunch", true},        // step 2, repeated
		{"  Lunch\t\tplans  ", "Lunch plans", false},  // step 1 and WSP
		{"[PATCH] Re: [list] Lunch", "Lunch", true},   // steps 3 and 4
		{"Re[2]: Lunch", "Lunch", true},               // subj-refwd with blob
		{"[list] Lunch", "Lunch", false},              // step 4
		{"[list]", "[list]", false},                   // step 4 must leave a base
		{"[fwd: Lunch]", "Lunch", true},               // step 6
		{"Re: [fwd: Re: Lunch] (fwd)", "Lunch", true}, // 6 then again 2-5
		{"Reply to all", "Reply to all", false},       // "Re" without colon
		{"Re:", "", true},
		{"", "", false},
	}
	for _, tt := range tests {
		got, reply := SubjectBaseReply(tt.in)
		if got != tt.want || reply != tt.reply {
			t.Errorf("SubjectBaseReply(%q) = %q, %v; want %q, %v", tt.in, got, reply, tt.want, tt.reply)
		}
		if got := SubjectBase(tt.in); got != tt.want {
			t.Errorf("SubjectBase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
