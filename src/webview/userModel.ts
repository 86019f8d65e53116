// The user form's validation. Pure: used as you type in the browser and again by the host before `create`.
import { checkDescription, checkPassword, checkPasswordConfirmation, checkUsername } from '../core/rules';
import type { RuleProfileId } from '../core/types';

export interface UserFields {
  username: string;
  password: string;
  confirm: string;
  description?: string;
}

export interface UserErrors {
  username?: string;
  password?: string;
  confirm?: string;
  description?: string;
}

export function validateUser(f: UserFields, profile: RuleProfileId): UserErrors {
  const errors: UserErrors = {};
  const username = checkUsername(f.username, profile);
  if (username) errors.username = username.message;
  const password = checkPassword(f.password, profile);
  if (password) errors.password = password.message;
  const confirm = checkPasswordConfirmation(f.password, f.confirm);
  if (confirm) errors.confirm = confirm.message;
  const description = f.description ? checkDescription(f.description, 'user') : undefined;
  if (description) errors.description = description.message;
  return errors;
}

export function hasErrors(errors: UserErrors): boolean {
  return Object.values(errors).some((message) => message !== undefined);
}
