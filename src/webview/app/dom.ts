// Tiny DOM helpers shared by the form pages.

export function byId<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`The form has no #${id} of the expected kind.`);
  return element;
}

/** Shows or clears the message under a field and marks the control invalid for assistive technology. */
export function showFieldError(id: string, message: string | undefined): void {
  const control = document.getElementById(id);
  const line = document.getElementById(`${id}-error`);
  if (line) line.textContent = message ?? '';
  if (control) {
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  }
}

export function setText(id: string, text: string): void {
  const element = document.getElementById(id);
  if (element) element.textContent = text;
}

export function setHidden(id: string, hidden: boolean): void {
  const element = document.getElementById(id);
  if (element) element.hidden = hidden;
}

/**
 * The forms are plain regions, not <form> elements (a submitted <form> with a password is a login to a browser's
 * password manager), so submitting is wired here: a click on `button`, or Enter in a text input of `region` while
 * `button` is enabled, as a form's implicit submission would.
 */
export function onSubmit(region: HTMLElement, button: HTMLButtonElement, submit: () => void): void {
  button.addEventListener('click', submit);
  region.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.key !== 'Enter' || event.isComposing || !(target instanceof HTMLInputElement)) return;
    if ((target.type !== 'text' && target.type !== 'password') || button.disabled) return;
    event.preventDefault();
    submit();
  });
}
