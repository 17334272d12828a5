/**
 * Where "Leave this page quickly" goes: a busy, neutral page that gives nothing away to someone
 * who walks in or glances at the screen, the same one the GOV.UK "Exit this page" component
 * uses. It is another site on purpose: nothing of Mend's (its name, a journal) stays on screen
 * or in the tab's title, and the browser's Back cannot return to a Mend page if the script ran
 * (see `assets/quick-exit-script.ts`).
 */
export const QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

/** The script that makes the exit replace the current history entry; served from `site.ts`. */
export const QUICK_EXIT_SCRIPT = '/assets/quick-exit.js';
