package flow

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
)

// verifierAlphabet is RFC 7636 §4.1's unreserved characters, which the AWS
// CLI draws its verifier from.
const verifierAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"

// verifierLength is the AWS CLI's: 64 characters, between RFC 7636's 43
// and 128.
const verifierLength = 64

// pkce is one authorization request's secrets: the code verifier, which
// never leaves this process until CreateToken, and the state that ties the
// browser's answer to this request.
type pkce struct {
	verifier string
	state    string
}

// newPKCE draws a verifier and a state from the system's CSPRNG.
func newPKCE() (pkce, error) {
	v, err := randomString(verifierAlphabet, verifierLength)
	if err != nil {
		return pkce{}, err
	}
	s, err := uuid4()
	if err != nil {
		return pkce{}, err
	}
	return pkce{verifier: v, state: s}, nil
}

// challenge is the S256 code challenge: base64url(SHA-256(verifier)), no
// padding (RFC 7636 §4.2).
func (p pkce) challenge() string {
	sum := sha256.Sum256([]byte(p.verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// randomString is n characters of alphabet, each uniformly random: bytes at
// or above the largest multiple of len(alphabet) are drawn again, so no
// character is more likely than another.
func randomString(alphabet string, n int) (string, error) {
	limit := 256 - 256%len(alphabet)
	var b strings.Builder
	buf := make([]byte, 2*n)
	for b.Len() < n {
		if _, err := rand.Read(buf); err != nil {
			return "", fmt.Errorf("read random bytes: %w", err)
		}
		for _, c := range buf {
			if int(c) < limit && b.Len() < n {
				b.WriteByte(alphabet[int(c)%len(alphabet)])
			}
		}
	}
	return b.String(), nil
}

// uuid4 is a random UUID (RFC 9562 §5.4), the form of the AWS CLI's state.
func uuid4() (string, error) {
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		return "", fmt.Errorf("read random bytes: %w", err)
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16]), nil
}
