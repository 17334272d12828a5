import type { LogFields, Logger } from '../../functions/log';

export interface LogLine extends LogFields {
  level: string;
  message: string;
}

/** A logger that keeps its lines, so tests can check what would have been logged. */
export function memoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (message: string, fields: LogFields = {}) => {
      lines.push({ ...fields, level, message });
    };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}
