// The create-user form's markup. Connection and role names come from the server: all escaped here.
import * as l10n from '@vscode/l10n';
import { escapeHtml } from './html';
import { field, textInput } from './markup';

export interface UserFormMarkupOptions {
  connectionName: string;
  profileLabel: string;
  roles: readonly string[];
  descriptionSupported: boolean;
}

export function userFormBody(o: UserFormMarkupOptions): string {
  // Checkboxes, not a <select multiple>: Tab reaches each role and Space toggles it, with no modifier keys to know.
  const roleBoxes = o.roles
    .map(
      (role, i) =>
        `<label class="check"><input type="checkbox" id="role-${i}" name="roles" value="${escapeHtml(role)}"> ${escapeHtml(role)}</label>`,
    )
    .join('\n          ');
  const rolesHint = o.roles.length
    ? l10n.t('Optional. Check the roles to bind.')
    : l10n.t('There are no roles to bind yet; you can bind roles later.');
  const t = (message: string): string => escapeHtml(message);
  const description = o.descriptionSupported
    ? field('description', l10n.t('Description'), { control: textInput('description'), hint: l10n.t('Optional.') })
    : '';
  const password = `<div class="row">
          ${textInput('password', 'password')}
          <button type="button" class="secondary" id="reveal" aria-pressed="false" aria-controls="password confirm">${t(l10n.t('Show'))}</button>
        </div>
        <div id="strength" class="strength" aria-live="polite"></div>`;
  const passwordActions = `<div class="row buttons">
          <button type="button" class="secondary" id="generate">${t(l10n.t('Generate strong password'))}</button>
          <button type="button" class="secondary" id="copy" disabled>${t(l10n.t('Copy password'))}</button>
          <span id="copy-status" class="hint" role="status"></span>
        </div>`;
  return `    <main>
      <h1>${t(l10n.t('Create user on {0}', o.connectionName))}</h1>
      <p class="hint">${t(l10n.t('Rules: {0}', o.profileLabel))}</p>
      <div id="user-form" role="form" aria-label="${t(l10n.t('New user'))}">
      ${field('username', l10n.t('Username'), { control: textInput('username', 'text', 'required') })}
      ${field('password', l10n.t('Password'), { control: password, after: passwordActions })}
      ${field('confirm', l10n.t('Confirm password'), { control: textInput('confirm', 'password', 'required') })}
      ${description}
      <div class="field" id="roles-field">
        <span class="label" id="roles-label">${t(l10n.t('Roles'))}</span>
        <div class="checklist" id="roles" role="group" aria-labelledby="roles-label" aria-describedby="roles-hint">
          ${roleBoxes}
        </div>
        <div class="hint" id="roles-hint">${escapeHtml(rolesHint)}</div>
      </div>
        <div id="server-error" class="banner error" role="alert"></div>
        <div class="actions">
          <button type="button" id="submit" disabled>${t(l10n.t('Create user'))}</button>
        </div>
      </div>
    </main>`;
}
