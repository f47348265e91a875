package idctest

import (
	"fmt"
	"strconv"
)

// Names for GenerateAccounts: stems and environments, combined. Some have
// spaces, dots, slashes and letters beyond ASCII, as real account names do.
var (
	accountStems = []string{
		"Zürich Analytics", "東京", "data/lake", "Payments", "Identity",
		"Log Archive", "Audit", "Network Hub", "Shared Services", "ML Platform",
		"São Paulo Retail", "Kraków Ops", "Search", "Billing Core", "CI/CD",
		"Mobile API", "web.frontend", "Data Warehouse", "Security Tooling", "Köln Sandbox",
		"Edge", "Streaming", "Customer 360", "Reporting", "Backup & DR",
		"München IoT", "Ledger", "Observability", "Partner Portal", "Genomics",
		"Seoul 서울 Games", "Inventory", "Checkout", "HR Systems", "Marketing Site",
		"Fraud", "Recommendations", "Email Delivery", "Maps", "Sandbox",
	}
	accountEnvs = []string{"Prod", "Staging", "Dev", "QA", ".dev", "Sandbox"}

	// permissionSets are common permission-set names, AWS-managed and
	// typical custom ones.
	permissionSets = []string{
		"AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess", "ViewOnlyAccess",
		"Billing", "DataScientist", "SecurityAudit", "DatabaseAdministrator",
		"NetworkAdministrator", "SystemAdministrator", "SupportUser", "DeveloperAccess",
		"AWSServiceCatalogEndUserAccess", "AWSOrganizationsFullAccess", "IncidentResponder",
		"CostExplorerReadOnly",
	}

	// roleCounts gives the roles per account by index modulo its length:
	// 2.4 on average, so about 2.5 with the one large account.
	roleCounts = []int{1, 2, 3, 1, 2, 2, 3, 2, 6, 2}
)

// largeAccountIndex is the account GenerateAccounts gives largeAccountRoles
// roles, more than one page of ListAccountRoles.
const (
	largeAccountIndex = 7
	largeAccountRoles = 120
)

// GenerateAccounts returns n accounts for Options.Accounts, the same for
// the same n: 12-digit IDs; names, unique, with spaces, dots, slashes and
// non-ASCII letters (such as "Zürich Analytics Prod", "東京 Prod",
// "data/lake.dev"); e-mail addresses; and permission-set roles, 1 to 6 per
// account, about 2.5 on average, except the account at index 7 (when n > 7),
// which has 120 roles so that its roles take two pages.
func GenerateAccounts(n int) []Account {
	out := make([]Account, 0, max(n, 0))
	combos := len(accountStems) * len(accountEnvs)
	for i := range max(n, 0) {
		stem := accountStems[i%len(accountStems)]
		env := accountEnvs[(i/len(accountStems))%len(accountEnvs)]
		name := stem + " " + env
		if env == ".dev" {
			name = stem + env
		}
		if i >= combos {
			name += " " + strconv.Itoa(i/combos+1)
		}
		// A bijection of i onto 12-digit numbers: 7,919,000,003 is prime to 9·10^11.
		id := fmt.Sprintf("%012d", 100_000_000_000+(uint64(i)*7_919_000_003+42)%900_000_000_000)
		count := roleCounts[i%len(roleCounts)]
		if i == largeAccountIndex {
			count = largeAccountRoles
		}
		roles := make([]string, count)
		for j := range roles {
			if j < len(permissionSets) {
				roles[j] = permissionSets[(i+j)%len(permissionSets)]
			} else {
				roles[j] = fmt.Sprintf("Team%03dAccess", j)
			}
		}
		out = append(out, Account{
			ID:    id,
			Name:  name,
			Email: fmt.Sprintf("aws+%s@example.com", id),
			Roles: roles,
		})
	}
	return out
}
