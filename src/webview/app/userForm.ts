// The create-user page: rules checked as you type, strength hint, generator, copy through the host, submit.
import './l10n';
import * as l10n from '@vscode/l10n';
import { generatePassword } from '../../core/rules/passwordGenerator';
import { passwordStrength } from '../../core/rules/passwordStrength';
import type { RuleProfileId } from '../../core/types';
import { RULE_PROFILE_CHOICES } from '../messages';
import { hasErrors, validateUser, type UserErrors } from '../userModel';
import { byId, onSubmit, setText, showFieldError } from './dom';
import { readInit, request, vscodeApi } from './vscodeApi';

interface InitData {
  profile: RuleProfileId;
  descriptionSupported: boolean;
  users: string[] | undefined;
}

function initData(): InitData {
  const raw = readInit();
  const data = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof InitData, unknown>>;
  const profile = RULE_PROFILE_CHOICES.find((id) => id !== 'auto' && id === data.profile) as RuleProfileId | undefined;
  const users = Array.isArray(data.users) ? data.users.filter((u): u is string => typeof u === 'string') : undefined;
  return { profile: profile ?? 'milvus-2.6', descriptionSupported: data.descriptionSupported === true, users };
}

const init = initData();
const form = byId('user-form', HTMLElement);
const username = byId('username', HTMLInputElement);
const password = byId('password', HTMLInputElement);
const confirm = byId('confirm', HTMLInputElement);
const description = init.descriptionSupported ? byId('description', HTMLInputElement) : undefined;
const roleBoxes = [...byId('roles', HTMLElement).querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
const reveal = byId('reveal', HTMLButtonElement);
const generate = byId('generate', HTMLButtonElement);
const copy = byId('copy', HTMLButtonElement);
const submit = byId('submit', HTMLButtonElement);

const touched = new Set<keyof UserErrors>();
let busy = false;
let copyStatusTimer: ReturnType<typeof setTimeout> | undefined;

function selectedRoles(): string[] {
  return roleBoxes.filter((box) => box.checked).map((box) => box.value);
}

/** Webview state survives the panel being hidden; it never holds the password. */
function saveState(): void {
  vscodeApi.setState({ username: username.value, description: description?.value ?? '', roles: selectedRoles() });
}

function restoreState(): void {
  const state = vscodeApi.getState();
  if (typeof state !== 'object' || state === null) return;
  const saved = state as Record<string, unknown>;
  if (typeof saved.username === 'string') username.value = saved.username;
  if (description && typeof saved.description === 'string') description.value = saved.description;
  if (Array.isArray(saved.roles)) {
    for (const box of roleBoxes) box.checked = saved.roles.includes(box.value);
  }
}

function setRevealed(revealed: boolean): void {
  password.type = revealed ? 'text' : 'password';
  confirm.type = revealed ? 'text' : 'password';
  reveal.textContent = revealed ? l10n.t('Hide') : l10n.t('Show');
  reveal.setAttribute('aria-pressed', String(revealed));
}

function showStrength(value: string): void {
  const strength = byId('strength', HTMLElement);
  strength.className = value ? `strength score-${passwordStrength(value).score}` : 'strength';
  strength.textContent = value ? l10n.t('Strength: {0}', passwordStrength(value).label) : '';
}

function currentErrors(): UserErrors {
  const fields = {
    username: username.value,
    password: password.value,
    confirm: confirm.value,
    description: description?.value,
  };
  return validateUser(fields, init.profile, init.users);
}

function update(): void {
  const errors = currentErrors();
  for (const id of ['username', 'password', 'confirm', 'description'] as const)
    showFieldError(id, touched.has(id) ? errors[id] : undefined);
  showStrength(password.value);
  submit.disabled = busy || hasErrors(errors);
  copy.disabled = !password.value;
  saveState();
}

function showCopyStatus(message: string): void {
  setText('copy-status', message);
  clearTimeout(copyStatusTimer);
  copyStatusTimer = setTimeout(() => setText('copy-status', ''), 4000);
}

async function create(): Promise<void> {
  if (busy || hasErrors(currentErrors())) return;
  busy = true;
  setText('server-error', '');
  update();
  try {
    const input = {
      username: username.value,
      password: password.value,
      roles: selectedRoles(),
      description: description?.value,
    };
    const result = await request({ type: 'create', input });
    // On success the host closes the panel.
    if (!result.ok) setText('server-error', result.error);
  } finally {
    busy = false;
    update();
  }
}

const isTracked = (id: string): id is keyof UserErrors =>
  id === 'username' || id === 'password' || id === 'confirm' || id === 'description';

restoreState();
form.addEventListener('input', (event) => {
  const id = event.target instanceof HTMLElement ? event.target.id : '';
  if (isTracked(id)) touched.add(id);
  update();
});
form.addEventListener('focusout', (event) => {
  const id = event.target instanceof HTMLElement ? event.target.id : '';
  if (isTracked(id) && event.target instanceof HTMLInputElement && event.target.value) touched.add(id);
  update();
});
reveal.addEventListener('click', () => setRevealed(password.type === 'password'));
generate.addEventListener('click', () => {
  const value = generatePassword(init.profile, (n) => crypto.getRandomValues(new Uint8Array(n)));
  password.value = value;
  confirm.value = value;
  setRevealed(true);
  touched.add('password');
  touched.add('confirm');
  update();
});
copy.addEventListener('click', () => {
  if (!password.value) return;
  void request({ type: 'copy', text: password.value }).then((result) =>
    showCopyStatus(result.ok ? l10n.t('Copied to the clipboard.') : result.error),
  );
});
onSubmit(form, submit, () => void create());
update();
