import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTEXT_KEYS, InfraConfigError } from './config';

/** Enough to synthesize a dev stack from a fresh clone; never used for `stage=prod`. */
export const DEV_DEFAULTS: Record<string, string> = {
  senderDomain: 'mend.example.org',
  fromAddress: 'Mend <course@mend.example.org>',
  postalAddress: 'Mend, 1 Example Street, Exampleton',
};

/** Read when present; `-c config=<file>` names another (which then must exist). */
export const DEFAULT_CONFIG_FILE = 'mend.config.json';

/**
 * A deployment's settings as a JSON object of context keys, e.g. `mend.config.json`:
 * `{"stage": "prod", "senderDomain": "…", …}`. Unknown keys are refused, so a typo cannot
 * silently fall back to a default.
 */
export function readConfigFile(file: string, required: boolean): Record<string, unknown> {
  if (!existsSync(file)) {
    if (required) throw new InfraConfigError(`The config file ${file} does not exist.`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new InfraConfigError(`The config file ${file} is not valid JSON.`, { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InfraConfigError(`The config file ${file} must hold one JSON object.`);
  }
  const unknown = Object.keys(parsed).filter(
    (key) => !(CONTEXT_KEYS as string[]).includes(key) && key !== '$comment',
  );
  if (unknown.length > 0) {
    throw new InfraConfigError(
      `The config file ${file} has unknown keys: ${unknown.join(', ')}. Known keys: ${CONTEXT_KEYS.join(', ')}.`,
    );
  }
  const { $comment: _comment, ...values } = parsed as Record<string, unknown>;
  return values;
}

/**
 * The settings the app deploys with, most specific first: `-c key=value` on the command line,
 * then the config file, then (for `dev` only) the defaults that let a fresh clone synthesize.
 */
export function gatherContext(
  fromCommandLine: (key: string) => unknown,
  root = process.cwd(),
): Record<string, unknown> {
  const named = fromCommandLine('config');
  const file = readConfigFile(
    path.resolve(root, typeof named === 'string' && named ? named : DEFAULT_CONFIG_FILE),
    typeof named === 'string' && named !== '',
  );
  const given = Object.fromEntries(
    CONTEXT_KEYS.map((key) => [key, fromCommandLine(key)]).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  );
  const stage = given.stage ?? file.stage ?? 'dev';
  return { ...(stage === 'dev' ? DEV_DEFAULTS : {}), ...file, ...given };
}
