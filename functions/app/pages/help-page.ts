import { html } from 'hono/html';
import {
  checkedPhrase,
  emergencyPhrase,
  type HelpResources,
  resourceKinds,
} from '../../help/resources';
import { resourceSections } from './help-resources-list';
import { type Html, page } from './layout';

/** `GET /help`: where to find help, in full, linked from every email and every page. */
export function helpPage(resources: HelpResources): Html {
  return page(
    'Where to find help',
    html`<h1>Where to find help</h1>
<p class="notice"><strong>If you or anyone else is in danger now, call your local emergency number</strong>: ${emergencyPhrase(resources)}.</p>

<h2 id="not-the-right-tool">When this course is not the right tool</h2>
<p>Mend is for two people repairing hurt between them who can disagree without being afraid of each other. Abuse and coercive control are something else, a pattern in which one person frightens or controls the other, and a couples course can make them more dangerous. Signs of it:</p>
<ul>
  <li>monitoring used to control: demanding passwords, tracking, checking up on every move;</li>
  <li>controlling the money, or what the other may spend;</li>
  <li>cutting the other off from friends, family or work;</li>
  <li>threats, including to take the children or to self-harm to force a decision;</li>
  <li>pressure or force around sex;</li>
  <li>one person being afraid of how the other will react.</li>
</ul>
<p>The anxious checking that can follow a discovered betrayal is not the same thing. But if any of this is happening, talk to a domestic-abuse service before anything else; they also talk with people who are unsure whether what is happening counts. If you recognise these behaviours in yourself, there are lines for that too, and programmes that help people change.</p>

${resourceSections(resources, resourceKinds, { full: true, headingLevel: 2 })}

<h2 id="reading-safely">Reading safely</h2>
<p>Anyone who can open your email can open the links in Mend’s emails, and with them your journal. If you share an inbox or a device, or someone may look at yours:</p>
<ul>
  <li>use an email address that only you can open;</li>
  <li>read the course in a private browser window, and delete the emails you no longer need;</li>
  <li>if someone may have seen a link, use <strong>Sign out of all links</strong> on your course settings page: every earlier link stops working and new ones are sent to you.</li>
</ul>
<p>The <strong>Leave this page quickly</strong> link at the top of your course’s pages, and of this one, swaps the page for a weather forecast; with a keyboard, pressing Esc twice does the same. It does not clear your browsing history: a private window does that. Many helpline websites have a quick-exit button too and tell you how to hide a visit.</p>

<p class="meta">Every entry was checked ${checkedPhrase(resources)} against the page named beside it. Numbers and services change, so if one does not work, the directories at the top are the best place to start again.</p>`,
    { quickExit: true },
  );
}
