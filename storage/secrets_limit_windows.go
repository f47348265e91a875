package storage

// maxKeyringValue is the most one Credential Manager entry holds:
// CRED_MAX_CREDENTIAL_BLOB_SIZE, 5 × 512 bytes, which go-keyring enforces.
const maxKeyringValue = 2560
