import { html } from 'hono/html';
import { type Perspective, perspectiveLabels, perspectives } from '../../domain/course';
import { DEFAULT_SEND_HOUR } from '../../domain/schedule';
import { errorSummary, type Html, page } from './layout';
import { hourOptions, timeZoneSelect } from './time-zone-select';

export interface SignupFormValues {
  email?: string;
  name?: string;
  perspective?: string;
  sendHour?: number;
  timezone?: string;
}

function fieldError(details: Record<string, string> | undefined, field: string) {
  const message = details?.[field];
  return message ? html`<span class="field-error" id="${field}-error">${message}</span>` : '';
}

export function signupPage(
  courseTitle: string,
  values: SignupFormValues = {},
  details?: Record<string, string>,
): Html {
  const selectedPerspective = (values.perspective ?? 'mutual') as Perspective;
  return page(
    `Begin ${courseTitle}`,
    html`<h1>${courseTitle}</h1>
<p class="lede">A slow, private email course for finding your way back after trust has broken. One short stage arrives every few days at an hour you choose, each with a few questions to answer in your own journal.</p>
${errorSummary(details)}
<form method="post" action="/subscribe" novalidate>
  <label for="email">Your email address</label>
  ${fieldError(details, 'email')}
  <input type="email" id="email" name="email" autocomplete="email" required value="${values.email ?? ''}">

  <label for="name">Your first name <span class="hint">Optional. Used only to greet you.</span></label>
  ${fieldError(details, 'name')}
  <input type="text" id="name" name="name" autocomplete="given-name" maxlength="40" value="${values.name ?? ''}">

  <fieldset id="perspective">
    <legend>Where are you in this?</legend>
    <span class="hint">Some stages speak to each side differently. You can read it from any side.</span>
    ${fieldError(details, 'perspective')}
    ${perspectives.map(
      (perspective) =>
        html`<label class="choice"><input type="radio" name="perspective" value="${perspective}" ${perspective === selectedPerspective ? 'checked' : ''}> ${perspectiveLabels[perspective]}</label>`,
    )}
  </fieldset>

  <label for="sendHour">What time should each stage arrive? <span class="hint">On your own clock. Mornings work well for most people.</span></label>
  ${fieldError(details, 'sendHour')}
  <select id="sendHour" name="sendHour">${hourOptions(values.sendHour ?? DEFAULT_SEND_HOUR)}</select>

  <label for="timezone">Your time zone</label>
  ${fieldError(details, 'timezone')}
  ${timeZoneSelect(values.timezone ?? 'UTC', values.timezone === undefined)}

  <button type="submit">Send me the first step</button>
</form>
<p class="meta">We’ll email you a link to confirm first. No tracking, no ads; unsubscribe from any email in one click.</p>`,
    { scripts: ['/assets/timezone.js'] },
  );
}

export function checkInboxPage(): Html {
  return page(
    'Check your inbox',
    html`<h1>Check your inbox</h1>
<p>If the address can receive this course, an email with a confirmation link is on its way. Open it and press <strong>Confirm</strong> to begin.</p>
<p class="meta">Nothing arrives? Look in your spam folder, or try again in a few minutes.</p>`,
  );
}
