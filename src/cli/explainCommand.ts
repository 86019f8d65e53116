// milvus-rbac explain: why a user may or may not do an operation, and the smallest grant that would allow it.
// Exit 0 allowed, 3 denied, 1 error.
import {
  explain,
  questionFromOperation,
  questionFromText,
  UnknownUserError,
  type ExplainQuestion,
} from '../core/access/explain';
import { explanationLines, explanationToJson } from '../core/access/explainRender';
import { parseDeniedText } from '../core/access/deniedText';
import { readAccessModel } from '../core/access/explainRead';
import { rpcsOfOperation } from '../core/access/requests';
import { MilvusError } from '../core/errors/milvusError';
import { UsageError } from './args';
import type { AnswerContext } from './answerContext';

export const EXPLAIN_EXIT = { allowed: 0, error: 1, denied: 3 } as const;

export const EXPLAIN_USAGE = `Usage: milvus-rbac explain --uri URI [--user NAME] [--for USER] (--op OPERATION | --error "TEXT")
                          [--collection [DB.]COLLECTION] [--db NAME] [--target-user NAME] [--role NAME] [--json]

  --for USER         the user asked about (default: the login user)
  --op OPERATION     an SDK method (search, insert, listCollections, describeCollection, createIndex, …) or an RPC
  --error "TEXT"     a Milvus refusal text instead of --op ("PrivilegeSearch: permission deny to alice in the \`db1\` database")
  --collection C     the collection the request names (db1.books sets the database too)
  --target-user U    the user a user request acts on (updatePassword, describeUser)
  --role R           the role a listGrants request reads

Exit codes: 0 allowed, 3 denied, 1 error.`;

const text = (v: string | boolean | undefined): string | undefined =>
  typeof v === 'string' && v.trim() ? v : undefined;

/** `db1.books` → database and collection (collection names cannot hold a dot); `books` → the collection alone. */
export function splitCollection(value: string | undefined): { dbName?: string; collectionName?: string } {
  if (value === undefined) return {};
  const dot = value.indexOf('.');
  return dot > 0 ? { dbName: value.slice(0, dot), collectionName: value.slice(dot + 1) } : { collectionName: value };
}

export async function runExplain({ values, out, connect, json }: AnswerContext): Promise<number> {
  const op = text(values.op);
  const errorText = text(values.error);
  if (!op === !errorText) throw new UsageError('Give --op OPERATION or --error "TEXT" (one of them).');
  const rpcs = op === undefined ? undefined : rpcsOfOperation(op);
  if (op !== undefined && !rpcs)
    throw new UsageError(
      `Unknown operation "${op}": use an SDK method name (search, insert, listCollections, …) or an RPC name.`,
    );
  const where = splitCollection(text(values.collection));
  const dbName = where.dbName ?? text(values.db);
  const { api, address } = await connect();
  const model = await readAccessModel(api);
  const loginUser = api.info.user ?? '';
  const user = text(values.for) ?? (errorText ? undefined : api.info.user);
  const targetUser = text(values['target-user']);
  const role = text(values.role);
  let question: ExplainQuestion | undefined;
  const denied = errorText === undefined ? undefined : parseDeniedText(errorText);
  if (denied) {
    question = questionFromText(
      denied,
      {
        ...(user ? { user } : {}),
        ...(dbName ? { dbName } : {}),
        ...(where.collectionName ? { collectionName: where.collectionName } : {}),
      },
      model.serverVersion,
      loginUser,
    );
    if (!question)
      throw new UsageError(
        'The text is no Milvus refusal this command knows (permission deny, privilege not permitted, invalid auth token).',
      );
  } else {
    if (!user)
      throw new UsageError('Name the user with --for: the login has no user name (token or no authentication).');
    question = questionFromOperation(op ?? '', {
      user,
      dbName: dbName ?? api.info.database,
      collectionName: where.collectionName,
      targetUser,
      role,
    });
  }
  if (!question?.user)
    throw new UsageError('Name the user with --for: the text names none and the login has no user name.');
  let explanation;
  try {
    explanation = explain(question, model, denied);
  } catch (e) {
    if (e instanceof UnknownUserError)
      throw new MilvusError('invalidInput', `There is no user "${e.user}" on ${address}.`);
    throw e;
  }
  if (json) out.json({ target: address, ...(explanationToJson(explanation) as object) });
  else for (const line of explanationLines(explanation)) out.line(line);
  return explanation.allowed ? EXPLAIN_EXIT.allowed : EXPLAIN_EXIT.denied;
}
