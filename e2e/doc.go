// Package e2e runs the built ssotray binary against the local Identity
// Center (flow/idctest) and checks its results with the real readers: the
// AWS SDK for Go's config and SSO credential provider, and botocore/boto3.
// It has tests and benchmarks only.
package e2e
