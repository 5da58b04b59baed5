// The user's own desktop shortcuts: pages with optional titles and uploaded icons, in order.

import { html } from '../html.js';
import * as auth from '../api/auth.js';
import { desktopChanged, loadDesktop } from '../desktop.js';
import { shortcutEditor } from '../shortcut-editor.js';
import { show, toast } from '../ui.js';

export async function render(root, _params, { isCurrent }) {
  let desktop = await loadDesktop();
  if (!isCurrent()) return;
  show(
    root,
    html`<section class="personal-shortcuts">
      <p class="hint muted" data-i18n="shortcuts.help"></p>
      <div id="shortcut-editor"></div>
    </section>`,
  );
  // The user's own background stays theirs; without own choices the default stays the default.
  const background = () => (desktop.customBackground ? desktop.background?.fileId ?? null : null);
  const editor = shortcutEditor(root.querySelector('#shortcut-editor'), {
    shortcuts: desktop.shortcuts,
    note: desktop.customShortcuts ? null : html`<p class="notice" data-i18n="shortcuts.usingDefaults"></p>`,
    save: async (shortcuts) => {
      await auth.saveDesktop({ backgroundFileId: background(), shortcuts });
      desktopChanged();
      desktop = await loadDesktop();
      toast('common.saved');
    },
    reset: async () => {
      await auth.saveDesktop({ backgroundFileId: background(), shortcuts: [] });
      desktopChanged();
      desktop = await loadDesktop();
      editor.setShortcuts(desktop.shortcuts);
      toast('common.saved');
    },
  });
}
