#!/usr/bin/env python3
"""Signing material for bench/run.sh's junction-secure targets.

  tokens.py <dir> <count>

Writes <dir>/jwks.json (the public RS256 key) and <dir>/tokens-<count>.txt: <count> distinct RS256
JWTs (one per line; iss, aud as in bench/router-secure.yaml, a distinct sub and jti each, valid for
3 hours), signed with a fresh 2048-bit RSA key that never leaves <dir>.
"""
import base64
import json
import os
import sys
import time

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives import serialization

ISSUER = "https://bench.junction.test"
AUDIENCE = "junction-bench"
KID = "bench-rs256"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def uint(n: int) -> str:
    return b64(n.to_bytes((n.bit_length() + 7) // 8, "big"))


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    key_path = os.path.join(out, "key.pem")
    if os.path.exists(key_path):
        with open(key_path, "rb") as f:
            key = serialization.load_pem_private_key(f.read(), password=None)
    else:
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        with open(key_path, "wb") as f:
            f.write(key.private_bytes(serialization.Encoding.PEM,
                                      serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    pub = key.public_key().public_numbers()
    jwks = {"keys": [{"kty": "RSA", "kid": KID, "alg": "RS256", "use": "sig",
                      "n": uint(pub.n), "e": uint(pub.e)}]}
    with open(os.path.join(out, "jwks.json"), "w") as f:
        json.dump(jwks, f)
    header = b64(json.dumps({"alg": "RS256", "kid": KID, "typ": "JWT"}).encode())
    now = int(time.time())
    with open(os.path.join(out, f"tokens-{count}.txt"), "w") as f:
        for i in range(count):
            claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": f"bench-user-{i}", "jti": f"t{i}",
                      "iat": now, "exp": now + 3 * 3600}
            signing_input = header + "." + b64(json.dumps(claims).encode())
            sig = key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
            f.write(signing_input + "." + b64(sig) + "\n")


if __name__ == "__main__":
    main()
