package accounts

// Cache keeps each sign-in's List on disk, one JSON file per sign-in in
// Dir, written atomically with mode 0600 in a 0700 directory. It holds no
// secret.
type Cache struct {
	Dir string
}
