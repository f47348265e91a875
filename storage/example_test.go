package storage_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ssotray/ssotray/storage"
)

func ExampleParseConfig() {
	c := storage.ParseConfig("config", []byte(`[profile dev]
sso_session = my-sso
sso_account_id = 111111111111
sso_role_name = ReadOnly

[sso-session my-sso]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile legacy]
sso_start_url = https://d-1234567890.awsapps.com/start
this line is broken
`))
	for _, s := range c.SignIns {
		fmt.Println(s.Kind, s.Name, s.Region, s.Profiles, s.CacheKey)
	}
	for _, p := range c.Problems {
		fmt.Println(p)
	}
	// Output:
	// sso-session my-sso us-east-1 [dev] my-sso
	// config:11: profile "legacy" has sso_start_url but no sso_region
	// config:13: this line is not a section header, a setting (name = value) or a comment
}

func ExampleConfig_Lookup() {
	c := storage.ParseConfig("config", []byte("[default]\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"))
	s, ok := c.Lookup("default")
	fmt.Println(s.Name, ok)
	// Output: corp true
}

func ExampleLoadConfig() {
	c, err := storage.LoadConfig(filepath.Join(os.TempDir(), "no-such-dir", "config"))
	fmt.Println(len(c.SignIns), err)
	// Output: 0 <nil>
}

func ExampleAddSSOSession() {
	home, _ := os.MkdirTemp("", "ssotray-example")
	defer os.RemoveAll(home)
	config := storage.PathsFromHome(home).ConfigFile

	err := storage.AddSSOSession(config, "corp", "https://d-1234567890.awsapps.com/start", "eu-west-1")
	fmt.Println(err)
	err = storage.AddSSOSession(config, "corp", "https://d-1234567890.awsapps.com/start", "eu-west-1")
	fmt.Println(errors.Is(err, storage.ErrDuplicate))
	data, _ := os.ReadFile(config)
	fmt.Print(string(data))
	// Output:
	// <nil>
	// true
	// [sso-session corp]
	// sso_start_url = https://d-1234567890.awsapps.com/start
	// sso_region = eu-west-1
	// sso_registration_scopes = sso:account:access
}

func ExampleValidateStartURL() {
	su, err := storage.ValidateStartURL("https://ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com")
	fmt.Println(su.Host, su.Region, err)
	_, err = storage.ValidateStartURL("https://sso.example.com/start")
	fmt.Println(errors.Is(err, storage.ErrNotAWSHost))
	fmt.Println(err)
	// Output:
	// ssoins-111111h2222j33pp.eu-west-1.portal.amazonaws.com eu-west-1 <nil>
	// true
	// "sso.example.com" is not an AWS access portal address; it should look like https://d-xxxxxxxxxx.awsapps.com/start or https://ssoins-….portal.REGION.app.aws
}

func ExampleValidateRegion() {
	fmt.Println(storage.ValidateRegion("eu-west-1"))
	fmt.Println(storage.ValidateRegion("eu-west"))
	// Output:
	// <nil>
	// "eu-west" is not an AWS Region; for example us-east-1 or eu-west-1
}

func ExampleRegionFromHost() {
	fmt.Println(storage.RegionFromHost("ssoins-x.portal.us-east-2.app.aws"))
	// Output: us-east-2
}

func ExampleIsAWSOwnedHost() {
	fmt.Println(storage.IsAWSOwnedHost("d-1234567890.awsapps.com"), storage.IsAWSOwnedHost("awsapps.com.example.com"))
	// Output: true false
}

func ExampleCacheFileName() {
	fmt.Println(storage.CacheFileName("my-sso"))
	// Output: 0ad374308c5a4e22f723adf10145eafad7c4031c.json
}

func ExampleTokenCache_Save() {
	dir, _ := os.MkdirTemp("", "ssotray-example")
	defer os.RemoveAll(dir)
	c := storage.NewTokenCache(dir)

	err := c.Save("my-sso", storage.Token{
		StartURL:    "https://d-1234567890.awsapps.com/start",
		Region:      "us-east-1",
		AccessToken: "secret",
		ExpiresAt:   time.Date(2026, 11, 27, 18, 42, 28, 0, time.UTC),
	})
	fmt.Println(err)
	data, _ := os.ReadFile(c.Path("my-sso"))
	fmt.Println(string(data))
	// Output:
	// <nil>
	// {"startUrl": "https://d-1234567890.awsapps.com/start", "region": "us-east-1", "accessToken": "secret", "expiresAt": "2026-11-27T18:42:28Z"}
}

func ExampleTokenCache_Load() {
	dir, _ := os.MkdirTemp("", "ssotray-example")
	defer os.RemoveAll(dir)
	c := storage.NewTokenCache(dir)

	_, err := c.Load("my-sso")
	fmt.Println(errors.Is(err, storage.ErrNotFound))
	_ = os.WriteFile(c.Path("my-sso"), []byte(`{"accessToken": "secret", "expiresAt": "2026-11-27T18:42:28"}`), 0o600)
	_, err = c.Load("my-sso")
	fmt.Println(errors.Is(err, storage.ErrUnreadable))
	// Output:
	// true
	// true
}

func ExampleToken_String() {
	t := storage.Token{AccessToken: "secret", ExpiresAt: time.Date(2026, 11, 27, 18, 42, 28, 0, time.UTC)}
	fmt.Printf("%v\n", t)
	// Output: Token{StartURL:"" Region:"" AccessToken:[redacted] ExpiresAt:2026-11-27T18:42:28Z ClientID:"" ClientSecret:"" RegistrationExpiresAt:0 RefreshToken:""}
}

func ExampleRegistrationFileName() {
	fmt.Println(storage.RegistrationFileName("https://d-1234567890.awsapps.com/start", "us-east-1", []string{"sso:account:access"}, "my-sso"))
	fmt.Println(storage.RegistrationFileName("https://d-1234567890.awsapps.com/start", "us-east-1", nil, ""))
	// Output:
	// a8343d65418848d0bc13a5f25cbb32508ceec5d1.json
	// 365414a68be7c9bfc776c660981dbdbd942acea4.json
}

func ExampleTokenCache_SaveRegistration() {
	dir, _ := os.MkdirTemp("", "ssotray-example")
	defer os.RemoveAll(dir)
	c := storage.NewTokenCache(dir)
	name := storage.RegistrationFileName("https://d-1234567890.awsapps.com/start", "us-east-1", []string{"sso:account:access"}, "my-sso")

	_ = c.SaveRegistration(name, storage.Registration{
		ClientID:     "client",
		ClientSecret: "secret",
		ExpiresAt:    time.Date(2027, 2, 25, 10, 42, 22, 0, time.UTC),
		Scopes:       []string{"sso:account:access"},
		GrantTypes:   []string{"authorization_code", "refresh_token"},
	})
	r, err := c.LoadRegistration(name)
	fmt.Println(r, err)
	// Output: Registration{ClientID:"client" ClientSecret:[redacted] ExpiresAt:2027-02-25T10:42:22Z Scopes:["sso:account:access"] GrantTypes:["authorization_code" "refresh_token"]} <nil>
}

func ExamplePaths_CacheDir() {
	p := storage.PathsFromHome("/home/ana")
	fmt.Println(filepath.ToSlash(p.ConfigFile))
	fmt.Println(filepath.ToSlash(p.CacheDir()))
	// Output:
	// /home/ana/.aws/config
	// /home/ana/.aws/sso/cache
}
