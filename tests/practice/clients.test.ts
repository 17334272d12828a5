import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { firstLink, type Harness, linksIn, pathOf, startHarness } from '../support/harness';
import { acceptInvitation, type PracticeClient, signInPractice } from '../support/practice';

let h: Harness;
let ana: PracticeClient;
let other: PracticeClient;
let clientId: string;
const CLIENT = 'rowan@example.com';
const SHARED = 'What I can say to Ana: I felt unseen.';
const PRIVATE = 'Only for me: I am still angry.';

beforeAll(async () => {
  h = await startHarness();
  ana = await signInPractice(h, 'ana@clinic.example');
  other = await signInPractice(h, 'olu@another.example');
});
afterAll(async () => {
  await h.stop();
});

async function dashboard(practice: PracticeClient) {
  return (await practice.get('/practice')).text();
}

describe('a practitioner and a client', () => {
  it('enrolls a client, who gets an invitation naming the practitioner and nothing else', async () => {
    const enrolled = await ana.post('/practice/clients', {
      name: "Rowan O'Lee",
      email: CLIENT,
      cadenceDays: '2',
    });
    expect(enrolled.status).toBe(200);
    const page = await enrolled.text();
    expect(page).toContain('Invitation on its way');
    expect(page).toContain('Rowan O&#39;Lee');
    expect(page).toContain('Invited');
    clientId = /\/practice\/clients\/([\w-]+)/.exec(page)?.[1] as string;
    // Queued, not sent in the request: the dispatcher sends it at the send rate.
    expect(await h.mailTo(CLIENT)).toEqual([]);
    await runDispatch(h.ctx);
    const mail = await h.mailTo(CLIENT);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toBe('ana@clinic.example has invited you to Mend');
    h.clock.advance(24 * 5);
    await runDispatch(h.ctx);
    expect(await h.mailTo(CLIENT)).toHaveLength(1);
    // Sessions last 12 hours: sign in again after the days that just passed.
    ana = await signInPractice(h, 'ana@clinic.example');
    other = await signInPractice(h, 'olu@another.example');
  });

  it('adds no one twice', async () => {
    const again = await ana.post('/practice/clients', { name: 'Rowan Lee', email: CLIENT });
    expect(await again.text()).toContain('already in your practice');
    expect(await h.mailTo(CLIENT)).toHaveLength(1);
  });

  it('asks the client to choose a sharing default before anything starts', async () => {
    const invitation = (await h.mailTo(CLIENT))[0];
    const consent = await fetch(firstLink(invitation?.text ?? '', 'confirm'));
    expect(await consent.text()).toContain('Should ana@clinic.example see your answers?');
    const undecided = await h.postForm(pathOf(firstLink(invitation?.text ?? '', 'confirm')), {
      perspective: 'hurt',
      sendHour: '8',
      timezone: 'Europe/London',
    });
    expect(undecided.status).toBe(400);
    expect(await undecided.text()).toContain('Choose whether your answers are shared.');
    expect((await acceptInvitation(h, CLIENT, 'no')).status).toBe(200);
    await runDispatch(h.ctx);
    const mail = await h.mailTo(CLIENT);
    expect(mail).toHaveLength(2);
    expect(mail[1]?.subject).toContain('Welcome');
  });

  it('shows the sharing default on each reflection, and the practice sees only what was shared', async () => {
    const welcome = (await h.mailTo(CLIENT))[1];
    const [first, second] = linksIn(welcome?.text ?? '', 'reflect') as [string, string];
    const form = await (await fetch(first)).text();
    expect(form).toContain('name="share"');
    expect(form).not.toMatch(/name="share"\s+checked/);
    await h.postForm(pathOf(first), { answer: SHARED, share: 'on' });
    await h.postForm(pathOf(second), { answer: PRIVATE });
    expect(await (await fetch(first)).text()).toMatch(/name="share"\s+checked/);

    const list = await dashboard(ana);
    expect(list).toContain('Stage 1 of 11');
    expect(list).toMatch(/<dt>Shared answers<\/dt><dd>1<\/dd>/);
    expect(list).toContain('Active');
    const detail = await (await ana.get(`/practice/clients/${clientId}`)).text();
    expect(detail).toContain(SHARED);
    expect(detail).not.toContain(PRIVATE);
    expect(detail).not.toContain('still angry');
  });

  it('keeps every client of one practice out of another’s sight', async () => {
    expect(await dashboard(other)).not.toContain('Rowan');
    expect((await other.get(`/practice/clients/${clientId}`)).status).toBe(404);
    expect((await other.post(`/practice/clients/${clientId}`, { action: 'pause' })).status).toBe(
      404,
    );
    expect((await other.post(`/practice/clients/${clientId}`, { action: 'end' })).status).toBe(404);
    const enrollment = await h.ctx.store.enrollments.listForSubscriber(clientId);
    expect(enrollment[0]?.status).toBe('active');
  });

  it('pauses and resumes; ending it tells the client, and nothing more is sent', async () => {
    expect((await ana.post(`/practice/clients/${clientId}`, { action: 'pause' })).status).toBe(303);
    expect(await dashboard(ana)).toContain('Paused');
    expect((await ana.post(`/practice/clients/${clientId}`, { action: 'resume' })).status).toBe(
      303,
    );
    expect(
      (await ana.post(`/practice/clients/${clientId}`, { action: 'pace', cadenceDays: '20' }))
        .status,
    ).toBe(400);
    expect((await ana.post(`/practice/clients/${clientId}`, { action: 'end' })).status).toBe(303);
    const ended = (await h.mailTo(CLIENT)).at(-1);
    expect(ended?.subject).toBe('Your Mend course has been ended');
    expect(ended?.text).toContain('ana@clinic.example');
    const count = (await h.mailTo(CLIENT)).length;
    h.clock.advance(24 * 20);
    await runDispatch(h.ctx);
    expect(await h.mailTo(CLIENT)).toHaveLength(count);
    ana = await signInPractice(h, 'ana@clinic.example');
    expect(await dashboard(ana)).toContain('Ended');
  });

  it('shows a client who deleted their data as such, with nothing of theirs left', async () => {
    const journal = firstLink((await h.mailTo(CLIENT))[1]?.text ?? '', 'journal');
    expect((await h.postForm(`${pathOf(journal)}/delete`)).status).toBe(200);
    const list = await dashboard(ana);
    expect(list).toContain('Deleted their data');
    expect(list).not.toContain('Rowan');
    expect(list).not.toContain(CLIENT);
    const detail = await (await ana.get(`/practice/clients/${clientId}`)).text();
    expect(detail).not.toContain(SHARED);
    expect(JSON.stringify(await h.tableItems()).toLowerCase()).not.toContain('rowan');
  });
});
