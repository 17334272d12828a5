import { QUICK_EXIT_URL } from '../quick-exit';

/**
 * "Leave this page quickly", with JavaScript: the link's click, or Escape pressed twice within a
 * second, blanks the page at once and *replaces* the current history entry with the neutral site,
 * so Back does not return to the private page. Without JavaScript the link still leaves, as a
 * plain link (one history entry more). The Escape hint is shown only here, where it is true.
 * Escape is ignored while an input method is composing, and when something on the page (a
 * native control) has already handled it.
 */
export const quickExitScript = `(function () {
  var target = ${JSON.stringify(QUICK_EXIT_URL)};
  var link = document.getElementById('quick-exit');
  if (!link) return;
  function leave() {
    document.body.hidden = true;
    window.location.replace(target);
  }
  link.addEventListener('click', function (event) {
    event.preventDefault();
    leave();
  });
  var hint = document.getElementById('quick-exit-hint');
  if (hint) {
    hint.hidden = false;
    link.setAttribute('aria-describedby', 'quick-exit-hint');
  }
  var last = -Infinity;
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' || event.repeat || event.isComposing || event.defaultPrevented) return;
    if (event.timeStamp - last <= 1000) leave();
    else last = event.timeStamp;
  });
})();
`;
