import { html } from 'hono/html';
import { type Perspective, perspectiveLabels, perspectives } from '../../domain/course';
import { DEFAULT_SEND_HOUR } from '../../domain/schedule';
import {
  checkedPhrase,
  emergencyPhrase,
  type HelpResources,
  helpResources,
  urgentKinds,
} from '../../help/resources';
import { resourceSections } from './help-resources-list';
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
  resources: HelpResources = helpResources,
): Html {
  const selectedPerspective = (values.perspective ?? 'mutual') as Perspective;
  return page(
    `Begin ${courseTitle}`,
    html`<h1>${courseTitle}</h1>
<p class="lede">A slow, private email course for finding your way back after trust has broken. One short stage arrives every few days at an hour you choose, each with a few questions to answer in your own journal.</p>
<p class="notice">If you are afraid of your partner, or your partner is afraid of you, this course is not the right place to start. <a href="#safety">Where to find help first</a>.</p>
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
<p class="meta">We’ll email you a link to confirm first. No tracking, no ads; unsubscribe from any email in one click.</p>

<section aria-labelledby="safety">
<h2 id="safety">Safety comes first</h2>
<p>Mend is for two people repairing hurt who can disagree without fear. Threats, monitoring used to control, control over money or friends, pressure around sex, or fear of the other’s reaction are not something to repair as a couple: talk to a domestic-abuse service first. If anyone is in danger now, call your local emergency number: ${emergencyPhrase(resources)}.</p>
${resourceSections(resources, urgentKinds, { full: false, headingLevel: 3 })}
<p class="meta">Checked ${checkedPhrase(resources)}; services change, so check before relying on one. <a href="/help">Every resource, what each offers, and how to read the course safely</a>.</p>
</section>`,
    { scripts: ['/assets/timezone.js'], quickExit: true },
  );
}

export function checkInboxPage(): Html {
  return page(
    'Check your inbox',
    html`<h1>Check your inbox</h1>
<p>If the address can receive this course, an email with a confirmation link is on its way. Open it and press <strong>Confirm</strong> to begin.</p>
<p class="meta">Nothing arrives? Look in your spam folder, or try again in a few minutes.</p>`,
    { quickExit: true },
  );
}
