/**
 * Picks the browser's time zone in the sign-up and manage forms. Without JavaScript the select
 * still works; this only saves a scroll.
 */
export const timezoneScript = `(function () {
  var select = document.getElementById('timezone');
  if (!select || select.getAttribute('data-detect') !== 'true') return;
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === zone) {
      select.value = zone;
      var note = document.getElementById('timezone-detected');
      if (note) note.textContent = 'Detected from your device: ' + zone + '.';
      return;
    }
  }
})();
`;
