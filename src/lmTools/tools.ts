// The read-only tools the extension gives language-model assistants (package.json `languageModelTools`): registered
// at activation as plain objects; the SDK loads only when a tool is invoked and connects.
import * as vscode from 'vscode';
import { canUserDoTool } from './canUserDo';
import type { ToolServices } from './context';
import { effectivePrivilegesTool } from './effectivePrivileges';
import { explainDenialTool } from './explainDenial';
import { LM_TOOLS } from './names';
import { rbacHealthTool } from './rbacHealth';
import { whoCanTool } from './whoCan';

export type LanguageModelTools = Record<string, vscode.LanguageModelTool<object>>;

/** Registers every tool; returns them (the test API invokes them directly) and what unregisters them. */
export function registerLanguageModelTools(services: ToolServices): {
  tools: LanguageModelTools;
  disposable: vscode.Disposable;
} {
  const tools: LanguageModelTools = {
    [LM_TOOLS.whoCan]: whoCanTool(services),
    [LM_TOOLS.canUserDo]: canUserDoTool(services),
    [LM_TOOLS.effectivePrivileges]: effectivePrivilegesTool(services),
    [LM_TOOLS.explainDenial]: explainDenialTool(services),
    [LM_TOOLS.rbacHealth]: rbacHealthTool(services),
  };
  // Older hosts (or ones without chat) may lack the API: the rest of the extension works without it.
  if (typeof vscode.lm?.registerTool !== 'function')
    return { tools, disposable: new vscode.Disposable(() => undefined) };
  const registrations = Object.entries(tools).map(([name, tool]) => vscode.lm.registerTool(name, tool));
  return { tools, disposable: vscode.Disposable.from(...registrations) };
}
