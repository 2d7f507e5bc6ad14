"""Each member's key for a pair: one 32-byte secret in the OS keyring (service "mentor-tui",
user "sync-key:<pair-id>:<member-id>"), from which an Ed25519 signing key and an X25519
key are derived. The public halves travel in the member's key.json (and the inviter's in
pair.json); their fingerprint in the invite code. The secret never reaches the database,
the config, the sync state, a log or a message.

Without a usable keyring the secret comes from MENTOR_TUI_SYNC_KEY (base64 of 32 random
bytes, the same no-keyring rule as the WebDAV password); it is never made up for one run
only, since a key that changes at every run would be refused by the partner.

Encryption (docs/sync.md): X25519 between the two members' keys gives one pair key (HKDF);
each file is sealed with ChaCha20-Poly1305 under it, its nonce derived from the pair key,
the path and the content (so the same content gives the same bytes: no fresh ciphertext
for an unchanged record), the path as associated data (a file cannot pose as another)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from mentor_tui.sync import credentials
from mentor_tui.sync.canonical import SyncError, canonical_bytes

ENV_KEY = "MENTOR_TUI_SYNC_KEY"
KEY_FORMAT = "mentor-tui-key"
SEALED_MAGIC = b"mentor-tui-sealed-1\n"
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, size: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64")
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not base64") from None
    if size is not None and len(data) != size:
        raise ValueError("wrong length")
    return data


def _derive(secret: bytes, salt: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=info).derive(secret)


def normalize_fingerprint(text: str) -> str:
    """A fingerprint as typed or pasted: any separators, any case."""
    return re.sub(r"[^0-9a-f]", "", text.lower())


def show_fingerprint(fp: str) -> str:
    """Groups of four, for reading aloud and comparing: 3f9a-12bc-..."""
    return "-".join(fp[i : i + 4] for i in range(0, len(fp), 4)) if fp else "(none yet)"


@dataclass(frozen=True)
class PublicKey:
    sign: bytes  # Ed25519, 32 bytes
    box: bytes  # X25519, 32 bytes

    @property
    def fingerprint(self) -> str:
        """128 bits of sha256 over both halves, hex: what the invite and screens show."""
        return hashlib.sha256(b"mentor-tui key 1\0" + self.sign + self.box).hexdigest()[:32]

    def to_json(self) -> dict[str, str]:
        return {"sign": _b64(self.sign), "box": _b64(self.box)}

    @classmethod
    def from_json(cls, raw: object) -> PublicKey:
        if not isinstance(raw, dict):
            raise ValueError("not a key")
        return cls(_unb64(raw.get("sign"), 32), _unb64(raw.get("box"), 32))

    def verify(self, signature: bytes, data: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.sign).verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        return True


class KeyPair:
    """A member's private key for one pair (never printed: no secret in its repr)."""

    def __init__(self, secret: bytes, pair_id: str, member_id: str) -> None:
        salt = f"{pair_id}:{member_id}".encode()
        self._signing = Ed25519PrivateKey.from_private_bytes(_derive(secret, salt, b"sign"))
        self._box = X25519PrivateKey.from_private_bytes(_derive(secret, salt, b"box"))
        self.public = PublicKey(
            self._signing.public_key().public_bytes(*_RAW),
            self._box.public_key().public_bytes(*_RAW),
        )

    def __repr__(self) -> str:
        return f"KeyPair({self.public.fingerprint})"

    def sign(self, data: bytes) -> bytes:
        return self._signing.sign(data)  # Ed25519 is deterministic: same data, same bytes

    def pair_key(self, partner: PublicKey, pair_id: str) -> bytes:
        """The key both members derive (X25519 + HKDF) for the pair's sealed files."""
        shared = self._box.exchange(X25519PublicKey.from_public_bytes(partner.box))
        both = b"".join(sorted((self.public.box, partner.box)))
        return _derive(shared, pair_id.encode(), b"mentor-tui pair key 1\0" + both)


def key_file_bytes(member_id: str, key: KeyPair) -> bytes:
    """key.json in the member's folder: the public halves, signed by the key itself (which
    proves only possession; trust comes from the pinned fingerprint)."""
    body = {"format": KEY_FORMAT, "member_id": member_id, **key.public.to_json()}
    return canonical_bytes({**body, "signature": _b64(key.sign(canonical_bytes(body)))})


