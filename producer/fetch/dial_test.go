package fetch

import (
	"errors"
	"net/netip"
	"testing"
)

func TestPublicAddress(t *testing.T) {
	tests := []struct {
		ip   string
		want bool
	}{
		{"93.184.216.34", true},
		{"2606:2800:220:1:248:1893:25c8:1946", true},
		{"127.0.0.1", false},
		{"::1", false},
		{"10.1.2.3", false},
		{"172.16.0.1", false},
		{"192.168.1.1", false},
		{"169.254.169.254", false}, // cloud metadata
		{"fe80::1", false},
		{"fc00::1", false},
		{"0.0.0.0", false},
		{"100.64.0.1", false},
		{"::ffff:127.0.0.1", false},
		{"::ffff:10.0.0.1", false},
		{"224.0.0.1", false},
		{"255.255.255.255", false},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			if got := PublicAddress(netip.MustParseAddr(tt.ip)); got != tt.want {
				t.Errorf("PublicAddress(%s) = %v, want %v", tt.ip, got, tt.want)
			}
		})
	}
}

func TestGuardAddressRefusesResolvedPrivateAddresses(t *testing.T) {
	tests := []struct {
		address      string
		allowPrivate bool
		refused      bool
	}{
		{"10.0.0.1:80", false, true},
		{"[::1]:443", false, true},
		{"169.254.169.254:80", false, true},
		{"93.184.216.34:443", false, false},
		{"10.0.0.1:80", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.address, func(t *testing.T) {
			err := guardAddress(tt.allowPrivate)("tcp", tt.address, nil)
			if (err != nil) != tt.refused || (err != nil && !errors.Is(err, ErrPrivateAddress)) {
				t.Errorf("guard(%s, allowPrivate=%v) = %v, want refused %v", tt.address, tt.allowPrivate, err, tt.refused)
			}
		})
	}
}
