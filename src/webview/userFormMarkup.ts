// The create-user form's markup. Connection and role names come from the server: all escaped here.
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
    ? 'Optional. Check the roles to bind.'
    : 'There are no roles to bind yet; you can bind roles later.';
  const description = o.descriptionSupported
    ? field('description', 'Description', { control: textInput('description'), hint: 'Optional.' })
    : '';
  const password = `<div class="row">
          ${textInput('password', 'password')}
          <button type="button" class="secondary" id="reveal" aria-pressed="false" aria-controls="password confirm">Show</button>
        </div>
        <div id="strength" class="strength" aria-live="polite"></div>`;
  const passwordActions = `<div class="row buttons">
          <button type="button" class="secondary" id="generate">Generate strong password</button>
          <button type="button" class="secondary" id="copy" disabled>Copy password</button>
          <span id="copy-status" class="hint" role="status"></span>
        </div>`;
  return `    <main>
      <h1>Create user on ${escapeHtml(o.connectionName)}</h1>
      <p class="hint">Rules: ${escapeHtml(o.profileLabel)}</p>
      <div id="user-form" role="form" aria-label="New user">
      ${field('username', 'Username', { control: textInput('username', 'text', 'required') })}
      ${field('password', 'Password', { control: password, after: passwordActions })}
      ${field('confirm', 'Confirm password', { control: textInput('confirm', 'password', 'required') })}
      ${description}
      <div class="field" id="roles-field">
        <span class="label" id="roles-label">Roles</span>
        <div class="checklist" id="roles" role="group" aria-labelledby="roles-label" aria-describedby="roles-hint">
          ${roleBoxes}
        </div>
        <div class="hint" id="roles-hint">${escapeHtml(rolesHint)}</div>
      </div>
        <div id="server-error" class="banner error" role="alert"></div>
        <div class="actions">
          <button type="button" id="submit" disabled>Create user</button>
        </div>
      </div>
    </main>`;
}
