// Explain a Permission Error… (palette, user menu, and offered on any permission refusal a command meets): a pasted
// Milvus error text, or a user, an operation and where; the answer comes from src/core/access/explain.ts, shown as a
// report, with the smallest grant that fixes it one click (and one confirmation) away in the existing grant flow.
import * as vscode from 'vscode';
import {
  explain,
  questionFromText,
  UnknownUserError,
  type ExplainQuestion,
  type Explanation,
} from '../../core/access/explain';
import {
  EXPLANATION_COLUMNS,
  explanationLines,
  explanationMarkdown,
  explanationRows,
  grantLabel,
  noteText,
} from '../../core/access/explainRender';
import { parseDeniedText, type DeniedText } from '../../core/access/deniedText';
import { readAccessModel } from '../../core/access/explainRead';
import { needOn, rpcsOfOperation, sdkOperations } from '../../core/access/requests';
import { MilvusError } from '../../core/errors/milvusError';
import type { GrantSpec } from '../../core/types';
import { UserNode } from '../../tree/nodes/userNode';
import { openAccessReport } from '../../webview/accessReport';
import { reportWhere } from '../../webview/accessReportViews';
import type { AccessReportView } from '../../webview/accessReportMarkup';
import type { ActiveConnection } from '../kit/activeConnection';
import { commandArgs, type ConnectionRef } from '../kit/args';
import { Cancelled } from '../kit/cancelled';
import { COMMANDS } from '../kit/ids';
import { Flow } from '../kit/multiStep';
import { pickCollection, pickDatabase, pickOne, pickUser } from '../kit/pickers';
import type { CommandTable } from '../kit/registry';
import { resolveActiveConnection } from '../kit/resolvers';
import type { Services } from '../kit/services';

/** Tests and other commands: every field given means no picker. */
export interface ExplainArgs extends ConnectionRef {
  /** A Milvus refusal text; instead of user and operation. */
  errorText?: string;
  user?: string;
  /** An SDK method (`search`) or an RPC name. */
  operation?: string;
  dbName?: string;
  collectionName?: string;
  targetUser?: string;
  role?: string;
  /** Offer the fix without waiting for the notification's button (tests). */
  applyFix?: boolean;
}

export interface ExplainResult {
  explanation: Explanation;
  markdown: string;
  title: string;
  /** The grant sent after confirmation, if any. */
  granted?: GrantSpec;
}

/** The operations offered first: what users call most. */
const COMMON = [
  'search',
  'query',
  'insert',
  'upsert',
  'delete',
  'listCollections',
  'describeCollection',
  'createIndex',
  'loadCollection',
  'createCollection',
  'dropCollection',
  'listDatabases',
  'createDatabase',
  'listGrants',
  'createUser',
  'updatePassword',
];

async function pickOperation(): Promise<string> {
  const all = sdkOperations();
  const item = (op: string): { label: string; description: string; value: string } => ({
    label: op,
    description: (rpcsOfOperation(op) ?? []).join(', '),
    value: op,
  });
  return pickOne(
    [
      ...COMMON.filter((op) => all.includes(op)).map(item),
      { label: vscode.l10n.t('Every SDK method'), kind: vscode.QuickPickItemKind.Separator },
      ...all.filter((op) => !COMMON.includes(op)).map(item),
    ],
    vscode.l10n.t('Which operation was refused? Select the SDK method'),
  );
}

/** The rest of the question for an operation: the database, and the collection or user its requests name. */
async function askWhere(
  target: ActiveConnection,
  args: ExplainArgs,
  user: string,
  operation: string,
): Promise<ExplainQuestion> {
  const rpcs = rpcsOfOperation(operation);
  if (!rpcs) throw new MilvusError('invalidInput', vscode.l10n.t('Unknown operation "{0}".', operation));
  const flow = new Flow(undefined, 0);
  const needs = rpcs.map((rpc) => needOn(rpc, undefined).need);
  const dbName = args.dbName ?? (await pickDatabase(flow, target, false));
  const collection = needs.some((n) => n?.objectType === 'Collection')
    ? (args.collectionName ?? (await pickCollection(flow, target, dbName)))
    : args.collectionName;
  const targetUser = needs.some((n) => n?.objectType === 'User')
    ? (args.targetUser ??
      (await pickUser(target, { flow, placeholder: vscode.l10n.t('Select the user that {0} acts on', operation) })))
    : args.targetUser;
  return {
    user,
    operation,
    rpcs,
    dbName,
    ...(collection !== undefined ? { collectionName: collection } : {}),
    ...(targetUser !== undefined ? { targetUser } : {}),
    ...(args.role !== undefined ? { role: args.role } : {}),
  };
}

async function askErrorText(): Promise<string> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Explain a Permission Error'),
    prompt: vscode.l10n.t(
      'Paste the error text Milvus gave (for example "PrivilegeSearch: permission deny to alice in the `db1` database")',
    ),
    ignoreFocusOut: true,
  });
  if (!text) throw new Cancelled();
  return text;
}

