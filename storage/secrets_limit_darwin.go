package storage

// maxKeyringValue keeps one keychain entry within go-keyring's limit on
// macOS: the security tool's 4,096-byte command line, which holds the
// service, the key and the value in base64 (4/3 of its size). 2,000 bytes
// leave room for keys of up to about 1,000 bytes.
const maxKeyringValue = 2000
