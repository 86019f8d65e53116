// The connection form's markup. Values are filled in by the page script from the init data (one source of truth).
// Texts go through l10n.t when the markup is built (on the host, configured at activation).
import * as l10n from '@vscode/l10n';
import { RULE_PROFILE_IDS, RULE_PROFILES } from '../core/rules/profiles';
import { escapeHtml } from './html';
import { field, select, textInput } from './markup';
import type { PathField } from './messages';

function pathLabels(id: PathField): { label: string; browse: string } {
  switch (id) {
    case 'caPath':
      return { label: l10n.t('CA certificate file'), browse: l10n.t('Browse for the CA certificate file') };
    case 'certPath':
      return { label: l10n.t('Client certificate file'), browse: l10n.t('Browse for the client certificate file') };
    case 'keyPath':
      return { label: l10n.t('Client key file'), browse: l10n.t('Browse for the client key file') };
  }
}

function pathField(id: PathField, hint: string): string {
  const { label, browse } = pathLabels(id);
  const control = `<div class="row">
          ${textInput(id)}
          <button type="button" class="secondary" id="${id}-browse" aria-label="${escapeHtml(browse)}">${escapeHtml(l10n.t('Browse…'))}</button>
        </div>`;
  return field(id, label, { control, hint, hidden: true });
}

export function connectionFormBody(title: string): string {
  const ruleProfiles = [
    { value: 'auto', label: l10n.t('Detect from the server version') },
    ...RULE_PROFILE_IDS.map((id) => ({ value: id, label: RULE_PROFILES[id].label })),
  ];
  return `    <main>
      <h1>${escapeHtml(title)}</h1>
      <div id="connection-form" role="form" aria-label="${escapeHtml(l10n.t('Connection'))}">
      <fieldset>
        <legend>${escapeHtml(l10n.t('Server'))}</legend>
      ${field('name', l10n.t('Name'), { control: textInput('name'), hint: l10n.t('Shown in the Milvus sidebar.') })}
      ${field('uri', l10n.t('URI'), {
        control: textInput('uri', 'text', 'placeholder="http://localhost:19530"'),
        hint: l10n.t(
          'http:// or https://, host and port (default 19530). Paste a full URI such as https://user@host:19530/db to fill the form.',
        ),
      })}
      ${field('database', l10n.t('Database'), { control: textInput('database', 'text', 'placeholder="default"') })}
      ${field('flavor', l10n.t('Server type'), {
        control: select('flavor', [
          { value: 'auto', label: l10n.t('Detect from the URI') },
          { value: 'milvus', label: l10n.t('Milvus (self-hosted or other)') },
          { value: 'zilliz-dedicated', label: l10n.t('Zilliz Cloud Dedicated') },
          { value: 'zilliz-serverless', label: l10n.t('Zilliz Cloud Serverless or Free') },
        ]),
        hint: l10n.t(
          'Zilliz Cloud protects its built-in user and roles and takes built-in privilege groups only; Serverless clusters manage access in the Zilliz Cloud console.',
        ),
      })}
      </fieldset>
      <fieldset>
        <legend>${escapeHtml(l10n.t('Authentication'))}</legend>
      ${field('auth', l10n.t('Method'), {
        control: select('auth', [
          { value: 'none', label: l10n.t('None') },
          { value: 'password', label: l10n.t('Username and password') },
          { value: 'token', label: l10n.t('Token or API key') },
        ]),
      })}
      ${field('username', l10n.t('Username'), { control: textInput('username'), hidden: true })}
      ${field('password', l10n.t('Password'), { control: textInput('password', 'password'), hidden: true })}
      ${field('token', l10n.t('Token or API key'), { control: textInput('token', 'password'), hidden: true })}
      </fieldset>
      <fieldset>
        <legend>${escapeHtml(l10n.t('TLS'))}</legend>
      ${field('tls', l10n.t('Mode'), {
        control: select('tls', [
          { value: 'off', label: l10n.t('Off') },
          { value: 'oneWay', label: l10n.t('One-way (verify the server)') },
          { value: 'mutual', label: l10n.t('Mutual (client certificate)') },
        ]),
      })}
      ${pathField('caPath', l10n.t("Optional. PEM file of the CA that signed the server's certificate; empty = system CAs."))}
      ${pathField('certPath', l10n.t('PEM file of the client certificate.'))}
      ${pathField('keyPath', l10n.t('PEM file of the client private key.'))}
      ${field('serverName', l10n.t('Server name'), {
        control: textInput('serverName'),
        hint: l10n.t("Optional. The name in the server's certificate, when it differs from the URI's host."),
        hidden: true,
      })}
      </fieldset>
      <fieldset>
        <legend>${escapeHtml(l10n.t('Options'))}</legend>
      ${field('ruleProfile', l10n.t('Naming and password rules'), { control: select('ruleProfile', ruleProfiles) })}
        <div class="field checkbox-field">
          <input type="checkbox" id="sessionOnly" name="sessionOnly" aria-describedby="sessionOnly-hint">
          <label for="sessionOnly">${escapeHtml(l10n.t('Keep for this session only'))}</label>
          <div class="hint" id="sessionOnly-hint">${escapeHtml(l10n.t('The connection and its secret are forgotten when VS Code closes.'))}</div>
        </div>
        <div class="field checkbox-field" id="askSecret-field">
          <input type="checkbox" id="askSecret" name="askSecret" aria-describedby="askSecret-hint">
          <label for="askSecret" id="askSecret-label">${escapeHtml(l10n.t('Ask for the password on each connect (never stored)'))}</label>
          <div class="hint" id="askSecret-hint">${escapeHtml(l10n.t('Connecting asks for it and keeps it in memory until VS Code closes; the field above is then used only by Test.'))}</div>
        </div>
      </fieldset>
        <div id="form-error" class="banner error" role="alert"></div>
        <div id="form-status" class="banner status" role="status" aria-live="polite"></div>
        <div class="actions">
          <span id="form-hint" class="hint"></span>
          <button type="button" id="test" class="secondary" disabled>${escapeHtml(l10n.t('Test connection'))}</button>
          <button type="button" id="save" disabled>${escapeHtml(l10n.t('Save'))}</button>
        </div>
      </div>
    </main>`;
}
