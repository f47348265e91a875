package profiles_test

import (
	"testing"

	"github.com/ssotray/ssotray/profiles"
)

func TestValidateTemplate(t *testing.T) {
	tests := []struct {
		text string
		ok   bool
	}{
		{"", true},
		{"{{.Session}}-{{.AccountSlug}}-{{.RoleName}}", true},
		{"{{.AccountSlug}}", true},
		{"{{.Nope}}", false},
		{"{{.AccountSlug", false},
		{"{{.AccountName}}.{{.RoleName}}", false}, // "Data Lake" has a space
	}
	for _, tt := range tests {
		if err := profiles.ValidateTemplate(tt.text); (err == nil) != tt.ok {
			t.Errorf("ValidateTemplate(%q) = %v", tt.text, err)
		}
	}
}
