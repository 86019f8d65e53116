// The user form's validation. Pure: used as you type in the browser and again by the host before `create`.
import { takenNameMessage } from '../core/rules/newNames';
import { checkDescription, checkPassword, checkPasswordConfirmation, checkUsername } from '../core/rules/checks';
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

/** `existingUsers`: the names the server already has (undefined when they could not be listed). */
export function validateUser(f: UserFields, profile: RuleProfileId, existingUsers?: readonly string[]): UserErrors {
  const errors: UserErrors = {};
  const username = checkUsername(f.username, profile)?.message ?? takenNameMessage('user', f.username, existingUsers);
  if (username) errors.username = username;
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
