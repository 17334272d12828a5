/**
 * Path parameters with their shape, so an address that cannot name a client never reaches a
 * handler (404), and `/clients/import` is never taken for a client's id.
 */
export const CLIENT_ID = ':id{[A-Za-z0-9_-]{22}}';
