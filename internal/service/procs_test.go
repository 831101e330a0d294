package service

import "testing"

func TestProcsFor(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want int
	}{
		{name: "unset", env: map[string]string{}, want: workerProcs},
		{name: "other variables only", env: map[string]string{"GOGC": "200"}, want: workerProcs},
		{name: "set by the administrator", env: map[string]string{"GOMAXPROCS": "4"}, want: 0},
		{name: "set empty", env: map[string]string{"GOMAXPROCS": ""}, want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
			if got := procsFor(lookup); got != tt.want {
				t.Errorf("procsFor(%v) = %d, want %d", tt.env, got, tt.want)
			}
		})
	}
}
