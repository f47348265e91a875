// Package vanity follows a start URL on a company's own domain (a "vanity"
// URL such as https://aws.example.com/start) to the AWS access portal it
// redirects to, as the AWS CLI does since 2.35.13 (spec §2.7): that portal
// URL is what IAM Identity Center knows as the issuer, and its host may name
// the Region. The configured URL stays what the config holds and what the
// token cache is keyed by.
//
// Only https is followed, at most a few redirects, within a short timeout,
// and the end must be an AWS access portal host (storage.IsAWSOwnedHost);
// anything else is an error that says what the address led to.
package vanity
