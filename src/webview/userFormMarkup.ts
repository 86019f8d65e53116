// The create-user form's markup. Connection and role names come from the server: all escaped here.
import { escapeHtml } from './html';
import { field, textInput } from './markup';

export interface UserFormMarkupOptions {
  connectionName: string;
  profileLabel: string;
  roles: readonly string[];
  descriptionSupported: boolean;
}

const MAX_VISIBLE_ROLES = 8;

export function userFormBody(o: UserFormMarkupOptions): string {
  const roleOptions = o.roles
    .map((role) => `<option value="${escapeHtml(role)}">${escapeHtml(role)}</option>`)
    .join('');
  const size = Math.max(2, Math.min(o.roles.length, MAX_VISIBLE_ROLES));
  const rolesHint = o.roles.length
    ? 'Optional. Click a role to select or unselect it.'
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
      ${field('roles', 'Roles', {
        control: `<select id="roles" name="roles" multiple size="${size}" aria-describedby="roles-hint">${roleOptions}</select>`,
        hint: rolesHint,
      })}
        <div id="server-error" class="banner error" role="alert"></div>
        <div class="actions">
          <button type="button" id="submit" disabled>Create user</button>
        </div>
      </div>
    </main>`;
}
