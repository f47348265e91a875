package profiles

// ValidateTemplate checks a profile name template before any account is
// listed, as an organisation's managed file gives one: it must parse, use
// only NameFields, and give a usable name for a sample account.
func ValidateTemplate(text string) error {
	t, err := parseNameTemplate(text)
	if err != nil {
		return err
	}
	_, err = t.name(NameFields{
		Session: "corp", AccountName: "Data Lake", AccountSlug: "Data-Lake",
		AccountID: "111111111111", RoleName: "ReadOnly", Region: "eu-west-1",
	})
	return err
}
