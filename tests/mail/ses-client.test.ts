import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { createSesClient, SES_LIMITS } from '../../functions/mail/ses-client';
import { startCountingServer } from '../support/silent-server';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const email = new SendEmailCommand({
  FromEmailAddress: 'course@mend.example.org',
  Destination: { ToAddresses: ['reader@example.com'] },
  Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } },
});

/**
 * Every attempt to send takes a send slot, so the SES client must never retry on its own: a
 * retry would send past the rate limit, or send twice what SES had already accepted.
 */
describe('the SES client sends once per call', () => {
  it.each([
    ['throttled', 429, 'TooManyRequestsException'],
    ['a server fault', 500, 'InternalFailure'],
  ])('%s: one request, and the error reaches the dispatcher', async (_, status, code) => {
    const server = await startCountingServer((response) => {
      response.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': code });
      response.end(JSON.stringify({ message: 'no' }));
    });
    const ses = createSesClient({ region: 'eu-west-1', endpoint: server.endpoint, credentials });
    try {
      await expect(ses.send(email)).rejects.toMatchObject({ name: code });
      expect(server.requests()).toBe(1);
    } finally {
      ses.destroy();
      await server.stop();
    }
  });

  it('an SES that never answers: one request, given up after the request timeout', {
    timeout: 15_000,
  }, async () => {
    const server = await startCountingServer();
    const ses = createSesClient({ region: 'eu-west-1', endpoint: server.endpoint, credentials });
    const started = performance.now();
    try {
      await expect(ses.send(email)).rejects.toThrow();
      expect(server.requests()).toBe(1);
      expect(performance.now() - started).toBeLessThan(SES_LIMITS.requestTimeoutMs + 1_000);
    } finally {
      ses.destroy();
      await server.stop();
    }
  });
});
