package accounts

import "time"

// Account is an AWS account the person is assigned to, with the names of
// the roles (permission sets) they may take in it, sorted.
type Account struct {
	ID    string   `json:"accountId"`
	Name  string   `json:"accountName"`
	Email string   `json:"emailAddress"`
	Roles []string `json:"roles"`
}

// List is every account and role behind one sign-in, as fetched at
// FetchedAt. It holds no secret.
type List struct {
	// Name, StartURL and Region say which sign-in it belongs to.
	Name      string    `json:"name"`
	StartURL  string    `json:"startUrl"`
	Region    string    `json:"region"`
	FetchedAt time.Time `json:"fetchedAt"`
	// Accounts are sorted by name, then ID.
	Accounts []Account `json:"accounts"`
}

// Role is one role in one account: what the console, credentials and
// profiles act on.
type Role struct {
	AccountID   string `json:"accountId"`
	AccountName string `json:"accountName"`
	RoleName    string `json:"roleName"`
}

// Credentials are a role's temporary credentials from GetRoleCredentials.
// They are secrets: never logged, never in an error, written only where the
// person asked.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	Expiration      time.Time
}

// Age is how old the list is at now; a list never fetched is as old as can
// be.
func (l List) Age(now time.Time) time.Duration {
	if l.FetchedAt.IsZero() {
		return time.Duration(1<<63 - 1)
	}
	return max(0, now.Sub(l.FetchedAt))
}
