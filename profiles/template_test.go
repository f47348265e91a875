package profiles_test

import (
	"testing"

	"github.com/ssotray/ssotray/profiles"
)

func TestValidateTemplate(t *testing.T) {
	for text, ok := range map[string]bool{
		"": true,
		"{{.Session}}-{{.AccountSlug}}-{{.RoleName}}": true,
		"{{.AccountSlug}}":                            true,
		"{{.Nope}}":                                   false,
		"{{.AccountSlug":                              false,
		"{{.AccountName}}.{{.RoleName}}":              false, // "Data Lake" has a space
	} {
		if err := profiles.ValidateTemplate(text); (err == nil) != ok {
			t.Errorf("ValidateTemplate(%q) = %v", text, err)
		}
	}
}
