import { CONFIRM_TOKEN_TTL_MS, signToken } from './tokens';

/** Builds the signed links that go into emails and pages. */
export class Links {
  constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
  ) {}

  private url(path: string, token: string): string {
    return `${this.baseUrl}/${path}/${token}`;
  }

  /** A confirmation or invitation link; an invitation of a partner lasts `ttlMs` (14 days). */
  confirm(subscriberId: string, nonce: string, now: Date, ttlMs = CONFIRM_TOKEN_TTL_MS): string {
    const expiresAt = new Date(now.getTime() + ttlMs);
    return this.url(
      'confirm',
      signToken({ purpose: 'confirm', subscriberId, nonce, expiresAt }, this.secret),
    );
  }

  login(practiceId: string, nonce: string, expiresAt: Date): string {
    return this.url(
      'login',
      signToken({ purpose: 'login', subscriberId: practiceId, nonce, expiresAt }, this.secret),
    );
  }

  reflect(subscriberId: string, version: number, enrollmentId: string, questionId: string) {
    return this.url(
      'reflect',
      signToken(
        { purpose: 'reflect', subscriberId, version, enrollmentId, questionId },
        this.secret,
      ),
    );
  }

  journal(subscriberId: string, version: number): string {
    return this.url(
      'journal',
      signToken({ purpose: 'journal', subscriberId, version }, this.secret),
    );
  }

  manage(subscriberId: string, version: number): string {
    return this.url('manage', signToken({ purpose: 'manage', subscriberId, version }, this.secret));
  }

  /** The person's pairing page: invite the other person, see the pair, unpair. */
  partner(subscriberId: string, version: number): string {
    return this.url(
      'partner',
      signToken({ purpose: 'partner', subscriberId, version }, this.secret),
    );
  }

  unsubscribe(subscriberId: string, version: number): string {
    return this.url(
      'unsubscribe',
      signToken({ purpose: 'unsubscribe', subscriberId, version }, this.secret),
    );
  }
}
