// The connection form page: live validation, URI paste, file pickers through the host, Test and Save.
import './l10n';
import * as l10n from '@vscode/l10n';
import type { AuthMode, ConnectionProfile } from '../../core/types';
import {
  canKeepSecret,
  fieldsFromProfile,
  fillFromUri,
  isValid,
  syncSchemeToTls,
  toDraft,
  validateConnection,
  type ConnectionFieldName,
  type ConnectionFields,
  type SecretContext,
} from '../connectionModel';
import { AUTH_MODES, FLAVOR_CHOICES, PATH_FIELDS, RULE_PROFILE_CHOICES, TLS_MODES } from '../messages';
import { byId, onSubmit, setHidden, setText, showFieldError } from './dom';
import { readInit, request, vscodeApi } from './vscodeApi';

const TEXT_FIELDS = [
  'name',
  'uri',
  'database',
  'username',
  'password',
  'token',
  'caPath',
  'certPath',
  'keyPath',
  'serverName',
] as const;
const SECRET_FIELDS: readonly ConnectionFieldName[] = ['password', 'token'];
const LABELS: Record<ConnectionFieldName, string> = {
  name: l10n.t('Name'),
  uri: l10n.t('URI'),
  database: l10n.t('Database'),
  auth: l10n.t('Authentication'),
  username: l10n.t('Username'),
  password: l10n.t('Password'),
  token: l10n.t('Token'),
  tls: l10n.t('TLS'),
  caPath: l10n.t('CA certificate'),
  certPath: l10n.t('Client certificate'),
  keyPath: l10n.t('Client key'),
  serverName: l10n.t('Server name'),
  sessionOnly: l10n.t('Session only'),
  askSecret: l10n.t('Ask on connect'),
  ruleProfile: l10n.t('Rules'),
  flavor: l10n.t('Server type'),
};

interface InitData {
  profile?: Omit<ConnectionProfile, 'id'>;
  hasStoredSecret: boolean;
  /** The names of the other saved connections: a name that repeats one is refused as it is typed. */
  otherNames: string[];
}

function initData(): InitData {
  const raw = readInit();
  if (typeof raw !== 'object' || raw === null) return { hasStoredSecret: false, otherNames: [] };
  const data = raw as Partial<InitData>;
  const otherNames = Array.isArray(data.otherNames)
    ? data.otherNames.filter((n): n is string => typeof n === 'string')
    : [];
  return { profile: data.profile, hasStoredSecret: data.hasStoredSecret === true, otherNames };
}

const init = initData();
const secretContext: SecretContext = { hasStoredSecret: init.hasStoredSecret, storedAuth: init.profile?.auth };

const text = Object.fromEntries(TEXT_FIELDS.map((id) => [id, byId(id, HTMLInputElement)])) as Record<
  (typeof TEXT_FIELDS)[number],
  HTMLInputElement
>;
const auth = byId('auth', HTMLSelectElement);
const tls = byId('tls', HTMLSelectElement);
const ruleProfile = byId('ruleProfile', HTMLSelectElement);
const flavor = byId('flavor', HTMLSelectElement);
const sessionOnly = byId('sessionOnly', HTMLInputElement);
const askSecret = byId('askSecret', HTMLInputElement);
const form = byId('connection-form', HTMLElement);
const testButton = byId('test', HTMLButtonElement);
const saveButton = byId('save', HTMLButtonElement);

let busy = false;
const touched = new Set<ConnectionFieldName>();

