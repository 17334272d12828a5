import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs, one line per event. Callers pass ids and counts, never answer text,
 * tokens or full email addresses (use `maskEmail`).
 */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Lambda's invocation context, as Powertools reads it (request id, function name and version). */
export type InvocationContext = Parameters<PowertoolsLogger['addContext']>[0];

export interface LambdaLogger extends Logger {
  /** Adds the invocation's request id (and whether it is a cold start) to every line after it. */
  addContext(context: InvocationContext): void;
}

/**
 * AWS Lambda Powertools' logger: JSON lines with the level, the service, and after `addContext`
 * the request id and cold start. The level comes from the environment (`POWERTOOLS_LOG_LEVEL`, or
 * the function's application log level).
 */
export function lambdaLogger(serviceName: string): LambdaLogger {
  const logger = new PowertoolsLogger({ serviceName });
  return {
    info: (message, fields) => logger.info(message, { ...fields }),
    warn: (message, fields) => logger.warn(message, { ...fields }),
    error: (message, fields) => logger.error(message, { ...fields }),
    addContext: (context) => logger.addContext(context),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
