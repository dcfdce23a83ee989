// Where the framework's own log lines go: any object with pino's or the console's shape, the console by default.

/** `error` and `warn` take a message and optional details (an Error, an object), as console and pino do. */
export interface Logger {
  error(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
}

export const consoleLogger: Logger = console;
