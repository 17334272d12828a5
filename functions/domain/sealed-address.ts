import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * An address sealed with a key only the emailed link can give: AES-256-GCM under a key derived
 * from the signing secret and the link's nonce. A sign-in request keeps its address this way, so
 * what is stored names nobody until the link is used.
 */
function keyFor(secret: string, nonce: string): Buffer {
  return createHmac('sha256', secret).update(`sealed-address:${nonce}`).digest();
}

export function sealAddress(address: string, secret: string, nonce: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, nonce), iv);
  const sealed = Buffer.concat([cipher.update(address, 'utf8'), cipher.final()]);
  return [iv, sealed, cipher.getAuthTag()].map((part) => part.toString('base64url')).join('.');
}

/** The address, or undefined when `sealed` was not sealed for this nonce (or was altered). */
export function openAddress(sealed: string, secret: string, nonce: string): string | undefined {
  const [iv, body, tag] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !body || !tag || iv.length !== 12 || tag.length !== 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, nonce), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