function explanationView(expl: Explanation, where: string): AccessReportView {
  const [verdict] = explanationLines(expl);
  return {
    title: vscode.l10n.t('Explain · {0}', expl.question.operation),
    heading: verdict ?? '',
    summary: [
      vscode.l10n.t('On {where}. Roles of {user}: {roles}.', {
        where,
        user: expl.question.user,
        roles: expl.roles.length ? expl.roles.join(', ') : vscode.l10n.t('none'),
      }),
      ...expl.notes.map(noteText),
    ],
    columns: EXPLANATION_COLUMNS(),
    rows: explanationRows(expl),
    empty: vscode.l10n.t('Nothing to check.'),
    markdown: explanationMarkdown(expl),
    filterHint: vscode.l10n.t('Filter by request, privilege or role'),
  };
}

/** Asks, then sends the fix through the grant command (which grants given privileges without asking again). */
async function offerFix(services: Services, target: ActiveConnection, fix: GrantSpec): Promise<GrantSpec | undefined> {
  const action = vscode.l10n.t('Grant');
  const answer = await services.confirmations.ask(
    vscode.l10n.t('{0}?', grantLabel(fix)),
    vscode.l10n.t('The smallest grant that allows the refused request. Nothing is sent unless you confirm.'),
    action,
  );
  if (answer !== action) return undefined;
  const args = {
    id: target.profile.id,
    privilege: fix.privilege,
    dbName: fix.dbName,
    collectionName: fix.collectionName,
    ...(fix.role ? { role: fix.role } : {}),
  };
  return (await vscode.commands.executeCommand<GrantSpec | undefined>(COMMANDS.grantPrivilege, args)) ?? undefined;
}

type Asked = { question: ExplainQuestion } | { text: DeniedText };

async function ask(target: ActiveConnection, arg: unknown, args: ExplainArgs): Promise<Asked> {
  const node = arg instanceof UserNode ? arg : undefined;
  const byText =
    args.errorText !== undefined ||
    (!node &&
      args.user === undefined &&
      args.operation === undefined &&
      (await pickOne(
        [
          { label: vscode.l10n.t('$(clippy) Paste the error text'), value: true },
          { label: vscode.l10n.t('$(person) Pick a user and an operation'), value: false },
        ],
        vscode.l10n.t('What was refused?'),
      )));
  if (byText) return { text: parseDeniedText(args.errorText ?? (await askErrorText())) };
  const user =
    node?.user.name ??
    args.user ??
    (await pickUser(target, {
      flow: new Flow(undefined, 0),
      placeholder: vscode.l10n.t('Select the user that was refused'),
    }));
  const operation = args.operation ?? (await pickOperation());
  return { question: await askWhere(target, args, user, operation) };
}

/** The question a pasted text asks, once the server's release and the login are known. */
function textQuestion(text: DeniedText, args: ExplainArgs, version: string, login: string): ExplainQuestion {
  const given = {
    ...(args.user ? { user: args.user } : {}),
    ...(args.dbName ? { dbName: args.dbName } : {}),
    ...(args.collectionName ? { collectionName: args.collectionName } : {}),
  };
  const question = questionFromText(text, given, version, login);
  if (!question)
    throw new MilvusError(
      'invalidInput',
      vscode.l10n.t(
        'This is no Milvus permission refusal the extension knows: expected "permission deny", "privilege not permitted" or "invalid auth token".',
      ),
    );
  return question;
}

export const explainCommands: CommandTable = {
  [COMMANDS.explainPermissionError]: async (services: Services, arg): Promise<ExplainResult> => {
    const args = commandArgs<ExplainArgs>(arg);
    const target = await resolveActiveConnection(
      services,
      arg,
      vscode.l10n.t('Select the connection the refusal came from'),
    );
    const asked = await ask(target, arg, args);
    const { explanation, where } = await target.run(vscode.l10n.t('Reading users, roles and grants…'), async (api) => {
      const model = await readAccessModel(api);
      const text = 'text' in asked ? asked.text : undefined;
      const question = text
        ? textQuestion(text, args, model.serverVersion, api.info.user ?? '')
        : (asked as { question: ExplainQuestion }).question;
      try {
        return {
          explanation: explain(question, model, text),
          where: reportWhere(target.profile.name, api.info.version),
        };
      } catch (e) {
        if (e instanceof UnknownUserError)
          throw new MilvusError(
            'invalidInput',
            vscode.l10n.t('There is no user "{user}" on {server}.', {
              user: e.user,
              server: `"${target.profile.name}"`,
            }),
          );
        throw e;
      }
    });
    const view = explanationView(explanation, where);
    openAccessReport(services.context, view, (m) => services.log.warn(m));
    const [verdict] = explanationLines(explanation);
    target.log(verdict ?? '');
    const fix = explanation.steps.find((s) => s.fix)?.fix;
    const result: ExplainResult = { explanation, markdown: view.markdown, title: view.title };
    if (!fix) {
      void vscode.window.showInformationMessage(verdict ?? '');
      return result;
    }
    if (args.applyFix) {
      const granted = await offerFix(services, target, fix);
      return granted ? { ...result, granted } : result;
    }
    const button = vscode.l10n.t('Grant the Fix…');
    void vscode.window.showWarningMessage(`${verdict ?? ''} ${grantLabel(fix)}`, button).then((choice) => {
      if (choice === button) void offerFix(services, target, fix);
    });
    return result;
  },
};
