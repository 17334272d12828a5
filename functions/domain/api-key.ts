/** A practice's API key as kept: never the key itself, only its hash. */
export interface ApiKey {
  practiceId: string;
  keyId: string;
  /** The non-secret start of the key, so a practitioner can tell their keys apart. */
  prefix: string;
  /** SHA-256 of the whole key, hex. */
  hash: string;
  /** The practitioner's own label, e.g. "CRM sync". */
  name?: string;
  createdAt: string;
  /** After this the key no longer works; without it, it works until revoked. */
  expiresAt?: string;
  /** Recorded at most about once an hour. */
  lastUsedAt?: string;
  revokedAt?: string;
}
