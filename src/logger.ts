// Where the framework's own log lines go: any object with pino's or the console's shape, the console by default.

/** `error` and `warn` take a message and optional details (an Error, an object), as console and pino do. */
export interface Logger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
}

export const consoleLogger: Logger = console;

/**
 * Connections (Redis clients, PostgreSQL pools, SQLite files) are shared by every app of the process, so their news
 * (an outage, a recovery) goes to one logger: that of the last app created with a `logger`, else the console.
 */
let connectionLogger: Logger = consoleLogger;

export function connectionLog(): Logger {
  return connectionLogger;
}

export function setConnectionLogger(logger: Logger): void {
  connectionLogger = logger;
}
