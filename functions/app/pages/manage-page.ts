import { html } from 'hono/html';
import type { Enrollment } from '../../domain/enrollment';
import { MAX_CADENCE_DAYS, MIN_CADENCE_DAYS } from '../../domain/schedule';
import type { ManageView } from '../../services/manage-view';
import { errorSummary, type Html, page } from './layout';
import { hourOptions, timeZoneSelect } from './time-zone-select';
import { unpairButton } from './unpair-button';

const STATUS_TEXT: Record<Enrollment['status'], string> = {
  active: 'Under way',
  paused: 'Paused: nothing will be sent until you resume',
  completed: 'Completed',
  unsubscribed: 'Unsubscribed',
  bounced: 'Stopped: emails to this address bounced',
  complained: 'Stopped: an email was marked as spam',
  ended: 'Ended by your practitioner',
};

function formatDue(dueAt: Date | undefined, timeZone: string): string {
  if (!dueAt) return '';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(dueAt);
}

export function managePage(
  view: ManageView,
  signOutUrl: string,
  options: { saved?: boolean; details?: Record<string, string> } = {},
): Html {
  const { subscriber, courses: enrollments, cadenceDays: cadence } = view;
  const { pair } = view;
  const anyActive = enrollments.some(({ enrollment }) => enrollment.status === 'active');
  // A pause the partner made is theirs to lift; the person can unpair instead.
  const anyPaused = enrollments.some(
    ({ enrollment }) =>
      enrollment.status === 'paused' && !(pair && enrollment.pausedBy === 'partner'),
  );
  return page(
    'Your course settings',
    html`<h1>Your course settings</h1>
${options.saved ? html`<p class="notice" role="status">Saved. The change applies from the next email.</p>` : ''}
${errorSummary(options.details)}
${enrollments.map(
  ({ enrollment, courseTitle, stageCount }) => html`<h2>${courseTitle}</h2>
<p>${pair && enrollment.status === 'paused' && enrollment.pausedBy === 'partner' ? 'Paused by your partner: nothing will be sent to either of you until they resume' : STATUS_TEXT[enrollment.status]}. ${Math.min(enrollment.nextStage, stageCount)} of ${stageCount} stages sent.
${enrollment.status === 'active' && enrollment.dueAt ? html`Next email: ${formatDue(enrollment.dueAt, enrollment.timeZone)} (${enrollment.timeZone}).` : ''}</p>`,
)}
${
  anyActive
    ? html`<form method="post"><input type="hidden" name="action" value="pause"><button type="submit" class="quiet">Pause the course</button></form>`
    : ''
}
${
  anyPaused
    ? html`<form method="post"><input type="hidden" name="action" value="resume"><button type="submit">Resume where I left off</button></form>`
    : ''
}
${
  pair
    ? html`<p>You are taking the course with your partner. <a href="${view.partnerUrl}">Your partner page</a></p>
${unpairButton(view.partnerUrl)}`
    : html`<p><a href="${view.partnerUrl}">Take the course with your partner</a></p>`
}
<h2>Pace and time</h2>
${pair ? html`<p class="hint">While you take the course together, you share one pace: every ${pair.cadenceDays === 1 ? 'day' : `${pair.cadenceDays} days`}. Your hour and time zone stay your own.</p>` : ''}
<form method="post">
  <input type="hidden" name="action" value="settings">
  <label for="cadenceDays">Days between stages</label>
  <select id="cadenceDays" name="cadenceDays">
  ${Array.from(
    { length: MAX_CADENCE_DAYS - MIN_CADENCE_DAYS + 1 },
    (_, i) => i + MIN_CADENCE_DAYS,
  ).map(
    (days) =>
      html`<option value="${days}" ${days === cadence ? 'selected' : ''}>Every ${days === 1 ? 'day' : `${days} days`}</option>`,
  )}
  </select>
  <label for="sendHour">Hour of arrival</label>
  <select id="sendHour" name="sendHour">${hourOptions(subscriber.sendHour)}</select>
  <label for="timezone">Time zone</label>
  ${timeZoneSelect(subscriber.timeZone, false)}
  <button type="submit">Save settings</button>
</form>
<h2>Your words</h2>
<p><a href="${view.journalUrl}">Open your journal</a></p>
<p><a href="${view.unsubscribeUrl}">Unsubscribe from all emails</a></p>
<h2>Your links</h2>
<p>If someone else may have seen one of your emails, you can make every link in them stop working. We’ll email you new ones straight away.</p>
<form method="post" action="${signOutUrl}"><button type="submit" class="quiet">Sign out of all links</button></form>`,
    { quickExit: true },
  );
}
