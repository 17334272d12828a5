/** The one stylesheet of every public page; its colours and type match the emails. */
export const stylesheet = `
:root { color-scheme: light dark; --bg: #f4f1ec; --card: #ffffff; --ink: #2b2a28; --muted: #5f5a52;
  --accent: #3f6152; --accent-ink: #ffffff; --line: #e2dbcf; --soft: #efe9df; --error: #9b2c22; --ok: #2f5a47; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1c1d1c; --card: #262826; --ink: #ebe7df; --muted: #c2bcb1; --accent: #9fd0b9;
    --accent-ink: #142019; --line: #3a3d3a; --soft: #303330; --error: #ffb4a9; --ok: #9fd0b9; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 17px/1.6 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; }
a { color: var(--ok); }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: var(--card); padding: 8px; z-index: 20; }
.quick-exit { position: sticky; top: 0; z-index: 10; display: flex; flex-flow: row-reverse wrap;
  align-items: center; gap: 4px 12px; padding: 8px 12px; background: var(--bg); }
.quick-exit a { display: inline-flex; align-items: center; justify-content: center; min-height: 48px;
  padding: 10px 18px; border: 2px solid var(--accent); border-radius: 8px; background: var(--card);
  color: var(--ink); font-weight: 600; text-decoration: none; box-shadow: 0 1px 3px rgba(0, 0, 0, .15); }
.quick-exit a:hover { background: var(--soft); }
.quick-exit-hint { color: var(--muted); font-size: 14px; }
.quick-exit-hint[hidden] { display: none; }
html:has(.quick-exit) { scroll-padding-top: 80px; }
@media (max-width: 599px) {
  .quick-exit a { flex: 1; }
  .quick-exit-hint { display: none; }
}
@media (min-width: 1160px) {
  .quick-exit { position: fixed; top: 12px; right: 12px; flex-direction: column; align-items: flex-end;
    padding: 0; background: none; }
  html:has(.quick-exit) { scroll-padding-top: 0; }
}
@media print { .quick-exit { display: none; } }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header.site, footer.site { max-width: 640px; margin: 0 auto; padding: 20px 20px 0; color: var(--muted); font-size: 15px; }
header.site a { color: inherit; text-decoration: none; font-weight: 600; letter-spacing: .02em; }
main { max-width: 640px; margin: 12px auto; padding: 28px 24px; background: var(--card); border-radius: 12px; }
footer.site { padding-bottom: 32px; font-size: 13px; }
h1, h2 { font-family: Georgia, "Times New Roman", serif; font-weight: normal; line-height: 1.25; }
h1 { font-size: 30px; margin: 0 0 12px; }
h2 { font-size: 22px; margin: 28px 0 8px; }
p { margin: 0 0 14px; }
.lede { color: var(--muted); }
form { margin: 16px 0 0; }
label { display: block; font-weight: 600; margin: 18px 0 6px; }
.hint { display: block; font-weight: normal; color: var(--muted); font-size: 15px; }
input[type=email], input[type=text], select, textarea { width: 100%; font: inherit; color: var(--ink);
  background: var(--card); border: 1px solid #8a8378; border-radius: 8px; padding: 10px 12px; }
textarea { min-height: 12em; resize: vertical; }
fieldset { border: 0; padding: 0; margin: 18px 0 0; }
legend { font-weight: 600; margin-bottom: 6px; }
.choice { display: flex; gap: 10px; align-items: baseline; font-weight: normal; margin: 8px 0; }
button, .button { display: inline-block; font: inherit; font-weight: 600; cursor: pointer; border: 0;
  border-radius: 8px; padding: 12px 22px; background: var(--accent); color: var(--accent-ink); text-decoration: none; margin-top: 20px; }
button.quiet { background: transparent; color: var(--ink); border: 1px solid var(--line); }
:focus-visible { outline: 3px solid #c78a2c; outline-offset: 2px; }
.notice { background: var(--soft); border-radius: 8px; padding: 12px 16px; margin: 0 0 18px; }
.errors { border-left: 4px solid var(--error); background: var(--soft); padding: 12px 16px; border-radius: 6px; margin: 0 0 18px; }
.errors li, .field-error { color: var(--error); }
.question { font-family: Georgia, "Times New Roman", serif; font-size: 21px; border-left: 3px solid var(--line); padding-left: 14px; }
.answer { white-space: pre-wrap; background: var(--soft); border-radius: 8px; padding: 12px 16px; }
.meta { color: var(--muted); font-size: 14px; }
.stage { border-top: 1px solid var(--line); padding-top: 8px; margin-top: 24px; }
.safety { font-size: 14px; color: var(--muted); }
.resources { list-style: none; padding: 0; margin: 0; }
.resource { border-top: 1px solid var(--line); padding: 10px 0 2px; }
.resource p { margin: 0 0 6px; }
.nowrap { white-space: nowrap; }
.bar { display: flex; justify-content: space-between; align-items: center; gap: 12px; }
.bar button, form.inline button { margin-top: 0; }
.clients { list-style: none; padding: 0; margin: 0; }
.client { border-top: 1px solid var(--line); padding: 12px 0; }
.client h2 { margin: 4px 0; font-size: 20px; }
.client dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 8px 0 0; font-size: 15px; }
.client dt { color: var(--muted); }
.client dd { margin: 0; }
progress { width: 60%; max-width: 240px; height: 10px; accent-color: var(--accent); vertical-align: middle; }
.mail-frame { width: 100%; height: 640px; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
.side-by-side { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.side-by-side h3 { margin: 8px 0 4px; font-weight: 600; }
@media (max-width: 560px) { .side-by-side { grid-template-columns: 1fr; } }
.note { margin: 18px 0; }
.note blockquote { white-space: pre-wrap; margin: 0; background: var(--soft); border-left: 3px solid var(--line); border-radius: 6px; padding: 12px 16px; }
.note figcaption { color: var(--muted); font-size: 14px; margin-top: 4px; }
form.unpair button { margin-top: 8px; }
`;
