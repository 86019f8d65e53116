// The connection form's markup. Values are filled in by the page script from the init data (one source of truth).
import { RULE_PROFILE_IDS, RULE_PROFILES } from '../core/ruleProfiles';
import { escapeHtml } from './html';
import { field, select, textInput } from './markup';
import type { PathField } from './messages';

const PATH_LABELS: Record<PathField, string> = {
  caPath: 'CA certificate',
  certPath: 'Client certificate',
  keyPath: 'Client key',
};

function pathField(id: PathField, hint: string): string {
  const label = PATH_LABELS[id];
  const control = `<div class="row">
          ${textInput(id)}
          <button type="button" class="secondary" id="${id}-browse" aria-label="Browse for the ${label.toLowerCase()} file">Browse…</button>
        </div>`;
  return field(id, `${label} file`, { control, hint, hidden: true });
}

export function connectionFormBody(title: string): string {
  const ruleProfiles = [
    { value: 'auto', label: 'Detect from the server version' },
    ...RULE_PROFILE_IDS.map((id) => ({ value: id, label: RULE_PROFILES[id].label })),
  ];
  return `    <main>
      <h1>${escapeHtml(title)}</h1>
      <div id="connection-form" role="form" aria-label="Connection">
      <fieldset>
        <legend>Server</legend>
      ${field('name', 'Name', { control: textInput('name'), hint: 'Shown in the Milvus sidebar.' })}
      ${field('uri', 'URI', {
        control: textInput('uri', 'text', 'placeholder="http://localhost:19530"'),
        hint: 'http:// or https://, host and port (default 19530). Paste a full URI such as https://user@host:19530/db to fill the form.',
      })}
      ${field('database', 'Database', { control: textInput('database', 'text', 'placeholder="default"') })}
      </fieldset>
      <fieldset>
        <legend>Authentication</legend>
      ${field('auth', 'Method', {
        control: select('auth', [
          { value: 'none', label: 'None' },
          { value: 'password', label: 'Username and password' },
          { value: 'token', label: 'Token or API key' },
        ]),
      })}
      ${field('username', 'Username', { control: textInput('username'), hidden: true })}
      ${field('password', 'Password', { control: textInput('password', 'password'), hidden: true })}
      ${field('token', 'Token or API key', { control: textInput('token', 'password'), hidden: true })}
      </fieldset>
      <fieldset>
        <legend>TLS</legend>
      ${field('tls', 'Mode', {
        control: select('tls', [
          { value: 'off', label: 'Off' },
          { value: 'oneWay', label: 'One-way (verify the server)' },
          { value: 'mutual', label: 'Mutual (client certificate)' },
        ]),
      })}
      ${pathField('caPath', "Optional. PEM file of the CA that signed the server's certificate; empty = system CAs.")}
      ${pathField('certPath', 'PEM file of the client certificate.')}
      ${pathField('keyPath', 'PEM file of the client private key.')}
      ${field('serverName', 'Server name', {
        control: textInput('serverName'),
        hint: "Optional. The name in the server's certificate, when it differs from the URI's host.",
        hidden: true,
      })}
      </fieldset>
      <fieldset>
        <legend>Options</legend>
      ${field('ruleProfile', 'Naming and password rules', { control: select('ruleProfile', ruleProfiles) })}
        <div class="field checkbox-field">
          <input type="checkbox" id="sessionOnly" name="sessionOnly" aria-describedby="sessionOnly-hint">
          <label for="sessionOnly">Keep for this session only</label>
          <div class="hint" id="sessionOnly-hint">The connection and its secret are forgotten when VS Code closes.</div>
        </div>
        <div class="field checkbox-field" id="askSecret-field">
          <input type="checkbox" id="askSecret" name="askSecret" aria-describedby="askSecret-hint">
          <label for="askSecret">Ask for the <span id="askSecret-what">password</span> on each connect (never stored)</label>
          <div class="hint" id="askSecret-hint">Connecting asks for it and keeps it in memory until VS Code closes; the field above is then used only by Test.</div>
        </div>
      </fieldset>
        <div id="form-error" class="banner error" role="alert"></div>
        <div id="form-status" class="banner status" role="status" aria-live="polite"></div>
        <div class="actions">
          <span id="form-hint" class="hint"></span>
          <button type="button" id="test" class="secondary" disabled>Test connection</button>
          <button type="button" id="save" disabled>Save</button>
        </div>
      </div>
    </main>`;
}
