/** Every security header the site sets, each the same on every response of the origin. */
export const SECURITY_HEADERS = [
  'content-security-policy',
  'x-frame-options',
  'origin-agent-cluster',
  'strict-transport-security',
  'x-content-type-options',
  'referrer-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

/** A response's security headers, by name (null where one is missing). */
export const securityHeadersOf = (response: Response) =>
  Object.fromEntries(SECURITY_HEADERS.map((name) => [name, response.headers.get(name)]));
