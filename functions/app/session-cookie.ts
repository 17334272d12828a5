import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../services/practitioner-auth';

/**
 * The practitioner's session cookie: HttpOnly, SameSite=Lax, for the whole site. Outside local
 * mode it is Secure and named with the `__Host-` prefix, which a browser accepts only from a
 * secure origin, for path `/` and without a domain, so no other host can set or shadow it.
 * Plain-http local mode keeps the bare name, which browsers accept over http.
 */
export function sessionCookie(secure: boolean) {
  const prefix = secure ? ('host' as const) : undefined;
  return {
    name: secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE,
    read: (c: Context) => getCookie(c, SESSION_COOKIE, prefix),
    write: (c: Context, value: string, maxAge: number) =>
      setCookie(c, SESSION_COOKIE, value, {
        httpOnly: true,
        secure,
        sameSite: 'Lax',
        path: '/',
        maxAge,
        prefix,
      }),
    clear: (c: Context) => deleteCookie(c, SESSION_COOKIE, { path: '/', secure, prefix }),
  };
}
