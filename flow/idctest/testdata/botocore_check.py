"""Drive an idctest server with the real botocore clients.

Run by TestBotocore (botocore_test.go), which starts the server, queues the
scripted answers this script expects, and passes the URL in IDC_URL. Exit code
0 means every check passed; 3 means botocore is not installed.
"""

import os
import sys
import urllib.parse
import urllib.request

try:
    import botocore
    import botocore.session
    from botocore import UNSIGNED
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as e:  # pragma: no cover
    print(f"botocore is not installed: {e}", file=sys.stderr)
    sys.exit(3)

URL = os.environ["IDC_URL"]
START_URL = "https://d-1234567890.awsapps.com/start"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
checks = 0


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    global checks
    checks += 1
    if not cond:
        fail(msg)


def expect(exc_class, fn, status=None, **kwargs):
    """Call fn and require exc_class (and the HTTP status, when given)."""
    global checks
    checks += 1
    try:
        fn(**kwargs)
    except exc_class as e:
        got = e.response["ResponseMetadata"]["HTTPStatusCode"]
        if status is not None and got != status:
            fail(f"{exc_class.__name__}: HTTP status {got}, want {status}")
        return e
    except Exception as e:  # noqa: BLE001
        fail(f"{fn.__name__}: raised {type(e).__name__}: {e}, want {exc_class.__name__}")
    fail(f"{fn.__name__}: no error, want {exc_class.__name__}")


def page(method, url, form=None):
    data = urllib.parse.urlencode(form).encode() if form else None
    req = urllib.request.Request(url, data=data, method=method)
    with urllib.request.urlopen(req) as resp:  # noqa: S310 (loopback test server)
        return resp.read().decode()


print(f"botocore {botocore.__version__} against {URL}")
session = botocore.session.get_session()
no_retry = Config(signature_version=UNSIGNED, retries={"total_max_attempts": 1})
oidc = session.create_client("sso-oidc", region_name="us-east-1", endpoint_url=URL, config=no_retry)
sso = session.create_client("sso", region_name="us-east-1", endpoint_url=URL, config=no_retry)
X = oidc.exceptions

# RegisterClient.
reg = oidc.register_client(clientName="botocore-check", clientType="public", scopes=["sso:account:access"])
cid, secret = reg["clientId"], reg["clientSecret"]
check(cid == "cid-000001", f"clientId {cid}")
check(isinstance(reg["clientSecretExpiresAt"], int) and reg["clientSecretExpiresAt"] < 10**11,
      f"clientSecretExpiresAt {reg['clientSecretExpiresAt']!r} is not epoch seconds")
expect(X.InvalidClientMetadataException, oidc.register_client, clientName="x", clientType="confidential", status=400)

# StartDeviceAuthorization.
dev = oidc.start_device_authorization(clientId=cid, clientSecret=secret, startUrl=START_URL)
check(dev["interval"] == 1 and dev["expiresIn"] == 600, f"interval/expiresIn {dev['interval']}/{dev['expiresIn']}")
check(dev["verificationUriComplete"] == f"{URL}/device?user_code={dev['userCode']}", dev["verificationUriComplete"])
expect(X.InvalidClientException, oidc.start_device_authorization, status=401,
       clientId=cid, clientSecret="nope", startUrl=START_URL)


def poll(**overrides):
    args = dict(clientId=cid, clientSecret=secret, grantType=DEVICE_GRANT, deviceCode=dev["deviceCode"])
    args.update(overrides)
    return oidc.create_token(**args)


poll.__name__ = "create_token"

# The Go test queued these answers for the next device-grant polls.
for exc, code, status in [
    (X.SlowDownException, "slow_down", 400),
    (X.ExpiredTokenException, "expired_token", 400),
    (X.AccessDeniedException, "access_denied", 400),
    (X.InvalidGrantException, "invalid_grant", 400),
    (X.InvalidClientException, "invalid_client", 401),
    (X.InternalServerException, "server_error", 500),
]:
    e = expect(exc, poll, status=status)
    check(e.response.get("error") == code, f"{exc.__name__}: error member {e.response.get('error')!r}")

# The real pending answer.
e = expect(X.AuthorizationPendingException, poll, status=400)
check(e.response["Error"]["Code"] == "AuthorizationPendingException", e.response["Error"])
check(e.response.get("error") == "authorization_pending", e.response)
check(e.response.get("error_description"), "no error_description")

# Approve in the web page, as a person would.
html = page("GET", dev["verificationUriComplete"])
check(dev["userCode"] in html and "Local Identity Center" in html, "approval page lacks the code")
html = page("POST", f"{URL}/device", {"user_code": dev["userCode"], "action": "approve"})
check("Request approved" in html, "approve result page")

tok = poll()
check(tok["tokenType"] == "Bearer" and tok["expiresIn"] == 3600, f"token {tok.get('tokenType')} {tok.get('expiresIn')}")
check(tok.get("refreshToken"), "no refreshToken for a scoped registration")
expect(X.InvalidGrantException, poll)  # a device code is single use

# Refresh with rotation.
ref = oidc.create_token(clientId=cid, clientSecret=secret, grantType="refresh_token", refreshToken=tok["refreshToken"])
check(ref["refreshToken"] != tok["refreshToken"], "refresh token was not rotated")
expect(X.InvalidGrantException, oidc.create_token, clientId=cid, clientSecret=secret,
       grantType="refresh_token", refreshToken=tok["refreshToken"])
expect(X.UnsupportedGrantTypeException, oidc.create_token, clientId=cid, clientSecret=secret, grantType="password")

# Deny in the web page.
dev2 = oidc.start_device_authorization(clientId=cid, clientSecret=secret, startUrl=START_URL)
html = page("POST", f"{URL}/device", {"user_code": dev2["userCode"], "action": "deny"})
check("Request denied" in html, "deny result page")
expect(X.AccessDeniedException, poll, deviceCode=dev2["deviceCode"])

# Portal. The Go test queued a 429 on ListAccounts. (botocore's retryer is not
# exercised: its first back-off alone can take a second.)
token = ref["accessToken"]
expect(sso.exceptions.TooManyRequestsException, sso.list_accounts, accessToken=token, status=429)
accounts = sso.list_accounts(accessToken=token)["accountList"]
check([a["accountId"] for a in accounts] == ["111111111111"], accounts)

roles = []
for pg in sso.get_paginator("list_account_roles").paginate(accessToken=token, accountId="111111111111",
                                                           PaginationConfig={"PageSize": 1}):
    roles += [r["roleName"] for r in pg["roleList"]]
check(roles == ["ReadOnly", "Admin"], roles)

creds = sso.get_role_credentials(accessToken=token, accountId="111111111111", roleName="ReadOnly")["roleCredentials"]
check(creds["accessKeyId"].startswith("ASIA"), creds["accessKeyId"])
check(isinstance(creds["expiration"], int) and creds["expiration"] > 10**12, "expiration is not epoch milliseconds")

e = expect(ClientError, sso.get_role_credentials, accessToken=token, accountId="111111111111", roleName="Billing",
           status=403)
check(e.response["Error"]["Code"] == "ForbiddenException" and e.response["Error"]["Message"] == "No access",
      e.response["Error"])
e = expect(sso.exceptions.UnauthorizedException, sso.get_role_credentials, accessToken="nope",
           accountId="111111111111", roleName="ReadOnly", status=401)
check(e.response["Error"]["Message"] == "Session token not found or invalid", e.response["Error"])

sso.logout(accessToken=token)
expect(sso.exceptions.UnauthorizedException, sso.list_accounts, accessToken=token, status=401)

print(f"botocore checks passed: {checks}")