def parse_key_file(data: bytes, member_id: str) -> PublicKey:
    """A member's public key from key.json, or SyncError (one line)."""
    import json

    try:
        raw: Any = json.loads(data.decode("utf-8"))
        if not isinstance(raw, dict) or raw.get("format") != KEY_FORMAT:
            raise ValueError("not a key file")
        if raw.get("member_id") != member_id:
            raise ValueError("another member's key")
        public = PublicKey.from_json(raw)
        body = {k: v for k, v in raw.items() if k != "signature"}
        if not public.verify(_unb64(raw.get("signature")), canonical_bytes(body)):
            raise ValueError("bad self-signature")
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise SyncError("your partner's key.json on the remote is damaged") from None
    return public


# -- the secret in the keyring ---------------------------------------------------------------
def _account(pair_id: str, member_id: str) -> str:
    return f"sync-key:{pair_id}:{member_id}"


def _secret(pair_id: str, member_id: str) -> bytes | None:
    found = credentials.get_secret(_account(pair_id, member_id)) or os.environ.get(ENV_KEY)
    if not found:
        return None
    try:
        return _unb64(found.strip(), 32)
    except ValueError:
        raise SyncError(
            f"the sync key in the keyring (or {ENV_KEY}) is not 32 bytes of base64"
        ) from None


def load_key(pair_id: str, member_id: str, expected: str) -> KeyPair:
    """My key for the pair. expected: the fingerprint the sync state holds ("" = none yet:
    a new key is made and kept in the keyring)."""
    secret = _secret(pair_id, member_id)
    if secret is None and not expected:
        return new_key(pair_id, member_id)
    if secret is None:
        raise SyncError(
            f"your sync key for this pair (fingerprint {show_fingerprint(expected)}) is not "
            "in the keyring here; `mentor sync rekey` makes a new one, and your partner "
            "accepts it with `mentor sync trust-key`; nothing already taken in is lost"
        )
    key = KeyPair(secret, pair_id, member_id)
    if expected and key.public.fingerprint != expected:
        raise SyncError(
            f"the sync key in the keyring ({show_fingerprint(key.public.fingerprint)}) is not "
            f"the one this pair uses ({show_fingerprint(expected)}); `mentor sync rekey` "
            "makes a new one for the pair"
        )
    return key


def new_key(pair_id: str, member_id: str) -> KeyPair:
    """A fresh secret, kept in the keyring; without a usable one, SyncError."""
    secret = os.urandom(32)
    if not credentials.set_secret(_account(pair_id, member_id), _b64(secret)):
        from_env = _secret(pair_id, member_id)
        if from_env is None:
            raise SyncError(
                f"no usable keyring to keep your sync key; set {ENV_KEY} to 32 random "
                "bytes in base64 (docs/sync.md says how)"
            )
        secret = from_env
    return KeyPair(secret, pair_id, member_id)


# -- sealed files ----------------------------------------------------------------------------
def seal(pair_key: bytes, path: str, data: bytes) -> bytes:
    """ChaCha20-Poly1305; nonce from the pair key, path and content (the same input gives
    the same bytes, and two contents never share a nonce); the path is associated data."""
    nonce = hmac.new(pair_key, path.encode() + b"\0" + data, hashlib.sha256).digest()[:12]
    return SEALED_MAGIC + nonce + ChaCha20Poly1305(pair_key).encrypt(nonce, data, path.encode())


def is_sealed(data: bytes) -> bool:
    return data.startswith(SEALED_MAGIC)


def unseal(pair_key: bytes, path: str, data: bytes) -> bytes:
    """The content, or ValueError when it was not sealed for this pair at this path."""
    if not is_sealed(data) or len(data) < len(SEALED_MAGIC) + 12 + 16:
        raise ValueError("not sealed")
    body = data[len(SEALED_MAGIC) :]
    try:
        return ChaCha20Poly1305(pair_key).decrypt(body[:12], body[12:], path.encode())
    except InvalidTag:
        raise ValueError("not sealed for this pair") from None
