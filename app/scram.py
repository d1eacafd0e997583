"""A PostgreSQL SCRAM-SHA-256 password verifier computed here, so a password never travels
to the server as SQL text (a failing statement is written to the server's log with its
arguments; `log_statement = ddl` logs every ALTER ROLE … PASSWORD).

The format is exactly what PostgreSQL stores in pg_authid (RFC 5802 / RFC 7677):
`SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`, base64. `ALTER ROLE … PASSWORD`
given such a string stores it as is.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import stringprep
import unicodedata

ITERATIONS = 4096  # PostgreSQL's default (scram_iterations)


def _saslprep(password: str) -> str:
    """RFC 4013 as PostgreSQL's pg_saslprep: a password it cannot prepare is used as is."""
    if password.isascii() and all(" " <= ch <= "~" for ch in password):
        return password
    mapped = "".join(" " if stringprep.in_table_c12(ch) else ch for ch in password
                     if not stringprep.in_table_b1(ch))
    text = unicodedata.normalize("NFKC", mapped)
    prohibited = (stringprep.in_table_c12, stringprep.in_table_c21_c22, stringprep.in_table_c3,
                  stringprep.in_table_c4, stringprep.in_table_c5, stringprep.in_table_c6,
                  stringprep.in_table_c7, stringprep.in_table_c8, stringprep.in_table_c9,
                  stringprep.in_table_a1)
    if not text or any(test(ch) for ch in text for test in prohibited):
        return password
    rtl = any(stringprep.in_table_d1(ch) for ch in text)  # RandALCat: first and last, no LCat
    if rtl and (not (stringprep.in_table_d1(text[0]) and stringprep.in_table_d1(text[-1]))
                or any(stringprep.in_table_d2(ch) for ch in text)):
        return password
    return text


def verifier(password: str, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    salt = salt if salt is not None else os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", _saslprep(password).encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"
