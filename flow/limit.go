package flow

import (
	"context"
	"errors"
	"io"

	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// maxResponseBytes caps how much of one answer the flow reads, as x/oauth2
// caps the bodies it reads: Identity Center's answers are a few hundred
// bytes, and a server, proxy or captive portal that sends more must not make
// ssotray hold it all in memory.
const maxResponseBytes = 1 << 20

// errResponseTooLarge is an answer longer than maxResponseBytes.
var errResponseTooLarge = errors.New("answer larger than 1 MiB")

// limitResponses makes an ssooidc client read at most maxResponseBytes of
// each reply body; a longer body fails to decode with errResponseTooLarge.
// It is passed with every call; fakes that ignore options are unaffected.
func limitResponses(o *ssooidc.Options) {
	o.APIOptions = append(o.APIOptions, func(stack *middleware.Stack) error {
		// Added last to the deserialize step, so it sits between the
		// operation's deserializer and the transport, on every retry.
		return stack.Deserialize.Add(middleware.DeserializeMiddlewareFunc("ssotrayLimitResponse",
			func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
				out, md, err := next.HandleDeserialize(ctx, in)
				if resp, ok := out.RawResponse.(*smithyhttp.Response); ok && resp != nil && resp.Body != nil {
					resp.Body = &limitedBody{rc: resp.Body, left: maxResponseBytes}
				}
				return out, md, err
			}), middleware.After)
	})
}

// limitedBody reads at most left bytes and then fails with
// errResponseTooLarge if there is more. After that it reports the end of the
// body, so that the SDK's draining of an unread rest stops there (quietly)
// and Close drops the connection instead of reading megabytes to reuse it.
type limitedBody struct {
	rc       io.ReadCloser
	left     int64
	exceeded bool
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.exceeded {
		return 0, io.EOF
	}
	if b.left <= 0 {
		// One more byte tells a body of exactly the limit from a longer one.
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			b.exceeded = true
			return 0, errResponseTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }
