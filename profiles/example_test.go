package profiles_test

import (
	"fmt"

	"github.com/ssotray/ssotray/accounts"
	"github.com/ssotray/ssotray/profiles"
	"github.com/ssotray/ssotray/storage"
)

func ExampleNewPlan() {
	config := []byte(`[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1

[profile Data-Lake.Admin]
region = us-east-1
`)
	in := storage.SignIn{Name: "corp", Kind: storage.KindSSOSession, Region: "eu-west-1"}
	list := accounts.List{Accounts: []accounts.Account{
		{ID: "111111111111", Name: "Data Lake", Roles: []string{"Admin", "ReadOnly"}},
		{ID: "222222222222", Name: "Équipe / Prod", Roles: []string{"ReadOnly"}},
	}}
	p, err := profiles.NewPlan(config, in, list, profiles.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(p.Summary())
	// Then: profiles.Write(path, p), with the path config was read from.

	// Output:
	// profiles for corp: 3 to add, 0 to update, 0 to remove, 0 unchanged
	// + [profile Data-Lake.Admin-111111111111] 111111111111 (Data Lake) Admin: the name Data-Lake.Admin is taken
	// + [profile Data-Lake.ReadOnly] 111111111111 (Data Lake) ReadOnly
	// + [profile Equipe-Prod.ReadOnly] 222222222222 (Équipe / Prod) ReadOnly
	// warning: profile Data-Lake.Admin already exists, so account 111111111111 role Admin gets Data-Lake.Admin-111111111111
}