function pick<T extends string>(value: string, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

function read(): ConnectionFields {
  const fields = Object.fromEntries(TEXT_FIELDS.map((id) => [id, text[id].value])) as Record<
    (typeof TEXT_FIELDS)[number],
    string
  >;
  return {
    ...fields,
    auth: pick(auth.value, AUTH_MODES, 'none'),
    tls: pick(tls.value, TLS_MODES, 'off'),
    ruleProfile: pick(ruleProfile.value, RULE_PROFILE_CHOICES, 'auto'),
    flavor: pick(flavor.value, FLAVOR_CHOICES, 'auto'),
    sessionOnly: sessionOnly.checked,
    askSecret: askSecret.checked,
  };
}

function write(fields: ConnectionFields): void {
  for (const id of TEXT_FIELDS) if (text[id].value !== fields[id]) text[id].value = fields[id];
  auth.value = fields.auth;
  tls.value = fields.tls;
  ruleProfile.value = fields.ruleProfile;
  flavor.value = fields.flavor;
  sessionOnly.checked = fields.sessionOnly;
  askSecret.checked = fields.askSecret;
}

/** Webview state survives the panel being hidden; it never holds the password or token. */
function saveState(fields: ConnectionFields): void {
  const safe: Partial<ConnectionFields> = { ...fields };
  for (const key of SECRET_FIELDS) delete safe[key];
  vscodeApi.setState({ fields: safe, touched: [...touched] });
}

function restoreState(): ConnectionFields | undefined {
  const state = vscodeApi.getState();
  if (typeof state !== 'object' || state === null || !('fields' in state)) return undefined;
  const saved = state.fields as Record<string, unknown>;
  const fields = fieldsFromProfile(init.profile);
  for (const key of Object.keys(fields) as ConnectionFieldName[]) {
    if (SECRET_FIELDS.includes(key) || typeof saved[key] !== typeof fields[key]) continue;
    (fields as unknown as Record<string, unknown>)[key] = saved[key];
  }
  if ('touched' in state && Array.isArray(state.touched)) {
    for (const key of state.touched)
      if (typeof key === 'string' && key in LABELS) touched.add(key as ConnectionFieldName);
  }
  return fields;
}

function showSecretHints(mode: AuthMode, ask: boolean): void {
  const keep = canKeepSecret(secretContext, mode);
  for (const id of ['password', 'token'] as const) {
    text[id].placeholder = ask
      ? l10n.t('optional — only for Test')
      : keep
        ? l10n.t('stored in keychain — leave empty to keep')
        : '';
    setText(
      `${id}-hint`,
      ask
        ? l10n.t('Optional: used only by Test. Connecting asks for it; it is never stored.')
        : keep
          ? l10n.t('Stored in the keychain — leave empty to keep.')
          : '',
    );
  }
  // Not meaningful without a secret.
  setHidden('askSecret-field', mode === 'none');
  askSecret.disabled = mode === 'none';
  setText(
    'askSecret-label',
    mode === 'token'
      ? l10n.t('Ask for the token on each connect (never stored)')
      : l10n.t('Ask for the password on each connect (never stored)'),
  );
}

function update(): void {
  const fields = read();
  setHidden('username-field', fields.auth !== 'password');
  setHidden('password-field', fields.auth !== 'password');
  setHidden('token-field', fields.auth !== 'token');
  setHidden('caPath-field', fields.tls === 'off');
  setHidden('certPath-field', fields.tls !== 'mutual');
  setHidden('keyPath-field', fields.tls !== 'mutual');
  setHidden('serverName-field', fields.tls === 'off');
  showSecretHints(fields.auth, fields.askSecret);

  const errors = validateConnection(fields, secretContext, init.otherNames);
  for (const id of Object.keys(LABELS) as ConnectionFieldName[])
    showFieldError(id, touched.has(id) ? errors[id] : undefined);
  const invalid = Object.keys(errors) as ConnectionFieldName[];
  const missing = invalid.map((id) => LABELS[id]).join(l10n.t(', '));
  setText('form-hint', invalid.length ? l10n.t('To continue, complete: {0}.', missing) : '');
  const ok = isValid(errors);
  testButton.disabled = busy || !ok;
  saveButton.disabled = busy || !ok;
  saveState(fields);
}

function showOutcome(error: string, status: string): void {
  setText('form-error', error);
  setText('form-status', status);
}

async function run(kind: 'test' | 'save'): Promise<void> {
  const fields = read();
  if (busy || !isValid(validateConnection(fields, secretContext, init.otherNames))) return;
  busy = true;
  showOutcome('', kind === 'test' ? l10n.t('Testing the connection…') : l10n.t('Saving…'));
  update();
  try {
    const result = await request({ type: kind, draft: toDraft(fields, secretContext) });
    if (result.ok) showOutcome('', kind === 'test' ? (result.text ?? l10n.t('Connected.')) : l10n.t('Saved.'));
    else showOutcome(result.error, '');
  } finally {
    busy = false;
    update();
  }
}

function applyUri(): void {
  const filled = fillFromUri(read(), text.uri.value);
  if (filled) write(filled);
  update();
}

write(restoreState() ?? fieldsFromProfile(init.profile));
if (init.profile) for (const id of Object.keys(LABELS) as ConnectionFieldName[]) touched.add(id);

form.addEventListener('input', (event) => {
  if (event.target instanceof HTMLElement && event.target.id in LABELS)
    touched.add(event.target.id as ConnectionFieldName);
  update();
});
form.addEventListener('focusout', (event) => {
  if (event.target instanceof HTMLElement && event.target.id in LABELS)
    touched.add(event.target.id as ConnectionFieldName);
  update();
});
text.uri.addEventListener('paste', () => setTimeout(applyUri, 0));
text.uri.addEventListener('change', applyUri);
tls.addEventListener('change', () => {
  write(syncSchemeToTls(read()));
  update();
});
for (const field of PATH_FIELDS) {
  byId(`${field}-browse`, HTMLButtonElement).addEventListener('click', () => {
    void request({ type: 'browse', field }).then((result) => {
      if (result.ok && result.text) {
        text[field].value = result.text;
        touched.add(field);
        update();
      }
    });
  });
}
testButton.addEventListener('click', () => void run('test'));
onSubmit(form, saveButton, () => void run('save'));
update();
